package org.zamin.reservation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.zamin.reservation.Reservations.action;
import static org.zamin.reservation.Reservations.count;
import static org.zamin.reservation.Reservations.parcelStatus;
import static org.zamin.reservation.Reservations.reject;
import static org.zamin.reservation.Reservations.reserve;
import static org.zamin.reservation.Reservations.row;
import static org.zamin.testing.Http.assertError;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.zamin.App;
import org.zamin.testing.Http;
import org.zamin.testing.TestEstates;
import org.zamin.testing.TestServer;
import org.zamin.testing.TestUsers;

/** The reservation life cycle over HTTP: hold, pay, withdraw, approve, reject, expire, and who may do what. */
class ReservationApiTest {

    private final TestServer ts = TestServer.get();

    @Test
    void holdPayApproveCreatesAnAllocation() {
        var estate = TestEstates.create(ts.jdbi());
        var plots = row(estate, 2);
        var investor = TestUsers.investor();
        var officer = TestUsers.officer(estate.code());

        Http.Response held = reserve(investor, plots);
        assertEquals(201, held.status(), held.body());
        JsonNode r = held.json();
        long id = r.get("id").asLong();
        assertEquals("HELD", r.get("status").asText());
        assertEquals(2, r.get("parcels").size());
        assertTrue(r.get("depositAmount").asLong() > 0);
        assertEquals("RESERVED", parcelStatus(plots.get(0)));
        assertEquals("RESERVED", Http.get("/api/parcels/" + plots.get(1)).json().get("properties").get("status").asText());

        JsonNode paid = action(investor, id, "pay").json();
        assertEquals("SUBMITTED", paid.get("status").asText(), paid.toString());
        assertTrue(paid.get("payment").get("sandbox").asBoolean(), "the sandbox gateway says so on the receipt");
        assertTrue(paid.get("payment").get("receipt").asText().startsWith("SANDBOX-"));

        JsonNode queue = Http.get("/api/reservations?status=SUBMITTED", "Authorization", officer.bearer()).json();
        assertEquals(1, queue.get("reservations").size(), "the officer's queue holds their estate's application");
        assertEquals(id, queue.get("reservations").get(0).get("id").asLong());

        JsonNode approved = action(officer, id, "approve").json();
        assertEquals("APPROVED", approved.get("status").asText(), approved.toString());
        long allocation = approved.get("allocationId").asLong();
        assertEquals("ALLOCATED", parcelStatus(plots.get(0)));
        assertEquals("ALLOCATED", parcelStatus(plots.get(1)));

        JsonNode mine = Http.get("/api/allocations", "Authorization", investor.bearer()).json().get("allocations");
        assertEquals(1, mine.size());
        assertEquals(allocation, mine.get(0).get("id").asLong());
        assertEquals(2, mine.get(0).get("parcels").size());
        assertEquals(200, Http.get("/api/allocations/" + allocation, "Authorization", officer.bearer()).status());
        assertError(Http.get("/api/allocations/" + allocation, "Authorization", TestUsers.investor().bearer()), 404,
                "not_found", "allocation");
        assertError(Http.get("/api/allocations/" + allocation, "Authorization", TestUsers.officer("GIL-RASHT").bearer()),
                403, "forbidden", "estate");

        JsonNode log = Http.get("/api/decisions?subjectType=reservation&subjectId=" + id).json().get("decisions");
        assertEquals(List.of("reservation.approved", "reservation.submitted", "reservation.held"),
                List.of(log.get(0).get("action").asText(), log.get(1).get("action").asText(),
                        log.get(2).get("action").asText()));
        assertFalse(log.toString().contains(investor.email()), "no personal data in the public log");
        assertFalse(log.toString().contains("50000000000"), "the investment stays private");
        assertTrue(Http.get("/api/decisions/verify").json().get("valid").asBoolean());

        // Approving a withdrawn or already decided reservation is an illegal transition.
        assertError(action(officer, id, "approve"), 409, "illegal_transition", "APPROVED");
        assertError(action(investor, id, "withdraw"), 409, "illegal_transition", "APPROVED");
    }

    @Test
    void rejectFreesThePlotsAndMarksTheDepositForRefund() {
        var estate = TestEstates.create(ts.jdbi());
        var plots = row(estate, 1);
        var investor = TestUsers.investor();
        var officer = TestUsers.officer(estate.code());
        long id = reserve(investor, plots).json().get("id").asLong();
        assertEquals(200, action(investor, id, "pay").status());
        assertError(Http.post("/api/reservations/" + id + "/reject", Map.of("reason", " "), "Authorization",
                officer.bearer()), 422, "reason_required", "reason");
        JsonNode rejected = reject(officer, id, "The activity does not fit the estate's zoning.").json();
        assertEquals("REJECTED", rejected.get("status").asText(), rejected.toString());
        assertEquals("DUE", rejected.get("payment").get("refundStatus").asText());
        assertEquals("AVAILABLE", parcelStatus(plots.get(0)));
        JsonNode entry = Http.get("/api/decisions?subjectType=reservation&subjectId=" + id).json().get("decisions").get(0);
        assertEquals("reservation.rejected", entry.get("action").asText());
        assertEquals("The activity does not fit the estate's zoning.", entry.get("reason").asText());
        // The plot can be reserved again.
        assertEquals(201, reserve(TestUsers.investor(), plots).status());
    }

    @Test
    void approvingAWithdrawnReservationIsAConflict() {
        var estate = TestEstates.create(ts.jdbi());
        var plots = row(estate, 1);
        var investor = TestUsers.investor();
        var officer = TestUsers.officer(estate.code());
        long id = reserve(investor, plots).json().get("id").asLong();
        assertEquals(200, action(investor, id, "pay").status());
        JsonNode withdrawn = action(investor, id, "withdraw").json();
        assertEquals("WITHDRAWN", withdrawn.get("status").asText());
        assertEquals("DUE", withdrawn.get("payment").get("refundStatus").asText());
        assertEquals("AVAILABLE", parcelStatus(plots.get(0)));
        assertError(action(officer, id, "approve"), 409, "illegal_transition", "WITHDRAWN");
        assertError(action(investor, id, "pay"), 409, "illegal_transition", "WITHDRAWN");
        // A HELD reservation cannot be approved before its deposit is paid.
        long held = reserve(investor, plots).json().get("id").asLong();
        assertError(action(officer, held, "approve"), 409, "illegal_transition", "HELD");
    }

    @Test
    void everyRoleOnOwnAndOthersObjects() {
        var estate = TestEstates.create(ts.jdbi());
        var plots = row(estate, 2);
        var owner = TestUsers.investor();
        var otherInvestor = TestUsers.investor();
        var officer = TestUsers.officer(estate.code());
        var otherOfficer = TestUsers.officer("GIL-RASHT");
        var planner = TestUsers.planner();
        var admin = TestUsers.admin();
        long id = reserve(owner, plots.subList(0, 1)).json().get("id").asLong();

        // Creating: investors only.
        for (var u : List.of(officer, planner, admin)) {
            assertError(reserve(u, plots.subList(1, 2)), 403, "forbidden", "role");
        }
        assertError(Http.post("/api/reservations", Reservations.body(plots), "Idempotency-Key", "x"), 401,
                "unauthorized", "sign in");
        // Reading one.
        assertEquals(200, Http.get("/api/reservations/" + id, "Authorization", owner.bearer()).status());
        assertError(Http.get("/api/reservations/" + id, "Authorization", otherInvestor.bearer()), 404, "not_found", "reservation");
        assertEquals(200, Http.get("/api/reservations/" + id, "Authorization", officer.bearer()).status());
        assertError(Http.get("/api/reservations/" + id, "Authorization", otherOfficer.bearer()), 403, "forbidden", "estate");
        assertError(Http.get("/api/reservations/" + id, "Authorization", planner.bearer()), 403, "forbidden", "planner");
        assertEquals(200, Http.get("/api/reservations/" + id, "Authorization", admin.bearer()).status());
        assertError(Http.get("/api/reservations/" + id), 401, "unauthorized", "sign in");
        // Lists.
        assertEquals(0, Http.get("/api/reservations", "Authorization", otherInvestor.bearer()).json()
                .get("reservations").size());
        assertTrue(Http.get("/api/reservations", "Authorization", otherOfficer.bearer()).json().get("reservations")
                .findValues("id").stream().noneMatch(n -> n.asLong() == id));
        assertError(Http.get("/api/reservations", "Authorization", planner.bearer()), 403, "forbidden", "role");
        // Owner's actions.
        for (String a : List.of("pay", "withdraw")) {
            assertError(action(otherInvestor, id, a), 404, "not_found", "reservation");
            assertError(action(officer, id, a), 403, "forbidden", "role");
            assertError(action(planner, id, a), 403, "forbidden", "role");
            assertError(action(admin, id, a), 403, "forbidden", "role");
        }
        assertEquals(200, action(owner, id, "pay").status());
        // Officer's actions.
        for (String a : List.of("approve", "reject")) {
            var call = (java.util.function.Function<TestUsers.User, Http.Response>) u ->
                    a.equals("approve") ? action(u, id, a) : reject(u, id, "no");
            assertError(call.apply(otherOfficer), 403, "forbidden", "estate");
            assertError(call.apply(owner), 403, "forbidden", "role");
            assertError(call.apply(planner), 403, "forbidden", "role");
            assertError(call.apply(admin), 403, "forbidden", "role");
        }
        assertError(action(officer, 999_999_999, "approve"), 404, "not_found", "reservation");
        assertError(action(owner, 999_999_999, "pay"), 404, "not_found", "reservation");
        assertEquals(200, action(officer, id, "approve").status());
        // Allocations: planners have no access to individual rights.
        assertError(Http.get("/api/allocations", "Authorization", planner.bearer()), 403, "forbidden", "role");
        assertEquals(0, Http.get("/api/allocations", "Authorization", otherInvestor.bearer()).json()
                .get("allocations").size());
    }

    @Test
    void cookieSessionsNeedTheCsrfTokenToReserve() {
        var estate = TestEstates.create(ts.jdbi());
        var plots = row(estate, 1);
        String email = "csrf-" + UUID.randomUUID() + "@x.example";
        assertEquals(202, Http.post("/api/auth/register", Map.of("email", email, "password", "a long enough secret",
                "name", "Csrf")).status());
        org.zamin.testing.Mailbox.confirm(email);
        Http.Response reg = Http.post("/api/auth/login", Map.of("email", email, "password", "a long enough secret"));
        String cookie = "zamin_session=" + reg.cookie("zamin_session").orElseThrow();
        String csrf = reg.json().get("csrfToken").asText();
        org.zamin.testing.Mailbox.makeFit(reg.json().get("id").asLong(), "Cookie", cookie, "X-CSRF-Token", csrf);
        assertError(Http.post("/api/reservations", Reservations.body(plots), "Cookie", cookie, "Idempotency-Key", "k1"),
                403, "csrf_missing", "CSRF");
        assertEquals("AVAILABLE", parcelStatus(plots.get(0)));
        Http.Response ok = Http.post("/api/reservations", Reservations.body(plots), "Cookie", cookie,
                "Idempotency-Key", "k1", "X-CSRF-Token", csrf);
        assertEquals(201, ok.status(), ok.body());
    }

    @Test
    void theAnswerToAHoldIsTheReservationAsReadBack() {
        var estate = TestEstates.create(ts.jdbi());
        var plots = row(estate, 3);
        var investor = TestUsers.investor();
        // The hold builds the 201 body from what it has at hand, the read from the tables (reservation_json); both
        // through reservation_document: the same document, field for field and in the same order, for one plot and
        // for a block of two.
        for (List<Long> applied : List.of(plots.subList(0, 1), plots.subList(1, 3))) {
            JsonNode held = reserve(investor, applied).json();
            JsonNode read = Http.get("/api/reservations/" + held.get("id").asLong(), "Authorization",
                    investor.bearer()).json();
            assertEquals(iterable(read.fieldNames()), iterable(held.fieldNames()));
            assertEquals(read, held);
        }
    }

    private static <T> List<T> iterable(Iterator<T> it) {
        List<T> list = new ArrayList<>();
        it.forEachRemaining(list::add);
        return list;
    }

    @Test
    void idempotentReplayGivesTheSameAnswerAndNoSecondRow() {
        var estate = TestEstates.create(ts.jdbi());
        var plots = row(estate, 2);
        var investor = TestUsers.investor();
        String key = UUID.randomUUID().toString();
        Http.Response first = reserve(investor, plots.subList(0, 1), key);
        Http.Response again = reserve(investor, plots.subList(0, 1), key);
        assertEquals(201, first.status());
        assertEquals(201, again.status());
        assertEquals(first.body(), again.body());
        assertEquals("true", again.headers().firstValue("Idempotent-Replayed").orElse(""));
        assertEquals(1, count("SELECT count(*) FROM reservation WHERE investor_id = ?", investor.id()));
        assertError(reserve(investor, plots.subList(1, 2), key), 422, "idempotency_key_reused", "Idempotency-Key");
        assertError(Http.post("/api/reservations", Reservations.body(plots), "Authorization", investor.bearer()), 400,
                "idempotency_key_required", "Idempotency-Key");
    }

    @Test
    void theOpenReservationCapHolds() {
        var estate = TestEstates.create(ts.jdbi());
        var plots = row(estate, 5);
        var investor = TestUsers.investor();
        for (int i = 0; i < ReservationService.OPEN_CAP; i++) {
            assertEquals(201, reserve(investor, List.of(plots.get(i))).status());
        }
        assertError(reserve(investor, List.of(plots.get(3))), 409, "reservation_cap", "open reservations");
        assertEquals("AVAILABLE", parcelStatus(plots.get(3)));
    }

    @Test
    void plotsTakenTogetherMustBeAdjacentAndAvailable() {
        var estate = TestEstates.create(ts.jdbi());
        var plots = row(estate, 3);
        long far = estate.addParcel(ts.jdbi(), "FAR", estate.rect(600, 600, 700, 700), "AVAILABLE");
        long blocked = estate.addParcel(ts.jdbi(), "ROAD", estate.rect(0, 100, 300, 130), "NOT_OFFERED");
        var investor = TestUsers.investor();
        assertError(reserve(investor, List.of(plots.get(0), far)), 422, "parcels_not_adjacent", "neighbouring");
        assertError(reserve(investor, List.of(plots.get(0), plots.get(2))), 422, "parcels_not_adjacent", "neighbouring");
        assertError(reserve(investor, List.of(plots.get(0), blocked)), 409, "parcel_not_available", "ROAD");
        assertError(reserve(investor, List.of(999_999_999L)), 422, "unknown_parcel", "999999999");
        assertError(Http.post("/api/reservations", Map.of("parcelIds", List.of(plots.get(0)), "activity", "food",
                "investment", 1, "jobs", 1), "Authorization", investor.bearer(), "Idempotency-Key", "a"), 422,
                "invalid_activity", "ISIC");
        for (long p : plots) {
            assertEquals("AVAILABLE", parcelStatus(p), "nothing was held by the failed requests");
        }
        assertEquals(201, reserve(investor, plots).status(), "three plots in a row form one block");
    }

    @Test
    void holdsExpireWithTheClockAndAfterARestart() {
        var estate = TestEstates.create(ts.jdbi());
        var plots = row(estate, 2);
        var investor = TestUsers.investor();
        long first = reserve(investor, plots.subList(0, 1)).json().get("id").asLong();
        ts.clock().advance(ReservationService.HOLD.minus(Duration.ofMinutes(1)));
        ts.app().sweepHolds();
        assertEquals("HELD", Http.get("/api/reservations/" + first, "Authorization", investor.bearer()).json()
                .get("status").asText());
        ts.clock().advance(Duration.ofMinutes(2));
        ts.app().sweepHolds();
        JsonNode expired = Http.get("/api/reservations/" + first, "Authorization", investor.bearer()).json();
        assertEquals("EXPIRED", expired.get("status").asText());
        assertEquals("AVAILABLE", parcelStatus(plots.get(0)));
        assertEquals("reservation.expired", Http.get("/api/decisions?subjectType=reservation&subjectId=" + first)
                .json().get("decisions").get(0).get("action").asText());

        // Paying after the hold ended is refused, and the hold expires then and there.
        long second = reserve(investor, plots.subList(1, 2)).json().get("id").asLong();
        ts.clock().advance(ReservationService.HOLD.plusMinutes(1));
        assertError(action(investor, second, "pay"), 409, "hold_expired", "expired");
        assertEquals("AVAILABLE", parcelStatus(plots.get(1)));

        // A hold that lapsed while no server ran is expired when a server starts, before it answers anything.
        long third = reserve(investor, plots.subList(0, 1)).json().get("id").asLong();
        ts.clock().advance(ReservationService.HOLD.plusMinutes(1));
        var settings = org.zamin.config.Settings.fromEnvironment(Map.of("ZAMIN_PORT", "0", "DATABASE_URL",
                "postgresql://x@127.0.0.1/zamin"));
        try (App restarted = App.start(settings, ts.database(), false, ts.clock())) {
            assertEquals("EXPIRED", ts.jdbi().withHandle(h -> h.createQuery("SELECT status FROM reservation WHERE id = :id")
                    .bind("id", third).mapTo(String.class).one()));
            assertEquals("AVAILABLE", parcelStatus(plots.get(0)));
        }
    }

    @Test
    void theDatabaseRefusesASecondActiveReservationOfAPlot() {
        var estate = TestEstates.create(ts.jdbi());
        var plots = row(estate, 1);
        var a = TestUsers.investor();
        var b = TestUsers.investor();
        assertEquals(201, reserve(a, plots).status());
        var e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> ts.ownerJdbi().useHandle(h -> {
            long r = h.createQuery("""
                    INSERT INTO reservation (investor_id, estate_id, activity_isic, investment, jobs, knowledge_based,
                                             deposit_amount, created_at, hold_expires_at)
                    VALUES (:b, :estate, '1079', 1, 1, false, 0, now(), now() + interval '1 day') RETURNING id""")
                    .bind("b", b.id()).bind("estate", estate.id()).mapTo(Long.class).one();
            h.execute("INSERT INTO reservation_parcel (reservation_id, parcel_id) VALUES (?, ?)", r, plots.get(0));
        }));
        assertTrue(e.getMessage().contains("reservation_parcel_one_active"), e.getMessage());
        // And an illegal transition written straight in SQL is refused too.
        var t = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> ts.ownerJdbi().useHandle(h ->
                h.execute("UPDATE reservation SET status = 'APPROVED' WHERE investor_id = ?", a.id())));
        assertTrue(t.getMessage().contains("cannot go from HELD to APPROVED"), t.getMessage());
    }
}
