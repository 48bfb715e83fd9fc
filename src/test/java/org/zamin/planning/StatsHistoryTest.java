package org.zamin.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.zamin.testing.Http.assertError;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.zamin.decision.Actor;
import org.zamin.decision.Decision;
import org.zamin.testing.Http;
import org.zamin.testing.TestEstates;
import org.zamin.testing.TestServer;
import org.zamin.testing.TestUsers;

/**
 * The decision-log statistics of {@code GET /api/stats} against a hand-built log: two allocations over five
 * months, one reaching production, the other idle, served a notice and reclaimed.
 */
class StatsHistoryTest {

    private static final String[] AS_PLANNER = {"Authorization", TestUsers.planner().bearer()};

    private final Jdbi jdbi = TestServer.get().jdbi();

    @Test
    void historyDurationsAndReclaimedLandFollowTheLog() {
        TestEstates.Estate e = TestEstates.create(jdbi);
        long a = e.addParcel(jdbi, "A", e.rect(0, 0, 100, 100), "IN_PRODUCTION");
        long b = e.addParcel(jdbi, "B", e.rect(200, 0, 350, 100), "AVAILABLE");
        e.addParcel(jdbi, "C", e.rect(400, 0, 500, 100), "AVAILABLE");
        double areaA = area(a);
        double areaB = area(b);
        long allocX = 9_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L);
        long allocY = allocX + 1;
        YearMonth now = YearMonth.from(TestServer.get().clock().instant().atOffset(ZoneOffset.UTC));
        YearMonth m0 = now.minusMonths(5);

        log(at(m0, 10), Decision.of(Actor.SYSTEM, "reservation.held", "reservation", "t1").withParcels(List.of(a))
                .withEstate(e.code()).withTransition(null, "HELD"));
        log(at(m0, 11), Decision.of(Actor.SYSTEM, "reservation.held", "reservation", "t2").withParcels(List.of(b))
                .withEstate(e.code()).withTransition(null, "HELD"));
        Instant approved = at(m0.plusMonths(1), 10);
        log(approved, Decision.of(Actor.SYSTEM, "reservation.approved", "reservation", "t1").withParcels(List.of(a))
                .withEstate(e.code()).withPublicDetails(Map.of("allocationId", allocX)));
        log(approved, Decision.of(Actor.SYSTEM, "reservation.approved", "reservation", "t2").withParcels(List.of(b))
                .withEstate(e.code()).withPublicDetails(Map.of("allocationId", allocY)));
        log(at(m0.plusMonths(2), 3), Decision.of(Actor.SYSTEM, "parcel.status_changed", "allocation", "" + allocX)
                .withParcels(List.of(a)).withEstate(e.code()).withTransition(null, "UNDER_CONSTRUCTION"));
        log(at(m0.plusMonths(2), 4), Decision.of(Actor.SYSTEM, "idle_case.opened", "idle_case", "t9")
                .withParcels(List.of(b)).withEstate(e.code()).withTransition(null, "OPEN"));
        // The licence is recorded late: its date, not the entry's time, is when production began.
        LocalDate licence = m0.plusMonths(3).atDay(5);
        log(at(m0.plusMonths(3), 20), Decision.of(Actor.SYSTEM, "allocation.milestone_reached", "allocation", "" + allocX)
                .withParcels(List.of(a)).withEstate(e.code())
                .withPublicDetails(Map.of("milestone", "OPERATING_LICENCE", "on", licence.toString())));
        log(at(m0.plusMonths(3), 20), Decision.of(Actor.SYSTEM, "parcel.status_changed", "allocation", "" + allocX)
                .withParcels(List.of(a)).withEstate(e.code()).withTransition(null, "IN_PRODUCTION"));
        log(at(m0.plusMonths(3), 21), Decision.of(Actor.SYSTEM, "idle_case.notice_served", "idle_case", "t9")
                .withParcels(List.of(b)).withEstate(e.code()).withTransition("OPEN", "NOTICE_SERVED"));
        Instant reclaimed = at(m0.plusMonths(4), 2);
        log(reclaimed, Decision.of(Actor.SYSTEM, "idle_case.reclaimed", "idle_case", "t9")
                .withParcels(List.of(b)).withEstate(e.code()).withTransition("NOTICE_SERVED", "RECLAIMED")
                .withPublicDetails(Map.of("freedAreaM2", areaB)));

        JsonNode stats = Http.get("/api/stats?groupBy=estate&months=6&estate=" + e.code(), AS_PLANNER).json();
        assertEquals(1, stats.get("groups").size());
        JsonNode group = stats.get("groups").get(0);
        assertEquals(e.code(), group.get("code").asText());
        assertTrue(stats.path("notYetAvailable").isMissingNode(), "nothing is left out any more");

        double days = Duration.between(approved, licence.atStartOfDay().toInstant(ZoneOffset.UTC)).toSeconds() / 86400.0;
        assertEquals(1, group.get("allocationsInProduction").asInt());
        assertEquals(days / (365.2425 / 12), group.get("averageMonthsAllocationToProduction").asDouble(), 0.01);
        assertEquals(group.get("averageMonthsAllocationToProduction"), stats.get("totals").get("averageMonthsAllocationToProduction"));

        JsonNode years = group.get("reclaimedByYear");
        assertEquals(1, years.size(), years.toString());
        assertEquals(reclaimed.atOffset(ZoneOffset.UTC).getYear(), years.get(0).get("year").asInt());
        assertEquals(1, years.get(0).get("plots").asInt());
        assertEquals(areaB, years.get(0).get("areaM2").asDouble(), 0.1);
        assertEquals(areaB / 10_000, years.get(0).get("hectares").asDouble(), 0.01);

        JsonNode history = stats.get("history");
        assertEquals(6, history.size(), history.toString());
        String[][] expected = {
            {"RESERVED", "RESERVED"}, {"ALLOCATED", "ALLOCATED"}, {"UNDER_CONSTRUCTION", "IDLE"},
            {"IN_PRODUCTION", "RECLAIMING"}, {"IN_PRODUCTION", "AVAILABLE"}, {"IN_PRODUCTION", "AVAILABLE"},
        };
        for (int i = 0; i < 6; i++) {
            JsonNode month = history.get(i);
            assertEquals(m0.plusMonths(i).toString(), month.get("month").asText());
            assertEquals(3, month.get("plots").asInt());
            Map<String, Integer> want = new java.util.TreeMap<>();
            for (String status : new String[] {expected[i][0], expected[i][1], "AVAILABLE"}) {
                want.merge(status, 1, Integer::sum);
            }
            Map<String, Integer> got = new java.util.TreeMap<>();
            month.get("byStatus").fields().forEachRemaining(f -> got.put(f.getKey(), f.getValue().get("plots").asInt()));
            assertEquals(want, got, "plots by status at the end of " + month.get("month"));
        }
        // Idle rate: B idle of two allocated plots in month 2; occupancy by area.
        assertEquals(0.5, history.get(2).get("idleRate").asDouble(), 1e-9);
        double offered = areaA + areaB + area(e, "C");
        assertEquals((areaA + areaB) / offered, history.get(1).get("occupancy").asDouble(), 1e-6);
        assertEquals(areaA / offered, history.get(5).get("occupancy").asDouble(), 1e-6);
        assertTrue(history.get(0).get("idleRate").isNull(), "nothing allocated in the first month");
        // The replayed present matches the plots as they are.
        assertEquals(group.get("byStatus"), history.get(5).get("byStatus"));
        assertEquals(group.get("occupancy").asDouble(), history.get(5).get("occupancy").asDouble(), 1e-9);
    }

    @Test
    void groupsAddUpAndBadScopesAreRefused() {
        JsonNode stats = Http.get("/api/stats?groupBy=province", AS_PLANNER).json();
        long produced = 0;
        long reclaimedPlots = 0;
        for (JsonNode g : stats.get("groups")) {
            produced += g.get("allocationsInProduction").asLong();
            for (JsonNode y : g.get("reclaimedByYear")) {
                reclaimedPlots += y.get("plots").asLong();
            }
        }
        JsonNode totals = stats.get("totals");
        assertEquals(totals.get("allocationsInProduction").asLong(), produced);
        long totalReclaimed = 0;
        for (JsonNode y : totals.get("reclaimedByYear")) {
            totalReclaimed += y.get("plots").asLong();
        }
        assertEquals(totalReclaimed, reclaimedPlots);
        JsonNode last = stats.get("history").get(stats.get("history").size() - 1);
        assertEquals(totals.get("plots").asLong(), last.get("plots").asLong(), "every plot is in every month");
        assertError(Http.get("/api/stats?estate=NOPE-1", AS_PLANNER), 422, "unknown_estate", "NOPE-1");
        assertError(Http.get("/api/stats?province=NOPE", AS_PLANNER), 422, "unknown_province", "NOPE");
        assertError(Http.get("/api/stats?months=0", AS_PLANNER), 400, "invalid_parameter", "months");
        assertError(Http.get("/api/stats?months=121", AS_PLANNER), 400, "invalid_parameter", "months");
    }

    private static Instant at(YearMonth month, int day) {
        return month.atDay(day).atTime(10, 0).toInstant(ZoneOffset.UTC);
    }

    /**
     * A past entry, written as the database owner: the service itself can only record the present (decision_record
     * takes the transaction's time), so a hand-built history is a fixture only the owner can lay.
     */
    private void log(Instant when, Decision d) {
        TestServer.get().ownerJdbi().useHandle(h -> h.createUpdate("INSERT INTO decision (occurred_at, actor_id, "
                        + "actor_role, action, subject_type, subject_id, estate_code, parcel_ids, from_state, to_state, "
                        + "public_details) VALUES (:at, :actorId, :role, :action, :subjectType, :subjectId, :estate, "
                        + ":parcels, :from, :to, CAST(:details AS jsonb))")
                .bind("at", java.time.OffsetDateTime.ofInstant(when, ZoneOffset.UTC))
                .bind("actorId", d.actor().userId().orElse(null)).bind("role", d.actor().role())
                .bind("action", d.action()).bind("subjectType", d.subjectType()).bind("subjectId", d.subjectId())
                .bind("estate", d.estateCode().orElse(null))
                .bind("parcels", d.parcelIds().toArray(new Long[0]))
                .bind("from", d.fromState().orElse(null)).bind("to", d.toState().orElse(null))
                .bind("details", json(d.publicDetails()))
                .execute());
    }

    private static String json(Map<String, Object> details) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(details);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private double area(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT area_m2 FROM parcel WHERE id = :id").bind("id", id)
                .mapTo(Double.class).one());
    }

    private double area(TestEstates.Estate e, String plot) {
        return jdbi.withHandle(h -> h.createQuery("SELECT area_m2 FROM parcel WHERE estate_id = :e AND plot_number = :p")
                .bind("e", e.id()).bind("p", plot).mapTo(Double.class).one());
    }
}
