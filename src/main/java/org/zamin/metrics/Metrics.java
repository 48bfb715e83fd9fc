package org.zamin.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** The service's counters, one registry per server, scraped as Prometheus text. */
public final class Metrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    /**
     * A plot export by a visitor (not signed in), by format: counted here instead of the decision log, which keeps
     * forever what it is given and would otherwise grow with every anonymous download.
     */
    public void anonymousExport(String format) {
        Counter.builder("zamin.exports.anonymous")
                .description("Plot exports by visitors who were not signed in")
                .tag("format", format)
                .register(registry)
                .increment();
    }

    /** An OGC API items request with a {@code filter}, by its {@code filter-lang} (shows what GIS clients send). */
    public void ogcFilter(String language) {
        Counter.builder("zamin.ogc.filters")
                .description("OGC API items requests with a filter, by filter language")
                .tag("lang", language)
                .register(registry)
                .increment();
    }

    /** Every counter in the Prometheus text format. */
    public String scrape() {
        return registry.scrape();
    }
}
