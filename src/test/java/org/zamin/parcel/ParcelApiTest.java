package org.zamin.parcel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.zamin.testing.Http.assertError;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.zamin.testing.Http;
import org.zamin.testing.TestEstates;
import org.zamin.testing.TestServer;

/** {@code GET /api/parcels} with each filter, and {@code GET /api/parcels/{id}}, over the real server. */
class ParcelApiTest {

    private final Jdbi jdbi = TestServer.get().jdbi();

    @Test
    void searchReturnsAnRfc7946FeatureCollection() {
        Http.Response r = Http.get("/api/parcels?estate=GIL-SIAHKAL&limit=5");
        assertEquals(200, r.status());
        assertTrue(r.contentType().startsWith("application/geo+json"), r.contentType());
        JsonNode fc = r.json();
        assertEquals("FeatureCollection", fc.get("type").asText());
        assertEquals(5, fc.get("features").size());
        JsonNode f = fc.get("features").get(0);
        assertEquals("Feature", f.get("type").asText());
        assertEquals("Polygon", f.get("geometry").get("type").asText());
        JsonNode ring = f.get("geometry").get("coordinates").get(0);
        assertEquals(ring.get(0), ring.get(ring.size() - 1), "rings are closed");
        assertTrue(signedArea(ring) > 0, "RFC 7946: exterior rings are counter-clockwise");
        double lon = ring.get(0).get(0).asDouble();
        double lat = ring.get(0).get(1).asDouble();
        assertTrue(lon > 48 && lon < 51 && lat > 36 && lat < 39, "lon,lat order in Gilan: " + ring.get(0));
        JsonNode p = f.get("properties");
        for (String field : new String[] {"id", "plotNumber", "estate", "areaM2", "landUse", "pricePerM2", "price",
                "utilities", "status"}) {
            assertTrue(p.has(field), "property " + field);
        }
        assertEquals("GIL-SIAHKAL", p.get("estate").asText());
    }

    @Test
    void estateFilterMatchesTheDatabase() {
        int expected = count("SELECT count(*) FROM parcel p JOIN estate e ON e.id = p.estate_id WHERE e.code = 'GIL-SIAHKAL'");
        JsonNode fc = Http.get("/api/parcels?estate=GIL-SIAHKAL&limit=10000").json();
        assertTrue(expected > 0);
        assertEquals(expected, fc.get("numberMatched").asInt());
        assertEquals(expected, fc.get("features").size());
        fc.get("features").forEach(f -> assertEquals("GIL-SIAHKAL", f.get("properties").get("estate").asText()));
    }

    @Test
    void statusFilterAndCountsByStatus() {
        JsonNode all = Http.get("/api/parcels?limit=1").json();
        int idle = count("SELECT count(*) FROM parcel WHERE status = 'IDLE'");
        int available = count("SELECT count(*) FROM parcel WHERE status = 'AVAILABLE'");
        assertEquals(idle, all.get("countsByStatus").get("IDLE").asInt());
        assertTrue(all.get("truncated").asBoolean());
        JsonNode both = Http.get("/api/parcels?status=IDLE,AVAILABLE&limit=10000").json();
        assertEquals(idle + available, both.get("numberMatched").asInt());
        both.get("features").forEach(f -> assertTrue(
                Set.of("IDLE", "AVAILABLE").contains(f.get("properties").get("status").asText())));
        assertEquals(Set.of("IDLE", "AVAILABLE"), fieldNames(both.get("countsByStatus")));
    }

    @Test
    void bboxFilterReturnsOnlyPlotsThatIntersectIt() {
        // A box around the middle of one estate: the API and an independent envelope test must agree.
        TestEstates.Estate e = TestEstates.create(jdbi);
        e.addParcel(jdbi, "IN", e.rect(100, 100, 200, 200), "AVAILABLE");
        e.addParcel(jdbi, "EDGE", e.rect(290, 100, 400, 200), "AVAILABLE");
        e.addParcel(jdbi, "OUT", e.rect(600, 600, 700, 700), "AVAILABLE");
        String bbox = e.lon(50) + "," + e.lat(50) + "," + e.lon(300) + "," + e.lat(300);
        JsonNode fc = Http.get("/api/parcels?bbox=" + bbox + "&estate=" + e.code()).json();
        Set<String> plots = new HashSet<>();
        fc.get("features").forEach(f -> plots.add(f.get("properties").get("plotNumber").asText()));
        assertEquals(Set.of("IN", "EDGE"), plots);
    }

    @Test
    void areaLandUseAndUtilityFilters() {
        JsonNode fc = Http.get("/api/parcels?minArea=5000&maxArea=8000&landUse=industrial&utilities=water,gas&limit=10000").json();
        int expected = count("""
                SELECT count(*) FROM parcel
                 WHERE area_m2 BETWEEN 5000 AND 8000 AND land_use = 'industrial'
                   AND 'water' = ANY(utilities) AND 'gas' = ANY(utilities)""");
        assertTrue(expected > 0, "the sample has such plots");
        assertEquals(expected, fc.get("numberMatched").asInt());
        fc.get("features").forEach(f -> {
            JsonNode p = f.get("properties");
            double area = p.get("areaM2").asDouble();
            assertTrue(area >= 5000 && area <= 8000, "area " + area);
            assertEquals("industrial", p.get("landUse").asText());
            Set<String> utilities = new HashSet<>();
            p.get("utilities").forEach(u -> utilities.add(u.asText()));
            assertTrue(utilities.containsAll(Set.of("water", "gas")), utilities.toString());
        });
    }

    @Test
    void limitIsClampedAndSaid() {
        JsonNode fc = Http.get("/api/parcels?limit=999999").json();
        assertEquals(ParcelFilter.MAX_LIMIT, fc.get("limit").asInt());
        JsonNode small = Http.get("/api/parcels?limit=3").json();
        assertEquals(3, small.get("numberReturned").asInt());
        assertTrue(small.get("truncated").asBoolean());
    }

    @Test
    void oneParcelById() {
        long id = jdbi.withHandle(h -> h.createQuery("SELECT min(id) FROM parcel").mapTo(Long.class).one());
        Http.Response r = Http.get("/api/parcels/" + id);
        assertEquals(200, r.status());
        JsonNode f = r.json();
        assertEquals("Feature", f.get("type").asText());
        assertEquals(id, f.get("id").asLong());
        double area = jdbi.withHandle(h -> h.createQuery("SELECT area_m2 FROM parcel WHERE id = :id")
                .bind("id", id).mapTo(Double.class).one());
        assertEquals(area, f.get("properties").get("areaM2").asDouble(), 0.1);
    }

    @Test
    void errorsAreJsonWithTheRightStatus() {
        assertError(Http.get("/api/parcels?bbox=1,2,3"), 400, "invalid_parameter", "bbox");
        assertError(Http.get("/api/parcels?bbox=50,38,49,37"), 400, "invalid_parameter", "bbox");
        assertError(Http.get("/api/parcels?bbox=a,b,c,d"), 400, "invalid_parameter", "bbox");
        assertError(Http.get("/api/parcels?status=SOLD"), 400, "invalid_parameter", "SOLD");
        assertError(Http.get("/api/parcels?minArea=big"), 400, "invalid_parameter", "minArea");
        assertError(Http.get("/api/parcels?minArea=500&maxArea=100"), 400, "invalid_parameter", "minArea");
        assertError(Http.get("/api/parcels?limit=0"), 400, "invalid_parameter", "limit");
        assertError(Http.get("/api/parcels?utilities=oil"), 400, "invalid_parameter", "oil");
        assertError(Http.get("/api/parcels?landUse=farm"), 400, "invalid_parameter", "farm");
        assertError(Http.get("/api/parcels?estate=NOPE"), 422, "unknown_estate", "NOPE");
        assertError(Http.get("/api/parcels/abc"), 400, "invalid_parameter", "id");
        assertError(Http.get("/api/parcels/999999999"), 404, "not_found", "parcel");
        assertError(Http.get("/api/no-such-route"), 404, "not_found", "no-such-route");
    }

    private int count(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Integer.class).one());
    }

    private static Set<String> fieldNames(JsonNode object) {
        Set<String> names = new HashSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Shoelace sum: positive for a counter-clockwise ring in lon/lat. */
    private static double signedArea(JsonNode ring) {
        double sum = 0;
        for (int i = 0; i + 1 < ring.size(); i++) {
            sum += ring.get(i).get(0).asDouble() * ring.get(i + 1).get(1).asDouble()
                    - ring.get(i + 1).get(0).asDouble() * ring.get(i).get(1).asDouble();
        }
        return sum / 2;
    }
}
