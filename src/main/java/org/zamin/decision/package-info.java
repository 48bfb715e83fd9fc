/**
 * The decision log: an append-only, hash-chained record of every state change (who, when, what, why), its public view
 * and its verifier. Features append inside the transaction of the change they record. Where each thing lives:
 * <ul>
 *   <li>the insert of an entry: the database function {@code decision_record} (db/migration/R__decision_record.sql),
 *       the one writer, called by {@link org.zamin.decision.DecisionLog} ({@code sql/decision/record.sql}) and by
 *       the hold functions in the database;</li>
 *   <li>the chain: {@code decision_canonical} (the text each hash covers) and the sealer {@code decision_seal}
 *       (R__decision_chain.sql), run by {@link org.zamin.decision.DecisionSealer}; the append-only triggers in
 *       R__decision_append_only.sql;</li>
 *   <li>the log's other queries: {@code sql/decision/*.sql}.</li>
 * </ul>
 */
package org.zamin.decision;
