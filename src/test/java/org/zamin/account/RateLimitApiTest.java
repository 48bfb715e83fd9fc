package org.zamin.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.zamin.testing.Http.assertError;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.zamin.testing.Http;
import org.zamin.testing.TestServer;
import org.zamin.testing.TestUsers;

/**
 * Rate limits that fit production (issue 13, finding 6). The test client stands for a reverse proxy on loopback
 * ({@code ZAMIN_TRUSTED_PROXIES} in {@code TestServer}), so {@code X-Forwarded-For} names the client: one client's
 * failures do not block another, one account's failures from many addresses are slowed, the real user is never
 * locked out for long, and every 429 carries {@code Retry-After}.
 */
class RateLimitApiTest {

    private static Http.Response login(String email, String password, String client) {
        return Http.post("/api/auth/login", Map.of("email", email, "password", password), "X-Forwarded-For", client);
    }

    /** The {@code Retry-After} of a 429, in seconds; fails when it is missing. */
    private static long retryAfter(Http.Response limited) {
        assertError(limited, 429, "rate_limited", "");
        String value = limited.headers().firstValue("Retry-After")
                .orElseThrow(() -> new AssertionError("a 429 without Retry-After: " + limited.body()));
        long seconds = Long.parseLong(value);
        assertTrue(seconds >= 1, value);
        return seconds;
    }

    @Test
    void behindATrustedProxyOneClientsFloodDoesNotBlockAnother() {
        String flooder = AccountApiTest.newAddress();
        TestUsers.User user = TestUsers.investor();
        Http.Response last = null;
        // Sign-up attempts with a bad address cost no password hash: the quickest way to use up one client's quota.
        for (int i = 0; i <= LoginLimiter.ATTEMPTS_PER_ADDRESS; i++) {
            last = Http.post("/api/auth/register", Map.of("email", "not-an-address", "password", "x", "name", "x"),
                    "X-Forwarded-For", "203.0.113.9, " + flooder);
        }
        assertTrue(retryAfter(last) <= 60, "the per-address quota refills within a minute");
        // Another client behind the same proxy signs in as usual.
        Http.Response other = login(user.email(), TestUsers.PASSWORD, AccountApiTest.newAddress());
        assertEquals(200, other.status(), other.body());
        // The flooder's own attempts stay refused, whatever it claims at the left of the header.
        retryAfter(login(user.email(), TestUsers.PASSWORD, "192.0.2.1, " + flooder));
    }

    @Test
    void oneAccountsFailuresFromManyAddressesAreSlowed() {
        TestUsers.User target = TestUsers.officer("GIL-RASHT");
        for (int i = 0; i < LoginLimiter.FREE_ACCOUNT_FAILURES; i++) {
            assertEquals(401, login(target.email(), "guess " + i, AccountApiTest.newAddress()).status());
        }
        // A fresh address gets no fresh guesses at this account: it waits with everyone else.
        long wait = retryAfter(login(target.email(), "guess from a new address", AccountApiTest.newAddress()));
        assertTrue(wait <= LoginLimiter.MAX_ACCOUNT_DELAY.toSeconds(), "wait " + wait);
    }

    @Test
    void theRealUserIsNeverLockedOutForLong() {
        TestUsers.User target = TestUsers.admin();
        String realUsersAddress = AccountApiTest.newAddress();
        long longestWait = 0;
        int guesses = 0;
        // An attacker with endless addresses guesses as fast as the limiter lets it, for a while.
        for (int round = 0; round < 25; round++) {
            Http.Response r = login(target.email(), "guess " + round, AccountApiTest.newAddress());
            if (r.status() == 401) {
                guesses++;
                continue;
            }
            long wait = retryAfter(r);
            longestWait = Math.max(longestWait, wait);
            TestServer.get().clock().advance(Duration.ofSeconds(wait));
        }
        assertTrue(guesses < 25, "the guesses were slowed down");
        assertTrue(longestWait <= LoginLimiter.MAX_ACCOUNT_DELAY.toSeconds(),
                "no wait is longer than the cap: " + longestWait + " s");
        // While the account is slowed, the real user is told how long to wait, and then signs in.
        long wait = retryAfter(login(target.email(), TestUsers.PASSWORD, realUsersAddress));
        assertTrue(wait <= LoginLimiter.MAX_ACCOUNT_DELAY.toSeconds(), "wait " + wait);
        TestServer.get().clock().advance(Duration.ofSeconds(wait));
        Http.Response in = login(target.email(), TestUsers.PASSWORD, realUsersAddress);
        assertEquals(200, in.status(), in.body());
    }

    @Test
    void holdRequestsPerAccountAreLimited() {
        TestUsers.User busy = TestUsers.investor();
        Map<String, Object> noPlots = Map.of("parcelIds", List.of(), "activity", "1079", "investment", 1,
                "jobs", 1, "knowledgeBased", false);
        for (int i = 0; i < RequestLimits.HOLDS_PER_MINUTE; i++) {
            Http.Response r = Http.post("/api/reservations", noPlots, "Authorization", busy.bearer(),
                    "Idempotency-Key", UUID.randomUUID().toString());
            assertEquals(422, r.status(), r.body());
        }
        Http.Response limited = Http.post("/api/reservations", noPlots, "Authorization", busy.bearer(),
                "Idempotency-Key", UUID.randomUUID().toString());
        assertTrue(retryAfter(limited) <= 60);
        // Another investor is not held back by this one.
        Http.Response other = Http.post("/api/reservations", noPlots, "Authorization", TestUsers.investor().bearer(),
                "Idempotency-Key", UUID.randomUUID().toString());
        assertEquals(422, other.status(), other.body());
    }
}
