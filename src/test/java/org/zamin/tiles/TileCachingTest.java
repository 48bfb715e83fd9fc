package org.zamin.tiles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.zamin.testing.Http.assertError;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.zamin.ogc.OgcApiTestAccess;
import org.zamin.testing.Http;
import org.zamin.testing.RawHttp;
import org.zamin.testing.TestServer;

/**
 * Tile metadata and caching as clients use them: TileJSON, strong ETags that follow the bytes sent (gzip has its
 * own, with {@code Vary}), the same ETag for the same content, byte ranges, and GDAL reading a tile over
 * {@code /vsicurl/}.
 */
class TileCachingTest {

    private static final int Z = 15;
    private final Jdbi jdbi = TestServer.get().jdbi();
    private final HttpClient client = HttpClient.newHttpClient();

    /** The z15 tile holding the centre of the Rasht estate: {x, y}. */
    private int[] rashtTile() {
        double[] c = jdbi.withHandle(h -> h.createQuery(
                "SELECT ARRAY[ST_X(ST_Centroid(boundary)), ST_Y(ST_Centroid(boundary))] FROM estate WHERE code = 'GIL-RASHT'")
                .mapTo(double[].class).one());
        int x = (int) Math.floor((c[0] + 180) / 360 * (1 << Z));
        double latRad = Math.toRadians(c[1]);
        int y = (int) Math.floor((1 - Math.log(Math.tan(latRad) + 1 / Math.cos(latRad)) / Math.PI) / 2 * (1 << Z));
        return new int[] {x, y};
    }

    private String rashtPath() {
        int[] t = rashtTile();
        return "/tiles/parcels/" + Z + "/" + t[0] + "/" + t[1] + ".mvt";
    }

    private HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(Http.uri(path));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String header(HttpResponse<?> r, String name) {
        return r.headers().firstValue(name).orElse(null);
    }

    @Test
    void tileJsonOfEachLayerGivesTheUrlTemplateZoomsBoundsCentreAndTheFieldsATileReallyHas() throws Exception {
        Http.Response r = Http.get("/tiles/parcels.json");
        assertEquals(200, r.status(), r.body());
        JsonNode j = Http.JSON.readTree(r.body());
        assertEquals("3.0.0", j.path("tilejson").asText());
        assertEquals(TestServer.get().baseUrl() + "/tiles/parcels/{z}/{x}/{y}.mvt", j.path("tiles").path(0).asText());
        assertEquals(10, j.path("minzoom").asInt());
        assertEquals(22, j.path("maxzoom").asInt());
        double[] centroid = jdbi.withHandle(h -> h.createQuery(
                "SELECT ARRAY[ST_X(ST_Centroid(boundary)), ST_Y(ST_Centroid(boundary))] FROM estate WHERE code = 'GIL-RASHT'")
                .mapTo(double[].class).one());
        JsonNode b = j.path("bounds");
        assertTrue(b.path(0).asDouble() < centroid[0] && centroid[0] < b.path(2).asDouble()
                && b.path(1).asDouble() < centroid[1] && centroid[1] < b.path(3).asDouble(), b.toString());
        JsonNode c = j.path("center");
        assertTrue(c.path(0).asDouble() > b.path(0).asDouble() && c.path(0).asDouble() < b.path(2).asDouble()
                && c.path(2).asInt() >= 10, c.toString());
        JsonNode layer = j.path("vector_layers").path(0);
        assertEquals("parcels", layer.path("id").asText());
        Set<String> declared = new TreeSet<>();
        layer.path("fields").fieldNames().forEachRemaining(declared::add);
        assertEquals(Set.of("String", "Number"), new TreeSet<>(
                java.util.stream.StreamSupport.stream(layer.path("fields").spliterator(), false)
                        .map(JsonNode::asText).toList()));

        // the fields TileJSON declares are the ones a real tile carries, as GDAL decodes it
        int[] t = rashtTile();
        Path dir = Files.createTempDirectory("zamin-mvt").resolve(Z + "/" + t[0]);
        Files.createDirectories(dir);
        Path file = dir.resolve(t[1] + ".pbf");
        Files.write(file, get(rashtPath()).body());
        String info = OgcApiTestAccess.run("ogrinfo", "-ro", "-al", "-so", file.toString());
        Set<String> decoded = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^(\\w+): (String|Integer|Integer64|Real)").matcher(info);
        while (m.find()) {
            decoded.add(m.group(1));
        }
        decoded.remove("mvt_id"); // GDAL's own field: the feature id of the tile
        assertEquals(decoded, declared, info);

        JsonNode estates = Http.JSON.readTree(Http.get("/tiles/estates.json").body());
        assertEquals(0, estates.path("minzoom").asInt());
        assertTrue(estates.path("vector_layers").path(0).path("fields").has("nameFa"));
        assertError(Http.get("/tiles/roads.json"), 404, "not_found", "roads");
    }

    @Test
    void theSameTileContentGivesTheSameBytesAndEtagWhateverPlanThePlannerPicks() throws Exception {
        // The plots come from a join and an index search whose order depends on the plan the planner picks (after
        // ANALYZE, with more rows): the GiST index's order and the table's physical order are both normal answers.
        int[] t = rashtTile();
        byte[] indexOrder = new TileRepository(planned("-c enable_bitmapscan=off -c enable_seqscan=off"))
                .tile(TileLayer.PARCELS, Z, t[0], t[1]);
        byte[] tableOrder = new TileRepository(planned("-c enable_indexscan=off -c enable_hashjoin=off"))
                .tile(TileLayer.PARCELS, Z, t[0], t[1]);
        assertTrue(indexOrder.length > 0);
        assertArrayEquals(indexOrder, tableOrder, "same plots, same bytes, whatever the plan");

        HttpResponse<byte[]> served = get(rashtPath());
        assertArrayEquals(indexOrder, served.body());
        assertEquals(header(served, "ETag"), header(get(rashtPath()), "ETag"));
        assertTrue(header(served, "ETag").matches("\"[0-9a-f]{32}\""), "a strong ETag: " + header(served, "ETag"));
    }

    /** A connection to the test database whose planner is told to avoid some plans. */
    private static Jdbi planned(String options) {
        var pg = TestServer.get().postgres();
        String url = pg.jdbcUrl("zamin");
        return Jdbi.create(url + (url.contains("?") ? "&" : "?") + "options="
                + java.net.URLEncoder.encode(options, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"),
                pg.user(), pg.password());
    }

    @Test
    void gzipIsItsOwnRepresentationWithItsOwnEtagVaryAndOneCompression() throws Exception {
        String path = rashtPath();
        HttpResponse<byte[]> plain = get(path);
        HttpResponse<byte[]> gz = get(path, "Accept-Encoding", "gzip");
        assertEquals("Accept-Encoding", header(plain, "Vary"));
        assertEquals("Accept-Encoding", header(gz, "Vary"));
        assertEquals(null, header(plain, "Content-Encoding"));
        assertEquals("gzip", header(gz, "Content-Encoding"));
        assertNotEquals(header(plain, "ETag"), header(gz, "ETag"), "each encoding has its own ETag");
        assertEquals(String.valueOf(gz.body().length), header(gz, "Content-Length"));
        assertEquals(String.valueOf(plain.body().length), header(plain, "Content-Length"));
        // compressed once: one gunzip gives the tile itself
        byte[] once = new GZIPInputStream(new ByteArrayInputStream(gz.body())).readAllBytes();
        assertArrayEquals(plain.body(), once);
        assertEquals(header(gz, "ETag"), header(get(path, "Accept-Encoding", "gzip"), "ETag"), "gzip is repeatable");

        HttpResponse<byte[]> notModified = get(path, "Accept-Encoding", "gzip", "If-None-Match", header(gz, "ETag"));
        assertEquals(304, notModified.statusCode());
        assertEquals("Accept-Encoding", header(notModified, "Vary"));
        assertEquals(header(gz, "ETag"), header(notModified, "ETag"));
        // the plain tile's ETag does not validate the gzip one
        assertEquals(200, get(path, "Accept-Encoding", "gzip", "If-None-Match", header(plain, "ETag")).statusCode());
        assertEquals(304, get(path, "If-None-Match", "W/" + header(plain, "ETag")).statusCode());
    }

    @Test
    void byteRangesOfATileAre206WithContentRangeAnd416OutsideIt() throws Exception {
        String path = rashtPath();
        HttpResponse<byte[]> full = get(path);
        byte[] tile = full.body();
        int n = tile.length;
        assertEquals("bytes", header(full, "Accept-Ranges"));

        HttpResponse<byte[]> first = get(path, "Range", "bytes=0-9", "Accept-Encoding", "gzip");
        assertEquals(206, first.statusCode());
        assertEquals("bytes 0-9/" + n, header(first, "Content-Range"));
        assertEquals("10", header(first, "Content-Length"));
        assertEquals(null, header(first, "Content-Encoding"), "ranges are of the tile's own bytes");
        assertArrayEquals(Arrays.copyOfRange(tile, 0, 10), first.body());

        HttpResponse<byte[]> tail = get(path, "Range", "bytes=-7");
        assertEquals(206, tail.statusCode());
        assertEquals("bytes " + (n - 7) + "-" + (n - 1) + "/" + n, header(tail, "Content-Range"));
        assertArrayEquals(Arrays.copyOfRange(tile, n - 7, n), tail.body());

        HttpResponse<byte[]> open = get(path, "Range", "bytes=5-" + (n + 1000));
        assertEquals(206, open.statusCode());
        assertArrayEquals(Arrays.copyOfRange(tile, 5, n), open.body());

        RawHttp.Response outside = RawHttp.send(RawHttp.request("GET", path, "Range: bytes=" + n + "-"));
        assertEquals(416, outside.status(), outside.toString());
        assertEquals("bytes */" + n, outside.header("Content-Range"));
        assertTrue(outside.body().contains("\"range_not_satisfiable\""), outside.body());

        // If-Range with another ETag: the whole, current tile
        HttpResponse<byte[]> stale = get(path, "Range", "bytes=0-9", "If-Range", "\"0123456789abcdef0123456789abcdef\"");
        assertEquals(200, stale.statusCode());
        assertArrayEquals(tile, stale.body());
        assertEquals(206, get(path, "Range", "bytes=0-9", "If-Range", header(full, "ETag")).statusCode());
    }

    @Test
    void gdalReadsTheTileThroughVsicurlByRanges() throws Exception {
        int[] t = rashtTile();
        String url = "/vsicurl/" + TestServer.get().baseUrl() + rashtPath();
        // Without HEAD, GDAL learns the size from the Content-Range of its first ranged GET.
        String info = OgcApiTestAccess.run("ogrinfo", "-ro", "-al", "-so", "--config", "CPL_VSIL_CURL_USE_HEAD", "NO",
                "--config", "GDAL_DISABLE_READDIR_ON_OPEN", "EMPTY_DIR", "-oo", "X=" + t[0], "-oo", "Y=" + t[1],
                "-oo", "Z=" + Z, url);
        Matcher m = Pattern.compile("Feature Count: (\\d+)").matcher(info);
        assertTrue(info.contains("Layer name: parcels") && m.find() && Long.parseLong(m.group(1)) > 0, info);
    }
}
