package org.zamin.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.zamin.testing.Http;
import org.zamin.testing.TestAllocations;
import org.zamin.testing.TestEstates;
import org.zamin.testing.TestServer;
import org.zamin.testing.TestUsers;

/**
 * The time-based notices, sent by the sweep at the app's clock, each once however often the sweep runs (the test
 * sweeps twice, and the server's own sweep runs beside it): a hold ending within 24 h, a hold expired, an instalment
 * due within a week and then overdue, a reply deadline near; and the overdue list is for the estate's officers.
 */
class ReminderSweepTest {

    private static final String AUTH = "Authorization";

    private static long notices(TestUsers.User u, String kind) {
        return TestServer.get().jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM notification WHERE user_id = :u AND kind = :k").bind("u", u.id()).bind("k", kind)
                .mapTo(Long.class).one());
    }

    private static void sweepTwice() {
        TestServer.get().app().sweepHolds();
        TestServer.get().app().sweepHolds();
    }

    private static LocalDate today() {
        return LocalDate.now(TestServer.get().clock());
    }

    @Test
    void aHoldEndingAndAHoldExpiredAreToldOnceAtTheirTimes() {
        var d = PaymentApiTest.held();
        sweepTwice();
        assertEquals(0, notices(d.investor(), "hold_ending"), "72 hours left: not yet");
        TestServer.get().clock().advance(Duration.ofHours(49));
        sweepTwice();
        assertEquals(1, notices(d.investor(), "hold_ending"));
        assertEquals("HELD", PaymentApiTest.status(d.reservation()));
        TestServer.get().clock().advance(Duration.ofHours(24));
        sweepTwice();
        assertEquals("EXPIRED", PaymentApiTest.status(d.reservation()));
        assertEquals(1, notices(d.investor(), "hold_ending"));
        assertEquals(1, notices(d.investor(), "hold_expired"));
        var inbox = Http.get("/api/inbox", AUTH, d.investor().bearer()).json().get("notifications");
        assertEquals("notice.holdExpired", inbox.get(0).get("messageKey").asText(), inbox.toString());
        assertEquals(d.reservation(), inbox.get(0).get("params").get("reservation").asLong());
    }

    @Test
    void anInstalmentIsRemindedOnceWhenDueAndOnceWhenOverdueAndOnlyTheEstatesOfficerSeesIt() {
        var ts = TestServer.get();
        var estate = TestEstates.create(ts.ownerJdbi());
        long plot = estate.addParcel(ts.ownerJdbi(), "P1", estate.rect(100, 100, 300, 300), "AVAILABLE");
        var investor = TestUsers.investor();
        // STANDARD plan: instalment 1 falls due six months after signing, here three days from today.
        LocalDate signed = today().plusDays(3).minusMonths(6);
        long allocation = TestAllocations.create(estate, investor.id(), List.of(plot), signed, false);
        var officer = TestUsers.officer(estate.code());
        var otherOfficer = TestUsers.officer(TestEstates.create(ts.ownerJdbi()).code());

        sweepTwice();
        assertEquals(1, notices(investor, "instalment_due"), "instalment 1 is due within a week");
        assertEquals(0, notices(investor, "instalment_overdue"), "the cash share fell due before it was tracked");
        var due = Http.get("/api/allocations/" + allocation + "/instalments", AUTH, investor.bearer()).json()
                .get("instalments");
        assertEquals("OVERDUE", due.get(0).get("state").asText(), due.toString());
        assertEquals("DUE", due.get(1).get("state").asText(), due.toString());
        assertEquals("UPCOMING", due.get(2).get("state").asText(), due.toString());

        ts.clock().advance(Duration.ofDays(4));
        sweepTwice();
        assertEquals(1, notices(investor, "instalment_due"));
        assertEquals(1, notices(investor, "instalment_overdue"));
        var inbox = Http.get("/api/inbox", AUTH, investor.bearer()).json().get("notifications");
        assertEquals("notice.instalmentOverdue", inbox.get(0).get("messageKey").asText(), inbox.toString());
        assertEquals(1, inbox.get(0).get("params").get("number").asInt());

        var mine = Http.get("/api/instalments/overdue?limit=1000", AUTH, officer.bearer());
        assertEquals(200, mine.status(), mine.body());
        assertTrue(mine.json().get("overdue").toString().contains("\"allocationId\":" + allocation), mine.body());
        var theirs = Http.get("/api/instalments/overdue?limit=1000", AUTH, otherOfficer.bearer());
        assertEquals(200, theirs.status(), theirs.body());
        assertTrue(!theirs.json().get("overdue").toString().contains("\"allocationId\":" + allocation), theirs.body());
        Http.assertError(Http.get("/api/instalments/overdue", AUTH, investor.bearer()), 403, "forbidden", "");
        Http.assertError(Http.get("/api/instalments/overdue?limit=0", AUTH, officer.bearer()), 422, "invalid_limit",
                "limit");
    }

    @Test
    void theHolderIsRemindedOnceThatTheReplyDeadlineIsNear() {
        var ts = TestServer.get();
        var estate = TestEstates.create(ts.ownerJdbi());
        long plot = estate.addParcel(ts.ownerJdbi(), "P1", estate.rect(100, 100, 300, 300), "AVAILABLE");
        var investor = TestUsers.investor();
        long allocation = TestAllocations.create(estate, investor.id(), List.of(plot), today().minusMonths(20), false);
        long served = ts.ownerJdbi().withHandle(h -> h.createQuery("""
                INSERT INTO idle_case (allocation_id, state, score, evidence, opened_as_of, opened_at, notice_served_at,
                                       reply_deadline, updated_at)
                VALUES (:a, 'NOTICE_SERVED', 60, '[]', :today, now(), now(), :deadline, now()) RETURNING id""")
                .bind("a", allocation).bind("today", today()).bind("deadline", today().plusDays(10))
                .mapTo(Long.class).one());
        sweepTwice();
        assertEquals(0, notices(investor, "reply_due"), "ten days left: not yet");
        ts.clock().advance(Duration.ofDays(4));
        sweepTwice();
        assertEquals(1, notices(investor, "reply_due"));
        var inbox = Http.get("/api/inbox", AUTH, investor.bearer()).json().get("notifications");
        assertEquals("notice.replyDue", inbox.get(0).get("messageKey").asText(), inbox.toString());
        assertEquals(served, inbox.get(0).get("params").get("case").asLong());
    }
}
