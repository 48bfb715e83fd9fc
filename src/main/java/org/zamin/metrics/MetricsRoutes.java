package org.zamin.metrics;

import io.javalin.http.Context;

/**
 * {@code GET /metrics}: the metrics in the Prometheus text format (admins; a scraper presents an admin's API token as
 * its bearer token), and the recording of every answered request.
 */
public final class MetricsRoutes {

    private final Metrics metrics;

    public MetricsRoutes(Metrics metrics) {
        this.metrics = metrics;
    }

    /** Records one answered request ({@link org.zamin.http.RequestLog.Observer}). */
    public void answered(String method, String route, int status, double millis) {
        metrics.request(method, route, status, millis);
    }

    public void scrape(Context ctx) {
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
    }
}
