package org.zamin.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.zamin.testing.Http;
import org.zamin.testing.TestServer;
import org.zamin.testing.TestUsers;

/**
 * Slow clients (issue 13, finding 7: about 250 connections sending bodies slowly made {@code /health} time out after
 * 30 s and a plot lookup take 18 s). Real sockets against the real server: one account's thousand slow bodies hold a
 * handful of threads at most, the rest are refused at once with 429, and a body trickled slower than the minimum data
 * rate is cut off with 408.
 */
class SlowClientTest {

    private static final int SLOW_BODIES = 1000;
    private static final Duration ATTACK = Duration.ofSeconds(20);

    private final HttpClient probe = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aThousandSlowBodiesFromOneAccountLeaveHealthAndOtherUsersAnswering() throws Exception {
        var attacker = TestUsers.investor();
        var neighbour = TestUsers.investor();
        long plot = TestServer.get().jdbi().withHandle(h -> h.createQuery("SELECT min(id) FROM parcel")
                .mapTo(Long.class).one());
        // before the attack (with time for a server that has just started): both have used their tokens, so a token's
        // last use is not written again during the attack
        assertEquals(200, Http.get("/health").status(), "the server answers before the attack");
        assertEquals(200, Http.get("/api/me", "Authorization", attacker.bearer()).status());
        assertEquals(200, Http.get("/api/parcels/" + plot, "Authorization", neighbour.bearer()).status());
        List<Timed> calm = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            calm.add(timed("/health", null));
            Thread.sleep(20);
        }

        List<RawRequest> slow = new ArrayList<>();
        try {
            for (int i = 0; i < SLOW_BODIES; i++) {
                slow.add(RawRequest.json("/api/tokens", attacker, 10_000, "{\"name\":\""));
            }
            // the thousand requests arrived at once; give the server up to 5 s to sort them, then measure for 20 s
            for (long settle = System.nanoTime() + 5_000_000_000L; System.nanoTime() < settle
                    && slow.stream().filter(RawRequest::closed).count() < SLOW_BODIES * 9 / 10; Thread.sleep(50)) {
                slow.forEach(RawRequest::read);
            }
            List<Timed> health = new ArrayList<>();
            List<Timed> lookups = new ArrayList<>();
            long end = System.nanoTime() + ATTACK.toNanos();
            long nextByte = 0;
            while (System.nanoTime() < end) {
                if (System.nanoTime() >= nextByte) {
                    // every open connection sends one more byte of its body, once a second
                    slow.forEach(r -> r.send("a"));
                    lookups.add(timed("/api/parcels/" + plot, neighbour));
                    nextByte = System.nanoTime() + 1_000_000_000L;
                }
                health.add(timed("/health", null));
                Thread.sleep(20);
            }
            slow.forEach(RawRequest::read);

            assertTrue(health.stream().allMatch(t -> t.status() == 200), "every /health answered 200: " + health);
            long p99 = percentile(health, 0.99);
            assertTrue(p99 < 200, "/health p99 " + p99 + " ms over " + health.size() + " checks during the attack"
                    + " (slowest: " + slowest(health) + "; before the attack: p99 " + percentile(calm, 0.99) + " ms)");
            assertTrue(lookups.stream().allMatch(t -> t.status() == 200 && t.millis() < 2000),
                    "another investor's plot lookups answered: " + lookups);

            List<String> refused = slow.stream().map(RawRequest::answer).filter(a -> a.startsWith("HTTP/1.1 429"))
                    .toList();
            assertTrue(refused.size() >= SLOW_BODIES - 50, refused.size() + " of " + SLOW_BODIES
                    + " slow bodies of one account were refused at once");
            assertTrue(refused.get(0).contains("Retry-After: "), refused.get(0));
            assertTrue(refused.get(0).contains("\"rate_limited\""), refused.get(0));
        } finally {
            slow.forEach(RawRequest::close);
        }
        // every admitted request left the count when it ended (cut off, or its connection closed): the account works
        Timed after = timed("/api/me", attacker);
        for (long end = System.nanoTime() + 10_000_000_000L; after.status() != 200 && System.nanoTime() < end;
                after = timed("/api/me", attacker)) {
            Thread.sleep(100);
        }
        assertEquals(200, after.status(), "the attacker's account is not locked out once its requests ended");
    }

    @Test
    void aBodyTrickledSlowerThanTheMinimumRateIsCutOff() throws Exception {
        try (RawRequest request = RawRequest.json("/api/tokens", TestUsers.investor(), 10_000, "{\"name\":\"")) {
            long end = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (!request.closed() && System.nanoTime() < end) {
                request.send("a"); // five bytes a second
                Thread.sleep(200);
            }
            String answer = request.awaitAnswer(1000);
            assertTrue(answer.startsWith("HTTP/1.1 408"), "the trickle was cut off: " + answer);
            assertTrue(answer.contains("\"request_timeout\""), answer);
        }
    }

    /** A request's status (-1: no answer, for the reason given) and how long it took. */
    private record Timed(int status, long millis, String failure) {
        @Override
        public String toString() {
            return status + " in " + millis + " ms" + (failure == null ? "" : " (" + failure + ")");
        }
    }

    private Timed timed(String path, TestUsers.User user) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(TestServer.get().baseUrl() + path))
                .timeout(Duration.ofSeconds(5)).GET();
        if (user != null) {
            request.header("Authorization", user.bearer());
        }
        long start = System.nanoTime();
        int status;
        String failure = null;
        try {
            status = probe.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            status = -1;
            failure = e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return new Timed(status, (System.nanoTime() - start) / 1_000_000, failure);
    }

    private static List<Long> slowest(List<Timed> samples) {
        return samples.stream().map(Timed::millis).sorted(java.util.Comparator.reverseOrder()).limit(10).toList();
    }

    private static long percentile(List<Timed> samples, double p) {
        List<Long> sorted = samples.stream().map(Timed::millis).sorted().toList();
        return sorted.get(Math.max(0, (int) Math.ceil(p * sorted.size()) - 1));
    }
}
