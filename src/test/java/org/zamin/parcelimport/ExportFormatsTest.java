package org.zamin.parcelimport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zamin.io.FileFormat;
import org.zamin.testing.Http;
import org.zamin.testing.RawHttp;
import org.zamin.testing.TestServer;

/**
 * Exports as GIS tools read them: a GeoPackage GDAL 3.6 opens without a warning, the same utilities in every format,
 * FlatGeobuf read back by GDAL (also through {@code /vsicurl/}), and byte ranges of a download.
 */
class ExportFormatsTest {

    private static final String ESTATE = "GIL-RASHT";
    private final HttpClient client = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    /** What a command printed on stdout and on stderr, apart. */
    private record Run(String out, String err) {}

    private static Run run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).start();
        var err = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        String errText = err.get();
        assertEquals(0, p.exitValue(), String.join(" ", command) + "\n" + out + errText);
        return new Run(out, errText);
    }

    private HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(Http.uri(path));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private Path download(FileFormat format) throws Exception {
        HttpResponse<byte[]> r = get("/api/exports/parcels?estate=" + ESTATE + "&format=" + format.label());
        assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        Path file = dir.resolve("parcels" + format.extension());
        Files.write(file, r.body());
        return file;
    }

    private static String gdalPath(FileFormat format, Path file) {
        return format == FileFormat.SHP ? "/vsizip/" + file + "/parcels.shp" : file.toString();
    }

    private static long plots() {
        return TestServer.get().jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM parcel p JOIN estate e ON e.id = p.estate_id WHERE e.code = :c")
                .bind("c", ESTATE).mapTo(Long.class).one());
    }

    private static long featureCount(String ogrinfo) {
        Matcher m = Pattern.compile("Feature Count: (\\d+)").matcher(ogrinfo);
        assertTrue(m.find(), ogrinfo);
        return Long.parseLong(m.group(1));
    }

    @Test
    void theGeoPackageIsVersion13AndGdalOpensItWithoutAWarning() throws Exception {
        Path gpkg = download(FileFormat.GPKG);
        Run info = run("ogrinfo", "-ro", "-al", "-so", gpkg.toString());
        assertEquals("", info.err().strip(), "GDAL says nothing on stderr");
        assertEquals(plots(), featureCount(info.out()));
        Run version = run("ogrinfo", "-ro", "-q", "-sql", "PRAGMA user_version", gpkg.toString());
        assertTrue(version.out().contains("user_version (Integer) = 10300"), version.out());
        Run app = run("ogrinfo", "-ro", "-q", "-sql", "PRAGMA application_id", gpkg.toString());
        assertTrue(app.out().contains("application_id (Integer) = 1196444487"), "'GPKG': " + app.out());
    }

    @Test
    void everyFormatCarriesTheSameUtilitiesAJsonArrayTextWhereTheFormatHasNoList() throws Exception {
        Map<String, List<String>> expected = new TreeMap<>();
        TestServer.get().jdbi().useHandle(h -> h.createQuery("SELECT p.plot_number, p.utilities FROM parcel p "
                + "JOIN estate e ON e.id = p.estate_id WHERE e.code = :c").bind("c", ESTATE)
                .map((rs, ctx) -> expected.put(rs.getString(1), Arrays.asList((String[]) rs.getArray(2).getArray())))
                .list());
        assertTrue(expected.values().stream().anyMatch(u -> u.size() > 1), "some plot has several utilities");
        for (FileFormat format : FileFormat.values()) {
            Path file = download(format);
            Map<String, List<String>> read = new TreeMap<>();
            if (format == FileFormat.GEOJSON) {
                for (JsonNode f : Http.JSON.readTree(file.toFile()).path("features")) {
                    JsonNode u = f.path("properties").path("utilities");
                    assertTrue(u.isArray(), "GeoJSON carries a list: " + u);
                    read.put(f.path("properties").path("plot_no").asText(), strings(u));
                }
            } else {
                // as GDAL reads the file: a text column holding a JSON array
                Run csv = run("ogr2ogr", "-f", "CSV", "-select", "plot_no,utilities", "/vsistdout/",
                        gdalPath(format, file));
                for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                        .parse(new java.io.StringReader(csv.out()))) {
                    read.put(r.get("plot_no"), strings(Http.JSON.readTree(r.get("utilities"))));
                }
            }
            assertEquals(expected, read, format.label());
        }
    }

    private static List<String> strings(JsonNode array) {
        assertTrue(array.isArray(), array.toString());
        List<String> list = new ArrayList<>();
        array.forEach(v -> list.add(v.asText()));
        return list;
    }

    @Test
    void flatGeobufIsReadByGdalFromTheFileAndThroughVsicurl() throws Exception {
        Path fgb = download(FileFormat.FGB);
        Run info = run("ogrinfo", "-ro", "-al", "-so", fgb.toString());
        assertEquals("", info.err().strip());
        assertEquals(plots(), featureCount(info.out()));
        assertTrue(info.out().contains("Geometry: Polygon") && info.out().contains("ID[\"EPSG\",4326]")
                && info.out().contains("price_m2: Integer64") && info.out().contains("area_m2: Real"), info.out());

        String url = "/vsicurl/" + TestServer.get().baseUrl() + "/api/exports/parcels?estate=" + ESTATE + "&format=fgb";
        Run remote = run("ogrinfo", "-ro", "-al", "-so", "--config", "CPL_VSIL_CURL_USE_HEAD", "NO",
                "--config", "GDAL_DISABLE_READDIR_ON_OPEN", "EMPTY_DIR", url);
        assertEquals(plots(), featureCount(remote.out()), remote.out() + remote.err());
    }

    @Test
    void downloadsAnswerByteRangesWith206And416() throws Exception {
        String path = "/api/exports/parcels?estate=" + ESTATE + "&format=gpkg";
        HttpResponse<byte[]> full = get(path);
        assertEquals("bytes", full.headers().firstValue("Accept-Ranges").orElse(null));
        int n = full.body().length;
        HttpResponse<byte[]> head = get(path, "Range", "bytes=0-15");
        assertEquals(206, head.statusCode());
        assertEquals("bytes 0-15/" + n, head.headers().firstValue("Content-Range").orElse(null));
        assertEquals("SQLite format 3\0", new String(head.body(), StandardCharsets.ISO_8859_1));
        assertArrayEquals(Arrays.copyOfRange(full.body(), 0, 16), head.body());

        RawHttp.Response outside = RawHttp.send(RawHttp.request("GET", path, "Range: bytes=" + n + "-" + (n + 10)));
        assertEquals(416, outside.status());
        assertEquals("bytes */" + n, outside.header("Content-Range"));
        assertTrue(outside.body().contains("range_not_satisfiable"), outside.body());

        // text formats: gzip once, its own ETag, and ranges of the plain bytes
        String geojson = "/api/exports/parcels?estate=" + ESTATE + "&format=geojson";
        HttpResponse<byte[]> gz = get(geojson, "Accept-Encoding", "gzip");
        assertEquals("gzip", gz.headers().firstValue("Content-Encoding").orElse(null));
        assertEquals("Accept-Encoding", gz.headers().firstValue("Vary").orElse(null));
        HttpResponse<byte[]> slice = get(geojson, "Accept-Encoding", "gzip", "Range", "bytes=0-29");
        assertEquals(206, slice.statusCode());
        assertTrue(new String(slice.body(), StandardCharsets.UTF_8).startsWith("{\"type\":\"FeatureCollection\""));
    }
}
