package org.zamin.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.zamin.testing.Http.assertError;

import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.zamin.testing.Http;
import org.zamin.testing.TestServer;
import org.zamin.testing.TestUsers;

/**
 * Login CSRF and cross-site writes (issue 13, finding 5): what a hostile page can make a victim's browser send is
 * refused. Sign-in and sign-up take only {@code application/json} (a cross-site form can send {@code text/plain} and
 * form bodies, never JSON without a preflight); cookie-authenticated writes from another {@code Origin} (or, without
 * one, {@code Sec-Fetch-Site: cross-site}) are refused even with the right CSRF token; bearer tokens are unaffected.
 */
class CrossSiteApiTest {

    private static Http.Response postRaw(String path, String contentType, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(Http.uri(path)).header("Content-Type", contentType)
                .header("X-Forwarded-For", AccountApiTest.newAddress());
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return Http.send(b.POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static long accounts(String email) {
        return TestServer.get().jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM users WHERE lower(email) = lower(:e)").bind("e", email).mapTo(Long.class).one());
    }

    @Test
    void signInRefusesTextPlainAndFormBodies() {
        TestUsers.User user = TestUsers.investor();
        String json = "{\"email\":\"" + user.email() + "\",\"password\":\"" + TestUsers.PASSWORD + "\"}";
        // What <form enctype="text/plain"> on another site sends: a body that happens to parse as JSON.
        Http.Response plain = postRaw("/api/auth/login", "text/plain", json);
        assertError(plain, 415, "unsupported_media_type", "application/json");
        assertEquals(true, plain.setCookie(Auth.COOKIE).isEmpty(), "no session for a text/plain sign-in");
        assertError(postRaw("/api/auth/login", "application/x-www-form-urlencoded",
                "email=" + user.email() + "&password=" + TestUsers.PASSWORD.replace(' ', '+')),
                415, "unsupported_media_type", "application/json");
        assertError(postRaw("/api/auth/login", "multipart/form-data; boundary=x", json), 415,
                "unsupported_media_type", "application/json");
        // The same request as JSON signs in.
        assertEquals(200, postRaw("/api/auth/login", "application/json; charset=utf-8", json).status());
    }

    @Test
    void signUpRefusesTextPlainAndFormBodiesAndWritesNothing() {
        String email = AccountApiTest.newEmail();
        String json = "{\"email\":\"" + email + "\",\"password\":\"a long enough secret\",\"name\":\"Form\"}";
        assertError(postRaw("/api/auth/register", "text/plain", json), 415, "unsupported_media_type",
                "application/json");
        assertError(postRaw("/api/auth/register", "application/x-www-form-urlencoded",
                "email=" + email + "&password=a+long+enough+secret&name=Form"), 415, "unsupported_media_type",
                "application/json");
        assertEquals(0, accounts(email), "a refused sign-up leaves the database as it was");
    }

    @Test
    void signInFromAnotherSiteIsRefused() {
        TestUsers.User user = TestUsers.investor();
        Http.Response r = Http.post("/api/auth/login", Map.of("email", user.email(), "password", TestUsers.PASSWORD),
                "Origin", "https://attacker.example", "X-Forwarded-For", AccountApiTest.newAddress());
        assertError(r, 403, "cross_site_request", "another site");
        assertEquals(true, r.setCookie(Auth.COOKIE).isEmpty());
    }

    @Test
    void cookieWritesFromAnotherOriginAreRefusedEvenWithTheCsrfToken() {
        Http.Response session = AccountApiTest.signedUp(AccountApiTest.newEmail());
        String cookie = Auth.COOKIE + "=" + session.cookie(Auth.COOKIE).orElseThrow();
        String csrf = session.json().get("csrfToken").asText();
        long userId = session.json().get("id").asLong();

        assertError(Http.post("/api/tokens", Map.of("name", "x"), "Cookie", cookie, "X-CSRF-Token", csrf,
                "Origin", "https://attacker.example"), 403, "cross_site_request", "another site");
        assertError(Http.post("/api/tokens", Map.of("name", "x"), "Cookie", cookie, "X-CSRF-Token", csrf,
                "Origin", "null"), 403, "cross_site_request", "another site");
        assertError(Http.post("/api/tokens", Map.of("name", "x"), "Cookie", cookie, "X-CSRF-Token", csrf,
                "Sec-Fetch-Site", "cross-site"), 403, "cross_site_request", "another site");
        assertError(Http.post("/api/reservations", Map.of("parcelIds", java.util.List.of(1)), "Cookie", cookie,
                "X-CSRF-Token", csrf, "Idempotency-Key", "cross-site", "Origin", "http://evil.example"), 403,
                "cross_site_request", "another site");
        long tokens = TestServer.get().jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM api_token WHERE user_id = :u").bind("u", userId).mapTo(Long.class).one());
        assertEquals(0, tokens, "nothing was written by the refused requests");

        // This site's own page: the Origin names the host the request went to.
        String origin = TestServer.get().baseUrl();
        assertEquals(201, Http.post("/api/tokens", Map.of("name", "x"), "Cookie", cookie, "X-CSRF-Token", csrf,
                "Origin", origin).status());
        assertEquals(201, Http.post("/api/tokens", Map.of("name", "y"), "Cookie", cookie, "X-CSRF-Token", csrf,
                "Sec-Fetch-Site", "same-origin").status());
    }

    @Test
    void bearerTokensAreNotCookieAuthenticatedAndAreUnaffected() {
        TestUsers.User user = TestUsers.investor();
        Http.Response r = Http.post("/api/tokens", Map.of("name", "script"), "Authorization", user.bearer(),
                "Origin", "https://gis-tool.example");
        assertEquals(201, r.status(), r.body());
    }
}
