package org.zamin.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.DiskSpaceMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.zamin.db.Database;
import org.zamin.decision.DecisionLog;
import org.zamin.idle.IdleScan;
import org.zamin.reservation.ReservationService;

/**
 * The service's metrics, one registry per server, scraped as Prometheus text: HTTP requests by route template,
 * the pools and their circuit breaker, the JVM and process, the hold desk, the decision sealer and the idle scan.
 * The names are listed in the README ("Metrics and alerting").
 */
public final class Metrics {

    /** The sealer's lag is read from the database at most this often, however often it is scraped. */
    static final Duration LAG_MEMORY = Duration.ofSeconds(5);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    public Metrics() {
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    /** The registry, for binders of other parts (the database's pools). */
    public MeterRegistry registry() {
        return registry;
    }

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

    /**
     * One answered HTTP request. {@code route} is the matched route's template ({@code /api/parcels/{id}}), never the
     * raw path, so the number of series stays bounded whatever clients ask for.
     */
    public void request(String method, String route, int status, double millis) {
        Timer.builder("http.server.requests")
                .description("HTTP requests answered, by method, route template and status")
                .tag("method", method).tag("route", route).tag("status", Integer.toString(status))
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry)
                .record((long) (millis * 1_000_000), TimeUnit.NANOSECONDS);
    }

    /** The database's pools (Hikari's figures) and the write pool's circuit breaker. */
    public void bindDatabase(Database database) {
        database.bindMetrics(registry);
    }

    /** Free and total space of the file system holding the data directory (the embedded cluster, keys, backups). */
    public void bindDisk(Path dataDir) {
        new DiskSpaceMetrics(dataDir.toAbsolutePath().toFile()).bindTo(registry);
    }

    /** The hold desk: applications waiting for the next batch, and how many each batch took together. */
    public void bindHoldDesk(ReservationService reservations) {
        Gauge.builder("zamin.holds.queued", reservations, ReservationService::holdsQueued)
                .description("Hold applications waiting for the hold desk's next batch").register(registry);
        DistributionSummary batches = DistributionSummary.builder("zamin.holds.batch.size")
                .description("Hold applications taken together in one transaction")
                .serviceLevelObjectives(1, 2, 5, 10, 25, 50, 100).register(registry);
        reservations.observeHoldBatches(batches::record);
    }

    /** The decision sealer's lag: entries not yet in the hash chain and the age of the oldest (NaN if unreadable). */
    public void bindSealer(DecisionLog decisions) {
        var lag = new SealingLagReader(decisions, LAG_MEMORY);
        Gauge.builder("zamin.decisions.unsealed", lag, r -> r.read().map(l -> (double) l.unsealed()).orElse(Double.NaN))
                .description("Decision-log entries not yet linked into the hash chain").strongReference(true)
                .register(registry);
        Gauge.builder("zamin.decisions.unsealed.oldest.age", lag,
                        r -> r.read().map(DecisionLog.SealingLag::oldestAgeSeconds).orElse(Double.NaN))
                .baseUnit("seconds").strongReference(true)
                .description("Age of the oldest decision-log entry not yet sealed (0 when none)").register(registry);
    }

    /** The idle scan on this server: runs by outcome, and when one last completed (epoch seconds; NaN before). */
    public void bindIdleScan(IdleScan scan) {
        for (String outcome : IdleScan.OUTCOMES) {
            FunctionCounter.builder("zamin.idle.scan.runs", scan, s -> s.runs(outcome))
                    .description("Idle scans on this server by outcome (skipped: another server held the lock)")
                    .tag("outcome", outcome).register(registry);
        }
        Gauge.builder("zamin.idle.scan.last.success", scan,
                        s -> s.lastSuccessAt().map(t -> t.toEpochMilli() / 1000.0).orElse(Double.NaN))
                .baseUnit("seconds")
                .description("When an idle scan last completed on this server (Unix time)").register(registry);
    }

    /** Every metric in the Prometheus text format. */
    public String scrape() {
        return registry.scrape();
    }
}
