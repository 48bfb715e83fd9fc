package org.zamin.ogc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.zamin.testing.Http.assertError;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.zamin.testing.Http;
import org.zamin.testing.TestServer;

/**
 * OGC API – Features Part 3 (Filtering, OGC 19-079r2) and CQL2 (OGC 21-065r2) against the running server: each test
 * is named after the requirement it checks, and compares the API's answer with the database's own count.
 * The estates collection is used where exact counts matter: other test classes add plots while this runs.
 */
class OgcFilterTest {

    private static final String CQL2 = "http://www.opengis.net/spec/cql2/1.0/conf/";
    private final Jdbi jdbi = TestServer.get().jdbi();

    @Test
    @DisplayName("/req/queryables/get-queryables-op, get-queryables-response: a JSON Schema of every queryable")
    void queryables() {
        Http.Response r = Http.get("/ogc/collections/parcels/queryables");
        assertEquals(200, r.status(), r.body());
        assertTrue(r.contentType().startsWith("application/schema+json"), r.contentType());
        JsonNode schema = r.json();
        assertEquals("object", schema.get("type").asText());
        assertTrue(schema.get("$id").asText().endsWith("/ogc/collections/parcels/queryables"), schema.toString());
        assertEquals("https://json-schema.org/draft/2020-12/schema", schema.get("$schema").asText());
        JsonNode p = schema.get("properties");
        assertEquals("string", p.get("status").get("type").asText());
        assertTrue(p.get("status").get("enum").toString().contains("IDLE"), p.toString());
        assertEquals("date-time", p.get("updatedAt").get("format").asText());
        assertEquals("integer", p.get("price").get("type").asText());
        assertEquals("geometry-polygon", p.get("geometry").get("format").asText());
        assertEquals(false, schema.get("additionalProperties").asBoolean());
        JsonNode estates = Http.get("/ogc/collections/estates/queryables").json().get("properties");
        assertTrue(estates.has("kind") && estates.has("createdAt") && !estates.has("status"), estates.toString());
        assertError(Http.get("/ogc/collections/roads/queryables"), 404, "not_found", "roads");
    }

    @Test
    @DisplayName("/req/queryables/get-queryables-uris: each collection links to its queryables")
    void collectionLinksToQueryables() {
        boolean linked = false;
        for (JsonNode l : Http.get("/ogc/collections/estates").json().get("links")) {
            linked |= l.get("rel").asText().equals("http://www.opengis.net/def/rel/ogc/1.0/queryables")
                    && l.get("href").asText().endsWith("/ogc/collections/estates/queryables")
                    && l.get("type").asText().equals("application/schema+json");
        }
        assertTrue(linked);
    }

    @Test
    @DisplayName("/conf/filter, /conf/features-filter, /conf/queryables and the CQL2 classes are declared")
    void conformance() {
        Set<String> declared = new TreeSet<>();
        Http.get("/ogc/conformance").json().get("conformsTo").forEach(c -> declared.add(c.asText()));
        assertTrue(declared.containsAll(List.of("http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter",
                "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter",
                "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables", CQL2 + "cql2-text",
                CQL2 + "cql2-json", CQL2 + "basic-cql2", CQL2 + "advanced-comparison-operators",
                CQL2 + "basic-spatial-functions", CQL2 + "spatial-functions", CQL2 + "property-property",
                CQL2 + "temporal-functions", CQL2 + "case-insensitive-comparison")), declared.toString());
    }

    @Test
    @DisplayName("/req/oas30/completeness: the items path documents the Part 2 and 3 parameters GDAL reads")
    void openApiDocumentsTheParameters() {
        JsonNode parameters = Http.get("/ogc/api").json().get("paths").get("/collections/{collectionId}/items")
                .get("get").get("parameters");
        Set<String> names = new TreeSet<>();
        // h1's f and lang are $refs to components/parameters; the Part 2 and 3 parameters are written in place
        parameters.forEach(p -> names.add(p.path("name").asText(p.path("$ref").asText())));
        assertTrue(names.containsAll(ItemFilters.ITEMS_PARAMETERS), names.toString());
        for (JsonNode p : parameters) {
            if (p.path("name").asText().equals("filter-lang")) {
                assertEquals(ItemFilters.LANGUAGES.toString(), p.get("schema").get("enum").toString().replace("\"", "")
                        .replace(",", ", "));
            }
        }
        assertTrue(Http.get("/ogc/api").json().get("paths").has("/collections/{collectionId}/queryables"));
    }

    @Test
    @DisplayName("/req/filter/filter-param, /req/features-filter/filter-param: filter selects exactly the matching items")
    void filterParam() {
        assertEquals(estates("kind = 'INDUSTRIAL_ZONE'"), matched("estates", "kind = 'INDUSTRIAL_ZONE'"));
        assertEquals(estates("kind <> 'INDUSTRIAL_ZONE'"), matched("estates", "kind <> 'INDUSTRIAL_ZONE'"));
        JsonNode page = items("estates", "code = 'GIL-RASHT'", "");
        assertEquals(1, page.get("numberMatched").asInt());
        assertEquals("GIL-RASHT", page.get("features").get(0).get("id").asText());
        assertTrue(estates("kind = 'INDUSTRIAL_ZONE'") > 0 && estates("kind <> 'INDUSTRIAL_ZONE'") > 0);
    }

    @Test
    @DisplayName("/req/filter/filter-lang-param: cql2-text is the default; cql2-json is read; anything else is a 400")
    void filterLang() {
        long expected = estates("kind = 'INDUSTRIAL_ZONE'");
        assertEquals(expected, items("estates", "kind = 'INDUSTRIAL_ZONE'", "&filter-lang=cql2-text")
                .get("numberMatched").asLong());
        assertEquals(expected, items("estates", "{\"op\":\"=\",\"args\":[{\"property\":\"kind\"},\"INDUSTRIAL_ZONE\"]}",
                "&filter-lang=cql2-json").get("numberMatched").asLong());
        assertError(Http.get("/ogc/collections/estates/items?filter=" + q("kind = 'X'") + "&filter-lang=sql"), 400,
                "invalid_parameter", "filter-lang");
    }

    @Test
    @DisplayName("/req/filter/mixing-expressions: filter, bbox, datetime and the property parameters combine with AND")
    void mixingExpressions() {
        long expected = estates("kind = 'INDUSTRIAL_ZONE' AND boundary && ST_MakeEnvelope(48, 36, 51, 39, 4326)");
        assertEquals(expected, items("estates", "kind = 'INDUSTRIAL_ZONE'", "&bbox=48,36,51,39").get("numberMatched").asLong());
        assertEquals(0, items("estates", "kind = 'INDUSTRIAL_ZONE'", "&kind=FREE_ZONE").get("numberMatched").asLong());
    }

    @Test
    @DisplayName("/req/filter/response, /req/cql2-text/validate: a filter that does not parse is a 400 saying where")
    void invalidFilters() {
        assertError(get("estates", "kind = "), 400, "invalid_parameter", "column 7");
        assertError(get("estates", "kind == 'X'"), 400, "invalid_parameter", "column 7");
        assertError(get("estates", "S_INTERSECTS(geometry, POLYGON((0 0, 1 0, 1 1)))"), 400, "invalid_parameter",
                "geometry");
        assertError(get("estates", "createdAt > TIMESTAMP('yesterday')"), 400, "invalid_parameter", "TIMESTAMP");
        assertError(get("estates", "(".repeat(500) + "code = 'x'" + ")".repeat(500)), 400, "invalid_parameter", "nests");
    }

    @Test
    @DisplayName("/req/basic-cql2/basic-test, queryable: a property that is not queryable, or a wrong type, is a 400")
    void unknownPropertiesAndTypes() {
        assertError(get("estates", "secret = 'x'"), 400, "invalid_parameter", "not queryable: 'secret'");
        assertError(get("parcels", "estate_id = 1"), 400, "invalid_parameter", "not queryable: 'estate_id'");
        assertError(get("estates", "landPricePerM2 = 'cheap'"), 400, "invalid_parameter", "cannot compare");
        assertError(get("estates", "geometry = 'x'"), 400, "invalid_parameter", "geometry");
    }

    @Test
    @DisplayName("/req/basic-cql2/binary-comparison-predicate, boolean expressions, IS NULL, numbers and literals")
    void basicCql2() {
        assertEquals(estates("land_price_per_m2 >= 5000000"), matched("estates", "landPricePerM2 >= 5000000"));
        assertEquals(estates("land_price_per_m2 < 5000000 OR kind = 'FREE_ZONE'"),
                matched("estates", "landPricePerM2 < 5e6 or kind = 'FREE_ZONE'"));
        assertEquals(estates("NOT (kind = 'FREE_ZONE' AND land_price_per_m2 > 0)"),
                matched("estates", "NOT (kind = 'FREE_ZONE' AND landPricePerM2 > 0)"));
        assertEquals(estates("TRUE"), matched("estates", "operator IS NOT NULL"));
        assertEquals(0, matched("estates", "operator IS NULL"));
        assertEquals(estates("TRUE"), matched("estates", "TRUE"));
        assertEquals(0, matched("estates", "FALSE AND kind = 'FREE_ZONE'"));
        assertEquals(estates("created_at <= now()"), matched("estates", "createdAt <= TIMESTAMP('2999-01-01T00:00:00Z')"));
        assertEquals(estates("created_at >= '2000-01-01'"), matched("estates", "createdAt >= DATE('2000-01-01')"));
        assertEquals(estates("name = 'x''y'"), matched("estates", "name = 'x''y'"));
    }

    @Test
    @DisplayName("/req/advanced-comparison-operators/like-predicate, between-predicate, in-predicate")
    void advancedComparison() {
        assertEquals(estates("code LIKE 'GIL-%'"), matched("estates", "code LIKE 'GIL-%'"));
        assertTrue(matched("estates", "code LIKE 'GIL-%'") > 0);
        assertEquals(estates("code NOT LIKE '%A%'"), matched("estates", "code NOT LIKE '%A%'"));
        assertEquals(estates("land_price_per_m2 BETWEEN 1000000 AND 9000000"),
                matched("estates", "landPricePerM2 BETWEEN 1000000 AND 9000000"));
        assertEquals(estates("kind IN ('FREE_ZONE', 'CLUSTER')"), matched("estates", "kind IN ('FREE_ZONE', 'CLUSTER')"));
        assertEquals(estates("kind NOT IN ('FREE_ZONE', 'CLUSTER')"),
                matched("estates", "kind NOT IN ('FREE_ZONE', 'CLUSTER')"));
    }

    @Test
    @DisplayName("/req/case-insensitive-comparison/casei-predicate: CASEI in =, LIKE and IN, in both encodings")
    void caseInsensitive() {
        assertEquals(1, matched("estates", "CASEI(code) = casei('gil-RASHT')"));
        assertEquals(0, matched("estates", "code = 'gil-RASHT'"));
        assertEquals(estates("code LIKE 'GIL-%'"), matched("estates", "CASEI(code) LIKE CASEI('gil-%')"));
        assertEquals(1, matched("estates", "CASEI(code) IN (CASEI('Gil-Rasht'), CASEI('none'))"));
        assertEquals(1, jsonMatched("{\"op\":\"=\",\"args\":[{\"op\":\"casei\",\"args\":[{\"property\":\"code\"}]},"
                + "{\"op\":\"casei\",\"args\":[\"gil-rasht\"]}]}"));
        assertError(get("estates", "CASEI(landPricePerM2) = CASEI('x')"), 400, "invalid_parameter", "CASEI");
    }

    @Test
    @DisplayName("/req/basic-spatial-functions/spatial-predicate: S_INTERSECTS with POINT, POLYGON and BBOX")
    void basicSpatial() {
        assertEquals(estates("boundary && ST_MakeEnvelope(48, 36, 51, 39, 4326) AND ST_Intersects(boundary, "
                + "ST_MakeEnvelope(48, 36, 51, 39, 4326))"), matched("estates", "S_INTERSECTS(geometry, BBOX(48, 36, 51, 39))"));
        double[] inside = jdbi.withHandle(h -> h.createQuery("SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface("
                + "boundary) AS p FROM estate WHERE code = 'GIL-RASHT') x").map((rs, c) -> new double[] {rs.getDouble(1),
                rs.getDouble(2)}).one());
        JsonNode hit = items("estates", "s_intersects(geometry, POINT(" + inside[0] + " " + inside[1] + "))", "");
        assertTrue(hit.toString().contains("GIL-RASHT"), hit.toString());
        assertEquals(estates("ST_Intersects(boundary, ST_GeomFromText('POLYGON((48 36, 51 36, 51 39, 48 36))', 4326))"),
                matched("estates", "S_INTERSECTS(geometry, POLYGON((48 36, 51 36, 51 39, 48 36)))"));
    }

    @Test
    @DisplayName("/req/spatial-functions/spatial-predicate: S_DISJOINT, S_WITHIN, S_CONTAINS and the others")
    void spatialFunctions() {
        String box = "ST_MakeEnvelope(44, 25, 63, 40, 4326)";
        assertEquals(estates("ST_Within(boundary, " + box + ")"), matched("estates", "S_WITHIN(geometry, BBOX(44, 25, 63, 40))"));
        assertEquals(estates("ST_Disjoint(boundary, ST_MakeEnvelope(48, 36, 51, 39, 4326))"),
                matched("estates", "S_DISJOINT(geometry, BBOX(48, 36, 51, 39))"));
        assertEquals(estates("ST_Contains(boundary, ST_PointOnSurface(boundary)) AND code = 'GIL-RASHT'"),
                matched("estates", "S_CONTAINS(geometry, geometry) AND code = 'GIL-RASHT'"));
        for (String f : List.of("S_EQUALS", "S_TOUCHES", "S_OVERLAPS", "S_CROSSES")) {
            String st = "ST_" + f.substring(2, 3) + f.substring(3).toLowerCase();
            assertEquals(estates(st + "(boundary, ST_MakeEnvelope(48, 36, 51, 39, 4326))"),
                    matched("estates", f + "(geometry, BBOX(48, 36, 51, 39))"), f);
        }
        assertEquals(estates("ST_Intersects(boundary, ST_GeomFromText('LINESTRING(48 36, 51 39)', 4326))"),
                matched("estates", "S_INTERSECTS(geometry, LINESTRING(48 36, 51 39))"));
        assertEquals(estates("ST_Intersects(boundary, ST_GeomFromText('MULTIPOINT((49 37), (50 38))', 4326))"),
                matched("estates", "S_INTERSECTS(geometry, MULTIPOINT((49 37), (50 38)))"));
    }

    @Test
    @DisplayName("/req/filter/filter-crs-param: filter-crs reads the geometry literals in that CRS")
    void filterCrs() {
        double[] box = jdbi.withHandle(h -> h.createQuery("SELECT ST_XMin(b), ST_YMin(b), ST_XMax(b), ST_YMax(b) FROM "
                + "ST_Transform(ST_MakeEnvelope(48, 36, 51, 39, 4326), 3857) b").map((rs, c) -> new double[] {
                rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)}).one());
        long crs84 = matched("estates", "S_INTERSECTS(geometry, BBOX(48, 36, 51, 39))");
        String mercator = "S_INTERSECTS(geometry, BBOX(" + box[0] + ", " + box[1] + ", " + box[2] + ", " + box[3] + "))";
        assertEquals(crs84, items("estates", mercator, "&filter-crs=" + q("http://www.opengis.net/def/crs/EPSG/0/3857"))
                .get("numberMatched").asLong());
        assertEquals(crs84, items("estates", "S_INTERSECTS(geometry, POLYGON((36 48, 36 51, 39 51, 39 48, 36 48)))",
                "&filter-crs=" + q("http://www.opengis.net/def/crs/EPSG/0/4326")).get("numberMatched").asLong());
        assertError(get("estates", "S_INTERSECTS(geometry, BBOX(48, 36, 51, 39))&filter-crs=EPSG:2000"), 400,
                "invalid_parameter", "filter-crs");
    }

    @Test
    @DisplayName("/req/property-property: both sides of a comparison may be properties")
    void propertyProperty() {
        assertEquals(estates("name = name_fa"), matched("estates", "name = nameFa"));
        assertEquals(estates("land_price_per_m2 < round(area_m2::numeric)"), matched("estates", "landPricePerM2 < areaM2"));
        assertEquals(estates("TRUE"), matched("estates", "code = code"));
    }

    @Test
    @DisplayName("/req/temporal-functions/temporal-predicate: T_INTERSECTS, T_BEFORE, T_AFTER with DATE, TIMESTAMP, INTERVAL")
    void temporal() {
        assertEquals(estates("created_at >= '2000-01-01' AND created_at <= '2999-01-01T23:59:59Z'"),
                matched("estates", "T_INTERSECTS(createdAt, INTERVAL('2000-01-01', '2999-01-01'))"));
        assertEquals(estates("TRUE"), matched("estates", "T_BEFORE(createdAt, TIMESTAMP('2999-01-01T00:00:00Z'))"));
        assertEquals(0, matched("estates", "T_AFTER(createdAt, INTERVAL('..', '2999-01-01'))"));
        assertEquals(estates("TRUE"), matched("estates", "T_AFTER(TIMESTAMP('2999-01-01T00:00:00Z'), createdAt)"));
        assertEquals(estates("TRUE"), matched("estates", "T_EQUALS(createdAt, createdAt)"));
        assertEquals(estates("TRUE"), matched("estates", "T_OVERLAPS(INTERVAL('2000-01-01', '2010-01-01'), "
                + "INTERVAL('2005-01-01', '2020-01-01'))"));
        assertEquals(0, matched("estates", "T_DURING(DATE('2000-01-01'), INTERVAL('2000-01-01', '2020-01-01'))"));
        assertError(get("estates", "T_AFTER(code, DATE('2000-01-01'))"), 400, "invalid_parameter", "code");
    }

    @Test
    @DisplayName("/req/temporal-functions/temporal-predicate: all fifteen relations of an instant and an interval")
    void temporalRelations() {
        String t = jdbi.withHandle(h -> h.createQuery("SELECT to_char(created_at AT TIME ZONE 'UTC', "
                + "'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') FROM estate WHERE code = 'GIL-RASHT'").mapTo(String.class).one());
        String a = "'2000-01-01T00:00:00Z'";
        String b = "'" + t + "'";
        String interval = "INTERVAL('2000-01-01T00:00:00Z', '" + t + "')";
        java.util.Map<String, String> expected = new java.util.LinkedHashMap<>();
        expected.put("T_AFTER", "created_at > " + b);
        expected.put("T_BEFORE", "created_at < " + a);
        expected.put("T_CONTAINS", "FALSE");
        expected.put("T_DISJOINT", "created_at < " + a + " OR created_at > " + b);
        expected.put("T_DURING", "created_at > " + a + " AND created_at < " + b);
        expected.put("T_EQUALS", "FALSE");
        expected.put("T_FINISHEDBY", "FALSE");
        expected.put("T_FINISHES", "created_at > " + a + " AND created_at = " + b);
        expected.put("T_INTERSECTS", "created_at >= " + a + " AND created_at <= " + b);
        expected.put("T_MEETS", "created_at = " + a);
        expected.put("T_METBY", "created_at = " + b);
        expected.put("T_OVERLAPPEDBY", "FALSE");
        expected.put("T_OVERLAPS", "FALSE");
        expected.put("T_STARTEDBY", "FALSE");
        expected.put("T_STARTS", "created_at = " + a + " AND created_at < " + b);
        expected.forEach((function, where) -> assertEquals(estates(where),
                matched("estates", function + "(createdAt, " + interval + ")"), function));
        assertTrue(matched("estates", "T_METBY(createdAt, " + interval + ")") > 0);
    }

    @Test
    @DisplayName("/req/cql2-json/validate: the JSON encoding gives the text encoding's answers")
    void cql2Json() {
        String like = "{\"op\":\"like\",\"args\":[{\"property\":\"code\"},\"GIL-%\"]}";
        assertEquals(estates("code LIKE 'GIL-%'"), jsonMatched(like));
        String in = "{\"op\":\"in\",\"args\":[{\"property\":\"kind\"},[\"FREE_ZONE\",\"CLUSTER\"]]}";
        assertEquals(estates("kind IN ('FREE_ZONE', 'CLUSTER')"), jsonMatched(in));
        String spatial = "{\"op\":\"and\",\"args\":[{\"op\":\"s_intersects\",\"args\":[{\"property\":\"geometry\"},"
                + "{\"type\":\"Polygon\",\"coordinates\":[[[48,36],[51,36],[51,39],[48,39],[48,36]]]}]},"
                + "{\"op\":\"not\",\"args\":[{\"op\":\"between\",\"args\":[{\"property\":\"landPricePerM2\"},1,2]}]}]}";
        assertEquals(estates("ST_Intersects(boundary, ST_MakeEnvelope(48, 36, 51, 39, 4326)) AND NOT "
                + "land_price_per_m2 BETWEEN 1 AND 2"), jsonMatched(spatial));
        String time = "{\"op\":\"t_intersects\",\"args\":[{\"property\":\"createdAt\"},{\"interval\":[\"2000-01-01\",\"..\"]}]}";
        assertEquals(estates("created_at >= '2000-01-01'"), jsonMatched(time));
        assertError(get("estates", "{\"op\":\"=\"}&filter-lang=cql2-json"), 400, "invalid_parameter", "op");
        assertError(get("estates", "{\"op\":\"=\",\"args\":[{\"property\":\"kind\"},&filter-lang=cql2-json"), 400,
                "invalid_parameter", "JSON");
    }

    @Test
    @DisplayName("/req/filter/filter-param: injection attempts are a 400 or match nothing, and every table is intact")
    void injectionIsOnlyText() {
        long estates = estates("TRUE");
        long plots = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM parcel").mapTo(Long.class).one());
        assertError(get("parcels", "status='x'); drop table parcel;--"), 400, "invalid_parameter", "filter");
        assertError(get("parcels", "status = 'x' OR 1=1; DELETE FROM estate"), 400, "invalid_parameter", "filter");
        assertError(get("parcels", "\"status); drop table parcel;--\" = 'x'"), 400, "invalid_parameter", "not queryable");
        assertError(Http.get("/ogc/collections/parcels/items?filter-lang=cql2-json&filter="
                + q("{\"op\":\"=\",\"args\":[{\"property\":\"status) OR (1=1\"},\"x\"]}")), 400, "invalid_parameter",
                "not queryable");
        assertEquals(0, matched("parcels", "status = 'x''); drop table parcel;--'"));
        assertEquals(0, matched("parcels", "status = 'IDLE'' OR ''1''=''1'"));
        assertEquals(0, matched("estates", "code LIKE '%''; DELETE FROM estate; --'"));
        assertError(get("estates", "S_INTERSECTS(geometry, POINT(1 2); DROP TABLE estate)"), 400, "invalid_parameter",
                "filter");
        assertEquals(estates, estates("TRUE"), "estates intact");
        long after = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM parcel").mapTo(Long.class).one());
        assertTrue(after >= plots, "plots intact");
    }

    private long matched(String collection, String filter) {
        Http.Response r = get(collection, filter);
        assertEquals(200, r.status(), filter + ": " + r.body());
        return r.json().get("numberMatched").asLong();
    }

    private long jsonMatched(String filter) {
        return items("estates", filter, "&filter-lang=cql2-json").get("numberMatched").asLong();
    }

    private static JsonNode items(String collection, String filter, String more) {
        Http.Response r = Http.get("/ogc/collections/" + collection + "/items?limit=1000&filter=" + q(filter) + more);
        assertEquals(200, r.status(), filter + ": " + r.body());
        return r.json();
    }

    /** A filter sent as typed; anything after a literal {@code &} in it is more query parameters. */
    private static Http.Response get(String collection, String filter) {
        int amp = filter.indexOf("&filter-");
        String more = amp < 0 ? "" : filter.substring(amp);
        String text = amp < 0 ? filter : filter.substring(0, amp);
        return Http.get("/ogc/collections/" + collection + "/items?filter=" + q(text) + more);
    }

    private long estates(String where) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM estate e WHERE " + where).mapTo(Long.class).one());
    }

    static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
