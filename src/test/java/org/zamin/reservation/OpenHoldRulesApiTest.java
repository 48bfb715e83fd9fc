package org.zamin.reservation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.zamin.reservation.Reservations.parcelStatus;
import static org.zamin.reservation.Reservations.reserve;
import static org.zamin.reservation.Reservations.row;
import static org.zamin.testing.Http.assertError;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.zamin.testing.Http;
import org.zamin.testing.Mailbox;
import org.zamin.testing.TestEstates;
import org.zamin.testing.TestServer;
import org.zamin.testing.TestUsers;

/**
 * OPEN offers made hoarding-proof (issue 12): only verified investors who paid the open-offer deposit hold plots,
 * at most the cap each, and not again the plot whose hold by them lapsed within the cool-down. Accounts here are made
 * through the API, as a script would make them.
 */
class OpenHoldRulesApiTest {

    private final TestServer ts = TestServer.get();

    /** A signed-in browser session: the cookie and the CSRF token writes send back. */
    record Session(long userId, String email, String[] headers) {}

    private static String address() {
        var r = ThreadLocalRandom.current();
        return "198.19." + r.nextInt(256) + "." + r.nextInt(1, 255);
    }

    /** Signs up through the API, confirms through the mailed link, signs in. */
    private static Session signedUp() {
        String email = "open-" + UUID.randomUUID() + "@test.example";
        var signUp = Http.post("/api/auth/register", Map.of("email", email, "password", TestUsers.PASSWORD,
                "name", "Open Test"), "X-Forwarded-For", address());
        assertEquals(202, signUp.status(), signUp.body());
        Mailbox.confirm(email, "X-Forwarded-For", address());
        var in = Http.post("/api/auth/login", Map.of("email", email, "password", TestUsers.PASSWORD),
                "X-Forwarded-For", address());
        assertEquals(200, in.status(), in.body());
        return new Session(in.json().get("id").asLong(), email, new String[] {
                "Cookie", "zamin_session=" + in.cookie("zamin_session").orElseThrow(),
                "X-CSRF-Token", in.json().get("csrfToken").asText()});
    }

    private static Http.Response hold(Session s, long plot) {
        String[] headers = java.util.Arrays.copyOf(s.headers(), s.headers().length + 2);
        headers[s.headers().length] = "Idempotency-Key";
        headers[s.headers().length + 1] = UUID.randomUUID().toString();
        return Http.post("/api/reservations", Reservations.body(List.of(plot)), headers);
    }

    @Test
    void twoHundredUnverifiedAccountsMadeThroughTheApiHoldNothing() throws Exception {
        var estate = TestEstates.create(ts.jdbi());
        var plots = row(estate, 10);
        List<Future<Http.Response>> answers = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int i = 0; i < 200; i++) {
                int n = i;
                answers.add(pool.submit(() -> {
                    Session s = signedUp();
                    if (n % 2 == 1) {
                        // half go further: a valid identity number of their own and the deposit, but no documents
                        // verified by staff
                        assertEquals(200, Http.post("/api/me/identity", Map.of("nationalId",
                                TestUsers.nextNationalId()), s.headers()).status());
                        assertEquals(201, Http.post("/api/me/deposit", null, s.headers()).status());
                    }
                    return hold(s, plots.get(n % plots.size()));
                }));
            }
            for (int i = 0; i < answers.size(); i++) {
                var r = answers.get(i).get();
                assertError(r, 403, "investor_unverified", "verified");
                assertTrue(r.body().contains(i % 2 == 1 ? "documents" : "national_id"), r.body());
            }
        } finally {
            pool.shutdownNow();
        }
        for (long plot : plots) {
            assertEquals("AVAILABLE", parcelStatus(plot));
        }
        assertEquals(0, Reservations.count("SELECT count(*) FROM reservation WHERE estate_id = ?", estate.id()));
    }

    @Test
    void anInvestorBecomesFitThroughTheApiAndStaffVerification() {
        var estate = TestEstates.create(ts.jdbi());
        var plots = row(estate, 2);
        var officer = TestUsers.officer(estate.code());
        Session s = signedUp();
        var before = Http.get("/api/me/standing", s.headers());
        assertEquals(List.of("national_id", "documents", "deposit"), toList(before.json().get("missing")),
                before.body());
        assertError(hold(s, plots.get(0)), 403, "investor_unverified", "national_id");

        // A national ID with a wrong check digit, all one digit, or not digits: 422, nothing stored.
        for (String bad : List.of("0012345678", "1111111111", "00123456x9", "123", "10101234560")) {
            assertError(Http.post("/api/me/identity", Map.of("nationalId", bad), s.headers()), 422,
                    "invalid_national_id", "national ID");
        }
        assertError(Http.post("/api/investors/" + s.userId() + "/verify", null, "Authorization", officer.bearer()),
                409, "identity_missing", "identity number");
        // Persian digits are read as digits; the number is stored in ASCII digits.
        String id = TestUsers.nextNationalId();
        String persian = id.chars().mapToObj(c -> String.valueOf((char) ('۰' + (c - '0'))))
                .reduce("", String::concat);
        var stated = Http.post("/api/me/identity", Map.of("nationalId", persian), s.headers());
        assertEquals(200, stated.status(), stated.body());
        assertEquals(id, stated.json().get("nationalId").asText());
        // One account per identity number.
        Session other = signedUp();
        assertError(Http.post("/api/me/identity", Map.of("nationalId", id), other.headers()), 409,
                "national_id_taken", "another account");

        var verified = Http.post("/api/investors/" + s.userId() + "/verify", null, "Authorization", officer.bearer());
        assertEquals(200, verified.status(), verified.body());
        assertEquals(1, Reservations.count("SELECT count(*) FROM decision WHERE action = 'investor.documents_verified'"
                + " AND subject_id = ? AND actor_id = ?", String.valueOf(s.userId()), officer.id()));
        assertError(hold(s, plots.get(0)), 403, "investor_unverified", "deposit");

        var paid = Http.post("/api/me/deposit", null, s.headers());
        assertEquals(201, paid.status(), paid.body());
        assertTrue(paid.json().get("mayHold").asBoolean(), paid.body());
        assertEquals(200, Http.post("/api/me/deposit", null, s.headers()).status(), "paid once, not charged again");
        assertEquals(1, Reservations.count("SELECT count(*) FROM open_deposit WHERE investor_id = ?", s.userId()));

        var held = hold(s, plots.get(0));
        assertEquals(201, held.status(), held.body());
        assertEquals("RESERVED", parcelStatus(plots.get(0)));
    }

    private static List<String> toList(com.fasterxml.jackson.databind.JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void verifiedInvestorsHoldAtMostTheCap() {
        var estate = TestEstates.create(ts.jdbi());
        var plots = row(estate, ReservationService.OPEN_CAP + 2);
        var investor = TestUsers.investor();
        for (int i = 0; i < ReservationService.OPEN_CAP; i++) {
            assertEquals(201, reserve(investor, List.of(plots.get(i))).status());
        }
        assertError(reserve(investor, List.of(plots.get(ReservationService.OPEN_CAP))), 409, "reservation_cap",
                "open reservations");
        assertEquals("AVAILABLE", parcelStatus(plots.get(ReservationService.OPEN_CAP)));
        assertEquals(201, reserve(TestUsers.investor(), List.of(plots.get(ReservationService.OPEN_CAP))).status(),
                "another investor is not held back");
    }

    @Test
    void anInvestorWhoseHoldLapsedWaitsTheCoolDownForThatPlot() {
        var estate = TestEstates.create(ts.jdbi());
        var plots = row(estate, 2);
        var investor = TestUsers.investor();
        assertEquals(201, reserve(investor, List.of(plots.get(0))).status());
        ts.clock().advance(ReservationService.HOLD.plusMinutes(1));
        ts.app().sweepHolds();
        assertEquals("AVAILABLE", parcelStatus(plots.get(0)), "the lapsed hold freed the plot");

        assertError(reserve(investor, List.of(plots.get(0))), 409, "hold_cooldown", "lapsed");
        assertError(reserve(investor, plots), 409, "hold_cooldown", "lapsed");
        assertEquals("AVAILABLE", parcelStatus(plots.get(1)), "a refused block takes none of its plots");
        var another = reserve(investor, List.of(plots.get(1)));
        assertEquals(201, another.status(), "another plot may be held at once: " + another.body());
        Reservations.action(investor, another.json().get("id").asLong(), "withdraw");

        ts.clock().advance(ReservationService.DEFAULT_COOLDOWN.plus(Duration.ofMinutes(1)));
        var again = reserve(investor, List.of(plots.get(0)));
        assertEquals(201, again.status(), "after the cool-down: " + again.body());
    }
}
