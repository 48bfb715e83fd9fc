package org.zamin.ogc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.zamin.testing.Http.assertError;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.zamin.testing.Http;
import org.zamin.testing.TestServer;

/**
 * OGC API – Features – Part 1: Core (17-069r4), requirements class Core and OpenAPI 3.0: one test per requirement,
 * named after its id, checking what the requirement's statement says.
 */
class OgcCoreTest {

    private final Jdbi jdbi = TestServer.get().jdbi();

    @Test
    @DisplayName("/req/core/root-success: the landing page links to itself, its alternate, the API, conformance, data")
    void req_core_root_success() {
        Http.Response r = Http.get("/ogc");
        assertEquals(200, r.status());
        assertTrue(r.contentType().startsWith("application/json"), r.contentType());
        Map<String, JsonNode> rels = rels(r.json());
        assertTrue(rels.keySet().containsAll(Set.of("self", "alternate", "service-desc", "conformance", "data")),
                rels.keySet().toString());
        assertEquals("text/html", rels.get("alternate").get("type").asText());
    }

    @Test
    @DisplayName("/req/core/api-definition-success: the API definition as OpenAPI 3.0")
    void req_core_api_definition_success() {
        Http.Response r = Http.get("/ogc/api");
        assertEquals(200, r.status());
        assertTrue(r.contentType().startsWith("application/vnd.oai.openapi+json;version=3.0"), r.contentType());
        assertEquals("3.0.3", r.json().get("openapi").asText());
    }

    @Test
    @DisplayName("/req/core/conformance-success: conformsTo lists exactly the classes whose tests pass")
    void req_core_conformance_success() {
        JsonNode conformsTo = Http.get("/ogc/conformance").json().get("conformsTo");
        Set<String> declared = new TreeSet<>();
        conformsTo.forEach(c -> declared.add(c.asText()));
        String part1 = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/";
        assertTrue(declared.containsAll(Set.of(part1 + "core", part1 + "geojson", part1 + "html", part1 + "oas30")),
                declared.toString());
        assertEquals(new TreeSet<>(OgcRoutes.CONFORMANCE), declared);
    }

    @Test
    @DisplayName("/req/core/query-param-unknown: a query parameter not in the API definition is 400")
    void req_core_query_param_unknown() {
        long plot = count("SELECT min(id) FROM parcel");
        for (String path : OgcRoutes.ROUTES) {
            String url = url(path, "parcels", String.valueOf(plot));
            assertError(Http.get(url + "?foo=bar"), 400, "unknown_parameter", "foo");
        }
        // what the issue found answered 200 with other data than asked for
        for (String name : List.of("filter", "crs", "bbox-crs", "sortby", "properties", "filter-lang", "resultType")) {
            if (OgcRoutes.accepted("/collections/{collectionId}/items", Optional.of(Collection.PARCELS)).contains(name)) {
                continue; // a later part of the standard made it a parameter of this path
            }
            assertError(Http.get("/ogc/collections/parcels/items?" + name + "=x"), 400, "unknown_parameter", name);
        }
        // a parcels property is not a parameter of the estates collection
        assertError(Http.get("/ogc/collections/estates/items?status=IDLE"), 400, "unknown_parameter", "status");
        assertEquals(200, Http.get("/ogc/collections/parcels/items?status=IDLE&limit=1").status());
    }

    @Test
    @DisplayName("/req/core/query-param-invalid: a parameter with an invalid value is 400")
    void req_core_query_param_invalid() {
        assertError(Http.get("/ogc/collections/parcels/items?limit=0"), 400, "invalid_parameter", "limit");
        assertError(Http.get("/ogc/collections/parcels/items?limit=ten"), 400, "invalid_parameter", "limit");
        assertError(Http.get("/ogc/collections/parcels/items?offset=-1"), 400, "invalid_parameter", "offset");
        assertError(Http.get("/ogc/collections/parcels/items?bbox=1,2,3"), 400, "invalid_parameter", "bbox");
        assertError(Http.get("/ogc/collections/parcels/items?bbox=1,2,3,4,5"), 400, "invalid_parameter", "bbox");
        assertError(Http.get("/ogc/collections/parcels/items?bbox=49,38,50,37"), 400, "invalid_parameter", "bbox");
        assertError(Http.get("/ogc/collections/parcels/items?datetime=soon"), 400, "invalid_parameter", "datetime");
        assertError(Http.get("/ogc/collections?f=xml"), 400, "invalid_parameter", "f");
        assertError(Http.get("/ogc?lang=de&f=html"), 400, "invalid_parameter", "lang");
    }

    @Test
    @DisplayName("/req/oas30/completeness: every route and every query parameter it accepts is in the OpenAPI document")
    void req_oas30_completeness() {
        JsonNode doc = Http.get("/ogc/api").json();
        JsonNode components = doc.get("components").get("parameters");
        Set<String> documentedPaths = new TreeSet<>();
        doc.get("paths").fieldNames().forEachRemaining(documentedPaths::add);
        assertEquals(new TreeSet<>(OgcRoutes.ROUTES), documentedPaths);
        for (String path : OgcRoutes.ROUTES) {
            Set<String> documented = new TreeSet<>();
            for (JsonNode p : doc.get("paths").get(path).get("get").path("parameters")) {
                JsonNode param = p.has("$ref")
                        ? components.get(p.get("$ref").asText().replace("#/components/parameters/", "")) : p;
                assertNotNull(param, p.toString());
                if (param.get("in").asText().equals("query")) {
                    documented.add(param.get("name").asText());
                }
            }
            Set<String> accepted = new TreeSet<>();
            for (Collection c : Collection.values()) {
                accepted.addAll(OgcRoutes.accepted(path, Optional.of(c)));
            }
            assertEquals(accepted, documented, path);
        }
    }

    @Test
    @DisplayName("/req/core/fc-bbox-definition: bbox takes 4 or 6 numbers (OpenAPI minItems 4, maxItems 6)")
    void req_core_fc_bbox_definition() {
        JsonNode bbox = null;
        for (JsonNode p : Http.get("/ogc/api").json().get("paths").get("/collections/{collectionId}/items")
                .get("get").get("parameters")) {
            if (p.path("name").asText().equals("bbox")) {
                bbox = p;
            }
        }
        assertNotNull(bbox);
        assertEquals(4, bbox.get("schema").get("minItems").asInt());
        assertEquals(6, bbox.get("schema").get("maxItems").asInt());
        JsonNode four = Http.get("/ogc/collections/estates/items?bbox=48,36,51,39").json();
        Http.Response six = Http.get("/ogc/collections/estates/items?bbox=48,36,-100,51,39,5000");
        assertEquals(200, six.status(), six.body());
        assertEquals(four.get("numberMatched").asLong(), six.json().get("numberMatched").asLong());
        assertTrue(four.get("numberMatched").asLong() > 0);
    }

    @Test
    @DisplayName("/req/core/fc-bbox-response: only features intersecting the box, a box across the antimeridian too")
    void req_core_fc_bbox_response() {
        long inBox = count("SELECT count(*) FROM parcel WHERE geom && ST_MakeEnvelope(49.5, 36, 50.2, 38, 4326)");
        assertEquals(inBox, Http.get("/ogc/collections/parcels/items?bbox=49.5,36,50.2,38&limit=1").json()
                .get("numberMatched").asLong(), 20);
        // west 179 > east 49.9: from 179°E across the antimeridian to 49.9°E
        long across = count("SELECT count(*) FROM parcel WHERE geom && ST_MakeEnvelope(-180, 30, 49.9, 40, 4326)"
                + " OR geom && ST_MakeEnvelope(179, 30, 180, 40, 4326)");
        long plain = count("SELECT count(*) FROM parcel WHERE geom && ST_MakeEnvelope(49.9, 30, 179, 40, 4326)");
        Http.Response r = Http.get("/ogc/collections/parcels/items?bbox=179,30,49.9,40&limit=1");
        assertEquals(200, r.status(), r.body());
        assertEquals(across, r.json().get("numberMatched").asLong(), 20);
        assertTrue(across > 20 && plain > 20, "both sides hold plots: " + across + " / " + plain);
        for (JsonNode f : Http.get("/ogc/collections/parcels/items?bbox=179,30,49.9,40&limit=200").json()
                .get("features")) {
            assertTrue(minLon(f.get("geometry")) <= 49.9, f.get("id").asText());
        }
    }

    @Test
    @DisplayName("/req/core/fc-limit-definition: limit defaults to 100 and is at most 10000 (in the OpenAPI document)")
    void req_core_fc_limit_definition() {
        JsonNode page = Http.get("/ogc/collections/parcels/items").json();
        assertEquals(Math.min(100, page.get("numberMatched").asLong()), page.get("numberReturned").asLong());
        assertEquals(100, page.get("features").size());
        for (JsonNode p : Http.get("/ogc/api").json().get("paths").get("/collections/{collectionId}/items")
                .get("get").get("parameters")) {
            if (p.path("name").asText().equals("limit")) {
                assertEquals(OgcRoutes.DEFAULT_LIMIT, p.get("schema").get("default").asInt());
                assertEquals(OgcRoutes.MAX_LIMIT, p.get("schema").get("maximum").asInt());
            }
        }
    }

    @Test
    @DisplayName("/req/core/fc-limit-response-1: a page holds no more features than limit")
    void req_core_fc_limit_response_1() {
        JsonNode page = Http.get("/ogc/collections/parcels/items?limit=7").json();
        assertEquals(7, page.get("features").size());
    }

    @Test
    @DisplayName("/req/core/fc-links: self and alternate links; next walks every matching feature once")
    void req_core_fc_links() {
        String first = "/ogc/collections/parcels/items?status=IDLE&limit=40";
        JsonNode page = Http.get(first).json();
        Map<String, JsonNode> rels = rels(page);
        assertEquals("application/geo+json", rels.get("self").get("type").asText());
        assertEquals("text/html", rels.get("alternate").get("type").asText());
        assertEquals(200, Http.get(path(rels.get("alternate"))).status());
        assertFalse(rels.containsKey("prev"), "no page before the first");
        long matched = page.get("numberMatched").asLong();
        Set<String> ids = new HashSet<>();
        List<String> pages = new ArrayList<>();
        pages.add(first);
        while (true) {
            page.get("features").forEach(f -> assertTrue(ids.add(f.get("id").asText()), "each feature once"));
            JsonNode next = rels(page).get("next");
            if (next == null) {
                break;
            }
            String url = path(next);
            assertTrue(url.contains("status=IDLE") && url.contains("limit=40"), url);
            JsonNode nextPage = Http.get(url).json();
            assertEquals(url.replace("&f=json", ""), path(rels(nextPage).get("self")).replace("&f=json", ""),
                    "a page is its own self");
            pages.add(url);
            page = nextPage;
        }
        assertEquals(matched, ids.size());
        assertTrue(pages.size() >= 2, "several pages: " + matched);
    }

    @Test
    @DisplayName("/req/core/fc-numberMatched, /req/core/fc-numberReturned, /req/core/fc-timeStamp")
    void req_core_fc_numberMatched_numberReturned_timeStamp() {
        long idle = count("SELECT count(*) FROM parcel WHERE status = 'IDLE'");
        JsonNode last = Http.get("/ogc/collections/parcels/items?status=IDLE&limit=10&offset=" + (idle - 3)).json();
        assertEquals(idle, last.get("numberMatched").asLong());
        assertEquals(3, last.get("numberReturned").asInt());
        assertEquals(3, last.get("features").size());
        JsonNode beyond = Http.get("/ogc/collections/parcels/items?status=IDLE&offset=" + (idle + 5)).json();
        assertEquals(0, beyond.get("numberReturned").asInt());
        assertFalse(rels(beyond).containsKey("next"));
        assertNotNull(Instant.parse(last.get("timeStamp").asText()));
    }

    @Test
    @DisplayName("/req/core/fc-md-links, /req/core/fc-md-items-links, /req/core/sfc-md-success: collections link to their items")
    void req_core_fc_md_links() {
        JsonNode collections = Http.get("/ogc/collections").json();
        Map<String, JsonNode> top = rels(collections);
        assertTrue(top.containsKey("self") && top.containsKey("alternate"), top.keySet().toString());
        for (JsonNode c : collections.get("collections")) {
            JsonNode one = Http.get("/ogc/collections/" + c.get("id").asText()).json();
            assertEquals(c.get("id").asText(), one.get("id").asText());
            Set<String> itemTypes = new HashSet<>();
            one.get("links").forEach(l -> {
                if (l.get("rel").asText().equals("items")) {
                    itemTypes.add(l.get("type").asText());
                }
            });
            assertEquals(Set.of("application/geo+json", "text/html"), itemTypes);
            assertEquals(4, one.get("extent").get("spatial").get("bbox").get(0).size());
        }
    }

    @Test
    @DisplayName("/req/core/f-links: a feature links to itself, its alternate and its collection")
    void req_core_f_links() {
        long plot = count("SELECT min(id) FROM parcel");
        Http.Response r = Http.get("/ogc/collections/parcels/items/" + plot);
        assertTrue(r.contentType().startsWith("application/geo+json"), r.contentType());
        Map<String, JsonNode> rels = rels(r.json());
        assertTrue(rels.keySet().containsAll(Set.of("self", "alternate", "collection")), rels.keySet().toString());
        assertEquals(200, Http.get(path(rels.get("self"))).status());
        assertError(Http.get("/ogc/collections/parcels/items/999999999999"), 404, "not_found", "999999999999");
    }

    @Test
    @DisplayName("GDAL 3.6 follows the next links through every plot; with PAGE_SIZE=1000 in a few requests")
    void gdalReadsPlotsInLargePages() throws Exception {
        // GDAL 3.6 sends limit=10 itself unless told otherwise (its PAGE_SIZE open option); the server's own
        // default (100) serves clients that send no limit
        long plots = count("SELECT count(*) FROM parcel");
        ProcessBuilder pb = new ProcessBuilder("ogrinfo", "-ro", "-al", "-q", "--debug", "on", "-oo", "PAGE_SIZE=1000",
                "OAPIF:" + TestServer.get().baseUrl() + "/ogc", "parcels").redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out.substring(Math.max(0, out.length() - 2000)));
        List<String> pages = out.lines().filter(l -> l.contains("HTTP: Fetch(") && l.contains("/items")).toList();
        long features = out.lines().filter(l -> l.startsWith("OGRFeature(parcels)")).count();
        assertEquals(plots, features, 20);
        assertTrue(pages.size() <= plots / 1000 + 3, pages.size() + " requests for " + plots + " plots: " + pages);
    }

    private static Map<String, JsonNode> rels(JsonNode doc) {
        Map<String, JsonNode> rels = new HashMap<>();
        doc.get("links").forEach(l -> rels.putIfAbsent(l.get("rel").asText(), l));
        return rels;
    }

    private static String path(JsonNode link) {
        String href = link.get("href").asText();
        return href.substring(href.indexOf("/ogc"));
    }

    private static String url(String route, String collection, String feature) {
        return "/ogc" + (route.equals("/") ? "" : route.replace("{collectionId}", collection)
                .replace("{featureId}", feature));
    }

    private static double minLon(JsonNode geometry) {
        double min = Double.MAX_VALUE;
        List<JsonNode> stack = new ArrayList<>(List.of(geometry.get("coordinates")));
        while (!stack.isEmpty()) {
            JsonNode n = stack.remove(stack.size() - 1);
            if (n.get(0).isNumber()) {
                min = Math.min(min, n.get(0).asDouble());
            } else {
                n.forEach(stack::add);
            }
        }
        return min;
    }

    private long count(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }
}
