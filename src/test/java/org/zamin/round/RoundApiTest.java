package org.zamin.round;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.zamin.testing.Http.assertError;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.zamin.cli.ZaminCommand;
import org.zamin.testing.Http;
import org.zamin.testing.TestEstates;
import org.zamin.testing.TestServer;
import org.zamin.testing.TestUsers;
import picocli.CommandLine;

/**
 * Allocation rounds over HTTP against the real database: 60 applicants for 20 plots allocated as an independent
 * implementation computes it; any changed input changes the document's hash and fails verify-round; the seed's
 * commitment precedes every application in the log; nothing changes after close, the database included.
 */
class RoundApiTest {

    private final TestServer ts = TestServer.get();

    @Test
    void sixtyApplicantsForTwentyPlotsAreAllocatedAsTheIndependentImplementationComputes() throws Exception {
        var estate = TestEstates.create(ts.jdbi());
        List<Long> plots = Rounds.plots(estate, 20);
        var officer = TestUsers.officer(estate.code());
        long offer = Rounds.publishedRound(officer, estate.code(), plots);
        plots.forEach(p -> assertEquals("RESERVED", Rounds.parcelStatus(p), "a round's plots are kept for it"));
        Rounds.advance(Duration.ofSeconds(70));

        Random random = new Random(12);
        List<TestUsers.User> investors = TestUsers.investors(60);
        Map<String, Object> tie = Rounds.application(List.of(plots.get(0), plots.get(1)), "2599", 90_000_000_000L,
                60, true, 50);
        for (int i = 0; i < investors.size(); i++) {
            // the first four state the very same application: only the lottery orders them
            var body = i < 4 ? tie : Rounds.randomApplication(random, plots);
            var applied = Rounds.apply(investors.get(i), offer, body);
            assertEquals(201, applied.status(), applied.body());
        }
        JsonNode envelope = Rounds.closeAndRead(officer, offer);
        String document = envelope.get("document").toString();
        JsonNode published = Http.JSON.readTree(document);

        assertEquals(Http.JSON.readTree(document).get("result"), IndependentRoundCheck.expectedResult(document),
                "the independent implementation computes the same result");
        assertTrue(RoundVerifier.verify(document, java.util.Optional.of(envelope.get("documentSha256").asText()))
                .matches());
        assertEquals(0, verifyRound(Http.uri("/api/offers/" + offer + "/result").toString()),
                "verify-round recomputes the round from its URL and agrees with the log");

        JsonNode result = published.get("result");
        assertEquals(60, result.get("applicants").size());
        Set<Long> winners = new HashSet<>();
        Map<String, Integer> outcomes = new HashMap<>();
        for (JsonNode a : result.get("applicants")) {
            outcomes.merge(a.get("outcome").asText(), 1, Integer::sum);
            if (!a.get("plot").isNull()) {
                assertTrue(winners.add(a.get("id").asLong()));
            }
        }
        assertEquals(20, result.get("plots").size());
        long won = 0;
        for (JsonNode p : result.get("plots")) {
            if (!p.get("winner").isNull()) {
                won++;
                assertEquals("RESERVED", Rounds.parcelStatus(p.get("plot").asLong()), "a won plot stays kept");
            } else {
                assertEquals("AVAILABLE", Rounds.parcelStatus(p.get("plot").asLong()), "an unwon plot is freed");
            }
        }
        assertEquals(won, winners.size());
        assertTrue(outcomes.getOrDefault("WON", 0) >= 8, "the eight popular plots all find winners: " + outcomes);
        assertTrue(outcomes.getOrDefault("NO_PLOT_LEFT", 0) > 0, "oversubscribed: " + outcomes);
        assertTrue(outcomes.getOrDefault("INELIGIBLE", 0) > 0, "retail on industrial land is ineligible: " + outcomes);
        assertEquals(won, (long) ts.jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM round_award WHERE offer_id = :o").bind("o", offer).mapTo(Long.class).one()));
        // The four identical applications have one score: the lottery alone orders them.
        Set<Long> tied = tieIds(4, investors, offer);
        List<JsonNode> ties = new java.util.ArrayList<>();
        result.get("applicants").forEach(a -> {
            if (tied.contains(a.get("id").asLong())) {
                ties.add(a);
            }
        });
        assertEquals(4, ties.size());
        ties.sort(java.util.Comparator.comparingInt(a -> a.get("order").asInt()));
        for (int i = 1; i < ties.size(); i++) {
            assertEquals(ties.get(0).get("score").asLong(), ties.get(i).get("score").asLong());
            assertTrue(ties.get(i - 1).get("lotteryRank").asInt() < ties.get(i).get("lotteryRank").asInt(),
                    "equal scores go in lottery order: " + ties);
        }
        // An applicant sees their own application marked; the document names no one.
        var mine = Http.get("/api/offers/" + offer + "/result", "Authorization", investors.get(7).bearer()).json();
        assertFalse(mine.get("yourApplicationId").isNull());
        assertTrue(Http.get("/api/offers/" + offer + "/result").json().get("yourApplicationId").isNull());
        assertFalse(document.contains(investors.get(7).email()));

        // The log: the seed's commitment entry precedes every application, and the close publishes the seed and hash.
        JsonNode log = Http.get("/api/decisions?subjectType=offer&subjectId=" + offer).json().get("decisions");
        long publishedSeq = -1;
        for (JsonNode d : log) {
            if (d.get("action").asText().equals("offer.published")) {
                publishedSeq = d.get("seq").asLong();
                assertEquals(published.get("inputs").get("lottery").get("seedCommitment").asText(),
                        d.get("details").get("seedCommitment").asText());
            }
            if (d.get("action").asText().equals("offer.closed")) {
                assertEquals(envelope.get("documentSha256").asText(), d.get("details").get("documentSha256").asText());
                assertEquals(published.get("inputs").get("lottery").get("seed").asText(),
                        d.get("details").get("seed").asText());
            }
        }
        long first = publishedSeq;
        long earliestApplication = ts.jdbi().withHandle(h -> h.createQuery("""
                SELECT min(seq) FROM decision
                 WHERE subject_type = 'round_application' AND (public_details ->> 'offerId')::bigint = :o""")
                .bind("o", offer).mapTo(Long.class).one());
        assertTrue(first > 0 && first < earliestApplication,
                "offer.published (" + first + ") precedes every application (" + earliestApplication + ")");
        byte[] seed = HexFormat.of().parseHex(published.get("inputs").get("lottery").get("seed").asText());
        assertEquals(published.get("inputs").get("lottery").get("seedCommitment").asText(),
                HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(seed)));
        assertTrue(Http.get("/api/decisions/verify").json().get("valid").asBoolean());
    }

    /** The application ids of the first {@code n} investors, as each sees it marked in the result. */
    private static Set<Long> tieIds(int n, List<TestUsers.User> investors, long offer) {
        Set<Long> ids = new HashSet<>();
        for (int i = 0; i < n; i++) {
            ids.add(Http.get("/api/offers/" + offer + "/result", "Authorization", investors.get(i).bearer()).json()
                    .get("yourApplicationId").asLong());
        }
        return ids;
    }

    @Test
    void changingAnyInputChangesTheDocumentsHashAndVerifyRoundReportsIt() throws Exception {
        var estate = TestEstates.create(ts.jdbi());
        List<Long> plots = Rounds.plots(estate, 6);
        var officer = TestUsers.officer(estate.code());
        long offer = Rounds.publishedRound(officer, estate.code(), plots);
        Rounds.advance(Duration.ofSeconds(70));
        Random random = new Random(5);
        for (var investor : TestUsers.investors(12)) {
            assertEquals(201, Rounds.apply(investor, offer, Rounds.randomApplication(random, plots)).status());
        }
        JsonNode envelope = Rounds.closeAndRead(officer, offer);
        String sha = envelope.get("documentSha256").asText();
        String original = Http.get("/api/offers/" + offer + "/result/document").body();
        assertEquals(sha, RoundDocument.sha256Hex(original), "the download is the published document byte for byte");
        Path file = Files.createTempFile("round", ".json");
        Files.writeString(file, original);
        assertEquals(0, verifyRound(file.toString(), "--sha256", sha));
        assertEquals(Http.JSON.readTree(original).get("result"), IndependentRoundCheck.expectedResult(original));

        Map<String, Consumer<ObjectNode>> changes = Map.of(
                "a weight", doc -> ((ObjectNode) inputs(doc).get("rules").get("weights")).put("jobsPerHectare", 31),
                "a score input", doc -> {
                    ObjectNode a = (ObjectNode) inputs(doc).get("applications").get(0);
                    a.put("jobs", a.get("jobs").asInt() + 37);
                },
                "the seed", doc -> ((ObjectNode) inputs(doc).get("lottery")).put("seed", "00".repeat(32)),
                "an application", doc -> {
                    ObjectNode a = (ObjectNode) inputs(doc).get("applications").get(1);
                    ArrayNode ranking = (ArrayNode) a.get("ranking");
                    ranking.removeAll();
                    ranking.add(plots.get(5));
                });
        for (var change : changes.entrySet()) {
            ObjectNode doc = (ObjectNode) Http.JSON.readTree(original);
            change.getValue().accept(doc);
            String changed = RoundDocument.canonicalize(doc.toString());
            assertNotEquals(sha, RoundDocument.sha256Hex(changed), change.getKey() + " changes the hash");
            assertFalse(RoundVerifier.verify(changed, java.util.Optional.of(sha)).matches(), change.getKey());
            Files.writeString(file, changed);
            assertEquals(1, verifyRound(file.toString(), "--sha256", sha),
                    "verify-round reports the mismatch when " + change.getKey() + " changed");
        }
        // Inputs changed consistently with the hash left aside: the recomputation alone finds the weight and seed.
        ObjectNode reweighted = (ObjectNode) Http.JSON.readTree(original);
        ((ObjectNode) inputs(reweighted).get("rules").get("weights")).put("exportShare", 95);
        assertFalse(RoundVerifier.verify(reweighted.toString(), java.util.Optional.empty()).matches());
        assertNotEquals(reweighted.get("result"), IndependentRoundCheck.expectedResult(reweighted.toString()));
        ObjectNode reseeded = (ObjectNode) Http.JSON.readTree(original);
        ((ObjectNode) inputs(reseeded).get("lottery")).put("seed", "11".repeat(32));
        var verdict = RoundVerifier.verify(reseeded.toString(), java.util.Optional.empty());
        assertFalse(verdict.matches());
        assertTrue(verdict.problems().get(0).contains("commitment"), verdict.problems().toString());
    }

    private static ObjectNode inputs(ObjectNode doc) {
        return (ObjectNode) doc.get("inputs");
    }

    @Test
    void anApplicationCannotBeEditedAfterCloseNorCanTheRound() {
        var estate = TestEstates.create(ts.jdbi());
        List<Long> plots = Rounds.plots(estate, 3);
        var officer = TestUsers.officer(estate.code());
        var investor = TestUsers.investor();
        long offer = Rounds.publishedRound(officer, estate.code(), plots);
        Rounds.advance(Duration.ofSeconds(70));
        var first = Rounds.apply(investor, offer, Rounds.application(List.of(plots.get(0)), "2599", 5_000_000_000L,
                20, false, 10));
        assertEquals(201, first.status(), first.body());
        long id = first.json().get("id").asLong();
        // Editable while the window is open: same id, new content.
        var edited = Rounds.apply(investor, offer, Rounds.application(List.of(plots.get(1), plots.get(0)), "2599",
                60_000_000_000L, 60, true, 50));
        assertEquals(200, edited.status(), edited.body());
        assertEquals(id, edited.json().get("id").asLong());
        assertEquals(plots.get(1), edited.json().get("ranking").get(0).asLong());
        var closed = Rounds.closeAndRead(officer, offer);
        assertEquals("WON", closed.get("document").get("result").get("applicants").get(0).get("outcome").asText());

        int before = applicationsOf(offer);
        assertError(Rounds.apply(investor, offer, Rounds.application(List.of(plots.get(2)), "2599", 7_000_000_000L,
                30, false, 10)), 409, "window_closed", "closed");
        assertError(Rounds.apply(TestUsers.investor(), offer, Rounds.application(List.of(plots.get(2)), "2599",
                7_000_000_000L, 30, false, 10)), 409, "window_closed", "closed");
        assertEquals(before, applicationsOf(offer));
        // The database refuses too, whoever writes.
        var owner = ts.ownerJdbi();
        var e = assertThrows(Exception.class, () -> owner.useHandle(h -> h.createUpdate(
                "UPDATE round_application SET jobs = 999 WHERE id = :id").bind("id", id).execute()));
        assertTrue(e.getMessage().contains("round_application_window") || e.getMessage().contains("not open"),
                e.getMessage());
        assertThrows(Exception.class, () -> owner.useHandle(h -> h.createUpdate(
                "DELETE FROM round_application WHERE id = :id").bind("id", id).execute()));
        assertThrows(Exception.class, () -> owner.useHandle(h -> h.createUpdate("""
                INSERT INTO round_application (offer_id, investor_id, ranking, activity_isic, investment, jobs,
                                               knowledge_based, export_share_pct, submitted_at, updated_at)
                VALUES (:o, :i, ARRAY[CAST(:p AS bigint)], '2599', 1, 1, false, 0, now(), now())""")
                .bind("o", offer).bind("i", TestUsers.investor().id()).bind("p", plots.get(2)).execute()));
        assertThrows(Exception.class, () -> owner.useHandle(h -> h.createUpdate(
                "UPDATE offer SET rules = '{}' WHERE id = :o").bind("o", offer).execute()), "a closed offer is frozen");
        assertThrows(Exception.class, () -> owner.useHandle(h -> h.createUpdate(
                "DELETE FROM round_award WHERE offer_id = :o").bind("o", offer).execute()), "awards are frozen");
        assertEquals(60, (int) ts.jdbi().withHandle(h -> h.createQuery("SELECT jobs FROM round_application WHERE id = :id")
                .bind("id", id).mapTo(Integer.class).one()));
        assertError(Rounds.action(officer, offer, "close"), 409, "illegal_transition", "CLOSED");
    }

    @Test
    void objectionsAreFiledInTheirWindowAndAnsweredOnceOnTheRecordWithoutRewritingTheResult() {
        var estate = TestEstates.create(ts.jdbi());
        List<Long> plots = Rounds.plots(estate, 2);
        var officer = TestUsers.officer(estate.code());
        var stranger = TestUsers.officer("GIL-RASHT");
        List<TestUsers.User> applicants = TestUsers.investors(3);
        long offer = Rounds.publishedRound(officer, estate.code(), plots);
        Rounds.advance(Duration.ofSeconds(70));
        for (var a : applicants) {
            assertEquals(201, Rounds.apply(a, offer, Rounds.application(List.of(plots.get(0)), "2599",
                    60_000_000_000L, 60, true, 50)).status());
        }
        String objectionsPath = "/api/offers/" + offer + "/objections";
        var early = Http.post(objectionsPath, Map.of("text", "too early"), "Authorization", applicants.get(0).bearer());
        assertError(early, 409, "result_not_published", "not published");
        JsonNode envelope = Rounds.closeAndRead(officer, offer);
        String sha = envelope.get("documentSha256").asText();

        assertError(Http.post(objectionsPath, Map.of("text", "I did not apply"), "Authorization",
                TestUsers.investor().bearer()), 403, "not_an_applicant", "applicants");
        assertError(Http.post(objectionsPath, Map.of("text", " "), "Authorization", applicants.get(1).bearer()), 422,
                "objection_text_required", "text");
        // a NUL byte or a text-direction override is refused as text, never stored (nor a 500)
        for (String bad : List.of("wrong\u0000plot", "wrong \u202Eplot")) {
            assertError(Http.post(objectionsPath, Map.of("text", bad), "Authorization", applicants.get(1).bearer()),
                    422, "objection_text_required", "text");
        }
        var filed = Http.post(objectionsPath, Map.of("text", "My jobs were counted on the wrong plot."),
                "Authorization", applicants.get(1).bearer());
        assertEquals(201, filed.status(), filed.body());
        long objection = filed.json().get("id").asLong();
        assertError(Http.post(objectionsPath, Map.of("text", "again"), "Authorization", applicants.get(1).bearer()),
                409, "objection_exists", "already");
        assertTrue(Http.get(objectionsPath).json().get("objections").get(0).get("text").isNull(),
                "the public sees that an objection exists, not its text");
        assertEquals("My jobs were counted on the wrong plot.", Http.get(objectionsPath, "Authorization",
                officer.bearer()).json().get("objections").get(0).get("text").asText());

        String answerPath = objectionsPath + "/" + objection + "/answer";
        assertError(Http.post(answerPath, Map.of("outcome", "UPHELD", "answer", "x"), "Authorization",
                stranger.bearer()), 403, "forbidden", estate.code());
        assertError(Http.post(answerPath, Map.of("outcome", "MAYBE", "answer", "x"), "Authorization",
                officer.bearer()), 422, "invalid_outcome", "UPHELD");
        var answered = Http.post(answerPath, Map.of("outcome", "DISMISSED",
                "answer", "Scores use the first-ranked plot, as the published rules say."), "Authorization",
                officer.bearer());
        assertEquals(200, answered.status(), answered.body());
        assertEquals("DISMISSED", answered.json().get("outcome").asText());
        assertError(Http.post(answerPath, Map.of("outcome", "UPHELD", "answer", "changed my mind"), "Authorization",
                officer.bearer()), 409, "illegal_transition", "DISMISSED");
        JsonNode entry = Http.get("/api/decisions?subjectType=round_objection&subjectId=" + objection).json()
                .get("decisions").get(0);
        assertEquals("round_objection.answered", entry.get("action").asText());
        assertEquals("DISMISSED", entry.get("details").get("outcome").asText());
        assertEquals("Scores use the first-ranked plot, as the published rules say.", entry.get("reason").asText());
        assertEquals(sha, Http.get("/api/offers/" + offer + "/result").json().get("documentSha256").asText(),
                "the published result is not rewritten");
        var owner = ts.ownerJdbi();
        assertThrows(Exception.class, () -> owner.useHandle(h -> h.createUpdate(
                "UPDATE round_objection SET outcome = 'UPHELD' WHERE id = :id").bind("id", objection).execute()));
        assertThrows(Exception.class, () -> owner.useHandle(h -> h.createUpdate(
                "DELETE FROM round_objection WHERE id = :id").bind("id", objection).execute()));

        Rounds.advance(Duration.ofDays(10).plusMinutes(1));
        assertError(Http.post(objectionsPath, Map.of("text", "late"), "Authorization", applicants.get(2).bearer()),
                409, "objection_window_closed", "closed");
    }

    @Test
    void oneWinnerPerPlotPerRoundIsADatabaseConstraint() {
        var estate = TestEstates.create(ts.jdbi());
        List<Long> plots = Rounds.plots(estate, 2);
        var officer = TestUsers.officer(estate.code());
        long offer = Rounds.publishedRound(officer, estate.code(), plots);
        Rounds.advance(Duration.ofSeconds(70));
        long a = Rounds.apply(TestUsers.investor(), offer, Rounds.application(List.of(plots.get(0)), "2599",
                5_000_000_000L, 20, false, 0)).json().get("id").asLong();
        long b = Rounds.apply(TestUsers.investor(), offer, Rounds.application(List.of(plots.get(0)), "2599",
                5_000_000_000L, 20, false, 0)).json().get("id").asLong();
        var e = assertThrows(Exception.class, () -> ts.ownerJdbi().useHandle(h -> h.createUpdate("""
                INSERT INTO round_award (offer_id, parcel_id, application_id)
                VALUES (:o, :p, :a), (:o, :p, :b)""")
                .bind("o", offer).bind("p", plots.get(0)).bind("a", a).bind("b", b).execute()));
        assertTrue(e.getMessage().contains("round_award_one_winner_per_plot"), e.getMessage());
    }

    @Test
    void applicationsPerAccountAreLimitedWithRetryAfter() {
        var estate = TestEstates.create(ts.jdbi());
        List<Long> plots = Rounds.plots(estate, 2);
        long offer = Rounds.publishedRound(TestUsers.officer(estate.code()), estate.code(), plots);
        Rounds.advance(Duration.ofMinutes(2));
        var investor = TestUsers.investor();
        var body = Rounds.application(List.of(plots.get(0)), "2599", 5_000_000_000L, 20, false, 0);
        for (int i = 0; i < 30; i++) {
            var sent = Rounds.apply(investor, offer, body);
            assertTrue(sent.status() == 200 || sent.status() == 201, sent.body());
        }
        var limited = Rounds.apply(investor, offer, body);
        assertEquals(429, limited.status(), limited.body());
        assertTrue(limited.body().contains("rate_limited"), limited.body());
        assertTrue(limited.headers().firstValue("Retry-After").isPresent(), "429 carries Retry-After");
        var other = Rounds.apply(TestUsers.investor(), offer, body);
        assertEquals(201, other.status(), "another investor is not slowed by the first one's limit: " + other.body());
    }

    @Test
    void windowsRolesAndBadInputGetPreciseErrorsAndChangeNothing() {
        var estate = TestEstates.create(ts.jdbi());
        List<Long> plots = Rounds.plots(estate, 3);
        var officer = TestUsers.officer(estate.code());
        var stranger = TestUsers.officer("GIL-RASHT");
        var investor = TestUsers.investor();
        var body = Rounds.offer(estate.code(), plots, Rounds.now().plusSeconds(60), null);

        assertError(Http.post("/api/offers", body), 401, "unauthorized", "sign in");
        assertError(Http.post("/api/offers", body, "Authorization", investor.bearer()), 403, "forbidden", "investor");
        assertError(Http.post("/api/offers", body, "Authorization", stranger.bearer()), 403, "forbidden",
                estate.code());
        assertError(Http.post("/api/offers", "{\"estate\":", "Authorization", officer.bearer()), 400, "bad_request",
                "JSON");
        var bad = new HashMap<>(body);
        bad.put("closesAt", body.get("opensAt"));
        assertError(Http.post("/api/offers", bad, "Authorization", officer.bearer()), 422, "invalid_window", "after");
        bad = new HashMap<>(body);
        bad.put("maxRanked", 11);
        assertError(Http.post("/api/offers", bad, "Authorization", officer.bearer()), 422, "invalid_max_ranked", "10");
        bad = new HashMap<>(body);
        bad.put("rules", Map.of("weights", Map.of("jobsPerHectare", -1)));
        assertError(Http.post("/api/offers", bad, "Authorization", officer.bearer()), 422, "invalid_rules", "weights");
        bad = new HashMap<>(body);
        long otherPlot = Rounds.plots(TestEstates.create(ts.jdbi()), 1).get(0);
        bad.put("parcelIds", List.of(plots.get(0), otherPlot));
        assertError(Http.post("/api/offers", bad, "Authorization", officer.bearer()), 422, "parcel_not_in_estate",
                String.valueOf(otherPlot));
        assertEquals(0, offersOf(estate.code()), "refused offers leave nothing behind");

        // Persian digits are numbers too.
        var persian = new HashMap<>(body);
        persian.put("maxRanked", "۲");
        var created = Http.post("/api/offers", persian, "Authorization", officer.bearer());
        assertEquals(201, created.status(), created.body());
        long offer = created.json().get("id").asLong();
        assertEquals(2, created.json().get("maxRanked").asInt());
        assertEquals("DRAFT", created.json().get("state").asText());
        assertError(Http.get("/api/offers/" + offer), 404, "not_found", "offer");
        assertEquals(200, Http.get("/api/offers/" + offer, "Authorization", officer.bearer()).status());
        assertError(Rounds.apply(investor, offer, Rounds.application(List.of(plots.get(0)), "2599", 1, 1, false, 0)),
                404, "not_found", "offer");
        assertError(Rounds.action(stranger, offer, "publish"), 403, "forbidden", estate.code());
        assertEquals(200, Rounds.action(officer, offer, "publish").status());
        assertTrue(Http.get("/api/offers/" + offer).json().get("seedCommitment").asText().matches("[0-9a-f]{64}"));
        assertFalse(Http.get("/api/offers/" + offer).body().contains("\"seed\""), "the seed stays secret");
        assertError(Rounds.action(officer, offer, "publish"), 409, "illegal_transition", "PUBLISHED");

        var application = Rounds.application(List.of(plots.get(0), plots.get(1)), "2599", 5_000_000_000L, 20, true,
                40);
        assertError(Rounds.apply(investor, offer, application), 409, "window_not_open", "opens");
        assertError(Rounds.action(officer, offer, "close"), 409, "window_not_closed", "closes");
        assertError(Http.get("/api/offers/" + offer + "/result"), 409, "result_not_published", "PUBLISHED");
        Rounds.advance(Duration.ofSeconds(70));

        var tooMany = Rounds.application(plots, "2599", 5_000_000_000L, 20, true, 40);
        assertError(Rounds.apply(investor, offer, tooMany), 422, "invalid_ranking", "at most 2");
        assertError(Rounds.apply(investor, offer, Rounds.application(List.of(otherPlot), "2599", 1, 1, false, 0)), 422,
                "invalid_ranking", "not offered");
        assertError(Rounds.apply(investor, offer, Rounds.application(List.of(plots.get(0)), "25", 1, 1, false, 0)),
                422, "invalid_activity", "ISIC");
        assertError(Rounds.apply(investor, offer, Rounds.application(List.of(plots.get(0)), "2599", -1, 1, false, 0)),
                422, "invalid_investment", "investment");
        assertError(Rounds.apply(investor, offer, Rounds.application(List.of(plots.get(0)), "2599", 1, 1, false,
                101)), 422, "invalid_export_share", "percentage");
        assertError(Rounds.apply(officer, offer, application), 403, "forbidden", "officer");
        assertEquals(0, applicationsOf(offer), "refused applications leave nothing behind");

        var withPersianDigits = new HashMap<>(application);
        withPersianDigits.put("investment", "۵٬۰۰۰٬۰۰۰٬۰۰۰");
        withPersianDigits.put("jobs", "۲۰");
        var applied = Rounds.apply(investor, offer, withPersianDigits);
        assertEquals(201, applied.status(), applied.body());
        assertEquals(5_000_000_000L, applied.json().get("investment").asLong());
        assertEquals(20, applied.json().get("jobs").asInt());
        var listed = Http.get("/api/offers/" + offer + "/applications", "Authorization", officer.bearer()).json();
        assertEquals(1, listed.get("applications").size());
        assertEquals(0, Http.get("/api/offers/" + offer + "/applications", "Authorization",
                TestUsers.investor().bearer()).json().get("applications").size(), "investors see only their own");
        assertError(Http.get("/api/offers/" + offer + "/applications", "Authorization", stranger.bearer()), 403,
                "forbidden", estate.code());
        // A plot of a published round cannot be held on the first-come path.
        var hold = Http.post("/api/reservations", Map.of("parcelIds", List.of(plots.get(2)), "activity", "2599",
                "investment", 1, "jobs", 1), "Authorization", investor.bearer(), "Idempotency-Key",
                java.util.UUID.randomUUID().toString());
        assertError(hold, 409, "parcel_not_available", "RESERVED");
    }

    private int applicationsOf(long offer) {
        return ts.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM round_application WHERE offer_id = :o")
                .bind("o", offer).mapTo(Integer.class).one());
    }

    private int offersOf(String estate) {
        return ts.jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM offer o JOIN estate e ON e.id = o.estate_id WHERE e.code = :e")
                .bind("e", estate).mapTo(Integer.class).one());
    }

    /** Runs {@code ./zamin verify-round ARGS} in-process; answers its exit code. */
    private static int verifyRound(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "verify-round";
        System.arraycopy(args, 0, all, 1, args.length);
        return new CommandLine(new ZaminCommand()).execute(all);
    }
}
