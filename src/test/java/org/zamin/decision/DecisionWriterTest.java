package org.zamin.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Test;
import org.zamin.account.Role;
import org.zamin.testing.Http;
import org.zamin.testing.TestEstates;
import org.zamin.testing.TestServer;
import org.zamin.testing.TestUsers;

/**
 * Entries are written only through decision_record, which takes the time from the transaction and the actor from the
 * session, checked against the accounts; the service's database role cannot insert into the log, nor make an entry
 * with an actor or a time of its choosing.
 */
class DecisionWriterTest {

    /** The service's own database role, as the server connects. */
    private final Jdbi app = TestServer.get().jdbi();

    /** One forged entry: an admin acting in 2001, as a caller of the old decision_record could write it. */
    private static String forged(long adminId) {
        return "[{\"actorId\": " + adminId + ", \"actorRole\": \"admin\", \"occurredAt\": \"2001-01-01T00:00:00Z\","
                + " \"action\": \"test.forged\", \"subjectType\": \"test\", \"subjectId\": \"" + UUID.randomUUID()
                + "\"}]";
    }

    @Test
    void theApplicationRoleMayNotInsertIntoTheLog() {
        long before = count();
        var e = assertThrows(UnableToExecuteStatementException.class, () -> app.useHandle(h -> h.execute(
                "INSERT INTO decision (occurred_at, actor_role, action, subject_type, subject_id) "
                        + "VALUES ('2001-01-01', 'admin', 'test.forged', 'test', 'direct')")));
        assertTrue(e.getMessage().contains("permission denied"), e.getMessage());
        assertEquals(before, count(), "nothing was written");
    }

    @Test
    void decisionRecordTakesTheTimeAndActorFromTheTransactionNotFromTheEntries() {
        long adminId = TestUsers.admin().id();
        Map<String, Object> row = app.inTransaction(h -> {
            long seq = h.createQuery("SELECT decision_record(CAST(:entries AS jsonb))")
                    .bind("entries", forged(adminId)).mapTo(Long.class).one();
            Map<String, Object> written = h.createQuery("SELECT actor_id, actor_role, occurred_at = now() AS now, "
                    + "occurred_at FROM decision WHERE seq = :seq").bind("seq", seq).mapToMap().one();
            return written;
        });
        assertNull(row.get("actor_id"), "no user acts unless the session says so: " + row);
        assertEquals("system", row.get("actor_role"), row.toString());
        assertEquals(Boolean.TRUE, row.get("now"), "the transaction's time, not 2001: " + row);
        // The first decision_record took the time from its caller: it is gone.
        assertThrows(UnableToExecuteStatementException.class, () -> app.useHandle(h -> h.createQuery(
                "SELECT decision_record(CAST('2001-01-01T00:00:00Z' AS timestamptz), CAST(:entries AS jsonb))")
                .bind("entries", forged(adminId)).mapTo(Long.class).list()));
    }

    @Test
    void theSessionsActorMustBeARealUserInTheirOwnRole() {
        long investorId = TestUsers.investor().id();
        long before = count();
        for (String[] actor : new String[][] {
            {Long.toString(investorId), "admin"},   // a real investor shown as an admin
            {"", "admin"},                          // an admin with no account
            {"999999999999", "officer"},            // no such user
        }) {
            var e = assertThrows(UnableToExecuteStatementException.class, () -> app.useTransaction(h -> {
                actAs(h, actor[0], actor[1]);
                h.createQuery("SELECT decision_record(CAST(:entries AS jsonb))").bind("entries", forged(investorId))
                        .mapTo(Long.class).list();
            }), String.join("/", actor));
            assertTrue(e.getMessage().contains("decision log"), e.getMessage());
        }
        // Through the service's own writer too.
        var log = new DecisionLog(app);
        assertThrows(RuntimeException.class, () -> log.append(
                Decision.of(Actor.user(investorId, Role.ADMIN), "test.forged", "test", "role")));
        assertThrows(RuntimeException.class, () -> log.append(
                Decision.of(new Actor(java.util.Optional.empty(), "admin"), "test.forged", "test", "nobody")));
        assertEquals(before, count(), "no forged entry was written");
        // The user's own role is accepted and recorded with their id.
        long seq = log.append(Decision.of(Actor.user(investorId, Role.INVESTOR), "test.genuine", "test", "ok"));
        Map<String, Object> row = app.withHandle(h -> h.createQuery("SELECT actor_id, actor_role FROM decision "
                + "WHERE seq = :seq").bind("seq", seq).mapToMap().one());
        assertEquals(investorId, ((Number) row.get("actor_id")).longValue());
        assertEquals("investor", row.get("actor_role"));
    }

    @Test
    void aHoldsEntryNamesTheInvestorWhoseApplicationItIsAtTheTransactionsTime() {
        var investor = TestUsers.investor();
        var estate = TestEstates.create(app);
        long plot = estate.addParcel(app, "H1", estate.rect(0, 0, 100, 100), "AVAILABLE");
        OffsetDateTime start = app.withHandle(h -> h.createQuery("SELECT now()").mapTo(OffsetDateTime.class).one());
        Http.Response r = Http.post("/api/reservations", Map.of("parcelIds", List.of(plot), "activity", "1079",
                "investment", 1_000_000_000L, "jobs", 10, "knowledgeBased", false),
                "Authorization", investor.bearer(), "Idempotency-Key", UUID.randomUUID().toString());
        assertEquals(201, r.status(), r.body());
        long reservation = r.json().get("id").asLong();
        Map<String, Object> row = app.withHandle(h -> h.createQuery("SELECT actor_id, actor_role, occurred_at, "
                + "occurred_at >= :start AND occurred_at <= now() AS now FROM decision WHERE action = "
                + "'reservation.held' AND subject_id = :id").bind("id", Long.toString(reservation))
                .bind("start", start).mapToMap().one());
        assertEquals(investor.id(), ((Number) row.get("actor_id")).longValue());
        assertEquals("investor", row.get("actor_role"));
        assertEquals(Boolean.TRUE, row.get("now"), "the database's time, not the server's clock: " + row);
    }

    private static void actAs(Handle h, String id, String role) {
        h.createQuery("SELECT set_config('zamin.actor_id', :id, true) AS id, "
                + "set_config('zamin.actor_role', :role, true) AS role")
                .bind("id", id).bind("role", role).mapToMap().one();
    }

    /** Forged entries in the log (background jobs may add others meanwhile). */
    private long count() {
        return app.withHandle(h -> h.createQuery("SELECT count(*) FROM decision WHERE action = 'test.forged'")
                .mapTo(Long.class).one());
    }
}
