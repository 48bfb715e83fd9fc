/**
 * The decision log: an append-only, hash-chained record of every state change (who, when, what, why), its public view,
 * its signed checkpoints and its verifier. Features append inside the transaction of the change they record. Where each
 * thing lives:
 * <ul>
 *   <li>the insert of an entry: {@code decision_insert} (db/migration/R__decision_record.sql), reached by the service
 *       only through {@code decision_record}, which takes the time from the transaction and the actor from the
 *       session ({@code zamin.actor_id}/{@code zamin.actor_role}, set by {@link org.zamin.decision.DecisionLog} with
 *       {@code sql/decision/act_as.sql}), and by the hold function in the database, which names each hold's
 *       investor itself;</li>
 *   <li>signed checkpoints of the chain's head: {@link org.zamin.decision.DecisionCheckpoints} (table
 *       {@code decision_checkpoint}, V530, and the data directory's {@code decision-checkpoints.jsonl}), signed with
 *       the {@link org.zamin.decision.LogSigningKey} every few minutes by the
 *       {@link org.zamin.decision.DecisionSealer};</li>
 *   <li>the chain: {@code decision_canonical} (the text each hash covers) and the sealer {@code decision_seal}
 *       (R__decision_chain.sql), run by {@link org.zamin.decision.DecisionSealer}; the append-only triggers in
 *       R__decision_append_only.sql;</li>
 *   <li>legacy records (past events migrated from a paper register, appended now with the day they happened in their
 *       hashed details): {@link org.zamin.decision.DecisionLog#appendLegacy}, written only through
 *       {@code decision_record_legacy}; their rules (never after the day recorded, never on an ordinary entry) and the
 *       {@code decision_event} view (each entry's event and the time it happened) in R__decision_legacy.sql;</li>
 *   <li>the log's other queries: {@code sql/decision/*.sql}.</li>
 * </ul>
 */
package org.zamin.decision;
