package org.zamin.reservation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.zamin.reservation.Reservations.count;
import static org.zamin.reservation.Reservations.row;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.zamin.testing.Http;
import org.zamin.testing.TestEstates;
import org.zamin.testing.TestServer;
import org.zamin.testing.TestUsers;

/** Many investors pressing "reserve" at once: exactly one wins each plot, and multi-plot requests are all or nothing. */
class ReservationRaceTest {

    private final TestServer ts = TestServer.get();

    @Test
    void twoHundredInvestorsOnePlotOneWinner() throws Exception {
        var estate = TestEstates.create(ts.jdbi());
        long plot = row(estate, 1).get(0);
        List<TestUsers.User> investors = TestUsers.investors(200);
        List<Integer> statuses = race(investors.stream().map(u -> request(u, List.of(plot))).toList());

        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(199, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        assertTrue(statuses.stream().noneMatch(s -> s >= 500), statuses.toString());
        assertEquals(1, count("SELECT count(*) FROM reservation_parcel WHERE parcel_id = ? AND active", plot));
        assertEquals(1, count("SELECT count(*) FROM reservation r JOIN reservation_parcel rp ON rp.reservation_id = r.id "
                + "WHERE rp.parcel_id = ?", plot), "losers leave no rows behind");
        assertEquals(1, count("SELECT count(*) FROM decision WHERE ? = ANY(parcel_ids)", plot), "one log entry");
        assertEquals("RESERVED", Reservations.parcelStatus(plot));
    }

    @Test
    void overlappingMultiPlotRequestsAreAllOrNothing() throws Exception {
        for (int round = 0; round < 15; round++) {
            var estate = TestEstates.create(ts.jdbi());
            List<Long> p = row(estate, 3);
            var a = TestUsers.investor();
            var b = TestUsers.investor();
            List<Integer> statuses = race(List.of(request(a, List.of(p.get(0), p.get(1))),
                    request(b, List.of(p.get(1), p.get(2)))));
            assertEquals(1, statuses.stream().filter(s -> s == 201).count(), "round " + round + ": " + statuses);
            assertEquals(1, statuses.stream().filter(s -> s == 409).count(), "round " + round + ": " + statuses);
            assertEquals(1, count("SELECT count(*) FROM reservation_parcel WHERE parcel_id = ? AND active", p.get(1)));
            boolean aWon = statuses.get(0) == 201;
            // The loser holds nothing: its other plot is still available.
            assertEquals(aWon ? "AVAILABLE" : "RESERVED", Reservations.parcelStatus(p.get(2)), "round " + round);
            assertEquals(aWon ? "RESERVED" : "AVAILABLE", Reservations.parcelStatus(p.get(0)), "round " + round);
            assertEquals(2, count("SELECT count(*) FROM reservation_parcel WHERE active AND parcel_id IN (?, ?, ?)",
                    p.get(0), p.get(1), p.get(2)));
        }
        assertTrue(Http.get("/api/decisions/verify").json().get("valid").asBoolean());
    }

    private static HttpRequest request(TestUsers.User u, List<Long> parcels) {
        try {
            return HttpRequest.newBuilder(Http.uri("/api/reservations"))
                    .header("Authorization", u.bearer())
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString(Http.JSON.writeValueAsString(Reservations.body(parcels))))
                    .build();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends all requests at the same moment, each on its own connection; returns the statuses in request order. */
    static List<Integer> race(List<HttpRequest> requests) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(requests.size());
        try {
            CountDownLatch ready = new CountDownLatch(requests.size());
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (HttpRequest r : requests) {
                results.add(pool.submit(() -> {
                    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                            .connectTimeout(Duration.ofSeconds(10)).build();
                    ready.countDown();
                    go.await();
                    return client.send(r, HttpResponse.BodyHandlers.ofString()).statusCode();
                }));
            }
            ready.await();
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : results) {
                statuses.add(f.get());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }
}
