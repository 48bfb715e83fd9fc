/**
 * Operational counters for operators, served as Prometheus text at {@code GET /metrics} (admins): what is worth
 * counting but not worth a permanent record, such as downloads by visitors.
 */
package org.zamin.metrics;
