package org.zamin.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.zamin.config.Settings;
import org.zamin.db.EmbeddedPostgres;
import org.zamin.io.FileFormat;
import org.zamin.testing.TestServer;

/**
 * Issue 17, part 5: exports of the whole country from {@code zamin serve} in a JVM of its own with a small heap
 * ({@link #HEAP}) over tens of thousands of generated plots. Every format is answered in full (the export used to
 * hold every row, the file and its gzip in memory and answered 500 {@code OutOfMemoryError}), GDAL reads each, and
 * the streamed bytes are the same as the ones written to a file. Then memory is exhausted on purpose in the middle of
 * an export (a plot whose utilities are millions of entries, larger than the heap): the answer is cut, never a
 * complete-looking file, and every request after it answers correctly (a pooled connection used to be handed back in
 * the middle of a result, and the next request on it read the export's rows).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExportMemoryTest {

    private static final String DB = "zamin_export_memory";
    private static final String HEAP = "64m";
    private static final int PLOTS = 30_000;
    private static final Path DIR = ServerProcess.ROOT.resolve("export-memory");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ServerProcess server;
    private static Jdbi superuser;
    private static long plots;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    static void generatedCountryAndASmallHeap() throws Exception {
        EmbeddedPostgres pg = TestServer.get().postgres();
        Jdbi.create(pg.jdbcUrl("postgres"), pg.user(), pg.password())
                .useHandle(h -> h.execute("DROP DATABASE IF EXISTS " + DB + " WITH (FORCE)"));
        pg.ensureDatabase(DB);
        String at = "@127.0.0.1:" + pg.port() + "/" + DB;
        Map<String, String> env = Map.of(
                "ZAMIN_DATA_DIR", DIR.toString(),
                "ZAMIN_DEMO", "false",
                "DATABASE_URL", "postgresql://" + pg.appUser() + ":" + pg.appPassword() + at,
                "DATABASE_OWNER_URL", "postgresql://" + pg.user() + ":" + pg.password() + at);
        ServerProcess.deleteTree(DIR);
        Files.createDirectories(DIR);
        ZaminCommand.Generate.generate(Settings.fromEnvironment(env), 40, PLOTS, 17, System.out);
        superuser = Jdbi.create(pg.jdbcUrl(DB), pg.user(), pg.password());
        plots = superuser.withHandle(h -> h.createQuery("SELECT count(*) FROM parcel").mapTo(Long.class).one());
        server = ServerProcess.start(DIR, "export-memory", HEAP, env);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null && server.process().isAlive()) {
            server.kill();
        }
        ServerProcess.deleteTree(DIR);
    }

    private HttpResponse<Path> download(String query, Path to, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.base() + "/api/exports/parcels?" + query))
                .timeout(Duration.ofMinutes(3));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofFile(to));
    }

    private static String ogrinfo(String path) throws Exception {
        Process p = new ProcessBuilder("ogrinfo", "-ro", "-al", "-so", path).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    private static long featureCount(String ogrinfo) {
        Matcher m = Pattern.compile("Feature Count: (\\d+)").matcher(ogrinfo);
        assertTrue(m.find(), ogrinfo);
        return Long.parseLong(m.group(1));
    }

    @Test
    @Order(1)
    void everyFormatOfTheWholeCountryIsAnsweredInFullWithASmallHeapAndGdalReadsIt() throws Exception {
        assertTrue(plots >= PLOTS, plots + " plots");
        for (FileFormat format : FileFormat.values()) {
            Path file = DIR.resolve("country" + format.extension());
            HttpResponse<Path> r = download("format=" + format.label(), file);
            assertEquals(200, r.statusCode(), format + ": " + (r.statusCode() == 200 ? "" : Files.readString(file)));
            String path = format == FileFormat.SHP ? "/vsizip/" + file + "/parcels.shp" : file.toString();
            assertEquals(plots, featureCount(ogrinfo(path)), format.label());
            assertNextRequestsAnswer();
        }
        assertTrue(server.process().isAlive());
    }

    /** The streamed text and FlatGeobuf (chunked, no ETag) are the very bytes of the file a Range request is cut from. */
    @Test
    @Order(2)
    void theStreamedBytesAreTheFilesBytesAndGzipOnTheFlyUnpacksToThem() throws Exception {
        for (FileFormat format : List.of(FileFormat.GEOJSON, FileFormat.CSV, FileFormat.FGB)) {
            Path streamed = DIR.resolve("streamed" + format.extension());
            HttpResponse<Path> s = download("format=" + format.label(), streamed);
            assertEquals(200, s.statusCode());
            assertTrue(s.headers().firstValue("ETag").isEmpty(), "a streamed answer has no ETag");
            assertTrue(Files.size(streamed) > 1 << 20, "large enough to be streamed: " + Files.size(streamed));

            Path whole = DIR.resolve("whole" + format.extension());
            HttpResponse<Path> w = download("format=" + format.label(), whole, "Range", "bytes=0-");
            assertEquals(206, w.statusCode());
            assertTrue(w.headers().firstValue("ETag").isPresent());
            assertEquals(Files.size(whole), Files.size(streamed), format.label());
            assertEquals(-1L, Files.mismatch(whole, streamed), format.label() + ": the same bytes");
            Files.delete(whole);

            if (format.compressible()) {
                Path gz = DIR.resolve("streamed" + format.extension() + ".gz");
                HttpResponse<Path> g = download("format=" + format.label(), gz, "Accept-Encoding", "gzip");
                assertEquals("gzip", g.headers().firstValue("Content-Encoding").orElse(null));
                try (InputStream in = new GZIPInputStream(Files.newInputStream(gz));
                        InputStream plain = Files.newInputStream(streamed)) {
                    assertArrayEquals(plain.readAllBytes(), in.readAllBytes(), format.label());
                }
                Files.delete(gz);
            }
            Files.delete(streamed);
        }
    }

    @Test
    @Order(3)
    void memoryExhaustedInTheMiddleOfAnExportCutsItAndLeavesEveryConnectionAndThreadFit() throws Exception {
        // the last plot in the export's order gets utilities larger than the server's whole heap
        superuser.useHandle(h -> {
            h.execute("SET session_replication_role = replica"); // no trigger: the row is made unreadable on purpose
            h.execute("UPDATE parcel SET utilities = array_fill('wastewater'::text, ARRAY[3000000]) WHERE id = "
                    + "(SELECT id FROM parcel_public ORDER BY estate DESC, plot_number DESC LIMIT 1)");
        });
        try {
            for (String format : List.of("geojson", "gpkg", "csv", "fgb", "shp", "geojson")) {
                Path file = DIR.resolve("broken." + format);
                try {
                    HttpResponse<Path> r = download("format=" + format, file);
                    // not started yet when it failed: a JSON error, never a 200
                    assertEquals(500, r.statusCode(), format + " answered " + r.statusCode());
                    JsonNode error = JSON.readTree(Files.readString(file));
                    assertEquals("internal_error", error.path("code").asText(), error.toString());
                } catch (IOException cut) {
                    // started: the body was cut, so no client takes it for the whole file
                }
                assertNextRequestsAnswer();
            }
            assertTrue(server.process().isAlive(), server.logText());
            assertTrue(server.logText().contains("OutOfMemoryError") || server.logText().contains("out of memory"),
                    "the memory really ran out: " + server.logText());
        } finally {
            superuser.useHandle(h -> h.execute("UPDATE parcel SET utilities = '{}' WHERE cardinality(utilities) > 5"));
        }
        // and the country is exported in full again
        Path file = DIR.resolve("after.geojson");
        assertEquals(200, download("format=geojson", file).statusCode());
        assertEquals(plots, featureCount(ogrinfo(file.toString())));
    }

    /**
     * Requests of every pooled connection's kind answer as they should: more of them than the pool has connections,
     * each with a result of one row or of several, so that none reads what another statement left behind.
     */
    private void assertNextRequestsAnswer() throws Exception {
        String estate = superuser.withHandle(h -> h.createQuery("SELECT code FROM estate ORDER BY code LIMIT 1")
                .mapTo(String.class).one());
        long inEstate = superuser.withHandle(h -> h.createQuery("SELECT count(*) FROM parcel p JOIN estate e "
                + "ON e.id = p.estate_id WHERE e.code = :c").bind("c", estate).mapTo(Long.class).one());
        long id = superuser.withHandle(h -> h.createQuery("SELECT min(id) FROM parcel").mapTo(Long.class).one());
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            HttpResponse<String> one = get("/api/parcels/" + id);
            if (one.statusCode() != 200 || JSON.readTree(one.body()).path("id").asLong() != id) {
                failures.add("plot " + id + ": " + one.statusCode() + " " + one.body());
            }
            HttpResponse<String> many = get("/api/parcels?estate=" + estate + "&limit=50");
            if (many.statusCode() != 200 || JSON.readTree(many.body()).path("features").size() != Math.min(50, inEstate)) {
                failures.add("estate " + estate + ": " + many.statusCode() + " "
                        + many.body().substring(0, Math.min(300, many.body().length())));
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " requests answered wrongly after the export, first: " + failures.get(0));
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(server.base() + path)).timeout(Duration.ofSeconds(60))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
