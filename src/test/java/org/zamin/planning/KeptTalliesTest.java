package org.zamin.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.zamin.testing.Http;
import org.zamin.testing.TestEstates;
import org.zamin.testing.TestServer;
import org.zamin.testing.TestUsers;

/**
 * The counts and areas per estate and status the database keeps as plots change (parcel_tally, R__parcel_tally.sql)
 * equal a full recount after a random stream of concurrent holds, payments, approvals, withdrawals, rejections,
 * reclaims, imports and deletions; and what statistics and the estates list answer is that recount.
 */
class KeptTalliesTest {

    private static final String[] AS_PLANNER = {"Authorization", TestUsers.planner().bearer()};
    private final Jdbi jdbi = TestServer.get().jdbi();

    @Test
    void keptTalliesEqualAFullRecountAfterARandomStreamOfChanges() throws Exception {
        Random random = new Random(17);
        List<TestEstates.Estate> estates = new ArrayList<>();
        List<Long> plots = new ArrayList<>();
        for (int e = 0; e < 3; e++) {
            TestEstates.Estate estate = TestEstates.create(jdbi);
            estates.add(estate);
            for (int i = 0; i < 12; i++) {
                plots.add(estate.addParcel(jdbi, "T" + i, estate.rect(80 * i, 0, 80 * (i + 1), 40 + random.nextInt(40)), "AVAILABLE"));
            }
        }
        Map<Integer, TestUsers.User> officers = new LinkedHashMap<>();
        estates.forEach(e -> officers.put(e.id(), TestUsers.officer(e.code())));

        // Concurrent holds, two plots each, from eight investors at once: many statements on the same
        // (estate, status) totals at the same time.
        List<TestUsers.User> investors = TestUsers.investors(16);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Http.Response>> holds = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            List<Long> pair = List.of(plots.get(2 * i), plots.get(2 * i + 1));
            TestUsers.User investor = investors.get(i);
            holds.add(pool.submit(() -> Http.post("/api/reservations", body(pair), "Authorization", investor.bearer(),
                    "Idempotency-Key", UUID.randomUUID().toString())));
        }
        List<long[]> held = new ArrayList<>(); // reservation id, investor index
        for (int i = 0; i < holds.size(); i++) {
            Http.Response r = holds.get(i).get();
            assertEquals(201, r.status(), r.body());
            held.add(new long[] {r.json().get("id").asLong(), i});
        }
        pool.shutdown();
        assertRecountEqualsTallies();

        // Then, in a random order: pay and approve, pay and reject, withdraw, or leave held.
        for (long[] h : held) {
            TestUsers.User investor = investors.get((int) h[1]);
            long id = h[0];
            int estateId = estateOf(id);
            switch (random.nextInt(4)) {
                case 0 -> {
                    ok(act(investor, id, "pay", null));
                    ok(act(officers.get(estateId), id, "approve", null));
                }
                case 1 -> {
                    ok(act(investor, id, "pay", null));
                    ok(act(officers.get(estateId), id, "reject", Map.of("reason", "not a fit for the estate")));
                }
                case 2 -> ok(act(investor, id, "withdraw", null));
                default -> { }
            }
        }
        assertRecountEqualsTallies();

        // Allocated land through its later states and a reclaim (one statement each, as the idle cases write them),
        // an import of a new plot and its deletion, and an update that moves nothing counted.
        jdbi.useHandle(h -> {
            h.execute("UPDATE parcel SET status = 'IDLE' WHERE status = 'ALLOCATED' AND estate_id = ANY (?)",
                    (Object) estates.stream().map(TestEstates.Estate::id).toArray(Integer[]::new));
            h.execute("UPDATE parcel SET status = 'RECLAIMING' WHERE id = (SELECT min(id) FROM parcel "
                    + "WHERE status = 'IDLE' AND estate_id = ?)", estates.get(0).id());
            h.execute("UPDATE parcel SET status = 'AVAILABLE' WHERE status = 'RECLAIMING' AND estate_id = ?",
                    estates.get(0).id());
        });
        TestEstates.Estate late = estates.get(2);
        long added = late.addParcel(jdbi, "NEW", late.rect(0, 200, 80, 280), "NOT_OFFERED");
        jdbi.useHandle(h -> {
            h.execute("DELETE FROM parcel WHERE id = ?", added);
            h.execute("UPDATE parcel SET updated_at = now() WHERE estate_id = ?", late.id()); // nothing counted moves
        });
        assertRecountEqualsTallies();

        // Folding the deltas into the totals changes nothing a reader sees.
        boolean compacted = jdbi.withHandle(h -> h.createQuery("SELECT parcel_tally_compact()").mapTo(Boolean.class).one());
        assertTrue(compacted);
        assertEquals(0L, (long) jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM parcel_tally_delta")
                .mapTo(Long.class).one()));
        assertRecountEqualsTallies();

        // What statistics and the estates list say is the recount.
        Map<String, Map<String, long[]>> byCode = recount(estates);
        JsonNode stats = Http.get("/api/stats?groupBy=estate", AS_PLANNER).json();
        JsonNode summary = Http.get("/api/estates").json();
        for (TestEstates.Estate e : estates) {
            Map<String, long[]> expected = byCode.get(e.code());
            JsonNode group = null;
            for (JsonNode g : stats.get("groups")) {
                if (g.get("code").asText().equals(e.code())) {
                    group = g;
                }
            }
            JsonNode feature = null;
            for (JsonNode f : summary.get("features")) {
                if (f.get("id").asText().equals(e.code())) {
                    feature = f;
                }
            }
            assertEquals(expected.keySet(), fieldNames(group.get("byStatus")), e.code());
            assertEquals(expected.keySet(), fieldNames(feature.get("properties").get("countsByStatus")), e.code());
            for (var s : expected.entrySet()) {
                assertEquals(s.getValue()[0], group.get("byStatus").get(s.getKey()).get("plots").asLong());
                assertEquals(s.getValue()[1] / 10.0, group.get("byStatus").get(s.getKey()).get("areaM2").asDouble(),
                        0.1, e.code() + " " + s.getKey());
                assertEquals(s.getValue()[0], feature.get("properties").get("countsByStatus").get(s.getKey()).asLong());
            }
        }
    }

    private void assertRecountEqualsTallies() {
        String recount = "SELECT estate_id, status, count(*) AS plots, sum(area_m2) AS area_m2 FROM parcel "
                + "GROUP BY 1, 2 ORDER BY 1, 2";
        String kept = "SELECT estate_id, status, plots, area_m2 FROM parcel_tally_now ORDER BY 1, 2";
        List<String> a = rows(recount);
        List<String> b = rows(kept);
        assertEquals(a, b, "kept tallies equal a full recount of every estate");
    }

    private List<String> rows(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).map((rs, ctx) -> rs.getInt(1) + " " + rs.getString(2) + " "
                + rs.getLong(3) + " " + String.format("%.3f", rs.getDouble(4))).list());
    }

    /** Plots and tenths of m² per status of each of these estates, counted from the plots. */
    private Map<String, Map<String, long[]>> recount(List<TestEstates.Estate> estates) {
        Map<String, Map<String, long[]>> out = new TreeMap<>();
        for (TestEstates.Estate e : estates) {
            Map<String, long[]> m = new TreeMap<>();
            jdbi.useHandle(h -> h.createQuery("SELECT status, count(*), round(sum(area_m2) * 10) FROM parcel "
                    + "WHERE estate_id = :e GROUP BY status").bind("e", e.id())
                    .map((rs, ctx) -> m.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)})).list());
            out.put(e.code(), m);
        }
        return out;
    }

    private static java.util.Set<String> fieldNames(JsonNode node) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private int estateOf(long reservationId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT p.estate_id FROM reservation_parcel rp JOIN parcel p "
                + "ON p.id = rp.parcel_id WHERE rp.reservation_id = :r LIMIT 1").bind("r", reservationId)
                .mapTo(Integer.class).one());
    }

    private static Http.Response act(TestUsers.User u, long id, String action, Object body) {
        return Http.post("/api/reservations/" + id + "/" + action, body, "Authorization", u.bearer());
    }

    private static void ok(Http.Response r) {
        assertEquals(200, r.status(), r.body());
    }

    private static Map<String, Object> body(List<Long> parcels) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("parcelIds", parcels);
        b.put("activity", "1079");
        b.put("investment", 50_000_000_000L);
        b.put("jobs", 40);
        b.put("knowledgeBased", true);
        return b;
    }
}
