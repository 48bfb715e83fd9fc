package org.zamin.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.zamin.domain.Text;
import org.zamin.testing.Http;
import org.zamin.testing.TestAllocations;
import org.zamin.testing.TestEstates;
import org.zamin.testing.TestServer;
import org.zamin.testing.TestUsers;

/**
 * Ordinary bad input gets a precise JSON error and changes nothing: a NUL byte in a name, a token name or a plot
 * number, 1 MB of inspection notes, a garbage CSV header, a fraction or an out-of-range number where a whole number
 * belongs, a negative extension, an empty or out-of-range search polygon — each once answered 500, 409 or 200.
 * Every case checks the status, the code, that the message names no Java or parser internals, and that the rows it
 * could have touched are as they were.
 */
class BadInputApiTest {

    private static final String AUTH = "Authorization";
    private static final String NUL = "\u0000";

    @Test
    void aNulByteOrAnOverrideInANameIsRefusedAndNoAccountIsMade() {
        String email = "nul-" + UUID.randomUUID().toString().substring(0, 8) + "@test.example";
        String before = fingerprint();
        assertClean(register(email, "Ali" + NUL + "Rezaei", "Firm"), 422, "invalid_name");
        assertClean(register(email, "Ali \u202Eiezer", "Firm"), 422, "invalid_name");
        assertClean(register(email, "Ali Rezaei", "Firm" + NUL), 422, "invalid_organisation");
        assertClean(register(email, "Ali Rezaei", "x".repeat(201)), 422, "invalid_organisation");
        assertClean(register("nul" + NUL + email, "Ali Rezaei", "Firm"), 422, "invalid_email");
        assertClean(Http.post("/api/auth/login", Map.of("email", "a" + NUL + "@test.example", "password",
                "a long enough secret")), 401, "invalid_credentials");
        assertEquals(before, fingerprint(), "nothing was written");
        assertEquals(0L, count("SELECT count(*) FROM users WHERE email = ?", email));
    }

    @Test
    void aNulByteOrAnOverlongTokenNameIsRefusedAndNoTokenIsMade() {
        var user = TestUsers.investor();
        String before = fingerprint();
        assertClean(Http.post("/api/tokens", Map.of("name", "script" + NUL), AUTH, user.bearer()), 422,
                "invalid_token_name");
        assertClean(Http.post("/api/tokens", Map.of("name", "t".repeat(101)), AUTH, user.bearer()), 422,
                "invalid_token_name");
        assertEquals(before, fingerprint());
        assertEquals(1L, count("SELECT count(*) FROM api_token WHERE user_id = ?", user.id()), "only its test token");
    }

    @Test
    void plotNumbersWithANulByteOrMarkupAreProblemsOfTheReportAndNothingIsImported() {
        var estate = TestEstates.create(TestServer.get().ownerJdbi());
        var officer = TestUsers.officer(estate.code());
        String before = fingerprint();
        for (String plot : List.of("A" + NUL + "1", "<img src=x onerror=alert(1)>", "A\"1", "\u202EA-1", "9".repeat(33))) {
            var r = Http.send(upload(estate.code(), "plots.geojson", "application/geo+json",
                    featureCollection(estate, plot)).header(AUTH, officer.bearer()));
            assertClean(r, 422, "import_invalid");
            assertEquals("bad_plot_number", r.json().get("report").get("problems").get(0).get("code").asText(),
                    r.body());
        }
        assertEquals(before, fingerprint());
        assertEquals(0L, count("SELECT count(*) FROM parcel WHERE estate_id = ?", estate.id()));
    }

    @Test
    void garbageCsvHeadersAndBrokenJsonFilesAreRefusedInPlainWords() {
        var estate = TestEstates.create(TestServer.get().ownerJdbi());
        var officer = TestUsers.officer(estate.code());
        String before = fingerprint();
        for (String csv : List.of("\"wkt,plot_no\nPOLYGON((0 0,1 0,1 1,0 0)),A\n",
                "wkt,plot_no\n\"POLYGON((0 0,1 0,1 1,0 0))\"x,A\n",
                "wkt,wkt\nPOLYGON((0 0,1 0,1 1,0 0)),A\n",
                "\u0000\u0001\u00ff,\ufffd\nx,y\n")) {
            var r = Http.send(upload(estate.code(), "plots.csv", "text/csv", csv).header(AUTH, officer.bearer()));
            assertTrue(r.status() == 422, r.status() + " " + r.body());
            assertTrue(r.json().get("code").asText().matches("unreadable_file|no_geometry_column|no_plot_number_field|import_invalid"),
                    r.body());
            assertNoInternals(r);
        }
        var nan = Http.send(upload(estate.code(), "plots.csv", "text/csv",
                "wkt,plot_no\n\"POLYGON((49 37, NaN 37, 49.1 37.1, 49 37))\",N-1\n").header(AUTH, officer.bearer()));
        assertClean(nan, 422, "import_invalid");
        assertEquals("unreadable_geometry", nan.json().get("report").get("problems").get(0).get("code").asText(),
                nan.body());
        assertFalse(nan.body().contains("Exception"), nan.body());
        var broken = Http.send(upload(estate.code(), "plots.geojson", "application/geo+json",
                "{\"type\":\"FeatureCollection\",\"features\":[{'bad': 1}]}").header(AUTH, officer.bearer()));
        assertClean(broken, 422, "unreadable_file");
        String message = broken.json().get("message").asText();
        assertFalse(message.contains("ALLOW_") || message.contains("JsonReadFeature") || message.contains("Source:")
                || message.contains("Unexpected character"), "no parser options in the message: " + message);
        assertEquals(before, fingerprint());
    }

    @Test
    void megabytesOfInspectionNotesAreRefusedAndNoInspectionIsRecorded() {
        var s = contract();
        String before = fingerprint();
        // a megabyte of JSON is over the 64 kB limit of a JSON body (BodyLimits): refused before it is parsed
        assertClean(Http.post(s.path("/inspections"), Map.of("finding", "ACTIVE", "notes", "n".repeat(1 << 20)), AUTH,
                s.officer().bearer()), 413, "payload_too_large");
        // notes longer than the rule allows, in a body within the limit
        assertClean(Http.post(s.path("/inspections"), Map.of("finding", "ACTIVE",
                "notes", "n".repeat(Text.NOTE_MAX + 1)), AUTH, s.officer().bearer()), 422, "invalid_notes");
        assertClean(Http.post(s.path("/inspections"), Map.of("finding", "ACTIVE", "notes", "seen" + NUL), AUTH,
                s.officer().bearer()), 422, "invalid_notes");
        assertClean(Http.post(s.path("/reports"), Map.of("percent", 10, "text", "walls\u0007up"), AUTH,
                s.investor().bearer()), 422, "invalid_text");
        assertEquals(before, fingerprint());
    }

    @Test
    void aNegativeOrFractionalExtensionIsInvalidNotAConflict() {
        var s = contract();
        String before = fingerprint();
        assertClean(Http.post(s.path("/extensions"), Map.of("months", -3, "reason", "late permit"), AUTH,
                s.investor().bearer()), 422, "invalid_months");
        assertClean(Http.post(s.path("/extensions"), Map.of("months", 1.5, "reason", "late permit"), AUTH,
                s.investor().bearer()), 422, "invalid_months");
        assertClean(Http.post(s.path("/extensions"), Map.of("months", 3, "reason", "late" + NUL), AUTH,
                s.investor().bearer()), 422, "invalid_reason");
        assertEquals(before, fingerprint());
    }

    @Test
    void fractionsAndHugeNumbersInAnApplicationAreRefusedAndThePlotStaysFree() {
        var estate = TestEstates.create(TestServer.get().ownerJdbi());
        long plot = estate.addParcel(TestServer.get().ownerJdbi(), "F-1", estate.rect(0, 0, 100, 100), "AVAILABLE");
        var investor = TestUsers.investor();
        String before = fingerprint();
        assertClean(apply(investor, plot, "jobs", 1.5), 422, "invalid_jobs");
        assertClean(apply(investor, plot, "investment", 1e18), 422, "invalid_investment");
        assertClean(apply(investor, plot, "investment", 1_000_000_000_000_000_000L), 422, "invalid_investment");
        assertClean(apply(investor, plot, "jobs", 10_000_000_000L), 422, "invalid_jobs");
        assertEquals(before, fingerprint());
        assertEquals("AVAILABLE", TestServer.get().jdbi().withHandle(h -> h.createQuery(
                "SELECT status FROM parcel WHERE id = :id").bind("id", plot).mapTo(String.class).one()));
    }

    @Test
    void aRejectionOrAReplyWithANulByteIsRefused() {
        var s = contract();
        String before = fingerprint();
        assertClean(Http.post("/api/reservations/1/reject", Map.of("reason", "no" + NUL), AUTH, s.officer().bearer()),
                422, "invalid_reason");
        assertClean(Http.post("/api/idle-cases/1/reply", Map.of("text", "soon" + NUL), AUTH, s.investor().bearer()),
                422, "invalid_reply");
        assertClean(Http.post("/api/idle-cases/1/notice", Map.of("reason", "idle" + NUL), AUTH, s.officer().bearer()),
                422, "invalid_reason");
        assertEquals(before, fingerprint());
    }

    @Test
    void anEmptyOrOutOfRangeSearchAreaIsInvalid() {
        var planner = TestUsers.planner();
        String before = fingerprint();
        assertClean(search(planner, "POLYGON EMPTY"), 422, "invalid_geometry");
        assertClean(search(planner, "POLYGON((49 37, 50 37, 50 1000, 49 37))"), 422, "invalid_geometry");
        assertClean(search(planner, "POLYGON((49 37, 500 37, 50 38, 49 37))"), 422, "invalid_geometry");
        assertClean(search(planner, "POLYGON((NaN 37, 50 37, 50 38, NaN 37))"), 422, "invalid_geometry");
        assertClean(search(planner, "{\"type\":\"Polygon\",\"coordinates\":[[[49,37],[50,37],[50,1000],[49,37]]]}"),
                422, "invalid_geometry");
        assertEquals(200, search(planner, "POLYGON((49 37, 50 37, 50 38, 49 37))").status(), "a real area is searched");
        assertEquals(before, fingerprint());
    }

    @Test
    void aControlCharacterInAQueryParameterIsAClientError() {
        assertClean(Http.get("/api/parcels?estate=%00"), 400, "invalid_parameter");
        assertClean(Http.get("/api/decisions?subjectId=1%00"), 400, "invalid_parameter");
        assertClean(Http.get("/ogc/collections/parcels/items?estate=GIL%01"), 400, "invalid_parameter");
    }

    // ---- helpers ----

    private record Contract(TestUsers.User officer, TestUsers.User investor, long allocation) {
        String path(String rest) {
            return "/api/allocations/" + allocation + rest;
        }
    }

    private static Contract contract() {
        var ts = TestServer.get();
        var estate = TestEstates.create(ts.ownerJdbi());
        long plot = estate.addParcel(ts.ownerJdbi(), "C1", estate.rect(100, 100, 300, 300), "AVAILABLE");
        var officer = TestUsers.officer(estate.code());
        var investor = TestUsers.investor();
        long allocation = TestAllocations.create(estate, investor.id(), List.of(plot),
                LocalDate.now(ts.clock()).minusMonths(2), false);
        return new Contract(officer, investor, allocation);
    }

    private static Http.Response register(String email, String name, String organisation) {
        return Http.post("/api/auth/register", Map.of("email", email, "password", "a long enough secret", "name", name,
                "organisation", organisation));
    }

    private static Http.Response apply(TestUsers.User investor, long plot, String field, Object value) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("parcelIds", List.of(plot));
        body.put("activity", "1079");
        body.put("investment", 1_000_000L);
        body.put("jobs", 5);
        body.put(field, value);
        return Http.post("/api/reservations", body, AUTH, investor.bearer(), "Idempotency-Key",
                UUID.randomUUID().toString());
    }

    private static Http.Response search(TestUsers.User planner, String within) {
        return Http.get("/api/availability?within=" + URLEncoder.encode(within, StandardCharsets.UTF_8), AUTH,
                planner.bearer());
    }

    private static String featureCollection(TestEstates.Estate e, String plot) {
        String ring = "[[" + e.lon(10) + "," + e.lat(10) + "],[" + e.lon(90) + "," + e.lat(10) + "],[" + e.lon(90) + ","
                + e.lat(90) + "],[" + e.lon(10) + "," + e.lat(90) + "],[" + e.lon(10) + "," + e.lat(10) + "]]";
        return "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"plot_no\":"
                + json(plot) + "},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[" + ring + "]}}]}";
    }

    private static String json(String text) {
        try {
            return Http.JSON.writeValueAsString(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static HttpRequest.Builder upload(String estate, String fileName, String type, String content) {
        String boundary = "zamin" + UUID.randomUUID();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"estate\"\r\n\r\n" + estate + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: " + type + "\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n";
        return HttpRequest.newBuilder(Http.uri("/api/imports"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }

    /** The precise JSON error: status, code, and a message without Java or parser internals. */
    private static void assertClean(Http.Response r, int status, String code) {
        assertEquals(status, r.status(), r.body());
        assertTrue(r.contentType().contains("json"), r.contentType() + " " + r.body());
        assertEquals(code, r.json().get("code").asText(), r.body());
        assertNoInternals(r);
    }

    private static void assertNoInternals(Http.Response r) {
        String message = r.json().path("message").asText();
        for (String internal : List.of("Exception", "java.", "com.fasterxml", "org.", "SQL", "ERROR:", "GEOS")) {
            assertFalse(message.contains(internal), "the message names " + internal + ": " + message);
        }
    }

    /**
     * What any of these requests could have written: the rows of every table a refused request touches, and a digest
     * of every plot number and user name. Equal before and after means nothing was written.
     */
    private static String fingerprint() {
        Supplier<String> read = () -> TestServer.get().jdbi().withHandle(h -> h.createQuery("""
                SELECT concat_ws('|', (SELECT count(*) FROM users), (SELECT md5(string_agg(name || organisation, ','
                                       ORDER BY id)) FROM users),
                       (SELECT count(*) FROM api_token), (SELECT count(*) FROM parcel),
                       (SELECT md5(string_agg(plot_number, ',' ORDER BY id)) FROM parcel),
                       (SELECT count(*) FROM reservation), (SELECT count(*) FROM extension_request),
                       (SELECT count(*) FROM progress_report), (SELECT count(*) FROM inspection),
                       (SELECT count(*) FROM idle_case WHERE reply IS NOT NULL), (SELECT count(*) FROM notification),
                       (SELECT count(*) FROM decision WHERE actor_id IS NOT NULL))""").mapTo(String.class).one());
        return read.get();
    }

    private static long count(String sql, Object arg) {
        return TestServer.get().jdbi().withHandle(h -> h.createQuery(sql).bind(0, arg).mapTo(Long.class).one());
    }
}
