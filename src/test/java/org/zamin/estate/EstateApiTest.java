package org.zamin.estate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.zamin.testing.Http.assertError;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.zamin.testing.Http;
import org.zamin.testing.TestServer;

/** {@code GET /api/estates} and {@code GET /api/estates/{code}} against the loaded Gilan sample. */
class EstateApiTest {

    private final Jdbi jdbi = TestServer.get().jdbi();

    @Test
    void listsTheSampleProvinceWithCountsByStatus() {
        Http.Response r = Http.get("/api/estates");
        assertEquals(200, r.status());
        JsonNode fc = r.json();
        assertEquals("FeatureCollection", fc.get("type").asText());
        List<JsonNode> gilan = new ArrayList<>();
        fc.get("features").forEach(f -> {
            if ("GIL".equals(f.get("properties").get("province").get("code").asText())) {
                gilan.add(f);
            }
        });
        assertTrue(gilan.size() >= 12, "a dozen estates and zones, got " + gilan.size());
        int plotsInApi = 0;
        for (JsonNode f : gilan) {
            JsonNode p = f.get("properties");
            // a summary: a point inside the estate within its bbox; the boundary comes by tiles
            assertEquals("Point", f.get("geometry").get("type").asText());
            assertEquals(4, p.get("bbox").size());
            JsonNode at = f.get("geometry").get("coordinates");
            assertTrue(at.get(0).asDouble() >= p.get("bbox").get(0).asDouble()
                    && at.get(0).asDouble() <= p.get("bbox").get(2).asDouble()
                    && at.get(1).asDouble() >= p.get("bbox").get(1).asDouble()
                    && at.get(1).asDouble() <= p.get("bbox").get(3).asDouble(), f.toString());
            assertTrue(p.get("utilities").has("power"), "utilities with capacity: " + p.get("code"));
            int sum = 0;
            for (var it = p.get("countsByStatus").fields(); it.hasNext(); ) {
                sum += it.next().getValue().asInt();
            }
            assertEquals(p.get("parcelCount").asInt(), sum, "counts by status add up for " + p.get("code"));
            plotsInApi += sum;
        }
        int plotsInDb = jdbi.withHandle(h -> h.createQuery("""
                SELECT count(*) FROM parcel p JOIN estate e ON e.id = p.estate_id
                  JOIN province pr ON pr.id = e.province_id WHERE pr.code = 'GIL'""").mapTo(Integer.class).one());
        assertEquals(plotsInDb, plotsInApi);
        assertTrue(plotsInDb >= 900 && plotsInDb <= 1200, "about 1,000 plots, got " + plotsInDb);
    }

    @Test
    void boundariesOnRequestAndTheSummaryIsSmall() {
        Http.Response summary = Http.get("/api/estates");
        Http.Response full = Http.get("/api/estates?boundaries=true");
        assertEquals(200, full.status());
        full.json().get("features").forEach(f -> assertEquals("Polygon", f.get("geometry").get("type").asText()));
        assertEquals(full.json().get("numberReturned"), summary.json().get("numberReturned"));
        assertEquals(summary.json().get("features").get(0).get("properties"),
                full.json().get("features").get(0).get("properties"));
        assertTrue(summary.body().length() < full.body().length(),
                summary.body().length() + " bytes of summary, " + full.body().length() + " with boundaries");
        assertEquals(summary.body(), Http.get("/api/estates?boundaries=false").body());
        assertError(Http.get("/api/estates?boundaries=yes"), 400, "invalid_parameter", "boundaries");
    }

    @Test
    void oneEstateByCode() {
        Http.Response r = Http.get("/api/estates/GIL-SIAHKAL");
        assertEquals(200, r.status());
        JsonNode f = r.json();
        assertEquals("GIL-SIAHKAL", f.get("id").asText());
        assertEquals("INDUSTRIAL_ESTATE", f.get("properties").get("kind").asText());
        assertTrue(f.get("properties").get("nameFa").asText().contains("سیاهکل"));
        double area = jdbi.withHandle(h -> h.createQuery("SELECT area_m2 FROM estate WHERE code = 'GIL-SIAHKAL'")
                .mapTo(Double.class).one());
        assertEquals(Math.round(area), f.get("properties").get("areaM2").asLong());
    }

    @Test
    void unknownEstateIs404() {
        assertError(Http.get("/api/estates/NO-SUCH"), 404, "not_found", "NO-SUCH");
    }

    @Test
    void anzaliFreeZoneHasItsThreeIndustrialZones() {
        long zones = jdbi.withHandle(h -> h.createQuery(
                "SELECT count(*) FROM estate WHERE kind = 'FREE_ZONE' AND code LIKE 'GIL-ANZALI%'").mapTo(Long.class).one());
        assertEquals(3, zones);
        long workshops = jdbi.withHandle(h -> h.createQuery(
                "SELECT count(*) FROM estate WHERE kind = 'SMALL_WORKSHOP_COMPLEX'").mapTo(Long.class).one());
        assertTrue(workshops >= 1);
    }
}
