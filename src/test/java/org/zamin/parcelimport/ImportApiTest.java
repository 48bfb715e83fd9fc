package org.zamin.parcelimport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.zamin.parcelimport.ImportFixtures.checksum;
import static org.zamin.parcelimport.ImportFixtures.feature;
import static org.zamin.parcelimport.ImportFixtures.jdbi;
import static org.zamin.parcelimport.ImportFixtures.polygon;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.zamin.testing.Http;
import org.zamin.testing.TestEstates;
import org.zamin.testing.TestUsers;

/** The upload endpoint is for admins and the estate's officers, previews without writing; exports are public. */
class ImportApiTest {

    private static HttpRequest.Builder upload(String estate, String fileName, String content, boolean dryRun) {
        String boundary = "zamin" + UUID.randomUUID();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"estate\"\r\n\r\n" + estate + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"dryRun\"\r\n\r\n" + dryRun + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/geo+json\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n";
        return HttpRequest.newBuilder(Http.uri("/api/imports"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }

    @Test
    void uploadsNeedAnAdminOrTheEstatesOfficerAndDryRunsPreviewWithoutWriting() {
        TestEstates.Estate e = TestEstates.create(jdbi());
        String file = "{\"type\":\"FeatureCollection\",\"features\":[" + feature("H-1", polygon(e, 10, 10, 90, 90)) + "]}";
        String before = checksum();
        Http.assertError(Http.send(upload(e.code(), "plots.geojson", file, true)), 401, "unauthorized", "sign in");
        Http.assertError(Http.send(upload(e.code(), "plots.geojson", file, true)
                .header("Authorization", TestUsers.investor().bearer())), 403, "forbidden", "investor");
        Http.assertError(Http.send(upload(e.code(), "plots.geojson", file, true)
                .header("Authorization", TestUsers.officer("GIL-SIAHKAL").bearer())), 403, "forbidden", "officers");
        assertEquals(before, checksum());

        Http.Response preview = Http.send(upload(e.code(), "plots.geojson", file, true)
                .header("Authorization", TestUsers.officer(e.code()).bearer()));
        assertEquals(200, preview.status(), preview.body());
        JsonNode report = preview.json();
        assertEquals("dry_run", report.get("outcome").asText());
        assertEquals("H-1", report.get("preview").get(0).get("properties").get("plotNumber").asText());
        assertEquals(before, checksum(), "a preview writes nothing");

        Http.Response applied = Http.send(upload(e.code(), "plots.geojson", file, false)
                .header("Authorization", TestUsers.admin().bearer()));
        assertEquals(201, applied.status(), applied.body());
        assertEquals(1, applied.json().get("created").asInt());

        Http.Response again = Http.send(upload(e.code(), "plots.geojson",
                "{\"type\":\"FeatureCollection\",\"features\":[" + feature("H-2", polygon(e, 50, 50, 120, 120)) + "]}",
                false).header("Authorization", TestUsers.admin().bearer()));
        assertEquals(422, again.status(), again.body());
        assertEquals("import_invalid", again.json().get("code").asText());
        assertEquals("overlaps_plot", again.json().get("report").get("problems").get(0).get("code").asText());

        Http.assertError(Http.send(upload(e.code(), "plots.txt", file, true)
                .header("Authorization", TestUsers.admin().bearer())), 422, "unsupported_format", ".gpkg");
    }

    /** A multipart body with the estate and {@code content} as the file {@code fileName}. */
    private static byte[] multipart(String boundary, String estate, String fileName, byte[] content) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(content.length + 1024);
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"estate\"\r\n\r\n" + estate
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    /** A multipart upload of raw bytes as {@code fileName} into {@code estate}, signed in as an admin. */
    private static HttpRequest.Builder uploadBytes(String estate, String fileName, byte[] content) {
        String boundary = "zamin" + UUID.randomUUID();
        return HttpRequest.newBuilder(Http.uri("/api/imports"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Authorization", TestUsers.admin().bearer())
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(boundary, estate, fileName, content)));
    }

    /** Sends only the headers of an upload declaring {@code length} bytes and returns the raw answer. */
    private static String headersOnly(String estate, long length) throws IOException {
        java.net.URI base = java.net.URI.create(org.zamin.testing.TestServer.get().baseUrl());
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            String head = "POST /api/imports HTTP/1.1\r\nHost: " + base.getHost() + "\r\n"
                    + "Authorization: " + TestUsers.admin().bearer() + "\r\n"
                    + "Content-Type: multipart/form-data; boundary=zamin\r\n"
                    + "Content-Length: " + length + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void uploadsOverTheLimitsAreRefusedWithoutWritingAnything() throws IOException {
        TestEstates.Estate e = TestEstates.create(jdbi());
        String before = checksum();

        // Over the 50 MB request limit: a valid GeoJSON start followed by padding, so only the size can refuse it.
        String head = "{\"type\":\"FeatureCollection\",\"features\":[" + feature("L-1", polygon(e, 10, 10, 90, 90))
                + "],\"padding\":\"";
        byte[] big = new byte[51 << 20];
        Arrays.fill(big, (byte) 'x');
        System.arraycopy(head.getBytes(StandardCharsets.UTF_8), 0, big, 0, head.length());
        // A declared length over the limit is refused from the headers alone: send them, and no body at all (a client
        // still writing 51 MB would race the server's answer and close).
        String answer = headersOnly(e.code(), big.length);
        assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
        assertTrue(answer.contains("\"payload_too_large\""), answer);
        assertEquals(before, checksum(), "nothing written for an upload over the request limit");
        // The same body streamed without a declared length (chunked): refused while reading.
        String boundary = "zamin" + UUID.randomUUID();
        byte[] body = multipart(boundary, e.code(), "big.geojson", big);
        Http.Response streamed = Http.send(HttpRequest.newBuilder(Http.uri("/api/imports"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Authorization", TestUsers.admin().bearer())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
        Http.assertError(streamed, 413, "payload_too_large", "");
        assertEquals(before, checksum(), "nothing written for a streamed upload over the request limit");

        // An archive of more than 20 entries is refused before anything is extracted.
        ByteArrayOutputStream many = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(many)) {
            for (int i = 0; i < 21; i++) {
                zip.putNextEntry(new ZipEntry("readme-" + i + ".txt"));
                zip.write(("entry " + i).getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        Http.assertError(Http.send(uploadBytes(e.code(), "many.zip", many.toByteArray())), 413, "file_too_large",
                "21 entries");
        assertEquals(before, checksum());

        // A zip bomb: about 1 MB that inflates past the 1 GB limit, counted while inflating.
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bomb)) {
            zip.setLevel(9);
            zip.putNextEntry(new ZipEntry("layer.shp"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 1025; i++) {
                zip.write(zeros);
            }
            zip.closeEntry();
            for (String ext : new String[] {"shx", "dbf"}) {
                zip.putNextEntry(new ZipEntry("layer." + ext));
                zip.closeEntry();
            }
        }
        assertTrue(bomb.size() < 5 << 20, "the bomb is small: " + bomb.size());
        Http.assertError(Http.send(uploadBytes(e.code(), "bomb.zip", bomb.toByteArray())), 413, "file_too_large",
                "1024 MB");
        assertEquals(before, checksum(), "nothing written for a zip bomb");
    }

    @Test
    void exportsArePublicAndCarryOnlyPublicFields() {
        for (String format : new String[] {"geojson", "gpkg", "csv", "shp"}) {
            Http.Response r = Http.get("/api/exports/parcels?format=" + format + "&estate=GIL-SIAHKAL");
            assertEquals(200, r.status(), format);
            assertTrue(r.body().length() > 100, format);
        }
        Http.Response csv = Http.get("/api/exports/parcels?format=csv&estate=GIL-SIAHKAL");
        assertTrue(csv.body().startsWith("plot_no,estate,land_use,price_m2,area_m2,status,utilities,wkt"), csv.body());
        Http.assertError(Http.get("/api/exports/parcels?format=dxf"), 400, "invalid_parameter", "format");
        Http.assertError(Http.get("/api/exports/parcels?format=csv&estate=NOPE"), 422, "unknown_estate", "NOPE");
    }
}
