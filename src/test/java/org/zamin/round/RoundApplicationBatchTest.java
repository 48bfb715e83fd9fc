package org.zamin.round;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.zamin.testing.Http;
import org.zamin.testing.TestEstates;
import org.zamin.testing.TestServer;
import org.zamin.testing.TestUsers;

/**
 * Applications that arrive together are written together (one transaction, round_apply_many), each answered as if it
 * came alone: new ones 201, an investor's second one in the same crowd replaces the first (200) and is what stays,
 * refused ones get their own error; every written one has its own log entry by its investor. A close stores its
 * document compressed with lz4.
 */
class RoundApplicationBatchTest {

    private final TestServer ts = TestServer.get();

    @Test
    void applicationsArrivingTogetherAreWrittenTogetherAndEachAnsweredAsIfAlone() throws Exception {
        var estate = TestEstates.create(ts.jdbi());
        List<Long> plots = Rounds.plots(estate, 6);
        var officer = TestUsers.officer(estate.code());
        long offer = Rounds.publishedRound(officer, estate.code(), plots);
        Rounds.advance(Duration.ofSeconds(70));
        List<Long> other = Rounds.plots(TestEstates.create(ts.jdbi()), 1);

        List<TestUsers.User> investors = TestUsers.investors(30);
        List<TestUsers.User> senders = new ArrayList<>();
        List<Map<String, Object>> bodies = new ArrayList<>();
        for (int i = 0; i < investors.size(); i++) {
            senders.add(investors.get(i));
            bodies.add(Rounds.application(List.of(plots.get(i % 6), plots.get((i + 1) % 6)), "2599",
                    1_000_000_000L * (i + 1), 10 + i, i % 2 == 0, i));
        }
        // the first three investors send a second application at the same moment; two others send refused ones
        for (int i = 0; i < 3; i++) {
            senders.add(investors.get(i));
            bodies.add(Rounds.application(List.of(plots.get(5 - i)), "1079", 7_000_000_000L, 99, true, 5));
        }
        var refusedRanking = TestUsers.investor();
        senders.add(refusedRanking);
        bodies.add(Rounds.application(List.of(plots.get(0), other.get(0)), "2599", 1L, 1, false, 0));
        var tooMany = TestUsers.investor();
        senders.add(tooMany);
        bodies.add(Rounds.application(plots.subList(0, 4), "2599", 1L, 1, false, 0));

        List<HttpResponse<String>> answers = together(offer, senders, bodies);

        Map<Long, List<HttpResponse<String>>> byInvestor = new HashMap<>();
        for (int i = 0; i < senders.size(); i++) {
            byInvestor.computeIfAbsent(senders.get(i).id(), k -> new ArrayList<>()).add(answers.get(i));
        }
        for (int i = 0; i < investors.size(); i++) {
            var mine = byInvestor.get(investors.get(i).id());
            var statuses = mine.stream().map(HttpResponse::statusCode).sorted().toList();
            assertEquals(i < 3 ? List.of(200, 201) : List.of(201), statuses, mine.toString());
            // what stays is the one answered last: the replacement (200), or the only one
            int stays = i < 3 ? 200 : 201;
            JsonNode last = Http.JSON.readTree(mine.stream().filter(r -> r.statusCode() == stays)
                    .findFirst().orElseThrow().body());
            var stored = Http.get("/api/offers/" + offer + "/applications", "Authorization", investors.get(i).bearer())
                    .json().get("applications");
            assertEquals(1, stored.size(), stored.toString());
            assertEquals(last, stored.get(0), "investor " + i);
        }
        var unoffered = byInvestor.get(refusedRanking.id()).get(0);
        assertEquals(422, unoffered.statusCode(), unoffered.body());
        assertTrue(unoffered.body().contains("plot " + other.get(0) + " is not offered in this round"),
                unoffered.body());
        var overLimit = byInvestor.get(tooMany.id()).get(0);
        assertEquals(422, overLimit.statusCode(), overLimit.body());
        assertTrue(overLimit.body().contains("this round takes at most 3 ranked plots"), overLimit.body());

        // one log entry per written application, by its investor; the crowd shared transactions (the entries'
        // time is their transaction's), so fewer transactions than applications
        var entries = ts.jdbi().withHandle(h -> h.createQuery("""
                SELECT d.action, d.actor_id, d.actor_role, d.occurred_at::text AS at, a.investor_id
                  FROM decision d JOIN round_application a ON a.id = d.subject_id::bigint
                 WHERE d.subject_type = 'round_application' AND a.offer_id = :offer""")
                .bind("offer", offer).mapToMap().list());
        assertEquals(33, entries.size(), entries.toString());
        entries.forEach(e -> {
            assertEquals(e.get("investor_id"), e.get("actor_id"), e.toString());
            assertEquals("investor", e.get("actor_role"));
        });
        assertEquals(30, entries.stream().filter(e -> "round_application.submitted".equals(e.get("action"))).count());
        assertEquals(3, entries.stream().filter(e -> "round_application.updated".equals(e.get("action"))).count());
        long transactions = entries.stream().map(e -> e.get("at")).distinct().count();
        assertTrue(transactions < entries.size(), transactions + " transactions for " + entries.size()
                + " applications sent together");
        assertTrue(Http.get("/api/decisions/verify").json().get("valid").asBoolean());
    }

    @Test
    void aClosedRoundsDocumentIsStoredCompressedWithLz4() {
        var estate = TestEstates.create(ts.jdbi());
        List<Long> plots = Rounds.plots(estate, 3);
        var officer = TestUsers.officer(estate.code());
        long offer = Rounds.publishedRound(officer, estate.code(), plots);
        Rounds.advance(Duration.ofSeconds(70));
        for (var investor : TestUsers.investors(40)) {
            var applied = Rounds.apply(investor, offer, Rounds.application(plots, "2599", 5_000_000_000L, 40, true, 10));
            assertEquals(201, applied.status(), applied.body());
        }
        JsonNode envelope = Rounds.closeAndRead(officer, offer);
        var stored = ts.jdbi().withHandle(h -> h.createQuery("""
                SELECT pg_column_compression(document) AS method, encode(document_sha256, 'hex') AS sha
                  FROM offer WHERE id = :id""").bind("id", offer).mapToMap().one());
        assertEquals("lz4", stored.get("method"), "a document this size is compressed, with lz4");
        assertEquals(envelope.get("documentSha256").asText(), stored.get("sha"));
        var download = Http.get("/api/offers/" + offer + "/result/document");
        assertEquals(stored.get("sha"), RoundDocument.sha256Hex(download.body()));
    }

    /** Sends every body at the same moment, each investor on a connection of its own; answers in request order. */
    private static List<HttpResponse<String>> together(long offer, List<TestUsers.User> senders,
            List<Map<String, Object>> bodies) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(senders.size());
        try {
            CountDownLatch ready = new CountDownLatch(senders.size());
            CountDownLatch go = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> results = new ArrayList<>();
            for (int i = 0; i < senders.size(); i++) {
                HttpRequest request = HttpRequest.newBuilder(Http.uri("/api/offers/" + offer + "/applications"))
                        .header("Authorization", senders.get(i).bearer())
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(60))
                        .POST(HttpRequest.BodyPublishers.ofString(Http.JSON.writeValueAsString(bodies.get(i))))
                        .build();
                results.add(pool.submit(() -> {
                    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                            .connectTimeout(Duration.ofSeconds(10)).build();
                    ready.countDown();
                    go.await();
                    return client.send(request, HttpResponse.BodyHandlers.ofString());
                }));
            }
            ready.await();
            go.countDown();
            List<HttpResponse<String>> answers = new ArrayList<>();
            for (var f : results) {
                answers.add(f.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}
