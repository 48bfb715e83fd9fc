package org.zamin.round;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.zamin.testing.Http.assertError;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.zamin.testing.Http;
import org.zamin.testing.TestEstates;
import org.zamin.testing.TestServer;
import org.zamin.testing.TestUsers;

/**
 * The deposit holds of a round's awards over HTTP: the winner pays (once, in time, only their own); an unpaid award
 * lapses and passes the plot to the next in the published order who holds nothing else of the round, who is told;
 * with nobody left the plot is AVAILABLE again; the published document never changes; the database keeps the rules.
 */
class RoundAwardApiTest {

    private final TestServer ts = TestServer.get();

    /** An application ranking {@code ranking} that earns jobs and investment in full, and the given extra points. */
    private static Object application(List<Long> ranking, boolean knowledgeBased, int exportSharePct) {
        return Rounds.application(ranking, "2599", 300_000_000_000L, 300, knowledgeBased, exportSharePct);
    }

    private static Http.Response pay(TestUsers.User investor, long offer) {
        return Http.post("/api/offers/" + offer + "/award/pay", null, "Authorization", investor.bearer());
    }

    private static JsonNode awards(long offer) {
        var r = Http.get("/api/offers/" + offer + "/awards");
        assertEquals(200, r.status(), r.body());
        return r.json().get("awards");
    }

    private static String inbox(TestUsers.User u) {
        return Http.get("/api/inbox", "Authorization", u.bearer()).json().get("notifications").toString();
    }

    private static long applicationId(TestUsers.User investor, long offer) {
        return Http.get("/api/offers/" + offer + "/applications", "Authorization", investor.bearer()).json()
                .get("applications").get(0).get("id").asLong();
    }

    @Test
    void theWinnerPaysTheDepositOnceAndOnlyTheirOwn() {
        var estate = TestEstates.create(ts.jdbi());
        List<Long> plots = Rounds.plots(estate, 1);
        var officer = TestUsers.officer(estate.code());
        long offer = Rounds.publishedRound(officer, estate.code(), plots);
        Rounds.advance(Duration.ofSeconds(70));
        var winner = TestUsers.investor();
        var other = TestUsers.investor();
        assertEquals(201, Rounds.apply(winner, offer, application(plots, false, 0)).status());
        Rounds.closeAndRead(officer, offer);
        Instant closedAt = java.time.OffsetDateTime.parse(Http.get("/api/offers/" + offer).json().get("closedAt")
                .asText()).toInstant();

        JsonNode award = awards(offer).get(0);
        assertEquals("DUE", award.get("state").asText());
        Instant payBy = java.time.OffsetDateTime.parse(award.get("payBy").asText()).toInstant();
        assertEquals(closedAt.plus(Duration.ofDays(10 + 7)), payBy, "due at the objection window's end + 7 days");
        assertTrue(award.get("depositAmount").asLong() > 0, award.toString());
        String notices = inbox(winner);
        assertTrue(notices.contains("round_award_due"), notices);
        assertTrue(notices.contains(award.get("plotNumber").asText()), notices);

        assertError(pay(other, offer), 404, "not_found", "award of offer " + offer);
        assertError(pay(officer, offer), 403, "forbidden", "");
        var paid = pay(winner, offer);
        assertEquals(200, paid.status(), paid.body());
        assertEquals("PAID", paid.json().get("state").asText());
        assertTrue(paid.json().get("sandbox").asBoolean());
        assertError(pay(winner, offer), 409, "award_already_paid", "already paid");
        assertEquals("RESERVED", Rounds.parcelStatus(plots.get(0)), "kept for the officer's contract");
        JsonNode entry = Http.get("/api/decisions?subjectType=round_award_hold&subjectId=" + award.get("id").asLong())
                .json().get("decisions").get(0);
        assertEquals("round_award.paid", entry.get("action").asText());

        // Paid awards do not lapse at their deadline.
        Rounds.advance(Duration.ofDays(18));
        ts.app().sweepHolds();
        assertEquals("PAID", awards(offer).get(0).get("state").asText());
    }

    @Test
    void anUnpaidAwardPassesToTheNextInLineAndWithNobodyLeftThePlotIsAvailable() throws Exception {
        var estate = TestEstates.create(ts.jdbi());
        List<Long> plots = Rounds.plots(estate, 2);
        long p1 = plots.get(0);
        long p2 = plots.get(1);
        var officer = TestUsers.officer(estate.code());
        long offer = Rounds.publishedRound(officer, estate.code(), plots);
        Rounds.advance(Duration.ofSeconds(70));
        List<TestUsers.User> u = TestUsers.investors(4);
        var a = u.get(0);
        var b = u.get(1);
        var c = u.get(2);
        var d = u.get(3);
        // scores 100 > 90 > 70 > 60: a wins p1, b wins p2 (and ranks p1 too), c and d are left without a plot
        assertEquals(201, Rounds.apply(a, offer, application(List.of(p1), true, 100)).status());
        assertEquals(201, Rounds.apply(b, offer, application(List.of(p2, p1), true, 50)).status());
        assertEquals(201, Rounds.apply(c, offer, application(List.of(p1), false, 50)).status());
        assertEquals(201, Rounds.apply(d, offer, application(List.of(p1), false, 0)).status());
        JsonNode envelope = Rounds.closeAndRead(officer, offer);
        String sha = envelope.get("documentSha256").asText();
        String document = Http.get("/api/offers/" + offer + "/result/document").body();
        assertEquals(200, pay(b, offer).status(), "b pays for p2");

        // a does not pay: past the deadline, paying is refused and the plot passes on then and there
        Rounds.advance(Duration.ofDays(17).plusMinutes(1));
        assertError(pay(a, offer), 409, "award_lapsed", "passed on");
        assertError(pay(a, offer), 409, "award_lapsed", "passed on");
        JsonNode holds = awards(offer);
        assertEquals(3, holds.size(), holds.toString());
        JsonNode passed = holds.get(2);
        assertEquals(applicationId(c, offer), passed.get("applicationId").asLong(),
                "c is next: b ranks p1 higher but already holds p2");
        assertEquals(holds.get(0).get("id").asLong(), passed.get("passedFrom").asLong());
        assertEquals(p1, passed.get("parcelId").asLong());
        assertEquals("DUE", passed.get("state").asText());
        assertEquals("RESERVED", Rounds.parcelStatus(p1));
        String notices = inbox(c);
        assertTrue(notices.contains("round_award_passed"), notices);
        String lapsedNotices = inbox(a);
        assertTrue(lapsedNotices.contains("round_award_lapsed"), "the lapsed winner is told: " + lapsedNotices);
        JsonNode lapse = Http.get("/api/decisions?subjectType=round_award_hold&subjectId="
                + holds.get(0).get("id").asLong()).json().get("decisions").get(0);
        assertEquals("round_award.lapsed", lapse.get("action").asText());
        assertEquals(applicationId(a, offer), lapse.get("details").get("lapsedApplicationId").asLong());
        assertEquals(applicationId(c, offer), lapse.get("details").get("passedToApplicationId").asLong());
        assertEquals(sha, lapse.get("details").get("documentSha256").asText(), "the pass-on refers to the document");

        // the published document is unchanged and still verifies
        var after = Http.get("/api/offers/" + offer + "/result").json();
        assertEquals(sha, after.get("documentSha256").asText());
        assertEquals(document, Http.get("/api/offers/" + offer + "/result/document").body());
        assertTrue(RoundVerifier.verify(document, Optional.of(sha)).matches());
        assertEquals(Http.JSON.readTree(document).get("result"), IndependentRoundCheck.expectedResult(document));

        // c does not pay either: the sweep passes p1 to d
        Rounds.advance(Duration.ofDays(7).plusMinutes(1));
        assertTrue(ts.app().sweepHolds() >= 1);
        holds = awards(offer);
        assertEquals(4, holds.size(), holds.toString());
        assertEquals("LAPSED", holds.get(2).get("state").asText());
        assertEquals(applicationId(d, offer), holds.get(3).get("applicationId").asLong());
        assertTrue(inbox(d).contains("round_award_passed"));
        assertError(pay(c, offer), 409, "award_lapsed", "lapsed");

        // nor does d: nobody is left who ranked p1, so it is AVAILABLE again
        Rounds.advance(Duration.ofDays(7).plusMinutes(1));
        ts.app().sweepHolds();
        holds = awards(offer);
        assertEquals(4, holds.size(), holds.toString());
        assertEquals("LAPSED", holds.get(3).get("state").asText());
        assertEquals("AVAILABLE", Rounds.parcelStatus(p1));
        assertEquals("ALLOCATED", Rounds.parcelStatus(p2), "b's paid award became its allocation after the "
                + "objection window");
        JsonNode last = Http.get("/api/decisions?subjectType=round_award_hold&subjectId="
                + holds.get(3).get("id").asLong()).json().get("decisions").get(0);
        assertEquals("AVAILABLE", last.get("details").get("parcelStatus").asText());
        assertEquals(sha, Http.get("/api/offers/" + offer + "/result").json().get("documentSha256").asText());
    }

    @Test
    void theDatabaseKeepsOneLiveAwardPerPlotAndPaysOnceInTime() {
        var estate = TestEstates.create(ts.jdbi());
        List<Long> plots = Rounds.plots(estate, 1);
        var officer = TestUsers.officer(estate.code());
        long offer = Rounds.publishedRound(officer, estate.code(), plots);
        Rounds.advance(Duration.ofSeconds(70));
        var winner = TestUsers.investor();
        var second = TestUsers.investor();
        assertEquals(201, Rounds.apply(winner, offer, application(plots, true, 0)).status());
        assertEquals(201, Rounds.apply(second, offer, application(plots, false, 0)).status());
        Rounds.closeAndRead(officer, offer);
        long hold = awards(offer).get(0).get("id").asLong();
        long secondApplication = applicationId(second, offer);
        var owner = ts.ownerJdbi();
        String late = Rounds.now().plus(Duration.ofDays(30)).atOffset(ZoneOffset.UTC).toString();
        assertConstraint("round_award_hold_paid_in_time", () -> owner.useHandle(h -> h.createUpdate(
                "UPDATE round_award_hold SET state = 'PAID', gateway = 'x', receipt = 'y', sandbox = true, "
                        + "paid_at = CAST(:late AS timestamptz) WHERE id = :id").bind("late", late).bind("id", hold)
                .execute()));
        assertConstraint("round_award_hold_one_live_per_plot", () -> owner.useHandle(h -> h.createUpdate(
                "INSERT INTO round_award_hold (offer_id, parcel_id, application_id, deposit_amount, created_at, "
                        + "pay_by) VALUES (:offer, :plot, :app, 0, now(), now() + interval '1 day')")
                .bind("offer", offer).bind("plot", plots.get(0)).bind("app", secondApplication).execute()));
        assertEquals(200, pay(winner, offer).status());
        assertConstraint("paid or lapses once", () -> owner.useHandle(h -> h.createUpdate(
                "UPDATE round_award_hold SET state = 'LAPSED', lapsed_at = pay_by WHERE id = :id").bind("id", hold)
                .execute()));
        assertConstraint("never deleted", () -> owner.useHandle(h -> h.createUpdate(
                "DELETE FROM round_award_hold WHERE id = :id").bind("id", hold).execute()));
    }

    private static void assertConstraint(String violated, org.junit.jupiter.api.function.Executable write) {
        var e = assertThrows(Exception.class, write);
        assertTrue(String.valueOf(e.getMessage()).contains(violated), e.getMessage());
    }
}
