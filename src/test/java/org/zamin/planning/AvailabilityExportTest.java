package org.zamin.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.zamin.testing.Http.assertError;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mil.nga.geopackage.GeoPackage;
import mil.nga.geopackage.GeoPackageManager;
import mil.nga.geopackage.features.user.FeatureDao;
import mil.nga.geopackage.features.user.FeatureResultSet;
import mil.nga.geopackage.features.user.FeatureRow;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.io.WKTReader;
import org.zamin.testing.Http;
import org.zamin.testing.TestEstates;
import org.zamin.testing.TestServer;
import org.zamin.testing.TestUsers;

/** Exports of availability searches, read back (CSV parsed, GeoPackage opened) and compared with the search. */
class AvailabilityExportTest {

    private static final String PLANNER = TestUsers.planner().bearer();
    private static final GeometryFactory GF = new GeometryFactory();

    private final Jdbi jdbi = TestServer.get().jdbi();

    /** A test estate: P1 and P2 share an edge, P3 stands alone, P4 is taken. */
    private TestEstates.Estate fixture() {
        TestEstates.Estate e = TestEstates.create(jdbi);
        e.addParcel(jdbi, "P1", e.rect(0, 0, 100, 100), "AVAILABLE");
        e.addParcel(jdbi, "P2", e.rect(100, 0, 220, 100), "AVAILABLE");
        e.addParcel(jdbi, "P3", e.rect(500, 500, 560, 600), "AVAILABLE");
        e.addParcel(jdbi, "P4", e.rect(0, 300, 100, 400), "ALLOCATED");
        return e;
    }

    @Test
    void plotExportsHoldExactlyTheSearchResult() throws Exception {
        TestEstates.Estate e = fixture();
        String search = "/api/availability?estate=" + e.code() + "&sort=area";
        JsonNode fc = Http.get(search, "Authorization", PLANNER).json();
        Map<String, JsonNode> expected = new HashMap<>();
        List<String> order = new ArrayList<>();
        for (JsonNode f : fc.get("features")) {
            expected.put(f.get("properties").get("plotNumber").asText(), f);
            order.add(f.get("properties").get("plotNumber").asText());
        }
        assertEquals(List.of("P3", "P1", "P2"), order);

        HttpResponse<byte[]> csv = download(search + "&format=csv");
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        assertEquals("attachment; filename=\"available-plots-" + e.code() + ".csv\"",
                csv.headers().firstValue("Content-Disposition").orElse(""));
        List<String> csvOrder = new ArrayList<>();
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(new String(csv.body(), StandardCharsets.UTF_8)))
                .setFormat(CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()).get()) {
            for (CSVRecord r : parser) {
                JsonNode f = expected.get(r.get("plot_no"));
                csvOrder.add(r.get("plot_no"));
                assertEquals(e.code(), r.get("estate"));
                assertEquals("AVAILABLE", r.get("status"));
                assertEquals(f.get("properties").get("areaM2").asDouble(), Double.parseDouble(r.get("area_m2")), 0.06);
                assertTrue(new WKTReader().read(r.get("wkt")).norm().equalsExact(polygon(f.get("geometry")), 1e-7),
                        "same geometry for " + r.get("plot_no"));
            }
        }
        assertEquals(order, csvOrder, "the CSV keeps the search's order");

        HttpResponse<byte[]> gpkg = download(search + "&format=gpkg");
        assertEquals(200, gpkg.statusCode());
        Map<String, Geometry> fromGpkg = readGeoPackage(gpkg.body());
        assertEquals(expected.keySet(), fromGpkg.keySet());
        fromGpkg.forEach((plot, g) -> assertTrue(g.equalsExact(polygon(expected.get(plot).get("geometry")), 1e-7), plot));

        HttpResponse<byte[]> geojson = download(search + "&format=geojson");
        JsonNode file = Http.JSON.readTree(geojson.body());
        List<String> ids = new ArrayList<>();
        file.get("features").forEach(f -> ids.add(f.get("properties").get("plot_no").asText()));
        assertEquals(order, ids);

        long logged = jdbi.withHandle(h -> h.createQuery("""
                SELECT count(*) FROM decision WHERE action = 'export.created' AND estate_code = :e
                   AND public_details ->> 'source' = 'availability' AND public_details ->> 'format' IN ('csv', 'gpkg', 'geojson')
                   AND (public_details ->> 'plots')::int = 3""").bind("e", e.code()).mapTo(Long.class).one());
        assertEquals(3, logged, "every export is in the decision log");
    }

    @Test
    void blockExportsHoldOneRowPerVacantBlock() throws Exception {
        TestEstates.Estate e = fixture();
        String search = "/api/availability?estate=" + e.code() + "&contiguous=true";
        JsonNode fc = Http.get(search, "Authorization", PLANNER).json();
        assertEquals(2, fc.get("numberMatched").asInt());
        Map<String, JsonNode> blocks = new HashMap<>();
        for (JsonNode f : fc.get("features")) {
            List<String> plots = new ArrayList<>();
            f.get("properties").get("plotNumbers").forEach(p -> plots.add(p.asText()));
            blocks.put(String.join(",", plots), f);
        }
        assertEquals(java.util.Set.of("P1,P2", "P3"), blocks.keySet());

        HttpResponse<byte[]> gpkg = download(search + "&format=gpkg");
        assertEquals("attachment; filename=\"vacant-blocks-" + e.code() + ".gpkg\"",
                gpkg.headers().firstValue("Content-Disposition").orElse(""));
        Map<String, Geometry> rows = readGeoPackage(gpkg.body());
        assertEquals(blocks.keySet(), rows.keySet());
        WKTReader wkt = new WKTReader();
        Geometry union = wkt.read(e.rect(0, 0, 100, 100)).union(wkt.read(e.rect(100, 0, 220, 100)));
        assertTrue(rows.get("P1,P2").symDifference(union).getArea() < 1e-12, "the block row is the union of its plots (JTS)");
        assertTrue(rows.get("P3").symDifference(wkt.read(e.rect(500, 500, 560, 600))).getArea() < 1e-12);

        HttpResponse<byte[]> csv = download(search + "&format=csv");
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(new String(csv.body(), StandardCharsets.UTF_8)))
                .setFormat(CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()).get()) {
            for (CSVRecord r : parser) {
                JsonNode block = blocks.get(r.get("plot_no"));
                assertEquals(block.get("properties").get("areaM2").asDouble(), Double.parseDouble(r.get("area_m2")), 0.1);
                assertEquals("[\"water\",\"power\"]", r.get("utilities"), "a JSON array text, as in every flat format");
            }
        }
    }

    @Test
    void exportsAreForPlannersAndCheckTheFormat() throws Exception {
        TestEstates.Estate e = fixture();
        assertError(Http.get("/api/availability?format=xls&estate=" + e.code(), "Authorization", PLANNER),
                400, "invalid_parameter", "format");
        assertError(Http.get("/api/availability?format=csv&estate=" + e.code(), "Authorization",
                TestUsers.investor().bearer()), 403, "forbidden", "");
        assertError(Http.get("/api/availability?format=csv&estate=NOPE-9", "Authorization", PLANNER),
                422, "unknown_estate", "NOPE-9");
    }

    private static HttpResponse<byte[]> download(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(Http.uri(path))
                .header("Authorization", PLANNER).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** plot_no → geometry of the GeoPackage's feature table, read with NGA geopackage-java. */
    private static Map<String, Geometry> readGeoPackage(byte[] bytes) throws Exception {
        Path file = Files.createTempFile("zamin-test-", ".gpkg");
        Map<String, Geometry> out = new HashMap<>();
        try {
            Files.write(file, bytes);
            GeoPackage gpkg = GeoPackageManager.open(file.toFile(), false);
            try {
                assertEquals(List.of("parcels"), gpkg.getFeatureTables());
                FeatureDao dao = gpkg.getFeatureDao("parcels");
                FeatureResultSet rows = dao.queryForAll();
                try {
                    while (rows.moveToNext()) {
                        FeatureRow row = rows.getRow();
                        mil.nga.sf.Polygon p = (mil.nga.sf.Polygon) row.getGeometry().getGeometry();
                        out.put((String) row.getValue("plot_no"), jts(p));
                    }
                } finally {
                    rows.close();
                }
            } finally {
                gpkg.close();
            }
        } finally {
            Files.deleteIfExists(file);
        }
        return out;
    }

    private static Geometry jts(mil.nga.sf.Polygon p) {
        LinearRing[] rings = p.getRings().stream().map(r -> GF.createLinearRing(r.getPoints().stream()
                .map(pt -> new Coordinate(pt.getX(), pt.getY())).toArray(Coordinate[]::new))).toArray(LinearRing[]::new);
        LinearRing[] holes = java.util.Arrays.copyOfRange(rings, 1, rings.length);
        return GF.createPolygon(rings[0], holes).norm();
    }

    private static Geometry polygon(JsonNode geometry) {
        JsonNode rings = geometry.get("coordinates");
        LinearRing[] out = new LinearRing[rings.size()];
        for (int i = 0; i < rings.size(); i++) {
            JsonNode ring = rings.get(i);
            Coordinate[] cs = new Coordinate[ring.size()];
            for (int k = 0; k < ring.size(); k++) {
                cs[k] = new Coordinate(ring.get(k).get(0).asDouble(), ring.get(k).get(1).asDouble());
            }
            out[i] = GF.createLinearRing(cs);
        }
        return GF.createPolygon(out[0], java.util.Arrays.copyOfRange(out, 1, out.length)).norm();
    }
}
