package org.zamin.reservation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.zamin.reservation.Reservations.count;
import static org.zamin.reservation.Reservations.parcelStatus;
import static org.zamin.reservation.Reservations.row;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.zamin.testing.TestEstates;
import org.zamin.testing.TestServer;
import org.zamin.testing.TestUsers;

/**
 * A batch of applications as the server sends it (reservation_hold_many): each is taken by reservation_hold in
 * arrival order, and gets the answer it would have got alone.
 */
class HoldBatchTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final TestServer ts = TestServer.get();

    @Test
    void eachApplicationOfABatchIsAnsweredAsIfItCameAlone() throws Exception {
        var plots = row(TestEstates.create(ts.jdbi()), 6);
        long p1 = plots.get(0), p2 = plots.get(1), p3 = plots.get(2), p4 = plots.get(3), taken = plots.get(4);
        long p6 = plots.get(5);
        ts.jdbi().useHandle(h -> h.execute("UPDATE parcel SET status = 'ALLOCATED' WHERE id = ?", taken));
        long a = TestUsers.investor().id(), b = TestUsers.investor().id(), c = TestUsers.investor().id();
        long d = TestUsers.investor().id(), e = TestUsers.investor().id(), f = TestUsers.investor().id();
        long capped = TestUsers.investor().id();
        // The capped investor already holds one plot; the batch below allows one open reservation each.
        assertEquals("held", holdMany(1, List.of(application(capped, "first", p4, "x"))).get(0).get("outcome").asText());

        List<JsonNode> outcomes = holdMany(1, List.of(
                application(a, "a1", p1, "x"),      // 0: first for P1: held
                application(b, "b1", p1, "x"),      // 1: P1 again, later: unavailable
                application(c, "c1", p2, "x"),      // 2: shares nothing: held
                application(d, "d1", taken, "x"),   // 3: an allocated plot: unavailable
                application(e, "e1", 999_999_999L, "x"), // 4: no such plot: unavailable, without a state
                application(a, "a1", p3, "y"),      // 5: A's key again for another application: key_reused
                application(f, "f1", p3, "x"),      // 6: P3: held
                application(f, "f1", p3, "x"),      // 7: the same request again: the same answer
                application(capped, "second", p3, "x"))); // 8: P3 is taken by now: unavailable before the cap

        assertEquals(List.of("held", "unavailable", "held", "unavailable", "unavailable", "key_reused", "held", "replay",
                "unavailable"), outcomes.stream().map(o -> o.get("outcome").asText()).toList());
        assertEquals("RESERVED", outcomes.get(1).get("parcels").get(0).get("status").asText());
        assertEquals("ALLOCATED", outcomes.get(3).get("parcels").get(0).get("status").asText());
        assertEquals(0, outcomes.get(4).get("parcels").size());
        assertEquals(outcomes.get(6).get("body").asText(), outcomes.get(7).get("body").asText());
        assertEquals(p2, JSON.readTree(outcomes.get(2).get("body").asText()).get("parcels").get(0).get("id").asLong());

        // Alone in its batch, for an available plot: refused by the cap.
        JsonNode cap = holdMany(1, List.of(application(capped, "third", p6, "x"))).get(0);
        assertEquals("cap", cap.get("outcome").asText());
        assertEquals(1, cap.get("open").asInt());
        assertEquals("AVAILABLE", parcelStatus(p6));

        assertEquals("RESERVED", parcelStatus(p1));
        assertEquals("RESERVED", parcelStatus(p2));
        assertEquals("RESERVED", parcelStatus(p3));
        assertEquals(1, count("SELECT count(*) FROM reservation r JOIN reservation_parcel rp ON rp.reservation_id = r.id "
                + "WHERE rp.parcel_id = ? AND r.investor_id = ?", p1, a));
        assertEquals(1, count("SELECT count(*) FROM reservation WHERE investor_id = ?", f), "a replay adds nothing");
        assertEquals(4, count("SELECT count(*) FROM decision WHERE action = 'reservation.held' AND parcel_ids[1] IN (?, ?, ?, ?)",
                p1, p2, p3, p4));
    }

    @Test
    void theCapIsCountedWithinTheBatch() throws Exception {
        var plots = row(TestEstates.create(ts.jdbi()), 3);
        long investor = TestUsers.investor().id();
        // Alone, each would be held; together, the second and third exceed a cap of one.
        List<JsonNode> outcomes = holdMany(1, List.of(application(investor, "k1", plots.get(0), "x"),
                application(investor, "k2", plots.get(1), "x"), application(investor, "k3", plots.get(2), "x")));
        assertEquals(List.of("held", "cap", "cap"), outcomes.stream().map(o -> o.get("outcome").asText()).toList());
        assertEquals(1, outcomes.get(1).get("open").asInt());
        assertEquals("AVAILABLE", parcelStatus(plots.get(1)));
    }

    @Test
    void blocksAndSinglePlotsAreHeldTogetherAndAKeyUsedEarlierInTheBatchIsAReplay() throws Exception {
        var plots = row(TestEstates.create(ts.jdbi()), 5);
        long taken = plots.get(4);
        ts.jdbi().useHandle(h -> h.execute("UPDATE parcel SET status = 'ALLOCATED' WHERE id = ?", taken));
        long a = TestUsers.investor().id(), b = TestUsers.investor().id(), c = TestUsers.investor().id();
        Map<String, Object> block = application(b, "b1", plots.get(1), "x");
        block.put("parcels", List.of(plots.get(1), plots.get(2)));
        List<JsonNode> outcomes = holdMany(3, List.of(
                application(a, "a1", plots.get(0), "x"),  // 0: held
                block,                                    // 1: a block of two, sharing nothing: held with the others
                application(c, "c1", plots.get(3), "x"),  // 2: held
                // 3: A's key again, the same request (its plot taken before the batch): the first answer, not a refusal
                application(a, "a1", taken, "x")));
        assertEquals(List.of("held", "held", "held", "replay"), outcomes.stream().map(o -> o.get("outcome").asText())
                .toList());
        assertEquals(outcomes.get(0).get("body").asText(), outcomes.get(3).get("body").asText());
        JsonNode blockBody = JSON.readTree(outcomes.get(1).get("body").asText());
        assertEquals(2, blockBody.get("parcels").size());
        assertEquals("RESERVED", blockBody.get("parcels").get(1).get("status").asText());
        assertEquals("RESERVED", parcelStatus(plots.get(2)));
        assertEquals(1, count("SELECT count(*) FROM reservation WHERE investor_id = ?", a), "a replay adds nothing");
        assertEquals(3, count("SELECT count(*) FROM decision WHERE action = 'reservation.held' AND subject_id IN "
                + "(SELECT id::text FROM reservation WHERE investor_id IN (?, ?, ?))", a, b, c));
    }

    private static Map<String, Object> application(long investor, String key, long parcel, String variant) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("investor", investor);
        r.put("key", key);
        r.put("requestHash", (variant.equals("x") ? "ab" : "cd").repeat(32));
        r.put("parcels", List.of(parcel));
        r.put("activity", "1079");
        r.put("investment", 1_000_000);
        r.put("jobs", 12);
        r.put("knowledgeBased", false);
        return r;
    }

    private List<JsonNode> holdMany(int cap, List<Map<String, Object>> requests) throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String answer = ts.jdbi().inTransaction(h -> h.createQuery(
                        "SELECT reservation_hold_many(CAST(:requests AS jsonb), :cap, 20, :now, :expires, "
                                + "interval '24 hours')::text")
                .bind("requests", JSON.writeValueAsString(requests)).bind("cap", cap)
                .bind("now", now.atOffset(ZoneOffset.UTC)).bind("expires", now.plus(72, ChronoUnit.HOURS).atOffset(ZoneOffset.UTC))
                .mapTo(String.class).one());
        List<JsonNode> outcomes = new ArrayList<>();
        JSON.readTree(answer).forEach(outcomes::add);
        return outcomes;
    }
}
