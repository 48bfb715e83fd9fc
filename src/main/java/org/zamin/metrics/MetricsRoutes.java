package org.zamin.metrics;

import io.javalin.http.Context;

/** {@code GET /metrics}: the counters in the Prometheus text format (admins; scrapers use an admin's API token). */
public final class MetricsRoutes {

    private final Metrics metrics;

    public MetricsRoutes(Metrics metrics) {
        this.metrics = metrics;
    }

    public void scrape(Context ctx) {
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
    }
}
