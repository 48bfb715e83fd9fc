package org.zamin.idle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.zamin.testing.Http;
import org.zamin.testing.TestAllocations;
import org.zamin.testing.TestEstates;
import org.zamin.testing.TestServer;
import org.zamin.testing.TestUsers;

/**
 * Staged due process: three warnings with the rules' cure periods (90, 45, 30 days) then reclaim, each step refused
 * before the previous cure period ended — by the service and by the database itself; the idle fee and paid extension
 * slices computed exactly in whole rials from the rules.
 */
class IdleWarningsApiTest {

    private static final String AUTH = "Authorization";

    private static LocalDate today() {
        return LocalDate.now(TestServer.get().clock());
    }

    private static long count(String sql, long id) {
        return TestServer.get().jdbi().withHandle(h -> h.createQuery(sql).bind("id", id).mapTo(Long.class).one());
    }

    /** A fresh token for {@code userId} made at the test clock's now (tokens live 90 days). */
    private static String bearer(long userId) {
        String token = "zmn_test_" + java.util.UUID.randomUUID() + java.util.UUID.randomUUID();
        var now = OffsetDateTime.now(TestServer.get().clock());
        TestServer.get().jdbi().useHandle(h -> h.createUpdate("INSERT INTO api_token (token_hash, user_id, name, "
                + "created_at, expires_at) VALUES (sha256(convert_to(:t, 'UTF8')), :user, 'test', :now, :expires)")
                .bind("t", token)
                .bind("user", userId).bind("now", now).bind("expires", now.plusDays(90)).execute());
        return "Bearer " + token;
    }

    private record Case(TestEstates.Estate estate, long investor, long allocation, long parcel, long id) {}

    private static Case idleCase() {
        var estate = TestEstates.create(TestServer.get().ownerJdbi());
        long parcel = estate.addParcel(TestServer.get().ownerJdbi(), "W1", estate.rect(100, 100, 300, 300), "AVAILABLE");
        var investor = TestUsers.investor();
        long allocation = TestAllocations.create(estate, investor.id(), List.of(parcel), today().minusMonths(20), false);
        var officer = TestUsers.officer(estate.code());
        assertEquals(200, Http.post("/api/idle-scan?asOf=" + today(), null, AUTH, officer.bearer()).status());
        long id = TestServer.get().jdbi().withHandle(h -> h.createQuery(
                "SELECT id FROM idle_case WHERE allocation_id = :a").bind("a", allocation).mapTo(Long.class).one());
        return new Case(estate, investor.id(), allocation, parcel, id);
    }

    private static Http.Response act(Case c, String action, Object body) {
        return Http.post("/api/idle-cases/" + c.id() + "/" + action, body, AUTH,
                TestUsers.officer(c.estate().code()).bearer());
    }

    private static void advance(int days) {
        TestServer.get().clock().advance(Duration.ofDays(days));
    }

    /** Tries an SQL statement directly; returns the database's refusal. */
    private static String refusedInSql(String sql, long id, LocalDate day) {
        var e = assertThrows(RuntimeException.class, () -> TestServer.get().jdbi().useHandle(h ->
                h.createUpdate(sql).bind("id", id).bind("day", day).execute()));
        return e.getMessage();
    }

    private static final String WARN_IN_SQL = "INSERT INTO idle_warning (case_id, stage, stages, issued_on, cure_days, "
            + "cure_until, issued_at) SELECT :id, max(stage) + 1, 3, :day, 30, CAST(:day AS date) + 30, now() "
            + "FROM idle_warning WHERE case_id = :id";
    private static final String RECLAIM_IN_SQL = "UPDATE idle_case SET state = 'RECLAIMED', closed_at = :day, "
            + "updated_at = :day WHERE id = :id";

    @Test
    void threeWarningsThenReclaimEachAfterTheCurePeriodEnforcedByTheDatabase() {
        Case c = idleCase();
        var first = act(c, "notice", Map.of("reason", "no construction"));
        assertEquals(200, first.status(), first.body());
        assertEquals(1, first.json().get("stage").asInt());
        LocalDate cure1 = today().plusDays(90);
        assertEquals(cure1.toString(), first.json().get("replyDeadline").asText());

        Http.assertError(act(c, "notice", null), 409, "cure_period_not_ended", cure1.toString());
        assertTrue(refusedInSql(WARN_IN_SQL, c.id(), cure1).contains("may be issued after " + cure1));
        assertEquals(1, count("SELECT count(*) FROM idle_warning WHERE case_id = :id", c.id()));
        var reply = Http.post("/api/idle-cases/" + c.id() + "/reply", Map.of("text", "Waiting for the bank."), AUTH,
                bearer(c.investor()));
        assertEquals(200, reply.status(), reply.body());

        advance(91);
        var second = act(c, "notice", null);
        assertEquals(200, second.status(), second.body());
        assertEquals(2, second.json().get("stage").asInt());
        assertEquals(today().plusDays(45).toString(), second.json().get("replyDeadline").asText());
        assertEquals(200, Http.post("/api/idle-cases/" + c.id() + "/reply", Map.of("text", "Loan approved."), AUTH,
                bearer(c.investor())).status(), "a reply at each stage");
        assertEquals(2, count("SELECT count(*) FROM idle_warning WHERE case_id = :id AND reply IS NOT NULL", c.id()));
        Http.assertError(act(c, "reclaim", Map.of("reason", "idle")), 409, "warnings_not_exhausted", "");
        assertTrue(refusedInSql(RECLAIM_IN_SQL, c.id(), today().plusDays(400)).contains("only 2 of 3 warnings served"));

        advance(46);
        var third = act(c, "notice", null);
        assertEquals(200, third.status(), third.body());
        assertEquals(3, third.json().get("stage").asInt());
        LocalDate cure3 = today().plusDays(30);
        Http.assertError(act(c, "notice", null), 409, "warnings_exhausted", "");
        Http.assertError(act(c, "reclaim", Map.of("reason", "idle")), 409, "cure_period_not_ended", cure3.toString());
        assertTrue(refusedInSql(RECLAIM_IN_SQL, c.id(), cure3).contains("cure period runs until " + cure3));
        assertEquals("NOTICE_SERVED", TestServer.get().jdbi().withHandle(h -> h.createQuery(
                "SELECT state FROM idle_case WHERE id = :id").bind("id", c.id()).mapTo(String.class).one()));

        advance(31);
        var reclaim = act(c, "reclaim", Map.of("reason", "three warnings unanswered"));
        assertEquals(200, reclaim.status(), reclaim.body());
        assertEquals("RECLAIMED", reclaim.json().get("state").asText());
        String log = Http.get("/api/decisions?subjectType=idle_case&subjectId=" + c.id()).json().toString();
        assertEquals(3, log.split("idle_case.notice_served", -1).length - 1, log);
        assertTrue(log.contains("idle_case.reclaimed"), log);
        var inbox = Http.get("/api/inbox", AUTH, bearer(c.investor())).json().toString();
        assertTrue(inbox.contains("notice.idleNotice"), inbox);
    }

    @Test
    void theIdleFeeAndPaidExtensionSlicesAreExactWholeRialsFromTheRules() {
        Case c = idleCase();
        var off = act(c, "fee", null);
        Http.assertError(off, 409, "idle_fee_off", "no idle fee");
        var jdbi = TestServer.get().jdbi();
        // 20 % of the land price per year idle; 7.5 % of the land value per slice of 6 months, cap 12 months
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO idle_due_process_rules (estate_kind, valid_from, cure_days, "
                + "idle_fee_bp_per_year, extension_slice_months, extension_cap_months, extension_slice_price_bp) "
                + "VALUES ('INDUSTRIAL_ESTATE', :day, ARRAY[90, 45, 30], 2000, 6, 12, 750)")
                .bind("day", today()).execute());
        try {
            LocalDate since = jdbi.withHandle(h -> h.createQuery("SELECT opened_as_of FROM idle_case WHERE id = :id")
                    .bind("id", c.id()).mapTo(LocalDate.class).one());
            advance(100);
            long price = count("SELECT price FROM allocation_contract WHERE allocation_id = :id", c.allocation());
            long days = java.time.temporal.ChronoUnit.DAYS.between(since, today());
            var fee = act(c, "fee", null);
            assertEquals(200, fee.status(), fee.body());
            long expected = BigInteger.valueOf(price).multiply(BigInteger.valueOf(2000))
                    .multiply(BigInteger.valueOf(days)).divide(BigInteger.valueOf(3_650_000)).longValueExact();
            assertEquals(expected, fee.json().get("amount").asLong(), fee.body());
            assertEquals(days, fee.json().get("days").asLong());
            Http.assertError(act(c, "fee", null), 409, "nothing_to_charge", "");
            assertEquals(1, count("SELECT count(*) FROM idle_charge WHERE case_id = :id", c.id()));

            assertEquals(200, act(c, "notice", null).status());
            Http.assertError(act(c, "extend", Map.of("slices", 3)), 422, "invalid_slices", "1 to 2");
            Http.assertError(act(c, "extend", Map.of("slices", "many")), 422, "invalid_slices", "whole number");
            assertEquals(1, count("SELECT count(*) FROM idle_charge WHERE case_id = :id", c.id()));
            long landValue = count("SELECT sum(round(p.area_m2 * p.price_per_m2))::bigint FROM allocation_parcel ap "
                    + "JOIN parcel p ON p.id = ap.parcel_id WHERE ap.allocation_id = :id", c.allocation());
            var ext = act(c, "extend", Map.of("slices", 2, "reason", "bank facility pending"));
            assertEquals(200, ext.status(), ext.body());
            assertEquals(12, ext.json().get("months").asInt());
            long expectedPrice = BigInteger.valueOf(landValue).multiply(BigInteger.valueOf(750 * 2))
                    .divide(BigInteger.valueOf(10_000)).longValueExact();
            assertEquals(expectedPrice, ext.json().get("price").asLong(), ext.body());
            assertEquals("EXTENDED", ext.json().get("state").asText());
            // the cap holds in the database too: another slice on this allocation is refused
            var e = assertThrows(RuntimeException.class, () -> jdbi.useHandle(h -> h.createUpdate(
                    "INSERT INTO idle_charge (case_id, allocation_id, kind, base, rate_bp, slices, months, cap_months, "
                    + "charged_on, created_at) VALUES (:id, :a, 'EXTENSION', 1, 1, 1, 6, 12, now(), now())")
                    .bind("id", c.id()).bind("a", c.allocation()).execute()));
            assertTrue(e.getMessage().contains("would pass the cap of 12 months"), e.getMessage());
        } finally {
            jdbi.useHandle(h -> h.createUpdate("DELETE FROM idle_due_process_rules WHERE valid_from > DATE '2000-01-01'")
                    .execute());
        }
    }
}
