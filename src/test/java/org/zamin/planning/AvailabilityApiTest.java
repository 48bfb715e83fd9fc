package org.zamin.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.zamin.testing.Http.assertError;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.sf.geographiclib.Geodesic;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.WKTReader;
import org.zamin.testing.Http;
import org.zamin.testing.TestEstates;
import org.zamin.testing.TestServer;
import org.zamin.testing.TestUsers;

/**
 * {@code GET /api/availability} against independent computations: JTS for "inside the polygon" and merged
 * blocks, GeographicLib for geodesic distances.
 */
class AvailabilityApiTest {

    private static final String[] AS_PLANNER = {"Authorization", TestUsers.planner().bearer()};

    private final Jdbi jdbi = TestServer.get().jdbi();
    private static final GeometryFactory GF = new GeometryFactory();

    @Test
    void polygonSearchReturnsExactlyTheAvailablePlotsInsideIt() throws Exception {
        // A triangle over the sample's Rasht estate.
        double[] box = jdbi.withHandle(h -> h.createQuery("""
                SELECT ARRAY[ST_XMin(boundary), ST_YMin(boundary), ST_XMax(boundary), ST_YMax(boundary)]
                  FROM estate WHERE code = 'GIL-RASHT'""").mapTo(double[].class).one());
        String wkt = String.format(java.util.Locale.ROOT, "POLYGON((%f %f, %f %f, %f %f, %f %f))",
                box[0], box[1], box[2], box[1], box[0], box[3], box[0], box[1]);
        Geometry area = new WKTReader().read(wkt);
        JsonNode fc = Http.get("/api/availability?limit=1000&within=" + enc(wkt), AS_PLANNER).json();
        Set<Long> returned = new HashSet<>();
        for (JsonNode f : fc.get("features")) {
            assertEquals("AVAILABLE", f.get("properties").get("status").asText());
            assertTrue(area.covers(polygon(f.get("geometry"))), "plot inside the polygon: " + f.get("id"));
            returned.add(f.get("id").asLong());
        }
        Set<Long> expected = new HashSet<>();
        WKTReader reader = new WKTReader();
        for (Map<String, Object> row : jdbi.withHandle(h -> h.createQuery(
                "SELECT id, ST_AsText(geom) AS wkt FROM parcel WHERE status = 'AVAILABLE'").mapToMap().list())) {
            if (area.covers(reader.read((String) row.get("wkt")))) {
                expected.add((Long) row.get("id"));
            }
        }
        assertFalse(expected.isEmpty(), "the triangle holds available plots");
        assertEquals(expected, returned);
        assertEquals(expected.size(), fc.get("numberMatched").asInt());
    }

    @Test
    void geoJsonPolygonIsAcceptedToo() {
        TestEstates.Estate e = TestEstates.create(jdbi);
        long a = e.addParcel(jdbi, "A", e.rect(100, 100, 200, 200), "AVAILABLE");
        e.addParcel(jdbi, "B", e.rect(500, 500, 600, 600), "AVAILABLE");
        String geoJson = "{\"type\":\"Polygon\",\"coordinates\":[[" + String.join(",",
                List.of(c(e, 50, 50), c(e, 300, 50), c(e, 300, 300), c(e, 50, 300), c(e, 50, 50))) + "]]}";
        JsonNode fc = Http.get("/api/availability?within=" + enc(geoJson), AS_PLANNER).json();
        assertEquals(1, fc.get("numberMatched").asInt(), fc.toString());
        assertEquals(a, fc.get("features").get(0).get("id").asLong());
    }

    @Test
    void radiusSearchIsGeodesic() {
        TestEstates.Estate e = TestEstates.create(jdbi);
        long near = e.addParcel(jdbi, "NEAR", e.rect(100, 100, 200, 200), "AVAILABLE");
        long mid = e.addParcel(jdbi, "MID", e.rect(400, 400, 500, 500), "AVAILABLE");
        e.addParcel(jdbi, "FAR", e.rect(800, 800, 900, 900), "AVAILABLE");
        e.addParcel(jdbi, "TAKEN", e.rect(60, 100, 90, 200), "IN_PRODUCTION");
        double lon = e.lon(50);
        double lat = e.lat(50);
        JsonNode small = Http.get("/api/availability?estate=" + e.code() + "&near=" + lon + "," + lat + "&radiusM=300", AS_PLANNER).json();
        assertEquals(List.of(near), ids(small));
        // The nearest point of each plot is its south-west corner: GeographicLib gives the distance to it.
        double toNear = Geodesic.WGS84.Inverse(lat, lon, e.lat(100), e.lon(100)).s12;
        double toMid = Geodesic.WGS84.Inverse(lat, lon, e.lat(400), e.lon(400)).s12;
        assertEquals(toNear, small.get("features").get(0).get("properties").get("distanceM").asDouble(), 0.5);
        JsonNode wider = Http.get("/api/availability?estate=" + e.code() + "&near=" + lon + "," + lat
                + "&radiusM=" + (toMid + 1), AS_PLANNER).json();
        assertEquals(List.of(near, mid), ids(wider), "sorted by distance");
        assertEquals(toMid, wider.get("features").get(1).get("properties").get("distanceM").asDouble(), 0.5);
        JsonNode justShort = Http.get("/api/availability?estate=" + e.code() + "&near=" + lon + "," + lat
                + "&radiusM=" + (toMid - 1), AS_PLANNER).json();
        assertEquals(List.of(near), ids(justShort));
    }

    @Test
    void infrastructureDistanceIsGeodesic() {
        TestEstates.Estate e = TestEstates.create(jdbi);
        jdbi.useHandle(h -> h.createUpdate("""
                INSERT INTO infrastructure_line (kind, name, estate_id, geom)
                VALUES ('gas', 'test main', :estate, ST_GeomFromText(:wkt, 4326))""")
                .bind("estate", e.id()).bind("wkt", "LINESTRING(" + e.pt(0, 500) + ", " + e.pt(1000, 500) + ")")
                .execute());
        long close = e.addParcel(jdbi, "CLOSE", e.rect(100, 400, 200, 450), "AVAILABLE");
        e.addParcel(jdbi, "AWAY", e.rect(100, 100, 200, 200), "AVAILABLE");
        JsonNode fc = Http.get("/api/availability?estate=" + e.code() + "&maxDistanceM=gas:100", AS_PLANNER).json();
        assertEquals(List.of(close), ids(fc));
        double expected = Geodesic.WGS84.Inverse(e.lat(450), e.lon(150), e.lat(500), e.lon(150)).s12;
        assertEquals(expected, fc.get("features").get(0).get("properties").get("infraDistanceM").get("gas").asDouble(), 1.0);
    }

    @Test
    void contiguousPlotsMergeIntoBlocksThatAreTheirUnions() throws Exception {
        TestEstates.Estate e = TestEstates.create(jdbi);
        long p1 = e.addParcel(jdbi, "P1", e.rect(0, 0, 100, 100), "AVAILABLE");
        long p2 = e.addParcel(jdbi, "P2", e.rect(100, 0, 200, 100), "AVAILABLE");
        long p3 = e.addParcel(jdbi, "P3", e.rect(200, 100, 300, 200), "AVAILABLE");   // touches P2 at a corner only
        long p4 = e.addParcel(jdbi, "P4", e.rect(300, 100, 420, 200), "AVAILABLE");
        long p5 = e.addParcel(jdbi, "P5", e.rect(600, 600, 700, 700), "AVAILABLE");
        e.addParcel(jdbi, "R1", e.rect(0, 100, 100, 200), "RESERVED");               // shares an edge with P1
        JsonNode fc = Http.get("/api/availability?estate=" + e.code() + "&contiguous=true", AS_PLANNER).json();
        assertEquals("blocks", fc.get("mode").asText());
        Map<Set<Long>, JsonNode> blocks = new HashMap<>();
        for (JsonNode f : fc.get("features")) {
            Set<Long> plots = new HashSet<>();
            f.get("properties").get("plotIds").forEach(id -> plots.add(id.asLong()));
            blocks.put(plots, f);
        }
        assertEquals(Set.of(Set.of(p1, p2), Set.of(p3, p4), Set.of(p5)), blocks.keySet());
        WKTReader reader = new WKTReader();
        for (var entry : blocks.entrySet()) {
            List<Geometry> parts = new java.util.ArrayList<>();
            double area = 0;
            for (long id : entry.getKey()) {
                Map<String, Object> row = jdbi.withHandle(h -> h.createQuery(
                        "SELECT ST_AsText(geom) AS wkt, area_m2 FROM parcel WHERE id = :id").bind("id", id).mapToMap().one());
                parts.add(reader.read((String) row.get("wkt")));
                area += (Double) row.get("area_m2");
            }
            Geometry union = GF.buildGeometry(parts).union();
            Geometry block = polygon(entry.getValue().get("geometry"));
            // Equal up to the 7 decimals (about 1 cm) GeoJSON carries: each lies within 1e-6° (about 10 cm) of the other.
            assertTrue(union.buffer(1e-6).covers(block) && block.buffer(1e-6).covers(union),
                    "block geometry is the union of its plots: " + entry.getKey());
            assertEquals(union.getNumGeometries(), block.getNumGeometries());
            assertEquals(area, entry.getValue().get("properties").get("areaM2").asDouble(), 0.1);
        }
        assertEquals(List.of(p3, p4).size(), blocks.get(Set.of(p3, p4)).get("properties").get("plotCount").asInt());
        // "Where can a plant of 1.5 ha go?": only the two-plot blocks are big enough.
        JsonNode big = Http.get("/api/availability?estate=" + e.code() + "&contiguous=true&minBlockArea=15000", AS_PLANNER).json();
        assertEquals(2, big.get("numberMatched").asInt());
        big.get("features").forEach(f -> assertTrue(f.get("properties").get("areaM2").asDouble() >= 15000));
        assertTrue(big.get("features").get(0).get("properties").get("areaM2").asDouble()
                >= big.get("features").get(1).get("properties").get("areaM2").asDouble(), "largest first");
    }

    @Test
    void provinceFilterAndPaging() {
        int expected = jdbi.withHandle(h -> h.createQuery("""
                SELECT count(*) FROM parcel p JOIN estate e ON e.id = p.estate_id JOIN province pr ON pr.id = e.province_id
                 WHERE p.status = 'AVAILABLE' AND pr.code = 'GIL' AND p.area_m2 >= 3000""").mapTo(Integer.class).one());
        JsonNode first = Http.get("/api/availability?province=GIL&minArea=3000&limit=5", AS_PLANNER).json();
        assertEquals(expected, first.get("numberMatched").asInt());
        assertEquals(5, first.get("numberReturned").asInt());
        assertTrue(first.get("truncated").asBoolean());
        JsonNode second = Http.get("/api/availability?province=GIL&minArea=3000&limit=5&offset=5", AS_PLANNER).json();
        Set<Long> both = new HashSet<>(ids(first));
        both.addAll(ids(second));
        assertEquals(10, both.size(), "pages do not overlap");
        double previous = Double.MAX_VALUE;
        for (JsonNode f : first.get("features")) {
            double area = f.get("properties").get("areaM2").asDouble();
            assertTrue(area >= 3000 && area <= previous, "largest first, above the limit");
            previous = area;
        }
    }

    @Test
    void badInputIsRefusedWithTheReason() {
        String bowtie = "POLYGON((49 37, 50 38, 50 37, 49 38, 49 37))";
        Http.Response r = Http.get("/api/availability?within=" + enc(bowtie), AS_PLANNER);
        assertError(r, 422, "invalid_geometry", "Self-intersection");
        assertTrue(r.json().get("message").asText().contains("POINT(49.5 37.5)"), r.body());
        assertError(Http.get("/api/availability?within=" + enc("POLYGON((1 2, 3"), AS_PLANNER), 400, "invalid_parameter", "within");
        assertError(Http.get("/api/availability?within=" + enc("POINT(1 2)"), AS_PLANNER), 422, "invalid_geometry", "Polygon");
        assertError(Http.get("/api/availability?estate=NOPE", AS_PLANNER), 422, "unknown_estate", "NOPE");
        assertError(Http.get("/api/availability?province=NOPE", AS_PLANNER), 422, "unknown_province", "NOPE");
        assertError(Http.get("/api/availability?near=50,37&radiusM=500001", AS_PLANNER), 400, "invalid_parameter", "500 km");
        assertError(Http.get("/api/availability?near=50,37", AS_PLANNER), 400, "invalid_parameter", "radiusM");
        assertError(Http.get("/api/availability?maxDistanceM=canal:5", AS_PLANNER), 400, "invalid_parameter", "canal");
        assertError(Http.get("/api/availability?minBlockArea=5", AS_PLANNER), 400, "invalid_parameter", "contiguous");
        assertError(Http.get("/api/availability?sort=distance", AS_PLANNER), 400, "invalid_parameter", "near");
        JsonNode clamped = Http.get("/api/availability?limit=5000", AS_PLANNER).json();
        assertEquals(AvailabilityQuery.MAX_LIMIT, clamped.get("limit").asInt());
        assertTrue(clamped.get("limitClamped").asBoolean());
    }

    private static String c(TestEstates.Estate e, double x, double y) {
        return "[" + e.lon(x) + "," + e.lat(y) + "]";
    }

    private static List<Long> ids(JsonNode fc) {
        List<Long> ids = new java.util.ArrayList<>();
        fc.get("features").forEach(f -> ids.add(f.get("id").asLong()));
        return ids;
    }

    private static Geometry polygon(JsonNode geometry) {
        if (geometry.get("type").asText().equals("MultiPolygon")) {
            List<Geometry> parts = new java.util.ArrayList<>();
            geometry.get("coordinates").forEach(p -> parts.add(rings(p)));
            return GF.buildGeometry(parts);
        }
        return rings(geometry.get("coordinates"));
    }

    private static Polygon rings(JsonNode rings) {
        List<Coordinate> shell = new java.util.ArrayList<>();
        rings.get(0).forEach(p -> shell.add(new Coordinate(p.get(0).asDouble(), p.get(1).asDouble())));
        return GF.createPolygon(shell.toArray(new Coordinate[0]));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
