package org.zamin.ogc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.zamin.testing.Http.assertError;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.zamin.testing.Http;
import org.zamin.testing.TestServer;

/** The OGC API – Features: its documents, paging and filters, its OpenAPI description, and GDAL reading it. */
class OgcApiTest {

    private final Jdbi jdbi = TestServer.get().jdbi();

    @Test
    void landingPageConformanceAndCollections() {
        JsonNode landing = Http.get("/ogc").json();
        Set<String> rels = new HashSet<>();
        landing.get("links").forEach(l -> rels.add(l.get("rel").asText()));
        assertTrue(rels.containsAll(Set.of("self", "service-desc", "conformance", "data")), rels.toString());
        String conformance = Http.get("/ogc/conformance").body();
        assertTrue(conformance.contains("ogcapi-features-1/1.0/conf/core") && conformance.contains("conf/geojson"));
        JsonNode collections = Http.get("/ogc/collections").json().get("collections");
        assertEquals(3, collections.size(), "estates, parcels, idle-register");
        JsonNode parcels = Http.get("/ogc/collections/parcels").json();
        assertEquals(4, parcels.get("extent").get("spatial").get("bbox").get(0).size());
        assertError(Http.get("/ogc/collections/roads"), 404, "not_found", "roads");
    }

    @Test
    void itemsPageWithNextLinksAndFilter() {
        long available = count("SELECT count(*) FROM parcel WHERE status = 'AVAILABLE'");
        Http.Response r = Http.get("/ogc/collections/parcels/items?status=AVAILABLE&limit=7");
        assertTrue(r.contentType().startsWith("application/geo+json"), r.contentType());
        JsonNode page = r.json();
        assertEquals(available, page.get("numberMatched").asLong());
        assertEquals(7, page.get("numberReturned").asInt());
        String next = null;
        for (JsonNode l : page.get("links")) {
            if (l.get("rel").asText().equals("next")) {
                next = l.get("href").asText();
            }
        }
        assertTrue(next != null && next.contains("cursor=") && next.contains("status=AVAILABLE"), String.valueOf(next));
        JsonNode second = Http.get(next.substring(next.indexOf("/ogc"))).json();
        Set<String> ids = new HashSet<>();
        page.get("features").forEach(f -> ids.add(f.get("id").asText()));
        second.get("features").forEach(f -> ids.add(f.get("id").asText()));
        assertEquals(14, ids.size(), "the next page holds other plots");
        second.get("features").forEach(f -> assertEquals("AVAILABLE", f.get("properties").get("status").asText()));

        JsonNode one = Http.get("/ogc/collections/estates/items/GIL-RASHT").json();
        assertEquals("GIL-RASHT", one.get("id").asText());
        JsonNode inBox = Http.get("/ogc/collections/estates/items?bbox=48,36,51,39&limit=100").json();
        assertEquals(count("SELECT count(*) FROM estate WHERE boundary && ST_MakeEnvelope(48,36,51,39,4326)"),
                inBox.get("numberMatched").asLong());
        JsonNode future = Http.get("/ogc/collections/parcels/items?datetime=2999-01-01T00:00:00Z/..").json();
        assertEquals(0, future.get("numberMatched").asInt());
        JsonNode past = Http.get("/ogc/collections/parcels/items?datetime=../2999-01-01").json();
        assertEquals(count("SELECT count(*) FROM parcel"), past.get("numberMatched").asLong(), 50);
        assertError(Http.get("/ogc/collections/parcels/items?datetime=yesterday"), 400, "invalid_parameter", "datetime");
        assertError(Http.get("/ogc/collections/parcels/items/abc"), 404, "not_found", "abc");
    }

    @Test
    void everyRouteIsDocumentedAndEveryDocumentedPathAnswers() {
        Http.Response api = Http.get("/ogc/api");
        assertEquals(200, api.status());
        assertTrue(api.contentType().startsWith("application/vnd.oai.openapi+json"), api.contentType());
        JsonNode doc = api.json();
        assertEquals("3.0.3", doc.get("openapi").asText());
        assertTrue(doc.get("servers").get(0).get("url").asText().endsWith("/ogc"));
        Set<String> documented = new TreeSet<>();
        doc.get("paths").fieldNames().forEachRemaining(documented::add);
        assertEquals(new TreeSet<>(OgcRoutes.ROUTES), documented, "the OpenAPI paths are exactly the routes");
        long plot = count("SELECT min(id) FROM parcel");
        for (String path : documented) {
            for (String collection : List.of("estates", "parcels")) {
                String feature = collection.equals("parcels") ? String.valueOf(plot) : "GIL-RASHT";
                String url = "/ogc" + (path.equals("/") ? "" : path.replace("{collectionId}", collection)
                        .replace("{featureId}", feature));
                Http.Response r = Http.get(url);
                assertEquals(200, r.status(), url + " answers: " + r.body());
            }
        }
    }

    @Test
    void gdalReadsBothCollectionsWithTheRightCounts() throws Exception {
        String url = "OAPIF:" + TestServer.get().baseUrl() + "/ogc";
        String summary = run("ogrinfo", "-ro", "-so", url);
        assertTrue(summary.contains("estates") && summary.contains("parcels"), summary);
        for (String layer : List.of("estates", "parcels")) {
            long expected = count("SELECT count(*) FROM " + (layer.equals("estates") ? "estate" : "parcel"));
            String info = run("ogrinfo", "-ro", "-so", url, layer);
            Matcher m = Pattern.compile("Feature Count: (\\d+)").matcher(info);
            assertTrue(m.find(), info);
            // Other test classes add plots to the shared database while this runs; allow for that.
            long reported = Long.parseLong(m.group(1));
            assertTrue(Math.abs(reported - expected) <= 50, layer + ": GDAL " + reported + ", database " + expected);
        }
        String estates = run("ogrinfo", "-ro", "-al", "-q", url, "estates", "-where", "code = 'GIL-RASHT'");
        assertTrue(estates.contains("GIL-RASHT") && estates.contains("POLYGON"), estates);
    }

    static String run(String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(command));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + "\n" + out);
        return out;
    }

    private long count(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }
}
