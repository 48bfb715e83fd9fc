package org.zamin.parcel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.zamin.ogc.OgcApiTestAccess;
import org.zamin.testing.Http;
import org.zamin.testing.TestEstates;
import org.zamin.testing.TestServer;
import org.zamin.testing.TestUsers;

/**
 * A plot's public fields are one definition (parcel_public, parcel_public_properties): the map's search, one plot,
 * the availability search, the OGC items, the export and the vector tiles all give the same values for one plot.
 */
class PublicPlotTest {

    private final Jdbi jdbi = TestServer.get().jdbi();
    private TestEstates.Estate estate;
    private long id;
    private JsonNode expected;

    @BeforeEach
    void onePlot() throws Exception {
        estate = TestEstates.create(jdbi);
        id = estate.addParcel(jdbi, "PUB-7", estate.rect(200, 200, 330, 290), "AVAILABLE");
        jdbi.useHandle(h -> h.createUpdate("""
                UPDATE parcel SET land_use = 'warehouse', price_per_m2 = 1234567, utilities = ARRAY['gas','water']
                 WHERE id = :id""").bind("id", id).execute());
        String properties = jdbi.withHandle(h -> h.createQuery(
                "SELECT parcel_public_properties(v)::text FROM parcel_public v WHERE v.id = :id")
                .bind("id", id).mapTo(String.class).one());
        expected = Http.JSON.readTree(properties);
    }

    @Test
    void theFieldsAreThePlotsOwn() {
        assertEquals(id, expected.get("id").asLong());
        assertEquals("PUB-7", expected.get("plotNumber").asText());
        assertEquals(estate.code(), expected.get("estate").asText());
        assertEquals("warehouse", expected.get("landUse").asText());
        assertEquals(1234567, expected.get("pricePerM2").asLong());
        double area = expected.get("areaM2").asDouble();
        assertEquals(130 * 90, area, 130 * 90 * 0.01, "about 130 m × 90 m");
        assertEquals(Math.round(area * 1234567), expected.get("price").asLong(), 1234567 * 0.06);
        assertEquals("[\"gas\",\"water\"]", expected.get("utilities").toString());
        assertEquals("AVAILABLE", expected.get("status").asText());
        assertTrue(expected.get("updatedAt").isTextual());
    }

    @Test
    void mapSearchAndOnePlotGiveTheSameFields() {
        JsonNode one = Http.get("/api/parcels/" + id).json();
        assertEquals(expected, one.get("properties"));

        String bbox = String.format(Locale.ROOT, "%.6f,%.6f,%.6f,%.6f", estate.lon(0), estate.lat(0), estate.lon(1000),
                estate.lat(1000));
        JsonNode search = Http.get("/api/parcels?bbox=" + bbox).json();
        assertEquals(expected, feature(search, id).get("properties"));
    }

    @Test
    void availabilityGivesTheSameFieldsAndItsOwnExtras() {
        JsonNode fc = Http.get("/api/availability?estate=" + estate.code(), "Authorization",
                TestUsers.planner().bearer()).json();
        JsonNode props = feature(fc, id).get("properties");
        expected.fields().forEachRemaining(e -> assertEquals(e.getValue(), props.get(e.getKey()), e.getKey()));
        assertEquals("TST", props.get("province").asText());
    }

    @Test
    void ogcItemsGiveTheSameFieldsIncludingPrice() {
        JsonNode item = Http.get("/ogc/collections/parcels/items/" + id).json();
        ObjectNode props = (ObjectNode) item.get("properties");
        assertEquals("gas,water", props.get("utilities").asText(), "one text attribute, as GDAL reads it");
        assertEquals(expected.get("price"), props.get("price"));
        ObjectNode same = expected.deepCopy();
        same.put("utilities", "gas,water");
        assertEquals(same, props);

        JsonNode page = Http.get("/ogc/collections/parcels/items?estate=" + estate.code()).json();
        assertEquals(same, feature(page, id).get("properties"));
    }

    @Test
    void exportGivesTheSameValues() {
        JsonNode fc = Http.get("/api/exports/parcels?format=geojson&estate=" + estate.code()).json();
        JsonNode props = feature(fc, id).get("properties");
        assertEquals("PUB-7", props.get("plot_no").asText());
        assertEquals(estate.code(), props.get("estate").asText());
        assertEquals("warehouse", props.get("land_use").asText());
        assertEquals(1234567, props.get("price_m2").asLong());
        assertEquals(expected.get("areaM2").asDouble(), props.get("area_m2").asDouble(), 0.051);
        assertEquals("AVAILABLE", props.get("status").asText());
        assertTrue(props.get("utilities").toString().contains("gas"), props.toString());
    }

    @Test
    void theTileCarriesTheSameValues() throws Exception {
        int z = 16;
        double lon = estate.lon(265);
        double lat = Math.toRadians(estate.lat(245));
        int x = (int) Math.floor((lon + 180) / 360 * (1 << z));
        int y = (int) Math.floor((1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2 * (1 << z));
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                Http.uri("/tiles/parcels/" + z + "/" + x + "/" + y + ".mvt")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        Path dir = Files.createTempDirectory("zamin-mvt").resolve(z + "/" + x);
        Files.createDirectories(dir);
        Path file = dir.resolve(y + ".pbf");
        Files.write(file, r.body());
        String info = OgcApiTestAccess.run("ogrinfo", "-ro", "-al", file.toString());
        String feature = java.util.Arrays.stream(info.split("OGRFeature\\("))
                .filter(f -> f.contains("plotNumber (String) = PUB-7")).findFirst()
                .orElseThrow(() -> new AssertionError("the plot is in its tile: " + info));
        assertTrue(feature.matches("(?s).*\\bid \\(Integer(64)?\\) = " + id + "\\b.*"), feature);
        assertTrue(feature.contains("plotNumber (String) = PUB-7"), feature);
        assertTrue(feature.contains("estate (String) = " + estate.code()), feature);
        assertTrue(feature.contains("status (String) = AVAILABLE"), feature);
        assertTrue(feature.contains("landUse (String) = warehouse"), feature);
        assertTrue(feature.contains("areaM2 (Real) = " + expected.get("areaM2").asText()), feature);
    }

    private static JsonNode feature(JsonNode collection, long id) {
        for (JsonNode f : collection.get("features")) {
            if (f.get("id").asLong() == id) {
                return f;
            }
        }
        throw new AssertionError("plot " + id + " missing from " + collection);
    }
}
