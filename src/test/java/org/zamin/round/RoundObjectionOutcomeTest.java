package org.zamin.round;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.zamin.testing.Http.assertError;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.zamin.cli.ZaminCommand;
import org.zamin.testing.Http;
import org.zamin.testing.TestEstates;
import org.zamin.testing.TestServer;
import org.zamin.testing.TestUsers;
import picocli.CommandLine;

/**
 * An upheld objection changes a round's result only through its recorded outcome: the corrected application, the
 * allocation re-run with the same lottery, a new document version (naming the objection and the version it replaces,
 * its hash on the log) that both verifiers reproduce, and awards and holds that follow it; the database refuses any
 * change to a closed round's awards, holds or amendments that no upheld objection's outcome states.
 */
class RoundObjectionOutcomeTest {

    private final TestServer ts = TestServer.get();

    /** Full points for jobs and investment on a plot of about a hectare, and the given extra points. */
    private static Object application(List<Long> ranking, boolean knowledgeBased, int exportSharePct) {
        return Rounds.application(ranking, "2599", 300_000_000_000L, 300, knowledgeBased, exportSharePct);
    }

    private static long applicationId(TestUsers.User investor, long offer) {
        return Http.get("/api/offers/" + offer + "/applications", "Authorization", investor.bearer()).json()
                .get("applications").get(0).get("id").asLong();
    }

    private static long winnerOf(JsonNode document, long plot) {
        for (JsonNode p : document.get("result").get("plots")) {
            if (p.get("plot").asLong() == plot) {
                return p.get("winner").isNull() ? 0 : p.get("winner").asLong();
            }
        }
        throw new AssertionError("plot " + plot + " not in the document");
    }

    private static Http.Response object(TestUsers.User u, long offer, String text) {
        return Http.post("/api/offers/" + offer + "/objections", Map.of("text", text), "Authorization", u.bearer());
    }

    private static Map<String, Object> uphold(String answer, Map<String, Object> correction) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("outcome", "UPHELD");
        b.put("answer", answer);
        b.put("correction", correction);
        return b;
    }

    @Test
    void anUpheldObjectionPublishesANewVersionThatBothVerifiersReproduceAndTheAwardsFollowIt() throws Exception {
        var estate = TestEstates.create(ts.jdbi());
        List<Long> plots = Rounds.plots(estate, 2);
        long p1 = plots.get(0);
        long p2 = plots.get(1);
        var officer = TestUsers.officer(estate.code());
        long offer = Rounds.publishedRound(officer, estate.code(), plots);
        Rounds.advance(Duration.ofSeconds(70));
        var a = TestUsers.investor();
        var b = TestUsers.investor();
        var c = TestUsers.investor();
        // a (90 points) wins p1; b (60) ranked only p1 and gets nothing; p2 is nobody's first choice but a's second
        assertEquals(201, Rounds.apply(a, offer, application(List.of(p1, p2), true, 50)).status());
        assertEquals(201, Rounds.apply(b, offer, application(List.of(p1), false, 0)).status());
        assertEquals(201, Rounds.apply(c, offer, Rounds.application(List.of(p1), "4711", 1, 0, false, 0)).status());
        JsonNode v1 = Rounds.closeAndRead(officer, offer);
        String sha1 = v1.get("documentSha256").asText();
        String document1 = Http.get("/api/offers/" + offer + "/result/document").body();
        long appA = applicationId(a, offer);
        long appB = applicationId(b, offer);
        assertEquals(appA, winnerOf(v1.get("document"), p1));
        assertEquals("AVAILABLE", Rounds.parcelStatus(p2), "p2 was not won");

        long objection = object(b, offer, "I am a knowledge-based firm exporting all I make; my form said otherwise.")
                .json().get("id").asLong();
        String answerPath = "/api/offers/" + offer + "/objections/" + objection + "/answer";
        assertError(Http.post(answerPath, Map.of("outcome", "UPHELD", "answer", "Certificates checked."),
                "Authorization", officer.bearer()), 422, "correction_required", "correction");
        Map<String, Object> correction = new LinkedHashMap<>();
        correction.put("activity", "2599");
        correction.put("investment", "۳۰۰۰۰۰۰۰۰۰۰۰");
        correction.put("jobs", "300");
        correction.put("knowledgeBased", true);
        correction.put("exportSharePct", "abc");
        assertError(Http.post(answerPath, uphold("Certificates checked.", correction), "Authorization",
                officer.bearer()), 422, "invalid_export_share", "exportSharePct");
        assertEquals("FILED", objectionState(offer), "a refused answer leaves the objection unanswered");
        correction.put("exportSharePct", "100");

        var answered = Http.post(answerPath, uphold("Certificates checked: knowledge-based, exports 100%.",
                correction), "Authorization", officer.bearer());
        assertEquals(200, answered.status(), answered.body());
        assertEquals("UPHELD", answered.json().get("outcome").asText());

        // the new version: a new hash, naming the objection and the version it replaces; b now wins p1, a gets p2
        JsonNode v2 = Http.get("/api/offers/" + offer + "/result").json();
        assertEquals(2, v2.get("version").asInt());
        String sha2 = v2.get("documentSha256").asText();
        assertNotEquals(sha1, sha2);
        JsonNode amendment = v2.get("document").get("amendment");
        assertEquals(objection, amendment.get("objectionId").asLong());
        assertEquals(sha1, amendment.get("previousSha256").asText());
        assertEquals(appB, winnerOf(v2.get("document"), p1));
        assertEquals(appA, winnerOf(v2.get("document"), p2));
        String document2 = Http.get("/api/offers/" + offer + "/result/document").body();
        assertEquals(sha2, RoundDocument.sha256Hex(document2));
        var verdict = RoundVerifier.verify(document2, Optional.of(sha2));
        assertTrue(verdict.matches(), verdict.problems().toString());
        assertEquals(Http.JSON.readTree(document2).get("result"), IndependentRoundCheck.expectedResult(document2));
        assertTrue(RoundVerifier.verify(document1, Optional.of(sha1)).matches(), "version 1 still verifies");
        assertEquals(0, new CommandLine(new ZaminCommand()).execute("verify-round",
                Http.uri("/api/offers/" + offer + "/result").toString()),
                "verify-round checks version 2 against the objection answer's logged hash");
        assertEquals(sha1, ts.jdbi().withHandle(h -> h.createQuery(
                "SELECT encode(document_sha256, 'hex') FROM offer WHERE id = :o").bind("o", offer)
                .mapTo(String.class).one()), "version 1 stays on the record");
        assertEquals(sha2, Http.get("/api/offers/" + offer).json().get("documentSha256").asText());

        // the log publishes the outcome with the new version's hash
        JsonNode entry = Http.get("/api/decisions?subjectType=round_objection&subjectId=" + objection).json()
                .get("decisions").get(0);
        assertEquals("round_objection.answered", entry.get("action").asText());
        assertEquals(sha2, entry.get("details").get("documentSha256").asText());
        assertEquals(sha1, entry.get("details").get("previousSha256").asText());
        assertEquals(2, entry.get("details").get("documentVersion").asInt());

        // awards and holds follow: a's hold on p1 is revoked (a told), b holds p1, a holds p2 (RESERVED again)
        JsonNode holds = Http.get("/api/offers/" + offer + "/awards").json().get("awards");
        assertEquals(3, holds.size(), holds.toString());
        assertEquals("REVOKED", holds.get(0).get("state").asText());
        assertEquals(appA, holds.get(0).get("applicationId").asLong());
        Map<Long, Long> live = new LinkedHashMap<>();
        for (JsonNode h : holds) {
            if ("DUE".equals(h.get("state").asText())) {
                live.put(h.get("parcelId").asLong(), h.get("applicationId").asLong());
            }
        }
        assertEquals(Map.of(p1, appB, p2, appA), live);
        assertEquals("RESERVED", Rounds.parcelStatus(p2));
        assertTrue(inbox(a).contains("round_award_revoked"), inbox(a));
        assertTrue(inbox(b).contains("round_award_due"), inbox(b));
        assertEquals(Map.of(p1, appB, p2, appA), awards(offer));

        // nothing else changes the round: not the awards, the holds, nor the amendment, nor a dismissed objection
        var owner = ts.ownerJdbi();
        assertRefused("change only through an upheld objection", () -> owner.useHandle(h -> h.createUpdate(
                "UPDATE round_award SET application_id = :a WHERE offer_id = :o AND parcel_id = :p")
                .bind("a", appA).bind("o", offer).bind("p", p1).execute()));
        assertRefused("change only through an upheld objection", () -> owner.useHandle(h -> h.createUpdate(
                "DELETE FROM round_award WHERE offer_id = :o").bind("o", offer).execute()));
        assertRefused("is on the record and never changes", () -> owner.useHandle(h -> h.createUpdate(
                "UPDATE round_amendment SET created_at = now() WHERE offer_id = :o").bind("o", offer).execute()));
        assertRefused("revoked only by the round", () -> owner.useHandle(h -> h.createUpdate(
                "UPDATE round_award_hold SET state = 'REVOKED', revoked_at = now(), "
                        + "revoked_by = (SELECT id FROM round_amendment WHERE offer_id = :o) "
                        + "WHERE offer_id = :o AND parcel_id = :p AND state = 'DUE'")
                .bind("o", offer).bind("p", p1).execute()));
        long dismissed = object(c, offer, "My shop should be allowed here.").json().get("id").asLong();
        assertEquals(200, Http.post("/api/offers/" + offer + "/objections/" + dismissed + "/answer",
                Map.of("outcome", "DISMISSED", "answer", "Retail is not an industrial use."), "Authorization",
                officer.bearer()).status());
        assertRefused("amended only by an upheld objection", () -> owner.useHandle(h -> h.createUpdate(
                "INSERT INTO round_amendment (offer_id, objection_id, version, correction, previous_sha256, document, "
                        + "document_sha256, parcel_ids, winner_ids, created_by, created_at) "
                        + "SELECT offer_id, :x, 3, correction, document_sha256, document, document_sha256, parcel_ids, "
                        + "winner_ids, created_by, now() FROM round_amendment WHERE offer_id = :o")
                .bind("x", dismissed).bind("o", offer).execute()));
        assertEquals(Map.of(p1, appB, p2, appA), awards(offer));
        assertEquals(sha2, Http.get("/api/offers/" + offer + "/result").json().get("documentSha256").asText());
    }

    @Test
    void anAmendmentNeverTakesAPaidPlot() {
        var estate = TestEstates.create(ts.jdbi());
        List<Long> plots = Rounds.plots(estate, 1);
        var officer = TestUsers.officer(estate.code());
        long offer = Rounds.publishedRound(officer, estate.code(), plots);
        Rounds.advance(Duration.ofSeconds(70));
        var a = TestUsers.investor();
        var b = TestUsers.investor();
        assertEquals(201, Rounds.apply(a, offer, application(plots, true, 50)).status());
        assertEquals(201, Rounds.apply(b, offer, application(plots, false, 0)).status());
        String sha1 = Rounds.closeAndRead(officer, offer).get("documentSha256").asText();
        assertEquals(200, Http.post("/api/offers/" + offer + "/award/pay", null, "Authorization", a.bearer())
                .status());
        long objection = object(b, offer, "My form was wrong.").json().get("id").asLong();
        Map<String, Object> correction = Map.of("activity", "2599", "investment", "300000000000", "jobs", "300",
                "knowledgeBased", true, "exportSharePct", "100");
        assertError(Http.post("/api/offers/" + offer + "/objections/" + objection + "/answer",
                uphold("Checked.", correction), "Authorization", officer.bearer()), 409, "award_paid", "paid");
        assertEquals("FILED", objectionState(offer));
        assertEquals(sha1, Http.get("/api/offers/" + offer + "/result").json().get("documentSha256").asText());
    }

    private static String objectionState(long offer) {
        JsonNode o = Http.get("/api/offers/" + offer + "/objections").json().get("objections").get(0);
        return o.get("outcome").isNull() ? "FILED" : o.get("outcome").asText();
    }

    private static String inbox(TestUsers.User u) {
        return Http.get("/api/inbox", "Authorization", u.bearer()).json().get("notifications").toString();
    }

    private Map<Long, Long> awards(long offer) {
        Map<Long, Long> out = new LinkedHashMap<>();
        ts.jdbi().useHandle(h -> h.createQuery("SELECT parcel_id, application_id FROM round_award WHERE offer_id = :o "
                + "ORDER BY parcel_id").bind("o", offer).map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getLong(2)))
                .forEach(e -> out.put(e.getKey(), e.getValue())));
        return out;
    }

    private static void assertRefused(String violated, org.junit.jupiter.api.function.Executable write) {
        var e = assertThrows(Exception.class, write);
        assertTrue(String.valueOf(e.getMessage()).contains(violated), e.getMessage());
    }
}
