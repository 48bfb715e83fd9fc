package org.zamin.ogc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.zamin.testing.Http.assertError;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.zamin.testing.Http;
import org.zamin.testing.TestServer;

/** OGC API – Features Part 2 (CRS by reference, OGC 18-058r1), each test named after the requirement it checks. */
class OgcCrsTest {

    private static final String EPSG = "http://www.opengis.net/def/crs/EPSG/0/";
    private static final String CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";
    private final Jdbi jdbi = TestServer.get().jdbi();

    @Test
    @DisplayName("/req/crs/fc-md-crs-list, fc-md-storageCrs, fc-md-crs-list-global: the CRSs of each collection")
    void crsLists() {
        List<String> expected = List.of(CRS84, EPSG + "4326", EPSG + "3857", EPSG + "32638", EPSG + "32639",
                EPSG + "32640", EPSG + "32641");
        for (String c : List.of("estates", "parcels")) {
            JsonNode collection = Http.get("/ogc/collections/" + c).json();
            assertEquals(expected, texts(collection.get("crs")), c);
            assertEquals(CRS84, collection.get("storageCrs").asText());
        }
        assertEquals(expected, texts(Http.get("/ogc/collections").json().get("crs")));
        assertTrue(Http.get("/ogc/conformance").body().contains("http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs"));
    }

    @Test
    @DisplayName("/req/crs/crs-action, /req/crs/ogc-crs-header: crs=EPSG:3857 answers in metres with Content-Crs")
    void webMercator() {
        Http.Response r = Http.get("/ogc/collections/estates/items/GIL-RASHT?crs=" + OgcFilterTest.q(EPSG + "3857"));
        assertEquals(200, r.status(), r.body());
        assertEquals("<" + EPSG + "3857>", r.headers().firstValue("Content-Crs").orElse(""));
        assertEquals(postgis("ST_AsGeoJSON(ST_ForcePolygonCCW(ST_Transform(boundary, 3857)), 2, 0)"),
                r.json().get("geometry"));
    }

    @Test
    @DisplayName("/req/crs/crs-action: EPSG:4326 answers latitude first (its axis order); CRS84 longitude first")
    void epsg4326IsLatitudeFirst() {
        Http.Response crs84 = Http.get("/ogc/collections/estates/items/GIL-RASHT");
        assertEquals("<" + CRS84 + ">", crs84.headers().firstValue("Content-Crs").orElse(""));
        JsonNode lonLat = crs84.json().get("geometry").get("coordinates").get(0);
        Http.Response r = Http.get("/ogc/collections/estates/items?filter=" + OgcFilterTest.q("code = 'GIL-RASHT'")
                + "&crs=" + OgcFilterTest.q(EPSG + "4326"));
        assertEquals("<" + EPSG + "4326>", r.headers().firstValue("Content-Crs").orElse(""));
        JsonNode latLon = r.json().get("features").get(0).get("geometry").get("coordinates").get(0);
        assertTrue(lonLat.get(0).get(0).asDouble() > 44 && lonLat.get(0).get(1).asDouble() < 40, lonLat.toString());
        List<String> swapped = new ArrayList<>();
        lonLat.forEach(p -> swapped.add(p.get(1).asText() + " " + p.get(0).asText()));
        List<String> answered = new ArrayList<>();
        latLon.forEach(p -> answered.add(p.get(0).asText() + " " + p.get(1).asText()));
        assertEquals(new java.util.TreeSet<>(swapped), new java.util.TreeSet<>(answered));
    }

    @Test
    @DisplayName("/req/crs/crs-action: a UTM zone of Iran, also named as the safe CURIE [EPSG:32639]")
    void utm() {
        Http.Response r = Http.get("/ogc/collections/estates/items/GIL-RASHT?crs=" + OgcFilterTest.q("[EPSG:32639]"));
        assertEquals(200, r.status(), r.body());
        assertEquals("<" + EPSG + "32639>", r.headers().firstValue("Content-Crs").orElse(""));
        assertEquals(postgis("ST_AsGeoJSON(ST_ForcePolygonCCW(ST_Transform(boundary, 32639)), 2, 0)"), r.json().get("geometry"));
    }

    @Test
    @DisplayName("/req/crs/crs-action: a CRS the API does not list is a 400 naming the parameter")
    void unsupportedCrs() {
        assertError(Http.get("/ogc/collections/estates/items?crs=" + OgcFilterTest.q(EPSG + "2056")), 400,
                "invalid_parameter", "crs");
        assertError(Http.get("/ogc/collections/estates/items?crs=EPSG:3857"), 400, "invalid_parameter", "crs");
        assertError(Http.get("/ogc/collections/estates/items/GIL-RASHT?crs=x"), 400, "invalid_parameter", "crs");
        assertError(Http.get("/ogc/collections/estates/items?bbox=1,2,3,4&bbox-crs=" + OgcFilterTest.q(EPSG + "2056")),
                400, "invalid_parameter", "bbox-crs");
    }

    @Test
    @DisplayName("/req/crs/fc-bbox-crs-action: bbox-crs reads the bbox in that CRS (and its axis order)")
    void bboxCrs() {
        long crs84 = Http.get("/ogc/collections/estates/items?bbox=48,36,51,39").json().get("numberMatched").asLong();
        assertTrue(crs84 > 0);
        String mercator = jdbi.withHandle(h -> h.createQuery("SELECT concat_ws(',', ST_XMin(b), ST_YMin(b), ST_XMax(b), "
                + "ST_YMax(b)) FROM ST_Transform(ST_MakeEnvelope(48, 36, 51, 39, 4326), 3857) b").mapTo(String.class).one());
        assertEquals(crs84, Http.get("/ogc/collections/estates/items?bbox=" + mercator + "&bbox-crs="
                + OgcFilterTest.q(EPSG + "3857")).json().get("numberMatched").asLong());
        assertEquals(crs84, Http.get("/ogc/collections/estates/items?bbox=36,48,39,51&bbox-crs="
                + OgcFilterTest.q(EPSG + "4326")).json().get("numberMatched").asLong());
        assertEquals(crs84, Http.get("/ogc/collections/estates/items?bbox=48,36,51,39&bbox-crs="
                + OgcFilterTest.q(CRS84)).json().get("numberMatched").asLong());
        assertError(Http.get("/ogc/collections/estates/items?bbox=1,2,x,4&bbox-crs=" + OgcFilterTest.q(EPSG + "3857")),
                400, "invalid_parameter", "bbox");
        assertError(Http.get("/ogc/collections/estates/items?bbox=5,2,3,4&bbox-crs=" + OgcFilterTest.q(EPSG + "3857")),
                400, "invalid_parameter", "bbox");
    }

    private JsonNode postgis(String expression) {
        String json = jdbi.withHandle(h -> h.createQuery("SELECT " + expression + " FROM estate WHERE code = 'GIL-RASHT'")
                .mapTo(String.class).one());
        try {
            return Http.JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
