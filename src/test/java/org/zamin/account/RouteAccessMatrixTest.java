package org.zamin.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.zamin.http.ErrorMapper;
import org.zamin.testing.Http;
import org.zamin.testing.TestAllocations;
import org.zamin.testing.TestEstates;
import org.zamin.testing.TestServer;
import org.zamin.testing.TestUsers;

/**
 * The access table ({@link RouteAccess#TABLE}) against the running server: every route Javalin registered is in the
 * table and every declared route is registered; then each route is called by a visitor and by each role, on a record
 * of the caller's own side (the investor's own, estate A that the officer manages) and on someone else's (another
 * investor's, in estate B), and the answer must be what the table declares: 401 for a visitor, 403 for a role not
 * listed, 2xx on one's own, and on someone else's 404 (own scope: existence does not leak), 403 (estate scope: staff
 * are told it is not their estate) or 2xx (all). Lists must show one's own records and someone else's only with
 * scope all.
 */
class RouteAccessMatrixTest {

    private static final String AUTH = "Authorization";
    private static final List<Role> ROLES = List.of(Role.INVESTOR, Role.OFFICER, Role.PLANNER, Role.ADMIN);

    private static TestEstates.Estate estateA;
    private static TestEstates.Estate estateB;

    @BeforeAll
    static void estates() {
        estateA = TestEstates.create(TestServer.get().ownerJdbi());
        estateB = TestEstates.create(TestServer.get().ownerJdbi());
    }

    // ---- the table against the server ----

    @Test
    void everyRegisteredRouteIsInTheAccessTableAndEveryDeclaredRouteIsRegistered() {
        Set<String> registered = new TreeSet<>();
        TestServer.get().app().routes().forEach(r -> registered.add(r.toString()));
        Set<String> declared = new TreeSet<>();
        RouteAccess.TABLE.keySet().forEach(r -> declared.add(r.toString()));
        Set<String> undeclared = new TreeSet<>(registered);
        undeclared.removeAll(declared);
        Set<String> stale = new TreeSet<>(declared);
        stale.removeAll(registered);
        assertTrue(undeclared.isEmpty(), "routes registered without an entry in RouteAccess.TABLE: " + undeclared);
        assertTrue(stale.isEmpty(), "entries in RouteAccess.TABLE that no route registers: " + stale);
        assertTrue(registered.size() > 40, "the server's routes were read: " + registered);
    }

    @Test
    void aRouteMissingFromTheTableIsRefusedToEveryoneAndADeclaredOneIsNot() throws Exception {
        var auth = new Auth(new AccountService(TestServer.get().jdbi(), Clock.systemUTC()));
        Javalin server = Javalin.create(config -> {
            ErrorMapper.register(config.routes);
            config.routes.beforeMatched(new RouteAccess(auth)::check);
            config.routes.get("/api/not-in-the-table", ctx -> ctx.result("reached"));
            config.routes.get("/api/me", ctx -> ctx.result("reached"));
            config.startup.showJavalinBanner = false;
        }).start(0);
        try {
            var client = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + server.port();
            String admin = TestUsers.admin().bearer();
            var undeclared = client.send(HttpRequest.newBuilder(URI.create(base + "/api/not-in-the-table"))
                    .header(AUTH, admin).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(403, undeclared.statusCode(), undeclared.body());
            assertTrue(undeclared.body().contains("route_undeclared"), undeclared.body());
            assertTrue(!undeclared.body().contains("reached"), "the handler never ran");
            var visitor = client.send(HttpRequest.newBuilder(URI.create(base + "/api/me")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, visitor.statusCode(), visitor.body());
            var declared = client.send(HttpRequest.newBuilder(URI.create(base + "/api/me")).header(AUTH, admin).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, declared.statusCode(), declared.body());
            assertEquals("reached", declared.body());
        } finally {
            server.stop();
        }
    }

    @Test
    void thePageItsFilesAndWebJarsArePublic() {
        for (String path : List.of("/", "/index.html", "/i18n/en.json", "/webjars/leaflet/1.9.4/dist/leaflet.js")) {
            var r = Http.get(path);
            assertEquals(200, r.status(), path + ": " + r.body());
            assertTrue(!r.body().startsWith("{\"code\""), path + " is the file, not an error: " + r.body());
        }
    }

    // ---- the matrix ----

    /**
     * Who calls: a role (null for a visitor) and a user in it; an officer manages estate A. Investors are fresh for
     * each call (their own records, and the cap on open applications, are per investor); staff are one user per role.
     */
    record Caller(Role role, TestUsers.User user) {

        private static final Map<Role, TestUsers.User> STAFF = new ConcurrentHashMap<>();

        static Caller of(Role role) {
            if (role == null) {
                return new Caller(null, null);
            }
            if (role == Role.INVESTOR) {
                return new Caller(role, TestUsers.investor());
            }
            return new Caller(role, STAFF.computeIfAbsent(role,
                    r -> r == Role.OFFICER ? TestUsers.officer(estateA.code()) : TestUsers.create(r)));
        }

        String[] auth() {
            return user == null ? new String[0] : new String[] {AUTH, user.bearer()};
        }

        String label() {
            return role == null ? "visitor" : role.label();
        }
    }

    /**
     * Where a record lives and whose it is. The caller's own side: estate A, held by the caller when they are an
     * investor; someone else's: estate B, held by another investor. {@code recipient} receives inbox notices.
     * A caller the route refuses before any record is read (a visitor, a role not listed) gets a shared side whose
     * records are made once per route ({@code memo}); a caller it admits gets fresh records ({@code memo} null), so a
     * write never meets a record another call changed.
     */
    record Side(boolean own, TestEstates.Estate estate, TestUsers.User holder, TestUsers.User recipient,
            Map<String, Long> memo) {

        private static final Map<String, Side> SHARED = new ConcurrentHashMap<>();

        static Side own(Caller c, boolean refused, RouteAccess.Route route) {
            if (refused) {
                return shared(route, true);
            }
            var holder = c.role() == Role.INVESTOR ? c.user() : TestUsers.investor();
            return new Side(true, estateA, holder, c.user(), null);
        }

        static Side other(boolean refused, RouteAccess.Route route) {
            if (refused) {
                return shared(route, false);
            }
            var someone = TestUsers.investor();
            return new Side(false, estateB, someone, someone, null);
        }

        private static Side shared(RouteAccess.Route route, boolean own) {
            return SHARED.computeIfAbsent(route + (own ? " own" : " other"), k -> {
                var someone = TestUsers.investor();
                return new Side(own, own ? estateA : estateB, someone, someone, new ConcurrentHashMap<>());
            });
        }

        /** A record of this side: made now, or (shared side) the one made for this route before. */
        long record(String kind, java.util.function.LongSupplier make) {
            if (memo == null) {
                return make.getAsLong();
            }
            Long known = memo.get(kind);
            if (known == null) {
                known = make.getAsLong();
                memo.put(kind, known);
            }
            return known;
        }
    }

    enum Kind {
        /** No record is named (sign-in, statistics, creating an application): one call per caller. */
        NONE,
        /** The path names one record (or the estate, for imports and readings): the own side and the other side. */
        OBJECT,
        /** A list or a sweep: one call with a record on each side, and what the caller reached. */
        LIST
    }

    /** What a list (or a scan) returned and which side's record it reached. */
    record Listing(Http.Response response, boolean ownReached, boolean otherReached) {}

    /** How to call one route. */
    record Probe(Kind kind, BiFunction<Caller, Side, Http.Response> call, ListCall list) {}

    @FunctionalInterface
    interface ListCall {
        Listing call(Caller caller, Side own, Side other);
    }

    /**
     * Two round routes whose "someone else's" case is not a record of someone else: an investor may list the
     * applications of any published round (the answer holds only their own: an empty list for a round they did not
     * apply to, not 404), and objecting to a round they did not apply to is 403 {@code not_an_applicant} (the round
     * and its result are public, so 404 would hide nothing). Their roles are walked here like every other route's
     * (see {@link #probes()}); these two cases are asserted by round.RoundApiTest.
     */
    private static final Set<String> OTHERS_CASE_CHECKED_BY_ROUND_API_TEST = Set.of(
            "GET /api/offers/{id}/applications · investor (investor: own, officer: estate, admin: all) · other's",
            "POST /api/offers/{id}/objections · investor (investor: own) · other's");

    @TestFactory
    Stream<DynamicTest> everyRouteAnswersEveryRoleAsTheTableDeclares() {
        Map<RouteAccess.Route, Probe> probes = probes();
        List<DynamicTest> tests = new ArrayList<>();
        for (var entry : RouteAccess.TABLE.entrySet()) {
            RouteAccess.Route route = entry.getKey();
            Access access = entry.getValue();
            Probe probe = probes.get(route);
            if (probe == null) {
                tests.add(DynamicTest.dynamicTest(route + " has a probe", () -> {
                    throw new AssertionError("no probe for " + route + " in RouteAccessMatrixTest.probes()");
                }));
                continue;
            }
            List<Role> callers = new ArrayList<>();
            callers.add(null);
            callers.addAll(ROLES);
            for (Role role : callers) {
                String who = role == null ? "visitor" : role.label();
                String name = route + " · " + who + " (" + access.describe() + ")";
                switch (probe.kind()) {
                    case NONE -> tests.add(DynamicTest.dynamicTest(name, () -> checkNone(route, access, probe, role)));
                    case OBJECT -> {
                        tests.add(DynamicTest.dynamicTest(name + " · own",
                                () -> checkObject(route, access, probe, role, true)));
                        if (!OTHERS_CASE_CHECKED_BY_ROUND_API_TEST.contains(name + " · other's")) {
                            tests.add(DynamicTest.dynamicTest(name + " · other's",
                                    () -> checkObject(route, access, probe, role, false)));
                        }
                    }
                    case LIST -> tests.add(DynamicTest.dynamicTest(name + " · own and other's",
                            () -> checkList(route, access, probe, role)));
                }
            }
        }
        Set<RouteAccess.Route> unused = new TreeSet<>(java.util.Comparator.comparing(RouteAccess.Route::toString));
        unused.addAll(probes.keySet());
        unused.removeAll(RouteAccess.TABLE.keySet());
        tests.add(DynamicTest.dynamicTest("every probe is for a declared route",
                () -> assertTrue(unused.isEmpty(), "probes for routes not in the table: " + unused)));
        return tests.stream();
    }

    /** The status a caller must get before any record is looked at: 401, 403, or 0 when the route admits them. */
    private static int refusal(Access access, Role role) {
        if (access.open()) {
            return 0;
        }
        if (role == null) {
            return 401;
        }
        return access.scopeOf(role).isPresent() ? 0 : 403;
    }

    private static void checkNone(RouteAccess.Route route, Access access, Probe probe, Role role) {
        Caller caller = Caller.of(role);
        int refused = refusal(access, role);
        // a public route reads no one's records: the shared side will do
        Http.Response r = probe.call().apply(caller, Side.own(caller, refused != 0 || access.open(), route));
        expect(refused, r);
    }

    private static void checkObject(RouteAccess.Route route, Access access, Probe probe, Role role, boolean own) {
        Caller caller = Caller.of(role);
        int refused = refusal(access, role);
        Side side = own ? Side.own(caller, refused != 0, route) : Side.other(refused != 0, route);
        Http.Response r = probe.call().apply(caller, side);
        if (refused != 0 || own) {
            expect(refused, r);
            return;
        }
        switch (access.scopeOf(role).orElseThrow()) {
            case ALL -> expect(0, r);
            case OWN -> expect(404, r);
            case ESTATE -> expect(403, r);
        }
    }

    private static void checkList(RouteAccess.Route route, Access access, Probe probe, Role role) {
        Caller caller = Caller.of(role);
        int refused = refusal(access, role);
        Listing l = probe.list().call(caller, Side.own(caller, refused != 0, route), Side.other(refused != 0, route));
        expect(refused, l.response());
        if (refused == 0 && !access.open()) {
            Scope scope = access.scopeOf(role).orElseThrow();
            assertTrue(l.ownReached(), "the caller's own record is reached: " + l.response().body());
            assertEquals(scope == Scope.ALL, l.otherReached(), "someone else's record is reached only with scope all"
                    + " (scope " + scope.label() + "): " + l.response().body());
        }
    }

    /** 0: any 2xx; otherwise that error status as JSON. */
    private static void expect(int status, Http.Response r) {
        if (status == 0) {
            assertTrue(r.status() >= 200 && r.status() < 300, "expected 2xx, got " + r.status() + ": " + r.body());
        } else {
            assertEquals(status, r.status(), r.body());
            assertTrue(r.contentType().contains("json"), r.contentType());
        }
    }

    // ---- one probe per route ----

    private static Map<RouteAccess.Route, Probe> probes() {
        Map<RouteAccess.Route, Probe> p = new LinkedHashMap<>();
        // site and the public map
        get(p, "/health", (c, s) -> "/health");
        get(p, "/metrics", (c, s) -> "/metrics");
        get(p, "/api/config", (c, s) -> "/api/config");
        get(p, "/api/estates", (c, s) -> "/api/estates");
        get(p, "/api/estates/{code}", (c, s) -> "/api/estates/" + s.estate().code());
        get(p, "/api/parcels", (c, s) -> "/api/parcels?estate=" + s.estate().code());
        get(p, "/api/parcels/{id}", (c, s) -> "/api/parcels/" + plot(s.estate()));
        get(p, "/api/infrastructure", (c, s) -> "/api/infrastructure?limit=1");
        get(p, "/api/decisions", (c, s) -> "/api/decisions?limit=1");
        get(p, "/api/decisions/verify", (c, s) -> "/api/decisions/verify");
        get(p, "/api/decisions/checkpoints", (c, s) -> "/api/decisions/checkpoints");
        get(p, "/api/exports/parcels", (c, s) -> "/api/exports/parcels?format=csv&estate=" + s.estate().code());
        object(p, "POST", "/api/imports", (c, s) -> Http.send(importRequest(s.estate(), c.auth())));
        // accounts
        none(p, "POST", "/api/auth/register", (c, s) -> Http.post("/api/auth/register", Map.of("email",
                "matrix-" + UUID.randomUUID() + "@test.example", "password", TestUsers.PASSWORD, "name", "Matrix"),
                c.auth()));
        none(p, "POST", "/api/auth/login", (c, s) -> Http.post("/api/auth/login", Map.of("email",
                TestUsers.investor().email(), "password", TestUsers.PASSWORD), c.auth()));
        none(p, "POST", "/api/auth/logout", (c, s) -> Http.post("/api/auth/logout", null, c.auth()));
        none(p, "POST", "/api/auth/confirm", (c, s) -> {
            String email = "matrix-" + UUID.randomUUID() + "@test.example";
            assertEquals(202, Http.post("/api/auth/register", Map.of("email", email, "password", TestUsers.PASSWORD,
                    "name", "Matrix")).status());
            String token = org.zamin.testing.Mailbox.confirmationToken(email).orElseThrow();
            return Http.post("/api/auth/confirm", Map.of("token", token), c.auth());
        });
        get(p, "/api/me", (c, s) -> "/api/me");
        none(p, "POST", "/api/tokens", (c, s) -> Http.post("/api/tokens", Map.of("name", "matrix"), c.auth()));
        get(p, "/api/tokens", (c, s) -> "/api/tokens");
        object(p, "DELETE", "/api/tokens/{id}", (c, s) -> {
            var token = Http.post("/api/tokens", Map.of("name", "matrix"), AUTH, s.recipient().bearer());
            assertEquals(201, token.status(), token.body());
            return Http.sendJson("DELETE", "/api/tokens/" + token.json().get("id").asLong(), null, c.auth());
        });
        // investors fit to hold in OPEN offers (the caller's own standing; staff verify any investor)
        get(p, "/api/me/standing", (c, s) -> "/api/me/standing");
        none(p, "POST", "/api/me/identity", (c, s) -> Http.post("/api/me/identity", Map.of("nationalId",
                c.role() == Role.INVESTOR ? nationalId(c.user()) : TestUsers.nextNationalId()), c.auth()));
        none(p, "POST", "/api/me/deposit", (c, s) -> Http.post("/api/me/deposit", null, c.auth()));
        none(p, "POST", "/api/investors/{id}/verify",
                (c, s) -> Http.post("/api/investors/" + s.holder().id() + "/verify", null, c.auth()));
        // reservations
        none(p, "POST", "/api/reservations", (c, s) -> reserve(s, c.auth()));
        list(p, "GET", "/api/reservations", (c, own, other) -> {
            long mine = reservation(own);
            long theirs = reservation(other);
            return listed(Http.get("/api/reservations", c.auth()), "reservations", mine, theirs);
        });
        object(p, "GET", "/api/reservations/{id}", (c, s) -> Http.get("/api/reservations/" + reservation(s), c.auth()));
        object(p, "POST", "/api/reservations/{id}/pay",
                (c, s) -> Http.post("/api/reservations/" + reservation(s) + "/pay", null, c.auth()));
        object(p, "POST", "/api/reservations/{id}/withdraw",
                (c, s) -> Http.post("/api/reservations/" + reservation(s) + "/withdraw", null, c.auth()));
        object(p, "POST", "/api/reservations/{id}/approve",
                (c, s) -> Http.post("/api/reservations/" + submitted(s) + "/approve", null, c.auth()));
        object(p, "POST", "/api/reservations/{id}/reject", (c, s) -> Http.post("/api/reservations/" + submitted(s)
                + "/reject", Map.of("reason", "matrix"), c.auth()));
        // allocations and contracts
        list(p, "GET", "/api/allocations", (c, own, other) -> {
            long mine = allocation(own);
            long theirs = allocation(other);
            return listed(Http.get("/api/allocations", c.auth()), "allocations", mine, theirs);
        });
        object(p, "GET", "/api/allocations/{id}", (c, s) -> Http.get("/api/allocations/" + allocation(s), c.auth()));
        object(p, "GET", "/api/allocations/{id}/contract",
                (c, s) -> Http.get("/api/allocations/" + allocation(s) + "/contract", c.auth()));
        object(p, "POST", "/api/allocations/{id}/milestones", (c, s) -> Http.post("/api/allocations/" + allocation(s)
                + "/milestones", Map.of("kind", "CONSTRUCTION_START", "achievedOn", today().toString()), c.auth()));
        object(p, "POST", "/api/allocations/{id}/reports", (c, s) -> Http.post("/api/allocations/" + allocation(s)
                + "/reports", Map.of("percent", 10, "text", "matrix"), c.auth()));
        object(p, "POST", "/api/allocations/{id}/inspections", (c, s) -> Http.post("/api/allocations/" + allocation(s)
                + "/inspections", Map.of("finding", "ACTIVE"), c.auth()));
        object(p, "POST", "/api/allocations/{id}/extensions", (c, s) -> Http.post("/api/allocations/" + allocation(s)
                + "/extensions", Map.of("months", 3, "reason", "matrix"), c.auth()));
        object(p, "POST", "/api/allocations/{id}/extensions/{request}/{decision}", (c, s) -> {
            long allocation = allocation(s);
            long request = extensionRequest(s, allocation);
            return Http.post("/api/allocations/" + allocation + "/extensions/" + request + "/refuse",
                    Map.of("reason", "matrix"), c.auth());
        });
        // payments on the gateway's page, receipts, overdue instalments; the sandbox page
        object(p, "POST", "/api/reservations/{id}/payment",
                (c, s) -> Http.post("/api/reservations/" + reservation(s) + "/payment", Map.of(), c.auth()));
        object(p, "GET", "/api/allocations/{id}/instalments",
                (c, s) -> Http.get("/api/allocations/" + allocation(s) + "/instalments", c.auth()));
        object(p, "POST", "/api/allocations/{id}/instalments/{number}/payment", (c, s) -> Http.post(
                "/api/allocations/" + allocation(s) + "/instalments/1/payment", Map.of(), c.auth()));
        object(p, "POST", "/api/allocations/{id}/idle-charges/{charge}/payment", (c, s) -> {
            long allocation = allocation(s);
            return Http.post("/api/allocations/" + allocation + "/idle-charges/" + idleCharge(s, allocation)
                    + "/payment", Map.of(), c.auth());
        });
        object(p, "GET", "/api/payments/{token}", (c, s) -> Http.get("/api/payments/" + paymentToken(s), c.auth()));
        list(p, "GET", "/api/instalments/overdue", (c, own, other) -> {
            long mine = trackedAllocation(own);
            long theirs = trackedAllocation(other);
            // one estate at a time: the demo sample's contracts fill a list of every estate
            var r = Http.get("/api/instalments/overdue?limit=1000&estate=" + own.estate().code(), c.auth());
            var r2 = Http.get("/api/instalments/overdue?limit=1000&estate=" + other.estate().code(), c.auth());
            Set<Long> ids = new java.util.HashSet<>();
            for (var answer : List.of(r, r2)) {
                if (answer.status() == 200) {
                    answer.json().get("overdue").forEach(item -> ids.add(item.get("allocationId").asLong()));
                }
            }
            return new Listing(r, ids.contains(mine), ids.contains(theirs));
        });
        get(p, "/api/sandbox/{token}", (c, s) -> "/api/sandbox/" + paymentToken(s));
        none(p, "POST", "/api/sandbox/{token}/{action}",
                (c, s) -> Http.post("/api/sandbox/" + paymentToken(s) + "/cancel", Map.of(), c.auth()));
        // offers and allocation rounds (each record is made by an administrator in the side's estate; the side's
        // holder applies and objects)
        get(p, "/api/offers", (c, s) -> "/api/offers?estate=" + s.estate().code());
        object(p, "POST", "/api/offers", (c, s) -> Http.post("/api/offers", offerBody(s), c.auth()));
        get(p, "/api/offers/{id}", (c, s) -> "/api/offers/" + offer(s, RoundState.PUBLISHED));
        object(p, "POST", "/api/offers/{id}/publish",
                (c, s) -> Http.post("/api/offers/" + offer(s, RoundState.DRAFT) + "/publish", null, c.auth()));
        object(p, "POST", "/api/offers/{id}/close",
                (c, s) -> Http.post("/api/offers/" + offer(s, RoundState.ENDED) + "/close", null, c.auth()));
        none(p, "POST", "/api/offers/{id}/applications", (c, s) -> {
            long offer = offer(s, RoundState.OPEN);
            return Http.post("/api/offers/" + offer + "/applications", application(offer), c.auth());
        });
        object(p, "GET", "/api/offers/{id}/applications",
                (c, s) -> Http.get("/api/offers/" + offer(s, RoundState.ENDED) + "/applications", c.auth()));
        get(p, "/api/offers/{id}/result", (c, s) -> "/api/offers/" + offer(s, RoundState.CLOSED) + "/result");
        get(p, "/api/offers/{id}/result/document",
                (c, s) -> "/api/offers/" + offer(s, RoundState.CLOSED) + "/result/document");
        get(p, "/api/offers/{id}/objections", (c, s) -> "/api/offers/" + offer(s, RoundState.CLOSED) + "/objections");
        object(p, "POST", "/api/offers/{id}/objections", (c, s) -> Http.post("/api/offers/"
                + offer(s, RoundState.CLOSED) + "/objections", Map.of("text", "matrix"), c.auth()));
        get(p, "/api/offers/{id}/awards", (c, s) -> "/api/offers/" + offer(s, RoundState.CLOSED) + "/awards");
        object(p, "POST", "/api/offers/{id}/award/pay",
                (c, s) -> Http.post("/api/offers/" + offer(s, RoundState.CLOSED) + "/award/pay", null, c.auth()));
        object(p, "POST", "/api/offers/{id}/objections/{objection}/answer", (c, s) -> {
            long offer = offer(s, RoundState.CLOSED);
            return Http.post("/api/offers/" + offer + "/objections/" + objection(s, offer) + "/answer",
                    Map.of("outcome", "DISMISSED", "answer", "matrix"), c.auth());
        });
        // planning
        get(p, "/api/availability", (c, s) -> "/api/availability?estate=" + s.estate().code());
        get(p, "/api/stats", (c, s) -> "/api/stats?groupBy=estate&estate=" + s.estate().code());
        get(p, "/api/stats/what-if", (c, s) -> "/api/stats/what-if?idleYears=3");
        // waitlist and demand
        none(p, "POST", "/api/demand", (c, s) -> Http.post("/api/demand", Map.of("estates", List.of(s.estate().code()),
                "minAreaM2", "100", "landUse", "industrial", "activity", "1079"), c.auth()));
        list(p, "GET", "/api/demand", (c, own, other) -> {
            long mine = demand(own);
            long theirs = demand(other);
            return listed(Http.get("/api/demand", c.auth()), "requests", mine, theirs);
        });
        object(p, "POST", "/api/demand/{id}/withdraw",
                (c, s) -> Http.post("/api/demand/" + demand(s) + "/withdraw", null, c.auth()));
        get(p, "/api/stats/demand", (c, s) -> "/api/stats/demand?groupBy=estate");
        // idle land
        object(p, "POST", "/api/utility-readings", (c, s) -> Http.send(readingsRequest(allocation(s), c.auth())));
        list(p, "POST", "/api/idle-scan", (c, own, other) -> {
            long mine = idleAllocation(own);
            long theirs = idleAllocation(other);
            var r = Http.post("/api/idle-scan?asOf=" + today(), null, c.auth());
            return new Listing(r, openedBy(c, mine), openedBy(c, theirs));
        });
        list(p, "GET", "/api/idle-cases", (c, own, other) -> {
            long mine = idleCase(own, "OPEN");
            long theirs = idleCase(other, "OPEN");
            return listed(Http.get("/api/idle-cases", c.auth()), "cases", mine, theirs);
        });
        object(p, "POST", "/api/idle-cases/{id}/reply", (c, s) -> Http.post("/api/idle-cases/"
                + idleCase(s, "NOTICE_SERVED") + "/reply", Map.of("text", "matrix"), c.auth()));
        object(p, "POST", "/api/idle-cases/{id}/plan-items/{item}/met", (c, s) -> {
            long id = idleCase(s, "REVIVAL_PLAN");
            return Http.post("/api/idle-cases/" + id + "/plan-items/" + planItem(s, id) + "/met", null, c.auth());
        });
        object(p, "POST", "/api/idle-cases/{id}/{action}", (c, s) -> Http.post("/api/idle-cases/"
                + idleCase(s, "OPEN") + "/sub-judice", Map.of("reason", "matrix"), c.auth()));
        object(p, "POST", "/api/idle-cases/{id}/fee", (c, s) -> {
            // a fee needs the rules to charge one and a day not yet charged
            long id = idleCase(s, "OPEN");
            TestServer.get().clock().advance(java.time.Duration.ofDays(1));
            var jdbi = TestServer.get().jdbi();
            jdbi.useHandle(h -> h.execute("INSERT INTO idle_due_process_rules (estate_kind, valid_from, cure_days, "
                    + "idle_fee_bp_per_year, extension_slice_months, extension_cap_months, extension_slice_price_bp) "
                    + "VALUES ('INDUSTRIAL_ESTATE', DATE '2000-01-02', ARRAY[90, 45, 30], 2000, 6, 36, 500)"));
            try {
                return Http.post("/api/idle-cases/" + id + "/fee", null, c.auth());
            } finally {
                jdbi.useHandle(h -> h.execute("DELETE FROM idle_due_process_rules WHERE valid_from = DATE '2000-01-02'"));
            }
        });
        // the public idle register and the revival statistics
        get(p, "/api/idle-register", (c, s) -> "/api/idle-register?estate=" + s.estate().code());
        get(p, "/api/idle-register/download", (c, s) -> "/api/idle-register/download?format=csv");
        get(p, "/api/revival-stats", (c, s) -> "/api/revival-stats");
        none(p, "POST", "/api/revival-targets", (c, s) -> Http.post("/api/revival-targets",
                Map.of("province", "TST", "year", 2030, "target", 1), c.auth()));
        // revival before reclaim
        get(p, "/api/revival/vocabularies", (c, s) -> "/api/revival/vocabularies");
        object(p, "POST", "/api/advisers/{id}", (c, s) -> Http.post("/api/advisers/"
                + s.record("officer", () -> TestUsers.officer(s.estate().code()).id()), Map.of("adviser", true),
                c.auth()));
        object(p, "POST", "/api/idle-cases/{id}/diagnoses", (c, s) -> {
            if (c.role() == Role.OFFICER) {
                markAdviser(c.user().id());
            }
            return Http.post("/api/idle-cases/" + idleCase(s, "OPEN") + "/diagnoses", Map.of("causes",
                    List.of("MARKET"), "evidence", "matrix visit", "recommendation", "REVIVE"), c.auth());
        });
        list(p, "GET", "/api/working-group/sessions", (c, own, other) -> {
            long mine = session(own, idleCase(own, "OPEN"));
            long theirs = session(other, idleCase(other, "OPEN"));
            return listed(Http.get("/api/working-group/sessions", c.auth()), "sessions", mine, theirs);
        });
        object(p, "POST", "/api/working-group/sessions", (c, s) -> Http.post("/api/working-group/sessions",
                Map.of("provinceId", province(s), "members", List.of("Matrix member"),
                        "caseIds", List.of(idleCase(s, "OPEN"))), c.auth()));
        object(p, "POST", "/api/working-group/sessions/{id}/agenda/{case}/decision", (c, s) -> {
            long caseId = idleCase(s, "OPEN");
            return Http.post("/api/working-group/sessions/" + session(s, caseId) + "/agenda/" + caseId + "/decision",
                    Map.of("decision", "REFER_TO_BANK", "bankName", "Matrix Bank", "facilityRials", 1000), c.auth());
        });
        object(p, "GET", "/api/allocations/{id}/revival",
                (c, s) -> Http.get("/api/allocations/" + allocation(s) + "/revival", c.auth()));
        // inbox
        list(p, "GET", "/api/inbox", (c, own, other) -> {
            long mine = notification(own);
            long theirs = notification(other);
            return listed(Http.get("/api/inbox", c.auth()), "notifications", mine, theirs);
        });
        object(p, "POST", "/api/inbox/{id}/read",
                (c, s) -> Http.post("/api/inbox/" + notification(s) + "/read", null, c.auth()));
        none(p, "POST", "/api/inbox/language", (c, s) -> Http.post("/api/inbox/language", Map.of("language", "fa"),
                c.auth()));
        // protocol adapters
        get(p, "/ogc", (c, s) -> "/ogc");
        get(p, "/ogc/api", (c, s) -> "/ogc/api");
        get(p, "/ogc/conformance", (c, s) -> "/ogc/conformance");
        get(p, "/ogc/collections", (c, s) -> "/ogc/collections");
        get(p, "/ogc/collections/{collectionId}", (c, s) -> "/ogc/collections/parcels");
        get(p, "/ogc/collections/{collectionId}/items", (c, s) -> "/ogc/collections/parcels/items?limit=1");
        get(p, "/ogc/collections/{collectionId}/items/{featureId}",
                (c, s) -> "/ogc/collections/parcels/items/" + plot(s.estate()));
        get(p, "/ogc/collections/{collectionId}/queryables", (c, s) -> "/ogc/collections/parcels/queryables");
        get(p, "/tiles/{layer}/{z}/{x}/{y}", (c, s) -> "/tiles/estates/0/0/0.mvt");
        get(p, "/tiles/{layer}.json", (c, s) -> "/tiles/parcels.json");
        return p;
    }

    private static String nationalId(TestUsers.User investor) {
        return TestServer.get().jdbi().withHandle(h -> h.createQuery("SELECT national_id FROM users WHERE id = :id")
                .bind("id", investor.id()).mapTo(String.class).one());
    }

    private static void get(Map<RouteAccess.Route, Probe> p, String path, BiFunction<Caller, Side, String> url) {
        none(p, "GET", path, (c, s) -> Http.get(url.apply(c, s), c.auth()));
    }

    private static void none(Map<RouteAccess.Route, Probe> p, String method, String path,
            BiFunction<Caller, Side, Http.Response> call) {
        p.put(new RouteAccess.Route(method, path), new Probe(Kind.NONE, call, null));
    }

    private static void object(Map<RouteAccess.Route, Probe> p, String method, String path,
            BiFunction<Caller, Side, Http.Response> call) {
        p.put(new RouteAccess.Route(method, path), new Probe(Kind.OBJECT, call, null));
    }

    private static void list(Map<RouteAccess.Route, Probe> p, String method, String path, ListCall call) {
        p.put(new RouteAccess.Route(method, path), new Probe(Kind.LIST, null, call));
    }

    /** Which of two ids a JSON list answer contains (under {@code field}, each item's {@code id}). */
    private static Listing listed(Http.Response r, String field, long own, long other) {
        Set<Long> ids = new java.util.HashSet<>();
        if (r.status() == 200) {
            for (JsonNode item : r.json().get(field)) {
                ids.add(item.get("id").asLong());
            }
        }
        return new Listing(r, ids.contains(own), ids.contains(other));
    }

    // ---- fixtures: each call makes its own records, so a write never meets a record another call changed ----

    private static final Map<String, AtomicInteger> NEXT_PLOT = new ConcurrentHashMap<>();

    private static LocalDate today() {
        return LocalDate.now(TestServer.get().clock());
    }

    /** The WKT of the next free 20 m square of the estate (a grid of 40 × 40 slots). */
    private static String freeSquare(TestEstates.Estate e) {
        int n = NEXT_PLOT.computeIfAbsent(e.code(), k -> new AtomicInteger()).getAndIncrement();
        double x = (n % 40) * 25.0;
        double y = (n / 40) * 25.0;
        return e.rect(x, y, x + 20, y + 20);
    }

    /** A new AVAILABLE plot in the estate. */
    private static long plot(TestEstates.Estate e) {
        return e.addParcel(TestServer.get().jdbi(), "M-" + UUID.randomUUID().toString().substring(0, 8),
                freeSquare(e), "AVAILABLE");
    }

    /** An allocation on the side's estate held by the side's holder, signed two months ago. */
    private static long allocation(Side s) {
        return s.record("allocation", () -> TestAllocations.create(s.estate(), s.holder().id(),
                List.of(plot(s.estate())), today().minusMonths(2), false));
    }

    /** An allocation (signed two months ago: its cash share is overdue) whose instalments are rows already. */
    private static long trackedAllocation(Side s) {
        long id = allocation(s);
        var r = Http.get("/api/allocations/" + id + "/instalments", AUTH, s.holder().bearer());
        assertEquals(200, r.status(), r.body());
        return id;
    }

    /** The token of a payment session the side's holder opened for the deposit of a reservation of theirs. */
    private static String paymentToken(Side s) {
        long id = s.record("payment session", () -> {
            var r = Http.post("/api/reservations/" + reservation(s) + "/payment", Map.of(), AUTH, s.holder().bearer());
            assertEquals(201, r.status(), r.body());
            String token = r.json().get("token").asText();
            return TestServer.get().jdbi().withHandle(h -> h.createQuery(
                    "SELECT id FROM payment_session WHERE token = :t").bind("t", token).mapTo(Long.class).one());
        });
        return TestServer.get().jdbi().withHandle(h -> h.createQuery("SELECT token FROM payment_session WHERE id = :id")
                .bind("id", id).mapTo(String.class).one());
    }

    /** An allocation idle long enough for the scan to open a case today. */
    private static long idleAllocation(Side s) {
        return s.record("idle allocation", () -> TestAllocations.create(s.estate(), s.holder().id(),
                List.of(plot(s.estate())), today().minusMonths(20), false));
    }

    private static Http.Response reserve(Side s, String[] auth) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("parcelIds", List.of(plot(s.estate())));
        body.put("activity", "1079");
        body.put("investment", 5_000_000_000L);
        body.put("jobs", 12);
        body.put("knowledgeBased", false);
        String[] headers = java.util.Arrays.copyOf(auth, auth.length + 2);
        headers[auth.length] = "Idempotency-Key";
        headers[auth.length + 1] = UUID.randomUUID().toString();
        return Http.post("/api/reservations", body, headers);
    }

    /** How far a round of the fixtures has gone. */
    enum RoundState { DRAFT, PUBLISHED, OPEN, ENDED, CLOSED }

    /** A ROUND offer of one new plot of the side's estate, opening in a minute for a minute. */
    private static Map<String, Object> offerBody(Side s) {
        var now = TestServer.get().clock().instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("estate", s.estate().code());
        b.put("parcelIds", List.of(plot(s.estate())));
        b.put("mode", "ROUND");
        b.put("opensAt", now.plusSeconds(60).toString());
        b.put("closesAt", now.plusSeconds(120).toString());
        b.put("maxRanked", 3);
        return b;
    }

    /** An application ranking a round's one plot. */
    private static Map<String, Object> application(long offer) {
        long plot = Http.get("/api/offers/" + offer).json().get("parcelIds").get(0).asLong();
        return Map.of("ranking", List.of(plot), "activity", "2599", "investment", 5_000_000_000L, "jobs", 12,
                "knowledgeBased", false, "exportSharePct", 0);
    }

    /**
     * A round of the side's estate made by an administrator, brought to {@code state}: published; open (the clock
     * moved into its window); ended (the side's holder applied, the clock moved past its close); closed (the result
     * published).
     */
    private static long offer(Side s, RoundState state) {
        return s.record("offer " + state, () -> {
            String admin = Caller.of(Role.ADMIN).user().bearer();
            var created = Http.post("/api/offers", offerBody(s), AUTH, admin);
            assertEquals(201, created.status(), created.body());
            long id = created.json().get("id").asLong();
            if (state == RoundState.DRAFT) {
                return id;
            }
            var published = Http.post("/api/offers/" + id + "/publish", null, AUTH, admin);
            assertEquals(200, published.status(), published.body());
            if (state == RoundState.PUBLISHED) {
                return id;
            }
            TestServer.get().clock().advance(java.time.Duration.ofSeconds(61));
            if (state == RoundState.OPEN) {
                return id;
            }
            var applied = Http.post("/api/offers/" + id + "/applications", application(id), AUTH,
                    s.holder().bearer());
            assertEquals(201, applied.status(), applied.body());
            TestServer.get().clock().advance(java.time.Duration.ofSeconds(61));
            if (state == RoundState.ENDED) {
                return id;
            }
            var closed = Http.post("/api/offers/" + id + "/close", null, AUTH, admin);
            assertEquals(200, closed.status(), closed.body());
            return id;
        });
    }

    /** The side's holder's objection to a closed round of the side. */
    private static long objection(Side s, long offer) {
        return s.record("objection", () -> {
            var filed = Http.post("/api/offers/" + offer + "/objections", Map.of("text", "matrix"), AUTH,
                    s.holder().bearer());
            assertEquals(201, filed.status(), filed.body());
            return filed.json().get("id").asLong();
        });
    }

    /** A HELD reservation of the side's holder. */
    private static long reservation(Side s) {
        return s.record("reservation", () -> {
            var r = reserve(s, new String[] {AUTH, s.holder().bearer()});
            assertEquals(201, r.status(), r.body());
            return r.json().get("id").asLong();
        });
    }

    /** A SUBMITTED reservation (deposit paid) of the side's holder. */
    private static long submitted(Side s) {
        return s.record("submitted", () -> {
            long id = reservation(s);
            var paid = Http.post("/api/reservations/" + id + "/pay", null, AUTH, s.holder().bearer());
            assertEquals(200, paid.status(), paid.body());
            return id;
        });
    }

    /** A pending extension request by the holder on the side's allocation. */
    private static long extensionRequest(Side s, long allocation) {
        return s.record("extension", () -> {
            var r = Http.post("/api/allocations/" + allocation + "/extensions",
                    Map.of("months", 3, "reason", "fixture"), AUTH, s.holder().bearer());
            assertEquals(201, r.status(), r.body());
            return r.json().get("id").asLong();
        });
    }

    /**
     * An idle case in {@code state} on a new allocation of the side (as the scan and a notice would leave it), scored
     * above any real case so that it heads the board's list.
     */
    private static long idleCase(Side s, String state) {
        return s.record("idle case", () -> insertIdleCase(allocation(s), state));
    }

    private static int province(Side s) {
        return TestServer.get().jdbi().withHandle(h -> h.createQuery("SELECT province_id FROM estate WHERE id = :e")
                .bind("e", s.estate().id()).mapTo(Integer.class).one());
    }

    private static void markAdviser(long userId) {
        TestServer.get().jdbi().useHandle(h -> h.createUpdate("INSERT INTO idle_adviser (user_id, marked_at) "
                + "VALUES (:u, now()) ON CONFLICT DO NOTHING").bind("u", userId).execute());
    }

    /** A working-group session of the side's province with the side's open idle case {@code caseId} on its agenda. */
    private static long session(Side s, long caseId) {
        return s.record("session", () -> TestServer.get().jdbi().withHandle(h -> {
            long creator = TestUsers.admin().id();
            long id = h.createQuery("INSERT INTO working_group_session (province_id, held_on, members, created_by, "
                    + "created_at) VALUES (:p, current_date, ARRAY['Matrix'], :u, now()) RETURNING id")
                    .bind("p", province(s)).bind("u", creator).mapTo(Long.class).one();
            h.createUpdate("INSERT INTO working_group_agenda (session_id, case_id) VALUES (:s, :c)").bind("s", id)
                    .bind("c", caseId).execute();
            return id;
        }));
    }

    private static long insertIdleCase(long allocation, String state) {
        return TestServer.get().jdbi().withHandle(h -> h.createQuery("""
                INSERT INTO idle_case (allocation_id, state, score, evidence, opened_as_of, opened_at, notice_served_at,
                                       reply_deadline, updated_at)
                VALUES (:a, :state, 100000, '[]', current_date, now(), CASE WHEN :state = 'OPEN' THEN NULL ELSE now() END,
                        CASE WHEN :state = 'OPEN' THEN NULL ELSE current_date + 30 END, now())
                RETURNING id""").bind("a", allocation).bind("state", state).mapTo(Long.class).one());
    }

    /** An unpaid idle fee on the allocation (an open idle case of it, charged 30 days at 10 % a year). */
    private static long idleCharge(Side s, long allocation) {
        return s.record("idle charge", () -> {
            long caseId = insertIdleCase(allocation, "OPEN");
            return TestServer.get().ownerJdbi().withHandle(h -> h.createQuery("""
                    INSERT INTO idle_charge (case_id, allocation_id, kind, base, rate_bp, period_from, period_to,
                                             charged_on, created_at)
                    VALUES (:c, :a, 'IDLE_FEE', 1000000000, 1000, current_date - 30, current_date, current_date, now())
                    RETURNING id""").bind("c", caseId).bind("a", allocation).mapTo(Long.class).one());
        });
    }

    private static long planItem(Side s, long caseId) {
        return s.record("plan item", () -> TestServer.get().jdbi().withHandle(h -> h.createQuery("""
                INSERT INTO revival_plan_item (case_id, description, due_on) VALUES (:c, 'Lay foundations', current_date + 10)
                RETURNING id""").bind("c", caseId).mapTo(Long.class).one()));
    }

    /** An open waitlist request of the side's holder for the side's estate. */
    private static long demand(Side s) {
        return s.record("demand", () -> TestServer.get().jdbi().withHandle(h -> h.createQuery("""
                INSERT INTO demand (investor_id, estate_ids, min_area_m2, max_area_m2, land_use, activity, created_at)
                VALUES (:u, ARRAY[:estate], 100, 1000, 'industrial', '1079', now()) RETURNING id""")
                .bind("u", s.holder().id()).bind("estate", s.estate().id()).mapTo(Long.class).one()));
    }

    private static long notification(Side s) {
        return s.record("notification", () -> TestServer.get().jdbi().withHandle(h -> h.createQuery("""
                INSERT INTO notification (user_id, kind, subject, body, created_at)
                VALUES (:u, 'matrix', 'Matrix', 'A notice for the access matrix', now()) RETURNING id""")
                .bind("u", s.recipient().id()).mapTo(Long.class).one()));
    }

    /** Whether this caller's scan opened a case on the allocation (the decision log names the actor). */
    private static boolean openedBy(Caller c, long allocation) {
        if (c.user() == null) {
            return false;
        }
        return TestServer.get().jdbi().withHandle(h -> h.createQuery("""
                SELECT count(*) > 0 FROM decision d JOIN idle_case k ON d.subject_id = k.id::text
                 WHERE d.action = 'idle_case.opened' AND d.actor_id = :user AND k.allocation_id = :a""")
                .bind("user", c.user().id()).bind("a", allocation).mapTo(Boolean.class).one());
    }

    /** A dry-run import of one new plot into the estate (multipart, as the page sends it). */
    private static HttpRequest.Builder importRequest(TestEstates.Estate e, String[] auth) {
        String wkt = freeSquare(e);
        String ring = wkt.substring("POLYGON((".length(), wkt.length() - 2);
        StringBuilder coordinates = new StringBuilder();
        for (String point : ring.split(",\\s*")) {
            String[] lonLat = point.trim().split(" ");
            coordinates.append(coordinates.length() == 0 ? "" : ",").append('[').append(lonLat[0]).append(',')
                    .append(lonLat[1]).append(']');
        }
        String file = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"plot_no\":"
                + "\"MX-1\",\"land_use\":\"industrial\",\"price_m2\":2500000},\"geometry\":{\"type\":\"Polygon\","
                + "\"coordinates\":[[" + coordinates + "]]}}]}";
        String boundary = "zamin" + UUID.randomUUID();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"estate\"\r\n\r\n" + e.code() + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"dryRun\"\r\n\r\ntrue\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"plots.geojson\"\r\n"
                + "Content-Type: application/geo+json\r\n\r\n" + file + "\r\n--" + boundary + "--\r\n";
        var b = HttpRequest.newBuilder(Http.uri("/api/imports"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        for (int i = 0; i + 1 < auth.length; i += 2) {
            b.header(auth[i], auth[i + 1]);
        }
        return b;
    }

    /** Last month's reading for one allocation, as CSV. */
    private static HttpRequest.Builder readingsRequest(long allocation, String[] auth) {
        String csv = "allocation,month,electricity_kwh,water_m3\n" + allocation + ","
                + YearMonth.from(today()).minusMonths(1) + ",900,20\n";
        var b = HttpRequest.newBuilder(Http.uri("/api/utility-readings")).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv));
        for (int i = 0; i + 1 < auth.length; i += 2) {
            b.header(auth[i], auth[i + 1]);
        }
        return b;
    }
}
