package org.zamin.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Test;
import org.zamin.testing.Http;
import org.zamin.testing.TestEstates;
import org.zamin.testing.TestServer;

/**
 * Legacy records: past events from the paper register appended now, carrying the day they happened. Only the legacy
 * import writes them, never a normal decision; the day is a real day, never after the day the record is written; the
 * chain still verifies; the public log shows both days; the statistics count the event on the day it happened.
 */
class LegacyRecordTest {

    private final Jdbi app = TestServer.get().jdbi();
    private final DecisionLog log = new DecisionLog(app);

    private LocalDate databaseToday() {
        return app.withHandle(h -> h.createQuery("SELECT CAST(now() AT TIME ZONE 'UTC' AS date)")
                .mapTo(LocalDate.class).one());
    }

    private static Decision held(String subject, long plot, String estate) {
        return Decision.of(Actor.SYSTEM, "reservation.held", "reservation", subject).withEstate(estate)
                .withParcels(List.of(plot)).withTransition(null, "HELD").withReason("migrated from the paper register");
    }

    @Test
    void aPastEventIsAppendedNowWithTheDayItHappenedAndTheChainVerifies() {
        TestEstates.Estate e = TestEstates.create(app);
        long plot = e.addParcel(app, "L1", e.rect(0, 0, 100, 100), "AVAILABLE");
        LocalDate happened = databaseToday().minusMonths(14).withDayOfMonth(9);
        String subject = "paper-" + UUID.randomUUID();
        int n = app.inTransaction(h -> log.appendLegacy(h, List.of(new DecisionLog.Legacy(happened,
                held(subject, plot, e.code())))));
        assertEquals(1, n);
        Map<String, Object> row = app.withHandle(h -> h.createQuery("SELECT d.action, d.public_details ->> 'event' AS event, "
                + "d.public_details ->> 'occurredOn' AS occurred_on, d.occurred_at > now() - interval '1 minute' AS now, "
                + "v.action AS event_action, v.happened_at, v.legacy FROM decision d JOIN decision_event v USING (seq) "
                + "WHERE d.subject_id = :s").bind("s", subject).mapToMap().one());
        assertEquals("legacy.imported", row.get("action"));
        assertEquals("reservation.held", row.get("event"));
        assertEquals(happened.toString(), row.get("occurred_on"));
        assertEquals(true, row.get("now"), "recorded now: " + row);
        assertEquals("reservation.held", row.get("event_action"));
        assertEquals(true, row.get("legacy"));
        assertEquals(happened.atStartOfDay().toInstant(ZoneOffset.UTC),
                ((java.sql.Timestamp) row.get("happened_at")).toInstant());
        log.seal();
        DecisionLog.Verification v = log.verify();
        assertTrue(v.valid(), "the chain verifies with legacy records in it: " + v);

        // The public log carries both days; its page shows "recorded …, happened …".
        JsonNode listed = Http.get("/api/decisions?subjectId=" + subject).json().get("decisions").get(0);
        assertEquals("legacy.imported", listed.get("action").asText());
        assertEquals(happened.toString(), listed.get("details").get("occurredOn").asText());
        assertEquals("reservation.held", listed.get("details").get("event").asText());
    }

    @Test
    void aLegacyRecordCannotHaveHappenedAfterTheDayItIsRecorded() {
        LocalDate tomorrow = databaseToday().plusDays(1);
        long before = count();
        var e = assertThrows(UnableToExecuteStatementException.class, () -> app.useTransaction(h ->
                log.appendLegacy(h, List.of(new DecisionLog.Legacy(tomorrow, held("paper-future", 1, null))))));
        assertTrue(e.getMessage().contains("cannot have happened (" + tomorrow + ") after it is recorded"), e.getMessage());
        // Today itself is fine.
        app.useTransaction(h -> log.appendLegacy(h, List.of(new DecisionLog.Legacy(databaseToday(),
                held("paper-today-" + UUID.randomUUID(), 1, null)))));
        assertEquals(before + 1, count());
    }

    @Test
    void aNormalDecisionCannotCarryThePastNorPassForALegacyRecord() {
        long before = count();
        var withDay = assertThrows(UnableToExecuteStatementException.class, () -> log.append(held("n1", 1, null)
                .withPublicDetails(Map.of("occurredOn", "2020-01-01"))));
        assertTrue(withDay.getMessage().contains("through the legacy import"), withDay.getMessage());
        var asLegacy = assertThrows(UnableToExecuteStatementException.class, () -> log.append(
                Decision.of(Actor.SYSTEM, "legacy.imported", "reservation", "n2")
                        .withPublicDetails(Map.of("event", "reservation.held", "occurredOn", "2020-01-01"))));
        assertTrue(asLegacy.getMessage().contains("through the legacy import"), asLegacy.getMessage());
        // The legacy writer writes nothing else.
        var other = assertThrows(UnableToExecuteStatementException.class, () -> app.useTransaction(h -> h.createQuery(
                "SELECT decision_record_legacy(CAST(:e AS jsonb))").bind("e", "[{\"action\": \"reservation.held\", "
                + "\"subjectType\": \"reservation\", \"subjectId\": \"n3\"}]").mapTo(Long.class).list()));
        assertTrue(other.getMessage().contains("legacy.imported records only"), other.getMessage());
        // Not even the database owner writes a day on an ordinary entry, or a day that is none, or an unknown event.
        Jdbi owner = TestServer.get().ownerJdbi();
        var ownerDay = assertThrows(UnableToExecuteStatementException.class, () -> owner.useHandle(h -> h.execute(
                "INSERT INTO decision (actor_role, action, subject_type, subject_id, public_details) VALUES "
                        + "('system', 'reservation.held', 'reservation', 'o1', '{\"occurredOn\": \"2020-01-01\"}')")));
        assertTrue(ownerDay.getMessage().contains("only a legacy.imported record"), ownerDay.getMessage());
        var noDay = assertThrows(UnableToExecuteStatementException.class, () -> owner.useHandle(h -> h.execute(
                "INSERT INTO decision (actor_role, action, subject_type, subject_id, public_details) VALUES "
                        + "('system', 'legacy.imported', 'reservation', 'o2', "
                        + "'{\"occurredOn\": \"2021-02-30\", \"event\": \"reservation.held\"}')")));
        assertTrue(noDay.getMessage().contains("is no day"), noDay.getMessage());
        var unknown = assertThrows(UnableToExecuteStatementException.class, () -> app.useTransaction(h ->
                log.appendLegacy(h, List.of(new DecisionLog.Legacy(LocalDate.of(2021, 3, 1),
                        Decision.of(Actor.SYSTEM, "account.created", "account", "o3"))))));
        assertTrue(unknown.getMessage().contains("must name its event"), unknown.getMessage());
        assertEquals(before, count(), "nothing was written");
    }

    @Test
    void theHistoryCountsALegacyEventInTheMonthItHappened() {
        TestEstates.Estate e = TestEstates.create(app);
        long plot = e.addParcel(app, "L2", e.rect(0, 0, 100, 100), "AVAILABLE");
        LocalDate today = databaseToday();
        LocalDate held = today.minusMonths(3).withDayOfMonth(5);
        LocalDate approved = today.minusMonths(2).withDayOfMonth(5);
        app.useTransaction(h -> log.appendLegacy(h, List.of(
                new DecisionLog.Legacy(held, held("paper-h-" + plot, plot, e.code())),
                new DecisionLog.Legacy(approved, Decision.of(Actor.SYSTEM, "reservation.approved", "reservation",
                        "paper-h-" + plot).withEstate(e.code()).withParcels(List.of(plot))))));
        TestServer.get().ownerJdbi().useHandle(h -> h.execute("UPDATE parcel SET status = 'ALLOCATED' WHERE id = ?", plot));
        TestServer.get().app().sweepHolds();
        String planner = org.zamin.testing.TestUsers.planner().bearer();
        JsonNode history = Http.get("/api/stats?groupBy=estate&months=120&estate=" + e.code(), "Authorization", planner)
                .json().get("history");
        Map<String, String> statusByMonth = new java.util.TreeMap<>();
        for (JsonNode m : history) {
            // Months taken before the plot was imported have no plot of this estate.
            if (m.get("byStatus").size() > 0) {
                statusByMonth.put(m.get("month").asText(), m.get("byStatus").fieldNames().next());
            }
        }
        String heldMonth = java.time.YearMonth.from(held).toString();
        String approvedMonth = java.time.YearMonth.from(approved).toString();
        assertEquals("RESERVED", statusByMonth.get(heldMonth), statusByMonth.toString());
        assertEquals("ALLOCATED", statusByMonth.get(approvedMonth), statusByMonth.toString());
        assertEquals("ALLOCATED", ((java.util.TreeMap<String, String>) statusByMonth).lastEntry().getValue(),
                "and the current month is the plot as it is: " + statusByMonth);
    }

    private long count() {
        return app.withHandle(h -> h.createQuery("SELECT count(*) FROM decision").mapTo(Long.class).one());
    }
}
