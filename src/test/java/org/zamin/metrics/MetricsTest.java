package org.zamin.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.zamin.decision.Actor;
import org.zamin.testing.Http;
import org.zamin.testing.TestServer;
import org.zamin.testing.TestUsers;

/** {@code /metrics} after traffic: requests by route template, the pools, the JVM, the hold desk, sealer and scan. */
class MetricsTest {

    private final String admin = TestUsers.admin().bearer();

    @Test
    void requestsAreCountedByRouteTemplateMethodAndStatusWithLatencyBuckets() {
        double before = value(scrape(), requests("GET", "/api/parcels/{id}", "404"));
        for (int i = 0; i < 3; i++) {
            assertEquals(404, Http.get("/api/parcels/" + (900_000_000 + i)).status());
        }
        assertEquals(200, Http.get("/api/estates").status());
        String text = scrape();
        assertEquals(before + 3, value(text, requests("GET", "/api/parcels/{id}", "404")), 1e-9,
                "three plots asked for, one series: the route's template, not each raw path");
        assertFalse(text.contains("route=\"/api/parcels/900000000\""), "no raw path becomes a label");
        assertTrue(value(text, requests("GET", "/api/estates", "200")) >= 1, text);
        assertTrue(text.contains("http_server_requests_seconds_bucket{method=\"GET\",route=\"/api/estates\","
                + "status=\"200\",le=\""), "a latency histogram for percentiles");
        assertTrue(value(text, "http_server_requests_seconds_sum{method=\"GET\",route=\"/api/estates\","
                + "status=\"200\"}") > 0, "time is recorded");
    }

    @Test
    void thePoolsTheBreakerAndTheJvmAreThere() {
        Http.get("/api/estates");
        String text = scrape();
        assertTrue(value(text, "hikaricp_connections_max{pool=\"zamin-write\"}") > 0, "Hikari's figures per pool");
        assertTrue(text.contains("hikaricp_connections_pending{pool=\"zamin-write\"}"), "threads waiting");
        assertTrue(text.contains("hikaricp_connections_acquire_seconds_count{pool=\"zamin-write\"}"));
        assertEquals(0, value(text, "zamin_db_breaker_open{pool=\"zamin-write\"}"), 1e-9, "the database is up");
        assertTrue(value(text, "jvm_memory_used_bytes{area=\"heap\",id=") > 0 || text.contains("jvm_memory_used_bytes"));
        assertTrue(text.contains("process_cpu_usage") && text.contains("jvm_threads_live_threads"), "JVM and process");
        assertTrue(text.contains("disk_free_bytes{path="), "the data directory's disk");
    }

    @Test
    void theHoldDeskTheSealerAndTheIdleScanReport() {
        String text = scrape();
        assertEquals(0, value(text, "zamin_holds_queued"), 1e-9, "nothing waits between bursts");
        assertTrue(text.contains("zamin_holds_batch_size_count"));
        assertTrue(value(text, "zamin_decisions_unsealed") >= 0, "the sealer's backlog is read");
        assertTrue(value(text, "zamin_decisions_unsealed_oldest_age_seconds") >= 0);

        double okBefore = value(text, "zamin_idle_scan_runs_total{outcome=\"ok\"}");
        var server = TestServer.get();
        try {
            server.app().idleScan().run(java.time.LocalDate.now(server.clock()), Actor.SYSTEM);
        } catch (org.zamin.domain.Conflict busy) {
            // the server's own daily scan held the lock at that moment: it counts as skipped; scan again
            server.app().idleScan().run(java.time.LocalDate.now(server.clock()), Actor.SYSTEM);
        }
        text = scrape();
        assertEquals(okBefore + 1, value(text, "zamin_idle_scan_runs_total{outcome=\"ok\"}"), 1e-9);
        assertEquals(server.clock().instant().getEpochSecond(),
                value(text, "zamin_idle_scan_last_success_seconds"), 1.0, "when the scan last completed");
    }

    @Test
    void aHoldCountsItsBatch() {
        double before = value(scrape(), "zamin_holds_batch_size_count");
        var investor = TestUsers.investor();
        var jdbi = TestServer.get().jdbi();
        var estate = org.zamin.testing.TestEstates.create(jdbi);
        long plot = estate.addParcel(jdbi, "M1", estate.rect(0, 0, 100, 100), "AVAILABLE");
        var r = Http.post("/api/reservations", java.util.Map.of("parcelIds", java.util.List.of(plot),
                "activity", "2599", "investment", 1_000_000, "jobs", 3, "knowledgeBased", false),
                "Authorization", investor.bearer(), "Idempotency-Key", java.util.UUID.randomUUID().toString());
        assertEquals(201, r.status(), r.body());
        assertTrue(value(scrape(), "zamin_holds_batch_size_count") >= before + 1, "the hold desk's batch is counted");
    }

    private String scrape() {
        Http.Response r = Http.get("/metrics", "Authorization", admin);
        assertEquals(200, r.status(), r.body());
        return r.body();
    }

    private static String requests(String method, String route, String status) {
        return "http_server_requests_seconds_count{method=\"" + method + "\",route=\"" + route + "\",status=\""
                + status + "\"}";
    }

    /** The value of the first sample whose name and labels begin with {@code series}; 0 when absent. */
    static double value(String text, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + "[^ ]* ([^ ]+)$").matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
