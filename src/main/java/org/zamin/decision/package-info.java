/**
 * The decision log: an append-only, hash-chained record of every state change (who, when, what, why), its
 * public view and its verifier. Features append inside the transaction of the change they record.
 */
package org.zamin.decision;
