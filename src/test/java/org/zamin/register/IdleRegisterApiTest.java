package org.zamin.register;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.zamin.testing.Http;
import org.zamin.testing.TestAllocations;
import org.zamin.testing.TestEstates;
import org.zamin.testing.TestServer;
import org.zamin.testing.TestUsers;

/**
 * The public idle register — page JSON, OGC collection (with CQL2) and CSV/GeoJSON downloads — shows every idle plot
 * with its stage and no personal data of the holder; the revival statistics count it against a province's target.
 */
class IdleRegisterApiTest {

    private static final String AUTH = "Authorization";
    private static TestEstates.Estate estate;
    private static TestUsers.User investor;
    private static String nationalId;
    private static long caseId;
    private static long parcel;

    private static LocalDate today() {
        return LocalDate.now(TestServer.get().clock());
    }

    @BeforeAll
    static void aCaseWarnedOnce() {
        estate = TestEstates.create(TestServer.get().ownerJdbi());
        parcel = estate.addParcel(TestServer.get().ownerJdbi(), "R1", estate.rect(100, 100, 300, 300), "AVAILABLE");
        investor = TestUsers.investor();
        TestServer.get().jdbi().useHandle(h -> h.createUpdate("UPDATE users SET name = 'Hossein Registerholder', "
                + "organisation = 'Registerholder Firm' WHERE id = :id").bind("id", investor.id()).execute());
        nationalId = TestServer.get().jdbi().withHandle(h -> h.createQuery("SELECT national_id FROM users WHERE id = :id")
                .bind("id", investor.id()).mapTo(String.class).one());
        long allocation = TestAllocations.create(estate, investor.id(), List.of(parcel), today().minusMonths(20), false);
        var officer = TestUsers.officer(estate.code());
        assertEquals(200, Http.post("/api/idle-scan?asOf=" + today(), null, AUTH, officer.bearer()).status());
        caseId = TestServer.get().jdbi().withHandle(h -> h.createQuery(
                "SELECT id FROM idle_case WHERE allocation_id = :a").bind("a", allocation).mapTo(Long.class).one());
        assertEquals(200, Http.post("/api/idle-cases/" + caseId + "/notice", Map.of("reason", "idle"), AUTH,
                officer.bearer()).status());
    }

    private static void assertNoPersonalData(String body) {
        for (String personal : List.of("Registerholder", investor.email(), nationalId)) {
            assertFalse(body.contains(personal), personal + " in " + body);
        }
    }

    @Test
    void thePageShowsTheStageWithoutPersonalData() {
        var r = Http.get("/api/idle-register?estate=" + estate.code());
        assertEquals(200, r.status(), r.body());
        JsonNode features = r.json().get("features");
        assertEquals(1, features.size(), r.body());
        JsonNode p = features.get(0).get("properties");
        assertEquals("WARNING_1", p.get("stage").asText());
        assertEquals(caseId + "-" + parcel, p.get("id").asText());
        assertEquals(today().toString(), p.get("idleSince").asText());
        assertEquals("R1", p.get("plotNumber").asText());
        assertFalse(p.get("governmentCaused").asBoolean());
        assertTrue(p.get("holderOrganisation").isNull());
        assertNoPersonalData(r.body());
    }

    @Test
    void theOgcCollectionFiltersWithCql2WithoutPersonalData() {
        String filter = URLEncoder.encode("stage = 'WARNING_1' AND estate = '" + estate.code() + "'",
                StandardCharsets.UTF_8);
        var r = Http.get("/ogc/collections/idle-register/items?filter-lang=cql2-text&filter=" + filter);
        assertEquals(200, r.status(), r.body());
        assertEquals(1, r.json().get("numberMatched").asInt(), r.body());
        assertNoPersonalData(r.body());
        var none = Http.get("/ogc/collections/idle-register/items?estate=" + estate.code() + "&stage=RECLAIMED");
        assertEquals(0, none.json().get("numberMatched").asInt(), none.body());
        var one = Http.get("/ogc/collections/idle-register/items/" + caseId + "-" + parcel);
        assertEquals(200, one.status(), one.body());
        assertNoPersonalData(one.body());
        var q = Http.get("/ogc/collections/idle-register/queryables");
        assertTrue(q.body().contains("\"stage\""), q.body());
    }

    @Test
    void theDownloadsHoldNoPersonalData() {
        var csv = Http.get("/api/idle-register/download?format=csv&estate=" + estate.code());
        assertEquals(200, csv.status(), csv.body());
        assertTrue(csv.contentType().startsWith("text/csv"), csv.contentType());
        assertTrue(csv.body().startsWith("id,case_id,estate"), csv.body());
        assertTrue(csv.body().contains(caseId + "-" + parcel), csv.body());
        assertNoPersonalData(csv.body());
        var geojson = Http.get("/api/idle-register/download?format=geojson&estate=" + estate.code());
        assertEquals(200, geojson.status(), geojson.body());
        assertEquals(1, geojson.json().get("features").size());
        assertNoPersonalData(geojson.body());
    }

    @Test
    void badInputIsAPreciseJsonError() {
        Http.assertError(Http.get("/api/idle-register?limit=0"), 400, "invalid_parameter", "limit");
        Http.assertError(Http.get("/api/idle-register?stage=drop%20table"), 400, "invalid_parameter", "stage");
        Http.assertError(Http.get("/api/idle-register/download?format=xml"), 400, "invalid_parameter", "format");
    }

    @Test
    void statisticsCountTheProvinceAgainstItsTargetSetByAnAdmin() {
        var admin = TestUsers.admin();
        int year = today().getYear();
        long before = TestServer.get().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM revival_target")
                .mapTo(Long.class).one());
        Http.assertError(Http.post("/api/revival-targets", Map.of("province", "TST", "year", year, "target", -1),
                AUTH, admin.bearer()), 400, "invalid_target", "target");
        Http.assertError(Http.post("/api/revival-targets", Map.of("province", "NOPE", "year", year, "target", 5),
                AUTH, admin.bearer()), 404, "not_found", "NOPE");
        assertEquals(before, (long) TestServer.get().jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM revival_target").mapTo(Long.class).one()));
        assertEquals(403, Http.post("/api/revival-targets", Map.of("province", "TST", "year", year, "target", 5),
                AUTH, TestUsers.planner().bearer()).status());
        assertEquals(200, Http.post("/api/revival-targets", Map.of("province", "TST", "year", year, "target", 68),
                AUTH, admin.bearer()).status());
        var r = Http.get("/api/revival-stats?year=" + year, AUTH, TestUsers.planner().bearer());
        assertEquals(200, r.status(), r.body());
        JsonNode tst = null;
        for (JsonNode p : r.json().get("provinces")) {
            if (p.get("province").asText().equals("TST")) {
                tst = p;
            }
        }
        assertTrue(tst != null, r.body());
        assertEquals(68, tst.get("target").asInt());
        assertTrue(tst.get("idle").asInt() >= 1, tst.toString());
        assertEquals(0, tst.get("progressPercent").asInt(), tst.toString());
        Http.assertError(Http.get("/api/revival-stats?year=abc", AUTH, TestUsers.planner().bearer()), 400,
                "invalid_parameter", "year");
    }
}
