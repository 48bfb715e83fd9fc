package org.zamin.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.zamin.testing.Http;
import org.zamin.testing.TestAllocations;
import org.zamin.testing.TestEstates;
import org.zamin.testing.TestServer;
import org.zamin.testing.TestUsers;

/**
 * Inspection photos are placed where they were taken — by their own EXIF GPS position, else by the inspector's
 * device — and one taken far from the plot is flagged. (Found on main: an inspection's photos said nothing of where
 * they were taken, so a photo of another site passed as evidence.)
 */
class InspectionPhotoTest {

    private static TestEstates.Estate estate;
    private static TestUsers.User officer;
    private static long allocation;

    @BeforeAll
    static void setUp() {
        var ts = TestServer.get();
        estate = TestEstates.create(ts.ownerJdbi());
        long plot = estate.addParcel(ts.ownerJdbi(), "P1", estate.rect(100, 100, 300, 300), "AVAILABLE");
        officer = TestUsers.officer(estate.code());
        allocation = TestAllocations.create(estate, TestUsers.investor().id(), List.of(plot),
                LocalDate.now(ts.clock()).minusMonths(2), false);
    }

    @Test
    void eachPhotoIsPlacedAndAFarOneIsFlagged() throws IOException {
        var sent = post(Map.of("finding", "INACTIVE", "deviceLon", String.valueOf(estate.lon(200)),
                        "deviceLat", String.valueOf(estate.lat(200))),
                List.of(Map.entry("at-the-plot.jpg", InspectionPhotoFiles.jpegAt(estate.lon(200), estate.lat(200))),
                        Map.entry("elsewhere.jpg", InspectionPhotoFiles.jpegAt(estate.lon(5_200), estate.lat(200))),
                        Map.entry("no-gps.png", InspectionPhotoFiles.png())));
        assertEquals(201, sent.status(), sent.body());
        JsonNode photos = latestInspection().get("photos");
        assertEquals(3, photos.size(), photos.toString());
        assertEquals("EXIF", photos.get(0).get("source").asText());
        assertEquals(0, photos.get(0).get("distanceM").asInt(), "inside the plot");
        assertFalse(photos.get(0).get("far").asBoolean());
        assertEquals("EXIF", photos.get(1).get("source").asText(), "its own position wins over the device's");
        int far = photos.get(1).get("distanceM").asInt();
        assertTrue(far > 4_800 && far < 5_000, "about 4.9 km east of the plot's edge: " + far);
        assertTrue(photos.get(1).get("far").asBoolean());
        assertEquals("DEVICE", photos.get(2).get("source").asText(), "no GPS of its own: the device's position");
        assertFalse(photos.get(2).get("far").asBoolean());
    }

    @Test
    void withoutAnyPositionAPhotoIsUnplacedAndPersianDigitsAreRead() throws IOException {
        assertEquals(201, post(Map.of("finding", "ACTIVE"), List.of(Map.entry("no-gps.png", InspectionPhotoFiles.png()))).status());
        JsonNode photo = latestInspection().get("photos").get(0);
        assertTrue(photo.get("source").isNull() && photo.get("distanceM").isNull() && photo.get("far").isNull(),
                photo.toString());

        String lon = persian(String.format(java.util.Locale.ROOT, "%.6f", estate.lon(200))).replace('.', '\u066B');
        String lat = persian(String.format(java.util.Locale.ROOT, "%.6f", estate.lat(200)));
        var sent = post(Map.of("finding", "ACTIVE", "deviceLon", lon, "deviceLat", lat),
                List.of(Map.entry("no-gps.png", InspectionPhotoFiles.png())));
        assertEquals(201, sent.status(), sent.body());
        assertEquals("DEVICE", latestInspection().get("photos").get(0).get("source").asText());
    }

    @Test
    void aBadPositionIsRefusedAndNothingIsWritten() throws IOException {
        int before = inspections();
        for (Map<String, String> bad : List.of(Map.of("deviceLon", "49.5", "deviceLat", "95"),
                Map.of("deviceLon", "49.5"), Map.of("deviceLon", "east", "deviceLat", "37"),
                Map.of("deviceLon", "NaN", "deviceLat", "37"))) {
            var fields = new LinkedHashMap<String, String>(bad);
            fields.put("finding", "ACTIVE");
            Http.assertError(post(fields, List.of(Map.entry("no-gps.png", InspectionPhotoFiles.png()))), 422, "invalid_position", "");
        }
        assertEquals(before, inspections(), "no inspection and no photo kept");
    }

    private static int inspections() {
        return TestServer.get().jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM inspection WHERE allocation_id = :a").bind("a", allocation).mapTo(Integer.class).one());
    }

    private static JsonNode latestInspection() {
        var contract = Http.get("/api/allocations/" + allocation + "/contract", "Authorization", officer.bearer());
        assertEquals(200, contract.status(), contract.body());
        return contract.json().get("inspections").get(0);
    }

    private static String persian(String latin) {
        StringBuilder out = new StringBuilder();
        latin.chars().forEach(c -> out.append(Character.isDigit(c) ? (char) ('\u06F0' + (c - '0')) : (char) c));
        return out.toString();
    }

    private static Http.Response post(Map<String, String> fields, List<Map.Entry<String, byte[]>> files) {
        String boundary = "zamin-photo-boundary";
        var body = new ByteArrayOutputStream();
        fields.forEach((k, v) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + k
                + "\"\r\n\r\n" + v + "\r\n").getBytes(StandardCharsets.UTF_8)));
        for (var f : files) {
            String type = f.getKey().endsWith(".png") ? "image/png" : "image/jpeg";
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\""
                    + f.getKey() + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(f.getValue());
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return Http.send(HttpRequest.newBuilder(Http.uri("/api/allocations/" + allocation + "/inspections"))
                .header("Authorization", officer.bearer())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }
}
