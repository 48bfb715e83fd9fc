package org.zamin.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.zamin.App;
import org.zamin.config.Settings;
import org.zamin.db.Database;
import org.zamin.testing.TestServer;
import org.zamin.testing.TestUsers;

/**
 * The request rates are settings: a second server on the test database with {@code ZAMIN_HOLDS_PER_MINUTE=2},
 * {@code ZAMIN_APPLICATIONS_PER_MINUTE=1} and {@code ZAMIN_SIGNIN_ATTEMPTS_PER_MINUTE=2} refuses the next request
 * of each kind with 429 (the shared test server, on the defaults, takes 30, 30 and 60).
 */
class RequestRateSettingsTest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @Test
    void holdsApplicationsAndSignInsFollowTheirSettings() throws Exception {
        var pg = TestServer.get().postgres();
        Settings settings = Settings.fromEnvironment(Map.of(
                "ZAMIN_PORT", "0",
                "ZAMIN_HOLDS_PER_MINUTE", "2",
                "ZAMIN_APPLICATIONS_PER_MINUTE", "1",
                "ZAMIN_SIGNIN_ATTEMPTS_PER_MINUTE", "2",
                "DATABASE_URL", "postgresql://" + pg.appUser() + ":" + pg.appPassword() + "@127.0.0.1:" + pg.port()
                        + "/zamin",
                "DATABASE_OWNER_URL", "postgresql://" + pg.user() + ":" + pg.password() + "@127.0.0.1:" + pg.port()
                        + "/zamin"));
        assertEquals(new Settings.RequestRates(2, 1, 2), settings.requestRates());
        assertEquals(Settings.RequestRates.DEFAULTS, Settings.fromEnvironment(Map.of()).requestRates());
        var investor = TestUsers.investor();
        try (App app = App.start(settings, Database.open(settings), true, TestServer.get().clock())) {
            String base = "http://127.0.0.1:" + app.port();
            String hold = "{\"parcelIds\":[999999999],\"activity\":\"1079\",\"investment\":1,\"jobs\":1}";
            for (int i = 0; i < 2; i++) {
                assertNotEquals(429, post(base + "/api/reservations", hold, investor).statusCode());
            }
            assertLimited(post(base + "/api/reservations", hold, investor));

            assertNotEquals(429, post(base + "/api/offers/999999999/applications", "{}", investor).statusCode());
            assertLimited(post(base + "/api/offers/999999999/applications", "{}", investor));

            String login = "{\"email\":\"" + investor.email() + "\",\"password\":\"not the password\"}";
            for (int i = 0; i < 2; i++) {
                assertEquals(401, post(base + "/api/auth/login", login, null).statusCode());
            }
            assertLimited(post(base + "/api/auth/login", login, null));
        }
    }

    private static void assertLimited(HttpResponse<String> r) {
        assertEquals(429, r.statusCode(), r.body());
        assertTrue(r.body().contains("rate_limited"), r.body());
        assertTrue(r.headers().firstValue("Retry-After").isPresent());
    }

    private static HttpResponse<String> post(String url, String json, TestUsers.User user) throws Exception {
        var b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .header("Idempotency-Key", java.util.UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (user != null) {
            b.header("Authorization", user.bearer());
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
