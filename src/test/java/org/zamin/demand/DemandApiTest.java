package org.zamin.demand;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.zamin.testing.Http;
import org.zamin.testing.TestAllocations;
import org.zamin.testing.TestEstates;
import org.zamin.testing.TestServer;
import org.zamin.testing.TestUsers;

/**
 * The waitlist through the HTTP API: investors register standing requests; when a matching plot becomes available
 * (here: reclaimed from an idle holder) every waiting investor finds it in the inbox the moment the reclaim
 * answers, in the order they registered; planners see unmet demand against available land.
 */
class DemandApiTest {

    private static final String AUTH = "Authorization";

    private static Map<String, Object> request(TestEstates.Estate estate, Object minArea, Object maxArea) {
        Map<String, Object> r = new HashMap<>();
        r.put("estates", List.of(estate.code()));
        r.put("minAreaM2", minArea);
        r.put("maxAreaM2", maxArea);
        r.put("landUse", "industrial");
        r.put("utilities", List.of());
        r.put("activity", "1079");
        return r;
    }

    private static JsonNode register(TestUsers.User investor, Map<String, Object> body) {
        var r = Http.post("/api/demand", body, AUTH, investor.bearer());
        assertEquals(201, r.status(), r.body());
        return r.json();
    }

    private static List<JsonNode> demandNotices(TestUsers.User user) {
        var inbox = Http.get("/api/inbox", AUTH, user.bearer());
        assertEquals(200, inbox.status(), inbox.body());
        List<JsonNode> out = new ArrayList<>();
        inbox.json().get("notifications").forEach(n -> {
            if ("demand_match".equals(n.get("kind").asText())) {
                out.add(n);
            }
        });
        return out;
    }

    private static LocalDate today() {
        return LocalDate.now(TestServer.get().clock());
    }

    /**
     * Reclaims the plot from an idle holder through the officer's API: scan, the three warnings each after the previous
     * one's cure period (the default rules: 90, 45 and 30 days), the last cure period passes, reclaim.
     */
    private static void reclaim(TestUsers.User officer, long allocation, TestUsers.User... waiting) {
        assertEquals(200, Http.post("/api/idle-scan?asOf=" + today(), null, AUTH, officer.bearer()).status());
        long caseId = TestServer.get().jdbi().withHandle(h -> h.createQuery(
                "SELECT id FROM idle_case WHERE allocation_id = :a AND state = 'OPEN'").bind("a", allocation)
                .mapTo(Long.class).one());
        for (int cureDays : new int[] {90, 45, 30}) {
            var notice = Http.post("/api/idle-cases/" + caseId + "/notice", Map.of("reason", "idle"), AUTH,
                    officer.bearer());
            assertEquals(200, notice.status(), notice.body());
            TestServer.get().clock().advance(Duration.ofDays(cureDays + 1));
            TestUsers.renewTokens(officer);
            TestUsers.renewTokens(waiting);
        }
        var reclaim = Http.post("/api/idle-cases/" + caseId + "/reclaim", Map.of("reason", "no reply"), AUTH,
                officer.bearer());
        assertEquals(200, reclaim.status(), reclaim.body());
    }

    @Test
    void waitlistedInvestorsFindAReclaimedPlotInTheirInboxInTheOrderTheyRegistered() {
        var estate = TestEstates.create(TestServer.get().ownerJdbi());
        long plot = estate.addParcel(TestServer.get().ownerJdbi(), "W-1", estate.rect(100, 100, 300, 300), "AVAILABLE");
        var officer = TestUsers.officer(estate.code());
        var holder = TestUsers.investor();
        long allocation = TestAllocations.create(estate, holder.id(), List.of(plot), today().minusMonths(20), false);

        var first = TestUsers.investor();
        var second = TestUsers.investor();
        var tooSmall = TestUsers.investor();
        var gaveUp = TestUsers.investor();
        register(first, request(estate, 30_000, 50_000));
        register(second, request(estate, "۱۰٬۰۰۰", null));
        register(tooSmall, request(estate, 1_000, 5_000));
        long withdrawn = register(gaveUp, request(estate, 30_000, 50_000)).get("id").asLong();
        var w = Http.post("/api/demand/" + withdrawn + "/withdraw", null, AUTH, gaveUp.bearer());
        assertEquals(200, w.status(), w.body());
        assertFalse(w.json().get("open").asBoolean());
        assertTrue(demandNotices(first).isEmpty(), "nothing before the plot is free");

        reclaim(officer, allocation, first, second, tooSmall, gaveUp);

        // No waiting: the notification commits with the reclaim.
        List<JsonNode> firstNotices = demandNotices(first);
        assertEquals(1, firstNotices.size(), firstNotices.toString());
        JsonNode n = firstNotices.get(0);
        assertEquals("notice.demandMatch", n.get("messageKey").asText());
        assertEquals(1, n.get("params").get("position").asInt());
        assertEquals("W-1", n.get("params").get("plot").asText());
        assertEquals(estate.code(), n.get("params").get("estate").asText());
        assertEquals("#/parcel/" + plot, n.get("link").asText());
        assertEquals(2, demandNotices(second).get(0).get("params").get("position").asInt());
        assertTrue(demandNotices(tooSmall).isEmpty(), "a 40,000 m² plot does not fit a 1,000–5,000 m² request");
        assertTrue(demandNotices(gaveUp).isEmpty(), "a withdrawn request waits for nothing");

        JsonNode mine = Http.get("/api/demand", AUTH, first.bearer()).json().get("requests").get(0);
        assertEquals(1, mine.get("availableNow").asInt());
        assertEquals(plot, mine.get("matches").get(0).get("parcelId").asLong());
        assertEquals("AVAILABLE", mine.get("matches").get(0).get("status").asText());
    }

    @Test
    void aPlotFreedByAnyPathMatchesAndANewPlotTooButOnlyOncePerRequesterAndEstate() {
        var estate = TestEstates.create(TestServer.get().ownerJdbi());
        var investor = TestUsers.investor();
        register(investor, request(estate, 100, 100_000));
        // Two plots added at once (an import does this): one notification naming how many.
        TestServer.get().ownerJdbi().useHandle(h -> h.createUpdate("""
                INSERT INTO parcel (estate_id, plot_number, geom, land_use, price_per_m2, status)
                SELECT :estate, n, ST_GeomFromText(w, 4326), 'industrial', 1000, 'AVAILABLE'
                  FROM (VALUES ('N-1', :a), ('N-2', :b)) v (n, w)""")
                .bind("estate", estate.id()).bind("a", estate.rect(400, 400, 450, 450))
                .bind("b", estate.rect(500, 500, 550, 550)).execute());
        List<JsonNode> notices = demandNotices(investor);
        assertEquals(1, notices.size(), notices.toString());
        assertEquals(2, notices.get(0).get("params").get("plots").asInt());
        // A plot that was not offered does not count until it is.
        long hidden = estate.addParcel(TestServer.get().ownerJdbi(), "H-1", estate.rect(600, 600, 650, 650),
                "NOT_OFFERED");
        assertEquals(1, demandNotices(investor).size());
        TestServer.get().ownerJdbi().useHandle(h -> h.createUpdate(
                "UPDATE parcel SET status = 'AVAILABLE' WHERE id = :id").bind("id", hidden).execute());
        assertEquals(2, demandNotices(investor).size());
    }

    @Test
    void badRequestsAreRefusedPreciselyAndChangeNothing() {
        var estate = TestEstates.create(TestServer.get().ownerJdbi());
        var investor = TestUsers.investor();
        long before = count(investor);
        Map<String, Object> noPlace = request(estate, 100, 200);
        noPlace.remove("estates");
        Http.assertError(Http.post("/api/demand", noPlace, AUTH, investor.bearer()), 422, "invalid_place", "province");
        Http.assertError(Http.post("/api/demand", request(estate, 500, 200), AUTH, investor.bearer()), 422,
                "invalid_area", "maxAreaM2");
        Http.assertError(Http.post("/api/demand", request(estate, "lots", 200), AUTH, investor.bearer()), 422,
                "invalid_area", "minAreaM2");
        Map<String, Object> road = request(estate, 100, 200);
        road.put("landUse", "road");
        Http.assertError(Http.post("/api/demand", road, AUTH, investor.bearer()), 422, "invalid_land_use", "");
        Map<String, Object> utility = request(estate, 100, 200);
        utility.put("utilities", List.of("water", "<script>"));
        Http.assertError(Http.post("/api/demand", utility, AUTH, investor.bearer()), 422, "invalid_utilities", "");
        Map<String, Object> activity = request(estate, 100, 200);
        activity.put("activity", "10790");
        Http.assertError(Http.post("/api/demand", activity, AUTH, investor.bearer()), 422, "invalid_activity", "");
        Map<String, Object> unknown = request(estate, 100, 200);
        unknown.put("estates", List.of("NO-SUCH-ESTATE"));
        Http.assertError(Http.post("/api/demand", unknown, AUTH, investor.bearer()), 422, "unknown_estate", "");
        Map<String, Object> province = request(estate, 100, 200);
        province.remove("estates");
        province.put("province", "ZZ-NOWHERE");
        Http.assertError(Http.post("/api/demand", province, AUTH, investor.bearer()), 422, "unknown_province", "");
        Http.assertError(Http.sendJson("POST", "/api/demand", "not json", AUTH, investor.bearer()), 400, "bad_request", "");
        assertEquals(before, count(investor), "no refused request was stored");

        Map<String, Object> persian = request(estate, "۱٬۰۰۰", "۲۰۰۰");
        persian.put("activity", "۱۰۷۹");
        JsonNode ok = register(investor, persian);
        assertEquals(1000, ok.get("minAreaM2").asInt());
        assertEquals("1079", ok.get("activity").asText());
    }

    @Test
    void requestsAreTheirOwnersAndTheOpenOnesAreCapped() {
        var estate = TestEstates.create(TestServer.get().ownerJdbi());
        var owner = TestUsers.investor();
        var other = TestUsers.investor();
        long id = register(owner, request(estate, 100, 200)).get("id").asLong();
        Http.assertError(Http.post("/api/demand/" + id + "/withdraw", null, AUTH, other.bearer()), 404, "not_found", "");
        assertEquals(0, Http.get("/api/demand", AUTH, other.bearer()).json().get("requests").size());
        Http.assertError(Http.post("/api/demand", request(estate, 100, 200), AUTH,
                TestUsers.officer(estate.code()).bearer()), 403, "forbidden", "");
        Http.assertError(Http.post("/api/demand", request(estate, 100, 200)), 401, "unauthorized", "");
        for (int i = 1; i < DemandService.MAX_OPEN_PER_INVESTOR; i++) {
            register(owner, request(estate, 100 + i, 200 + i));
        }
        Http.assertError(Http.post("/api/demand", request(estate, 100, 200), AUTH, owner.bearer()), 409,
                "demand_limit", "withdraw");
        assertEquals(200, Http.post("/api/demand/" + id + "/withdraw", null, AUTH, owner.bearer()).status());
        Http.assertError(Http.post("/api/demand/" + id + "/withdraw", null, AUTH, owner.bearer()), 409,
                "demand_withdrawn", "already");
        register(owner, request(estate, 100, 200));
    }

    @Test
    void plannersSeeUnmetDemandAgainstAvailableLandWithHistory() {
        var estate = TestEstates.create(TestServer.get().ownerJdbi());
        estate.addParcel(TestServer.get().ownerJdbi(), "S-1", estate.rect(100, 100, 200, 200), "AVAILABLE");
        var served = TestUsers.investor();
        var unserved = TestUsers.investor();
        register(served, request(estate, 1_000, 20_000));
        register(unserved, request(estate, 300_000, 400_000));
        new DemandService(TestServer.get().jdbi(), TestServer.get().clock()).recordSupply();

        var planner = TestUsers.planner();
        var r = Http.get("/api/stats/demand?groupBy=estate&months=3", AUTH, planner.bearer());
        assertEquals(200, r.status(), r.body());
        JsonNode row = null;
        for (JsonNode e : r.json().get("rows")) {
            if (e.get("code").asText().equals(estate.code())) {
                row = e;
            }
        }
        assertNotNull(row, r.body());
        assertEquals(2, row.get("openRequests").asInt());
        assertEquals(301_000, row.get("wantedM2").asInt());
        assertEquals(1, row.get("unmetRequests").asInt());
        assertEquals(300_000, row.get("unmetM2").asInt());
        assertEquals(1, row.get("availablePlots").asInt());
        assertTrue(row.get("availableM2").asDouble() > 9_000, row.toString());
        JsonNode history = r.json().get("history");
        assertEquals(3, history.size());
        JsonNode now = history.get(2);
        assertTrue(now.get("openRequests").asInt() >= 2);
        assertTrue(now.get("availableM2").asDouble() > 9_000, "today's supply record counts: " + now);

        var byProvince = Http.get("/api/stats/demand", AUTH, planner.bearer());
        assertEquals(200, byProvince.status());
        assertTrue(byProvince.body().contains("\"code\":\"TST\""), byProvince.body());
        Http.assertError(Http.get("/api/stats/demand?groupBy=city", AUTH, planner.bearer()), 400, "invalid_parameter", "groupBy");
        Http.assertError(Http.get("/api/stats/demand?months=۰", AUTH, planner.bearer()), 400, "invalid_parameter", "months");
        Http.assertError(Http.get("/api/stats/demand", AUTH, served.bearer()), 403, "forbidden", "");
    }

    private static long count(TestUsers.User investor) {
        return TestServer.get().jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM demand WHERE investor_id = :i").bind("i", investor.id()).mapTo(Long.class).one());
    }
}
