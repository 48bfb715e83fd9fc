package org.zamin.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.zamin.testing.Http.assertError;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.zamin.testing.Http;
import org.zamin.testing.Mailbox;
import org.zamin.testing.TestServer;
import org.zamin.testing.TestUsers;

/** Sign-up, sign-in, sessions, CSRF and API tokens over the real server. */
class AccountApiTest {

    private static final String PASSWORD = "a long enough secret";

    static String newEmail() {
        return "user-" + UUID.randomUUID().toString().substring(0, 12) + "@Example.test";
    }

    /** A client address of its own (the test client stands for a trusted proxy), so tests share no rate limit. */
    static String newAddress() {
        var random = java.util.concurrent.ThreadLocalRandom.current();
        return "198.18." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }

    static Http.Response register(String email) {
        return Http.post("/api/auth/register", Map.of("email", email, "password", PASSWORD,
                "name", "Sara Test", "organisation", "Test Co"), "X-Forwarded-For", newAddress());
    }

    static Http.Response login(String email, String password, String... headers) {
        String[] withAddress = Arrays.copyOf(headers, headers.length + 2);
        withAddress[headers.length] = "X-Forwarded-For";
        withAddress[headers.length + 1] = newAddress();
        return Http.post("/api/auth/login", Map.of("email", email, "password", password), withAddress);
    }

    /** Signs a new investor up, confirms the address through the mailed link, then signs in: the sign-in's answer. */
    static Http.Response signedUp(String email, String... headers) {
        assertEquals(202, register(email).status());
        Mailbox.confirm(email, "X-Forwarded-For", newAddress());
        Http.Response r = login(email, PASSWORD, headers);
        assertEquals(200, r.status(), r.body());
        return r;
    }

    private static String cookie(Http.Response r) {
        return Auth.COOKIE + "=" + r.cookie(Auth.COOKIE).orElseThrow(() -> new AssertionError("no session cookie"));
    }

    @Test
    void aNewInvestorSignsInWithASafeCookie() {
        String email = newEmail();
        Http.Response r = signedUp(email);
        assertEquals("investor", r.json().get("role").asText());
        assertEquals(email.toLowerCase(), r.json().get("email").asText());
        assertTrue(r.json().get("csrfToken").asText().length() >= 32);
        String setCookie = r.setCookie(Auth.COOKIE).orElseThrow();
        assertTrue(setCookie.contains("HttpOnly"), setCookie);
        assertTrue(setCookie.contains("SameSite=Lax"), setCookie);
        assertFalse(setCookie.contains("Secure"), "plain HTTP gets no Secure flag: " + setCookie);
        assertFalse(r.body().contains("password"), "no hash in the answer: " + r.body());

        JsonNode me = Http.get("/api/me", "Cookie", cookie(r)).json();
        assertEquals(r.json().get("id").asLong(), me.get("id").asLong());
        assertEquals(r.json().get("csrfToken").asText(), me.get("csrfToken").asText());

        String stored = TestServer.get().jdbi().withHandle(h -> h.createQuery(
                "SELECT password_hash FROM users WHERE lower(email) = lower(:e)").bind("e", email)
                .mapTo(String.class).one());
        assertTrue(stored.startsWith("$argon2id$"), stored);
    }

    @Test
    void signUpAnswersAlikeWhetherOrNotTheAddressHasAnAccount() {
        String email = newEmail();
        Http.Response first = register(email);
        Http.Response again = register(email.toUpperCase());
        assertEquals(202, first.status(), first.body());
        assertEquals(first.status(), again.status());
        assertEquals(first.body(), again.body(), "the same answer for a new and a taken address");
        assertTrue(first.setCookie(Auth.COOKIE).isEmpty() && again.setCookie(Auth.COOKIE).isEmpty(),
                "sign-up opens no session, so no cookie tells the two apart");
        // Still unconfirmed: each sign-up mailed a new confirmation link (never put in the inbox: it is a secret).
        assertEquals(2, Mailbox.awaitCount(email, 2).size(), "two confirmation mails");
        Mailbox.confirm(email, "X-Forwarded-For", newAddress());
        Http.Response third = register(email);
        assertEquals(first.body(), third.body(), "a confirmed address gets the same answer");
        // One account; its inbox (and mail) says what happened: an attempt to sign up with a taken address.
        var kinds = TestServer.get().jdbi().withHandle(h -> h.createQuery("""
                SELECT n.kind FROM notification n JOIN users u ON u.id = n.user_id
                 WHERE lower(u.email) = lower(:e) ORDER BY n.id""").bind("e", email).mapTo(String.class).list());
        assertEquals(java.util.List.of("signup_existing"), kinds);
        long accounts = TestServer.get().jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM users WHERE lower(email) = lower(:e)").bind("e", email).mapTo(Long.class).one());
        assertEquals(1, accounts);
        assertEquals(200, login(email, PASSWORD).status(), "the first sign-up's password stands");
        assertEquals(401, login(email, "the second one's password").status());
    }

    @Test
    void registrationChecksItsInput() {
        assertError(Http.post("/api/auth/register", Map.of("email", "not-an-address", "password", "long enough pw",
                "name", "x")), 422, "invalid_email", "email");
        assertError(Http.post("/api/auth/register", Map.of("email", newEmail(), "password", "short", "name", "x")),
                422, "weak_password", "password");
        assertError(Http.post("/api/auth/register", "{not json"), 400, "bad_request", "JSON");
    }

    @Test
    void behindTlsTheCookieIsSecure() {
        Http.Response r = signedUp(newEmail(), "X-Forwarded-Proto", "https");
        assertTrue(r.setCookie(Auth.COOKIE).orElseThrow().contains("Secure"));
    }

    @Test
    void loginRotatesTheSessionAndLogoutEndsIt() {
        String email = newEmail();
        Http.Response registered = signedUp(email);
        String first = cookie(registered);
        Http.Response loggedIn = login(email, "a long enough secret", "Cookie", first);
        assertEquals(200, loggedIn.status(), loggedIn.body());
        String second = cookie(loggedIn);
        assertNotEquals(first, second, "a new session id at sign-in");
        assertNotEquals(registered.json().get("csrfToken").asText(), loggedIn.json().get("csrfToken").asText());
        assertError(Http.get("/api/me", "Cookie", first), 401, "unauthorized", "sign in");
        assertEquals(200, Http.get("/api/me", "Cookie", second).status());

        String csrf = loggedIn.json().get("csrfToken").asText();
        assertError(Http.post("/api/auth/logout", null, "Cookie", second), 403, "csrf_missing", "X-CSRF-Token");
        assertError(Http.post("/api/auth/logout", null, "Cookie", second, "X-CSRF-Token", "forged"), 403,
                "csrf_invalid", "X-CSRF-Token");
        Http.Response out = Http.post("/api/auth/logout", null, "Cookie", second, "X-CSRF-Token", csrf);
        assertEquals(204, out.status(), out.body());
        assertTrue(out.setCookie(Auth.COOKIE).orElseThrow().contains("Max-Age=0"));
        assertError(Http.get("/api/me", "Cookie", second), 401, "unauthorized", "sign in");
    }

    @Test
    void sessionsAreStoredHashed() {
        Http.Response r = signedUp(newEmail());
        String id = r.cookie(Auth.COOKIE).orElseThrow();
        long plain = TestServer.get().jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM user_session WHERE encode(id_hash, 'escape') = :id OR encode(id_hash, 'hex') = :id")
                .bind("id", id).mapTo(Long.class).one());
        assertEquals(0, plain);
        long hashed = TestServer.get().jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM user_session WHERE id_hash = sha256(convert_to(:id, 'UTF8'))")
                .bind("id", id).mapTo(Long.class).one());
        assertEquals(1, hashed);
    }

    @Test
    void theConfirmationLinkIsSingleUseExpiresAndIsStoredHashed() {
        String email = newEmail();
        assertEquals(202, register(email).status());
        String token = Mailbox.confirmationToken(email).orElseThrow();
        long stored = TestServer.get().jdbi().withHandle(h -> h.createQuery("""
                SELECT count(*) FROM email_confirmation c JOIN users u ON u.id = c.user_id
                 WHERE lower(u.email) = lower(:e) AND c.token_hash = sha256(convert_to(:t, 'UTF8'))""")
                .bind("e", email).bind("t", token).mapTo(Long.class).one());
        assertEquals(1, stored, "the token is kept only as its SHA-256");
        assertError(Http.post("/api/auth/confirm", Map.of("token", "not-a-token"), "X-Forwarded-For", newAddress()),
                422, "confirmation_invalid", "link");
        assertError(Http.post("/api/auth/confirm", "{\"token\": 5", "X-Forwarded-For", newAddress()), 400,
                "bad_request", "JSON");
        assertEquals(204, Http.post("/api/auth/confirm", Map.of("token", token), "X-Forwarded-For", newAddress())
                .status());
        assertError(Http.post("/api/auth/confirm", Map.of("token", token), "X-Forwarded-For", newAddress()), 422,
                "confirmation_invalid", "used");
        assertEquals(200, login(email, PASSWORD).status());

        // A link older than its lifetime no longer confirms.
        String late = newEmail();
        assertEquals(202, register(late).status());
        String lateToken = Mailbox.confirmationToken(late).orElseThrow();
        TestServer.get().clock().advance(AccountService.CONFIRMATION_LIFETIME.plusMinutes(1));
        assertError(Http.post("/api/auth/confirm", Map.of("token", lateToken), "X-Forwarded-For", newAddress()),
                422, "confirmation_invalid", "expired");
        assertEquals(401, login(late, PASSWORD).status(), "still unconfirmed");
    }

    private static String withoutRequestId(Http.Response r) {
        var body = (com.fasterxml.jackson.databind.node.ObjectNode) r.json();
        body.remove("requestId");
        return body.toString();
    }

    @Test
    void wrongPasswordUnconfirmedAndUnknownUserAnswerAlike() {
        String email = newEmail();
        register(email);
        // Before its address is confirmed, an account cannot sign in even with its password, and the answer is the
        // one an unknown address gets: sign-in does not tell whether an address was taken.
        Http.Response unconfirmed = login(email, PASSWORD);
        Mailbox.confirm(email, "X-Forwarded-For", newAddress());
        Http.Response wrong = login(email, "not the password");
        Http.Response unknown = login(newEmail(), "not the password");
        assertError(wrong, 401, "invalid_credentials", "email address or password");
        // alike but for the request id every answer carries
        assertEquals(withoutRequestId(wrong), withoutRequestId(unknown));
        assertEquals(wrong.status(), unknown.status());
        assertEquals(withoutRequestId(wrong), withoutRequestId(unconfirmed));
        assertEquals(wrong.status(), unconfirmed.status());
        assertTrue(unconfirmed.setCookie(Auth.COOKIE).isEmpty(), "no session for an unconfirmed account");
        assertEquals(200, login(email, PASSWORD).status(), "once confirmed, the account signs in");
        // Same order of time: both run one Argon2id verification.
        long[] wrongTimes = new long[3];
        long[] unknownTimes = new long[3];
        for (int i = 0; i < 3; i++) {
            String other = newEmail();
            register(other);
            Mailbox.confirm(other, "X-Forwarded-For", newAddress());
            wrongTimes[i] = timed(() -> login(other, "another wrong one"));
            unknownTimes[i] = timed(() -> login(newEmail(), "another wrong one"));
        }
        long w = median(wrongTimes);
        long u = median(unknownTimes);
        assertTrue(u * 3 > w && w * 3 > u, "wrong password " + w + " µs vs unknown user " + u + " µs");
    }

    @Test
    void repeatedFailuresFromOneClientAreRateLimited() {
        String email = newEmail();
        register(email);
        Mailbox.confirm(email, "X-Forwarded-For", newAddress());
        String client = newAddress();
        for (int i = 0; i < LoginLimiter.FAILURES_PER_ACCOUNT_AND_ADDRESS; i++) {
            assertEquals(401, Http.post("/api/auth/login", Map.of("email", email, "password", "guess number " + i),
                    "X-Forwarded-For", client).status());
        }
        Http.Response limited = Http.post("/api/auth/login", Map.of("email", email, "password", PASSWORD),
                "X-Forwarded-For", client);
        assertError(limited, 429, "rate_limited", "too many");
        assertTrue(limited.headers().firstValue("Retry-After").isPresent(), "a 429 says when to come back");
    }

    @Test
    void csrfIsNeededWithTheCookieButNotWithABearerToken() {
        Http.Response r = signedUp(newEmail());
        String cookie = cookie(r);
        String csrf = r.json().get("csrfToken").asText();
        assertError(Http.post("/api/tokens", Map.of("name", "qgis"), "Cookie", cookie), 403, "csrf_missing", "CSRF");
        Http.Response created = Http.post("/api/tokens", Map.of("name", "qgis"), "Cookie", cookie, "X-CSRF-Token", csrf);
        assertEquals(201, created.status(), created.body());
        String token = created.json().get("token").asText();
        assertEquals("qgis", created.json().get("name").asText());

        Http.Response me = Http.get("/api/me", "Authorization", "Bearer " + token);
        assertEquals(200, me.status(), me.body());
        assertTrue(me.json().get("csrfToken").isNull(), "a token session has no CSRF token");
        assertEquals(201, Http.post("/api/tokens", Map.of("name", "script"), "Authorization", "Bearer " + token).status());
        assertError(Http.get("/api/me", "Authorization", "Bearer zmn_forged"), 401, "unauthorized", "sign in");
        long plain = TestServer.get().jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM api_token WHERE token_hash = convert_to(:t, 'UTF8')").bind("t", token)
                .mapTo(Long.class).one());
        assertEquals(0, plain, "tokens are stored hashed");
    }

    @Test
    void notSignedInIsUnauthorized() {
        assertError(Http.get("/api/me"), 401, "unauthorized", "sign in");
        assertError(Http.post("/api/tokens", Map.of()), 401, "unauthorized", "sign in");
    }

    @Test
    void staffAccountsCarryTheirEstates() {
        TestUsers.User officer = TestUsers.officer("GIL-RASHT", "GIL-FUMAN");
        JsonNode me = Http.get("/api/me", "Authorization", officer.bearer()).json();
        assertEquals("officer", me.get("role").asText());
        assertEquals("[\"GIL-FUMAN\",\"GIL-RASHT\"]", me.get("estates").toString());
    }

    @Test
    void demoAccountsSignIn() {
        var accounts = new AccountService(TestServer.get().jdbi(), java.time.Clock.systemUTC());
        DemoAccounts.ensure(accounts);
        DemoAccounts.ensure(accounts); // idempotent
        Http.Response r = login("officer@demo.zamin.ir", DemoAccounts.PASSWORD);
        assertEquals(200, r.status(), r.body());
        assertTrue(r.json().get("estates").size() >= 10, r.body());
    }

    private static long timed(Runnable r) {
        long start = System.nanoTime();
        r.run();
        return (System.nanoTime() - start) / 1000;
    }

    private static long median(long[] values) {
        long[] copy = values.clone();
        Arrays.sort(copy);
        return copy[copy.length / 2];
    }
}
