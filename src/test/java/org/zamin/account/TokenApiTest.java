package org.zamin.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.zamin.testing.Http.assertError;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Test;
import org.zamin.testing.Http;
import org.zamin.testing.TestServer;
import org.zamin.testing.TestUsers;

/** Personal API tokens are listed, revoked and expire (issue 13, finding 9). */
class TokenApiTest {

    private static Http.Response create(TestUsers.User user, Map<String, Object> body) {
        return Http.post("/api/tokens", body, "Authorization", user.bearer());
    }

    private static Http.Response revoke(TestUsers.User user, long id) {
        return Http.sendJson("DELETE", "/api/tokens/" + id, null, "Authorization", user.bearer());
    }

    @Test
    void tokensAreListedWithoutTheirSecretsAndRevokedAtOnce() {
        TestUsers.User user = TestUsers.investor();
        JsonNode qgis = create(user, Map.of("name", "qgis")).json();
        String secret = qgis.get("token").asText();
        assertEquals(200, Http.get("/api/me", "Authorization", "Bearer " + secret).status());

        Http.Response listed = Http.get("/api/tokens", "Authorization", user.bearer());
        assertEquals(200, listed.status(), listed.body());
        assertFalse(listed.body().contains(secret), "a listed token never shows its secret");
        JsonNode tokens = listed.json().get("tokens");
        assertEquals(2, tokens.size(), listed.body()); // the test user's own token and the new one
        assertEquals("qgis", tokens.get(0).get("name").asText());
        assertEquals(qgis.get("id").asLong(), tokens.get(0).get("id").asLong());
        assertTrue(tokens.get(0).has("expiresAt") && tokens.get(0).has("lastUsedAt"), listed.body());

        // Another user can neither see nor revoke it.
        TestUsers.User other = TestUsers.investor();
        assertFalse(Http.get("/api/tokens", "Authorization", other.bearer()).body().contains("qgis"));
        assertError(revoke(other, qgis.get("id").asLong()), 404, "not_found", "token");
        assertEquals(200, Http.get("/api/me", "Authorization", "Bearer " + secret).status());

        assertEquals(204, revoke(user, qgis.get("id").asLong()).status());
        assertError(Http.get("/api/me", "Authorization", "Bearer " + secret), 401, "unauthorized", "sign in");
        assertEquals(1, Http.get("/api/tokens", "Authorization", user.bearer()).json().get("tokens").size());
        assertError(revoke(user, qgis.get("id").asLong()), 404, "not_found", "token");
        assertError(Http.get("/api/tokens"), 401, "unauthorized", "sign in");
    }

    @Test
    void tokensExpire() {
        TestUsers.User user = TestUsers.investor();
        JsonNode standard = create(user, Map.of("name", "default")).json();
        Instant created = Instant.parse(standard.get("createdAt").asText());
        assertEquals(Duration.ofDays(AccountService.DEFAULT_TOKEN_DAYS),
                Duration.between(created, Instant.parse(standard.get("expiresAt").asText())));

        JsonNode day = create(user, Map.of("name", "one day", "expiresInDays", 1)).json();
        String secret = day.get("token").asText();
        assertEquals(200, Http.get("/api/me", "Authorization", "Bearer " + secret).status());
        TestServer.get().clock().advance(Duration.ofDays(1).plusMinutes(1));
        assertError(Http.get("/api/me", "Authorization", "Bearer " + secret), 401, "unauthorized", "sign in");
        assertEquals(200, Http.get("/api/me", "Authorization", "Bearer " + standard.get("token").asText()).status());
    }

    @Test
    void aTokenLastsAtMostAYear() {
        TestUsers.User user = TestUsers.investor();
        assertError(create(user, Map.of("expiresInDays", AccountService.MAX_TOKEN_DAYS + 1)), 422, "invalid_expiry",
                "days");
        assertError(create(user, Map.of("expiresInDays", 0)), 422, "invalid_expiry", "days");
        assertError(create(user, Map.of("expiresInDays", 1.5)), 422, "invalid_expiry", "days");
        assertEquals(201, create(user, Map.of("expiresInDays", AccountService.MAX_TOKEN_DAYS)).status());
        Http.Response persian = create(user, Map.of("expiresInDays", "۳۰"));
        assertEquals(201, persian.status(), persian.body());
        assertEquals(Duration.ofDays(30), Duration.between(Instant.parse(persian.json().get("createdAt").asText()),
                Instant.parse(persian.json().get("expiresAt").asText())));
        // The database holds the same limit for any writer.
        assertThrows(UnableToExecuteStatementException.class, () -> TestServer.get().jdbi().useHandle(h -> h.execute(
                "INSERT INTO api_token (token_hash, user_id, name, created_at, expires_at) "
                        + "VALUES (sha256('forever'::bytea), ?, 'forever', now(), now() + interval '10 years')",
                user.id())));
    }
}
