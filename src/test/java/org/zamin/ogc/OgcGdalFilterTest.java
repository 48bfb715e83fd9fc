package org.zamin.ogc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.zamin.testing.Http;
import org.zamin.testing.TestServer;
import org.zamin.testing.TestUsers;

/**
 * GDAL 3.6's OAPIF driver against Parts 2 and 3: it finds {@code cql-text} among the {@code filter-lang} values of the
 * OpenAPI document and then sends its {@code -where} as a CQL2 {@code filter} (counted in the metrics); its
 * {@code -spat} and a reprojected read give exactly the API's own answers.
 */
class OgcGdalFilterTest {

    private static final Pattern FILTERS = Pattern.compile(
            "(?m)^zamin_ogc_filters_total\\{lang=\"cql-text\"[^}]*\\} ([0-9.Ee+]+)$");
    private static final String BOX = "49.4,37.0,49.7,37.3";

    private static String url() {
        return "OAPIF:" + TestServer.get().baseUrl() + "/ogc";
    }

    @Test
    @DisplayName("/req/filter/filter-param with GDAL: ogr2ogr -where \"status = 'IDLE'\" is sent as a filter and "
            + "returns the API's answer")
    void whereIsSentAsCql2() throws Exception {
        double before = filtersCounted();
        Set<String> gdal = ids(OgcApiTest.run("ogr2ogr", "-f", "CSV", "/vsistdout/", url(), "parcels", "-where",
                "status = 'IDLE'", "-select", "id,status"));
        assertTrue(filtersCounted() > before, "the server received GDAL's filter");
        Set<String> api = apiIds("parcels", "status = 'IDLE'");
        assertTrue(!api.isEmpty(), "the sample data has idle plots");
        assertEquals(api, gdal);
    }

    @Test
    @DisplayName("/req/core/fc-bbox-response with GDAL: -spat with -where returns the API's answer")
    void spatAndWhere() throws Exception {
        String[] b = BOX.split(",");
        Set<String> gdal = ids(OgcApiTest.run("ogr2ogr", "-f", "CSV", "/vsistdout/", url(), "parcels", "-where",
                "status = 'IDLE'", "-spat", b[0], b[1], b[2], b[3], "-select", "id"));
        Set<String> api = apiIds("parcels", "status = 'IDLE' AND S_INTERSECTS(geometry, BBOX(" + BOX + "))");
        assertTrue(!api.isEmpty() && api.size() < apiIds("parcels", "status = 'IDLE'").size(), api.toString());
        assertEquals(api, gdal);
        Set<String> estates = ids(OgcApiTest.run("ogr2ogr", "-f", "CSV", "/vsistdout/", url(), "estates",
                "-spat", b[0], b[1], b[2], b[3], "-select", "code"));
        assertEquals(apiCodes("S_INTERSECTS(geometry, BBOX(" + BOX + "))"), estates);
    }

    @Test
    @DisplayName("/req/crs/crs-action with GDAL: PROJ's EPSG:3857 of the CRS84 answer equals the API's crs=EPSG:3857")
    void reprojectionAgreesWithProj() throws Exception {
        String proj = OgcApiTest.run("ogr2ogr", "-f", "GeoJSON", "/vsistdout/", url(), "estates", "-where",
                "code = 'GIL-RASHT'", "-t_srs", "EPSG:3857", "-lco", "RFC7946=NO");
        JsonNode gdal = Http.JSON.readTree(proj.substring(proj.indexOf('{'))).get("features").get(0).get("geometry");
        JsonNode api = Http.get("/ogc/collections/estates/items/GIL-RASHT?crs="
                + OgcFilterTest.q("http://www.opengis.net/def/crs/EPSG/0/3857")).json().get("geometry");
        List<Double> a = numbers(gdal.get("coordinates"));
        List<Double> b = numbers(api.get("coordinates"));
        assertEquals(a.size(), b.size(), gdal + " / " + api);
        assertTrue(a.get(0) > 5_000_000, "metres, not degrees: " + a);
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i), b.get(i), 0.05, "coordinate " + i);
        }
    }

    private static List<Double> numbers(JsonNode n) {
        List<Double> out = new ArrayList<>();
        if (n.isNumber()) {
            out.add(n.asDouble());
        } else {
            n.forEach(x -> out.addAll(numbers(x)));
        }
        return out;
    }

    /** The first column of a CSV written by ogr2ogr, without its header. */
    private static Set<String> ids(String csv) {
        Set<String> out = new TreeSet<>();
        List<String> lines = csv.lines().filter(l -> !l.isBlank()).toList();
        for (String line : lines.subList(1, lines.size())) {
            out.add(line.split(",")[0].replace("\"", ""));
        }
        return out;
    }

    private static Set<String> apiIds(String collection, String filter) {
        Set<String> out = new TreeSet<>();
        JsonNode page = Http.get("/ogc/collections/" + collection + "/items?limit=10000&filter=" + OgcFilterTest.q(filter))
                .json();
        page.get("features").forEach(f -> out.add(f.get("id").asText()));
        return out;
    }

    private static Set<String> apiCodes(String filter) {
        return apiIds("estates", filter);
    }

    private static double filtersCounted() {
        Http.Response r = Http.get("/metrics", "Authorization", TestUsers.admin().bearer());
        assertEquals(200, r.status(), r.body());
        Matcher m = FILTERS.matcher(r.body());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
