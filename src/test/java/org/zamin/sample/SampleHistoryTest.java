package org.zamin.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.zamin.account.AccountService;
import org.zamin.account.DemoAccounts;
import org.zamin.decision.DecisionLog;
import org.zamin.testing.Http;
import org.zamin.testing.TestServer;
import org.zamin.testing.TestUsers;

/**
 * The demo's past (demo mode's first start): the paper register migrated as legacy records, once, consistent with
 * the sample as it stands (the replayed present is the plots' own statuses), the chain intact, and a year and more of
 * moving figures for both provinces.
 */
class SampleHistoryTest {

    /** Seeds the demo sample's records and its past, as demo mode's first start does (each step once). */
    static void seedDemoSample() {
        Jdbi jdbi = TestServer.get().jdbi();
        var clock = TestServer.get().clock();
        DemoAccounts.ensure(new AccountService(jdbi, clock));
        SampleAllocations.seedOnce(jdbi, new DecisionLog(jdbi), clock);
        SampleHistory.seedOnce(jdbi, new DecisionLog(jdbi), clock);
    }

    @Test
    void thePaperRegisterIsMigratedOnceConsistentWithTheSampleAndTheChainVerifies() {
        Jdbi jdbi = TestServer.get().jdbi();
        seedDemoSample();
        long legacy = legacyCount(jdbi);
        assertTrue(legacy > 3000, "the sample's past: " + legacy + " legacy records");
        SampleHistory.seedOnce(jdbi, new DecisionLog(jdbi), TestServer.get().clock());
        assertEquals(legacy, legacyCount(jdbi), "once only");
        String kinds = jdbi.withHandle(h -> h.createQuery("SELECT string_agg(DISTINCT public_details ->> 'event', ',' "
                + "ORDER BY public_details ->> 'event') FROM decision WHERE action = 'legacy.imported' "
                + "AND reason = 'sample data migrated from the paper register'").mapTo(String.class).one());
        for (String event : List.of("reservation.held", "reservation.approved", "reservation.expired",
                "allocation.milestone_reached", "parcel.status_changed", "idle_case.opened", "idle_case.notice_served",
                "idle_case.reclaimed")) {
            assertTrue(kinds.contains(event), event + " in " + kinds);
        }
        // The replayed present of the sample estates is the plots as they are.
        List<String> replayed = jdbi.withHandle(h -> h.createQuery("""
                SELECT r.estate_id || ' ' || r.status || ' ' || sum(r.plots) FROM history_replay(
                       CAST(date_trunc('month', now()) AS date), CAST(date_trunc('month', now()) AS date), now(),
                       (SELECT array_agg(id) FROM estate WHERE code LIKE ANY (CAST(:samples AS text[])))) r
                 GROUP BY r.estate_id, r.status ORDER BY r.estate_id, r.status""")
                .bindArray("samples", String.class, ShippedSamples.codePatterns())
                .mapTo(String.class).list());
        List<String> actual = jdbi.withHandle(h -> h.createQuery("""
                SELECT p.estate_id || ' ' || p.status || ' ' || count(*) FROM parcel p JOIN estate e ON e.id = p.estate_id
                 WHERE e.code LIKE ANY (CAST(:samples AS text[])) GROUP BY p.estate_id, p.status
                 ORDER BY p.estate_id, p.status""").bindArray("samples", String.class, ShippedSamples.codePatterns())
                .mapTo(String.class).list());
        assertEquals(actual, replayed, "the log's account of today is the sample's");
        DecisionLog log = new DecisionLog(jdbi);
        log.seal();
        assertTrue(log.verify().valid(), "the chain verifies with the migrated past in it");

        // A year and more of moving figures for each province.
        JsonNode stats = Http.get("/api/stats?groupBy=province&months=36", "Authorization",
                TestUsers.planner().bearer()).json();
        for (String province : List.of("GIL", "QZV")) {
            JsonNode history = null;
            for (JsonNode p : stats.get("provinceHistory")) {
                if (p.get("code").asText().equals(province)) {
                    history = p.get("history");
                }
            }
            assertTrue(history != null && history.size() >= 12, province + ": " + history);
            Set<String> occupancy = new HashSet<>();
            Set<String> idle = new HashSet<>();
            for (JsonNode m : history) {
                occupancy.add(m.get("occupancy").asText());
                idle.add(m.get("idleRate").asText());
            }
            assertTrue(occupancy.size() >= 6, province + " occupancy moves: " + occupancy);
            assertTrue(idle.size() >= 6, province + " idle rate moves: " + idle);
        }
    }

    private static long legacyCount(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM decision WHERE action = 'legacy.imported' "
                + "AND reason = 'sample data migrated from the paper register'").mapTo(Long.class).one());
    }
}
