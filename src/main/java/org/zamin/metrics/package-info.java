/**
 * What operators watch, served as Prometheus text at {@code GET /metrics} (admins): HTTP requests by route template,
 * the database pools and circuit breaker, the JVM, the disk, the hold desk's queue, the decision sealer's lag and the
 * idle scan's runs; and counts worth keeping but not worth a permanent record, such as downloads by visitors.
 */
package org.zamin.metrics;
