package org.zamin.round;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.zamin.testing.Http.assertError;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.zamin.db.Transactions;
import org.zamin.reservation.ReservationService;
import org.zamin.testing.Http;
import org.zamin.testing.TestEstates;
import org.zamin.testing.TestServer;
import org.zamin.testing.TestUsers;

/**
 * A paid award becomes an allocation and a lease-to-own contract, as an approved reservation does: once its deposit
 * is paid and the objection window is over (at payment, or by the sweep at the window's end), exactly once; the
 * database refuses any other. The category policies the offer published price it: a small power plant's land is
 * free, a knowledge-based firm gets the policy's instalments; the round document carries the policies.
 */
class RoundAwardAllocationTest {

    private final TestServer ts = TestServer.get();

    /** An application ranking {@code ranking} for activity {@code isic}; the export share orders the applicants. */
    private static Object application(List<Long> ranking, String isic, boolean knowledgeBased, int exportSharePct) {
        return Rounds.application(ranking, isic, 300_000_000_000L, 300, knowledgeBased, exportSharePct);
    }

    private static Http.Response pay(TestUsers.User investor, long offer) {
        return Http.post("/api/offers/" + offer + "/award/pay", null, "Authorization", investor.bearer());
    }

    private static JsonNode awardOf(long offer, long parcel) {
        var r = Http.get("/api/offers/" + offer + "/awards");
        assertEquals(200, r.status(), r.body());
        for (JsonNode a : r.json().get("awards")) {
            if (a.get("parcelId").asLong() == parcel && !"LAPSED".equals(a.get("state").asText())) {
                return a;
            }
        }
        throw new AssertionError("no award of plot " + parcel + ": " + r.body());
    }

    private static JsonNode contract(TestUsers.User u, long allocation) {
        var r = Http.get("/api/allocations/" + allocation + "/contract", "Authorization", u.bearer());
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    private int classPolicy(String code, String column) {
        return ts.jdbi().withHandle(h -> h.createQuery("SELECT " + column
                + " FROM category_policy WHERE estate_kind = 'INDUSTRIAL_ESTATE' AND code = :code")
                .bind("code", code).mapTo(Integer.class).one());
    }

    /** The constraint the database names when it refuses {@code sql} (its hold bound as :hold). */
    private String refusal(String sql, long hold) {
        RuntimeException e = assertThrows(RuntimeException.class, () -> ts.jdbi().useTransaction(h ->
                h.createQuery(sql).bind("hold", hold).mapTo(Long.class).one()));
        return Transactions.constraint(e);
    }

    @Test
    void aPaidAwardBecomesAnAllocationAndAContractOnceTheObjectionWindowIsOver() {
        var estate = TestEstates.create(ts.jdbi());
        List<Long> plots = Rounds.plots(estate, 3);
        var officer = TestUsers.officer(estate.code());
        long offer = Rounds.publishedRound(officer, estate.code(), plots);
        Rounds.advance(Duration.ofSeconds(70));
        List<TestUsers.User> u = TestUsers.investors(4);
        var early = u.get(0);
        var late = u.get(1);
        var unpaid = u.get(2);
        var loser = u.get(3);
        assertEquals(201, Rounds.apply(early, offer, application(List.of(plots.get(0)), "2599", false, 100)).status());
        assertEquals(201, Rounds.apply(late, offer, application(List.of(plots.get(1)), "2599", false, 90)).status());
        assertEquals(201, Rounds.apply(unpaid, offer, application(List.of(plots.get(2)), "2599", false, 80)).status());
        assertEquals(201, Rounds.apply(loser, offer, application(List.of(plots.get(0)), "2599", false, 0)).status());
        Rounds.closeAndRead(officer, offer);

        // paid during the objection window: PAID, the plot still RESERVED, no allocation yet
        var paid = pay(early, offer);
        assertEquals(200, paid.status(), paid.body());
        assertEquals("PAID", paid.json().get("state").asText());
        assertTrue(paid.json().get("allocationId").isNull(), paid.body());
        assertEquals("RESERVED", Rounds.parcelStatus(plots.get(0)));
        long earlyHold = paid.json().get("id").asLong();
        String allocate = "SELECT allocation_open(NULL, h.id, a.investor_id, o.estate_id, ARRAY[h.parcel_id], "
                + "CAST(:at AS timestamptz)) FROM round_award_hold h JOIN round_application a ON a.id = h.application_id "
                + "JOIN offer o ON o.id = h.offer_id WHERE h.id = :hold";
        String now = Rounds.now().atOffset(ZoneOffset.UTC).toString();
        assertEquals("allocation_award_objection_window", refusal(allocate.replace(":at", "'" + now + "'"),
                earlyHold), "no allocation while objections may still change the result");

        // the window passes: the late winner's payment allocates at once
        Rounds.advance(Duration.ofDays(10).plusMinutes(1));
        var lateHold = awardOf(offer, plots.get(1));
        var paidLate = pay(late, offer);
        assertEquals(200, paidLate.status(), paidLate.body());
        long allocation = paidLate.json().get("allocationId").asLong();
        assertTrue(allocation > 0, paidLate.body());
        assertEquals("ALLOCATED", Rounds.parcelStatus(plots.get(1)));
        assertError(pay(late, offer), 409, "award_already_paid", "already paid");

        // its allocation and contract: the same rows an approved reservation makes
        var a = Http.get("/api/allocations/" + allocation, "Authorization", late.bearer());
        assertEquals(200, a.status(), a.body());
        assertEquals(lateHold.get("id").asLong(), a.json().get("awardHoldId").asLong());
        assertTrue(a.json().get("reservationId").isNull());
        JsonNode c = contract(late, allocation);
        long list = lateHold.get("terms").get("listPrice").asLong();
        assertTrue(list > 0);
        assertEquals(list, c.get("price").asLong(), "standard terms: the list price");
        assertEquals(list, c.get("listPrice").asLong());
        assertEquals("STANDARD", c.get("plan").get("code").asText());
        assertEquals(classPolicy("STANDARD", "instalment_count"), c.get("schedule").get("instalments").size());
        assertEquals(5, c.get("milestones").size(), c.toString());
        var instalments = Http.get("/api/allocations/" + allocation + "/instalments", "Authorization", late.bearer());
        assertEquals(200, instalments.status(), instalments.body());
        assertEquals(classPolicy("STANDARD", "instalment_count") + 1, instalments.json().get("instalments").size(),
                "the cash share (0) and the instalments");
        assertEquals(list * ReservationService.DEPOSIT_PER_MILLE / 1000, lateHold.get("depositAmount").asLong());

        // on the decision log and in the winner's inbox, with the contract's link
        JsonNode entry = Http.get("/api/decisions?subjectType=allocation&subjectId=" + allocation).json()
                .get("decisions").get(0);
        assertEquals("round_award.allocated", entry.get("action").asText());
        assertEquals(offer, entry.get("details").get("offerId").asLong());
        assertEquals("STANDARD", entry.get("details").get("policy").asText());
        String inbox = Http.get("/api/inbox", "Authorization", late.bearer()).json().get("notifications").toString();
        assertTrue(inbox.contains("round_award_allocated") && inbox.contains("#/contract/" + allocation), inbox);

        // the early payer's award is allocated by the sweep, once
        ts.app().sweepHolds();
        ts.app().sweepHolds();
        JsonNode earlyAward = awardOf(offer, plots.get(0));
        long earlyAllocation = earlyAward.get("allocationId").asLong();
        assertTrue(earlyAllocation > 0, earlyAward.toString());
        assertEquals("ALLOCATED", Rounds.parcelStatus(plots.get(0)));
        long allocations = ts.jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM allocation WHERE award_hold_id = :hold").bind("hold", earlyHold)
                .mapTo(Long.class).one());
        assertEquals(1L, allocations);
        String earlyInbox = Http.get("/api/inbox", "Authorization", early.bearer()).json().get("notifications")
                .toString();
        assertEquals(1, earlyInbox.split("round_award_allocated", -1).length - 1, earlyInbox);

        // the database refuses an unpaid award's allocation, a second one, and another plot for an award
        String later = Rounds.now().plus(Duration.ofDays(1)).atOffset(ZoneOffset.UTC).toString();
        String allocateLater = allocate.replace(":at", "'" + later + "'");
        long unpaidHold = awardOf(offer, plots.get(2)).get("id").asLong();
        assertEquals("allocation_award_paid", refusal(allocateLater, unpaidHold));
        assertTrue(refusal(allocateLater, earlyHold).contains("award_hold_id"), "one allocation per award");
        assertEquals("allocation_award_plot", refusal("INSERT INTO allocation_parcel (allocation_id, parcel_id) "
                + "SELECT id, " + plots.get(2) + " FROM allocation WHERE award_hold_id = :hold RETURNING allocation_id",
                lateHold.get("id").asLong()), "an award's allocation holds its own plot only");
        assertEquals("allocation_source_kept", refusal("UPDATE allocation SET award_hold_id = NULL, reservation_id = "
                + "NULL WHERE award_hold_id = :hold RETURNING id", earlyHold));
        assertNotEquals(earlyAllocation, allocation);
    }

    @Test
    void categoryPoliciesPriceTheAwardsAndAreInTheRoundDocument() {
        var estate = TestEstates.create(ts.jdbi());
        List<Long> plots = Rounds.plots(estate, 3);
        var officer = TestUsers.officer(estate.code());
        long offer = Rounds.publishedRound(officer, estate.code(), plots);
        Rounds.advance(Duration.ofSeconds(70));
        List<TestUsers.User> u = TestUsers.investors(3);
        var plant = u.get(0);
        var kb = u.get(1);
        var standard = u.get(2);
        assertEquals(201, Rounds.apply(plant, offer, application(List.of(plots.get(0)), "3510", false, 0)).status());
        assertEquals(201, Rounds.apply(kb, offer, application(List.of(plots.get(1)), "2599", true, 0)).status());
        assertEquals(201, Rounds.apply(standard, offer, application(List.of(plots.get(2)), "2599", false, 0))
                .status());
        JsonNode envelope = Rounds.closeAndRead(officer, offer);

        // the document publishes the offer's policies, under its hash
        String document = Http.get("/api/offers/" + offer + "/result/document").body();
        RoundDocument doc = RoundDocument.parse(document);
        assertEquals(List.of("SMALL_POWER_PLANT", "KNOWLEDGE_BASED", "STANDARD"),
                doc.policies().stream().map(RoundDocument.Policy::code).toList());
        assertEquals(0, doc.policies().get(0).priceShareBp());
        assertTrue(doc.policies().get(1).auctionExempt());
        var verdict = RoundVerifier.verify(document, java.util.Optional.of(envelope.get("documentSha256").asText()));
        assertTrue(verdict.matches(), verdict.problems().toString());

        // a small power plant's land is free: no deposit, a contract of price 0 with nothing to pay in instalments
        JsonNode plantAward = awardOf(offer, plots.get(0));
        assertEquals("SMALL_POWER_PLANT", plantAward.get("terms").get("policy").asText());
        assertEquals(0, plantAward.get("depositAmount").asLong());
        assertEquals(0, plantAward.get("terms").get("landPrice").asLong());
        JsonNode kbAward = awardOf(offer, plots.get(1));
        assertEquals("KNOWLEDGE_BASED", kbAward.get("terms").get("policy").asText());
        assertEquals(kbAward.get("terms").get("listPrice").asLong() * ReservationService.DEPOSIT_PER_MILLE / 1000,
                kbAward.get("depositAmount").asLong());
        assertEquals("STANDARD", awardOf(offer, plots.get(2)).get("terms").get("policy").asText());

        Rounds.advance(Duration.ofDays(10).plusMinutes(1));
        var paidPlant = pay(plant, offer);
        assertEquals(200, paidPlant.status(), paidPlant.body());
        JsonNode pc = contract(plant, paidPlant.json().get("allocationId").asLong());
        assertEquals(0, pc.get("price").asLong());
        assertEquals(plantAward.get("terms").get("listPrice").asLong(), pc.get("listPrice").asLong());
        assertTrue(pc.get("listPrice").asLong() > 0);
        assertEquals("SMALL_POWER_PLANT", pc.get("plan").get("code").asText());
        assertEquals(0, pc.get("schedule").get("instalments").size());
        assertEquals(0, pc.get("schedule").get("cash").asLong());

        // a knowledge-based firm gets the policy's instalments, summing exactly to the financed price
        var paidKb = pay(kb, offer);
        assertEquals(200, paidKb.status(), paidKb.body());
        JsonNode kc = contract(kb, paidKb.json().get("allocationId").asLong());
        assertEquals("KNOWLEDGE_BASED", kc.get("plan").get("code").asText());
        assertEquals(classPolicy("KNOWLEDGE_BASED", "instalment_count"), kc.get("schedule").get("instalments").size());
        assertEquals(classPolicy("KNOWLEDGE_BASED", "cash_share_bp"), kc.get("plan").get("cashShareBasisPoints").asInt());
        long sum = 0;
        for (JsonNode i : kc.get("schedule").get("instalments")) {
            sum += i.get("amount").asLong();
        }
        assertEquals(kc.get("price").asLong() - kc.get("schedule").get("cash").asLong(), sum);
    }

    @Test
    void anOfferKeepsThePoliciesItPublishedAndAChangedPolicyChangesTheDocumentsHash() {
        var estate = TestEstates.create(ts.jdbi());
        List<Long> plots = Rounds.plots(estate, 2);
        var officer = TestUsers.officer(estate.code());
        long before = Rounds.publishedRound(officer, estate.code(), List.of(plots.get(0)));
        int count = classPolicy("KNOWLEDGE_BASED", "instalment_count");
        long after;
        try {
            ts.jdbi().useHandle(h -> h.execute("UPDATE category_policy SET instalment_count = instalment_count + 4 "
                    + "WHERE estate_kind = 'INDUSTRIAL_ESTATE' AND code = 'KNOWLEDGE_BASED'"));
            after = Rounds.publishedRound(officer, estate.code(), List.of(plots.get(1)));
        } finally {
            ts.jdbi().useHandle(h -> h.execute("UPDATE category_policy SET instalment_count = " + count
                    + " WHERE estate_kind = 'INDUSTRIAL_ESTATE' AND code = 'KNOWLEDGE_BASED'"));
        }
        Rounds.advance(Duration.ofSeconds(70));
        var kb = TestUsers.investor();
        assertEquals(201, Rounds.apply(kb, before, application(List.of(plots.get(0)), "2599", true, 0)).status());
        Rounds.closeAndRead(officer, before);
        Rounds.closeAndRead(officer, after);
        RoundDocument first = RoundDocument.parse(Http.get("/api/offers/" + before + "/result/document").body());
        RoundDocument second = RoundDocument.parse(Http.get("/api/offers/" + after + "/result/document").body());
        assertEquals(count, first.policies().get(1).instalmentCount(), "published before the change");
        assertEquals(count + 4, second.policies().get(1).instalmentCount(), "published after the change");
        assertEquals(count, awardOf(before, plots.get(0)).get("terms").get("instalmentCount").asInt());

        // the same document with one policy changed has another hash, and the verifier says it is not the published
        String sha = RoundDocument.sha256Hex(first.canonical());
        var changed = new RoundDocument(first.amendment(), first.format(), first.inputs(), first.result(),
                List.of(first.policies().get(0), second.policies().get(1), first.policies().get(2)));
        assertNotEquals(sha, RoundDocument.sha256Hex(changed.canonical()));
        var verdict = RoundVerifier.verify(changed.canonical(), java.util.Optional.of(sha));
        assertTrue(!verdict.matches() && verdict.problems().get(0).contains("is not the published"),
                verdict.problems().toString());
        assertTrue(RoundVerifier.verify(first.canonical(), java.util.Optional.of(sha)).matches());
        var broken = new RoundDocument(null, first.format(), first.inputs(), first.result(),
                List.of(first.policies().get(0), first.policies().get(1)));
        assertTrue(RoundVerifier.verify(broken.canonical(), java.util.Optional.empty()).problems().toString()
                .contains("STANDARD"), "a document whose policies leave someone without terms is refused");
        assertNull(RoundDocument.parse(RoundDocument.of(first.inputs(), first.result()).canonical()).policies(),
                "documents of rounds closed before policies have none");
    }
}
