package org.zamin.tiles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.zamin.ogc.OgcApiTestAccess;
import org.zamin.testing.Http;
import org.zamin.testing.TestEstates;
import org.zamin.testing.TestServer;
import org.zamin.testing.TestUsers;

/**
 * The server's cache of hot tiles: a hold shows on the very next tile (clients revalidate every time and get a 304
 * only while the tile is unchanged), a tile is served from the cache until the map generation moves, and the cache
 * holds no more than its bound.
 */
class TileCacheTest {

    private static final int Z = 16;
    private final Jdbi jdbi = TestServer.get().jdbi();
    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void aHoldShowsOnTheVeryNextTileAndClientsRevalidate() throws Exception {
        TestEstates.Estate e = TestEstates.create(jdbi);
        long plot = e.addParcel(jdbi, "H1", e.rect(10, 10, 90, 90), "AVAILABLE");
        String path = path(e, 50, 50);

        HttpResponse<byte[]> before = get(path);
        assertEquals(200, before.statusCode());
        assertEquals("public, no-cache", before.headers().firstValue("Cache-Control").orElse(null),
                "clients keep the tile but ask again before each use");
        assertEquals("AVAILABLE", decodedStatus(before.body(), plot));
        String etag = before.headers().firstValue("ETag").orElseThrow();
        assertEquals(304, get(path, "If-None-Match", etag).statusCode(), "unchanged: not sent again");

        Http.Response held = Http.post("/api/reservations", body(List.of(plot)), "Authorization",
                TestUsers.investor().bearer(), "Idempotency-Key", UUID.randomUUID().toString());
        assertEquals(201, held.status(), held.body());

        HttpResponse<byte[]> after = get(path, "If-None-Match", etag);
        assertEquals(200, after.statusCode(), "the held plot's tile changed");
        assertNotEquals(etag, after.headers().firstValue("ETag").orElseThrow());
        assertEquals("RESERVED", decodedStatus(after.body(), plot));
    }

    @Test
    void aTileIsServedFromTheCacheUntilTheMapGenerationMoves() throws Exception {
        TestEstates.Estate e = TestEstates.create(jdbi);
        long plot = e.addParcel(jdbi, "G1", e.rect(10, 10, 90, 90), "AVAILABLE");
        String path = path(e, 50, 50);
        byte[] first = get(path).body();

        // A change the triggers do not see (disabled within its own transaction, so no other session misses them):
        // the generation stays, so the cached tile is served.
        TestServer.get().ownerJdbi().useTransaction(h -> {
            h.execute("ALTER TABLE parcel DISABLE TRIGGER parcel_tally_updated");
            h.execute("UPDATE parcel SET status = 'NOT_OFFERED' WHERE id = ?", plot);
            h.execute("ALTER TABLE parcel ENABLE TRIGGER parcel_tally_updated");
        });
        assertArrayEquals(first, get(path).body(), "served from the cache");
        assertEquals("AVAILABLE", decodedStatus(get(path).body(), plot));

        // Any committed change of plots or estates moves the generation: the tile is built again.
        jdbi.useHandle(h -> h.execute("UPDATE estate SET operator = operator WHERE id = ?", e.id()));
        assertEquals("NOT_OFFERED", decodedStatus(get(path).body(), plot));
        jdbi.useHandle(h -> h.execute("UPDATE parcel SET status = 'AVAILABLE' WHERE id = ?", plot));
        assertEquals("AVAILABLE", decodedStatus(get(path).body(), plot));
    }

    @Test
    void theCacheHoldsNoMoreThanItsBound() {
        TestEstates.Estate e = TestEstates.create(jdbi);
        for (int i = 0; i < 6; i++) {
            e.addParcel(jdbi, "B" + i, e.rect(150 * i + 10, 10, 150 * i + 110, 110), "AVAILABLE");
        }
        TileRepository repository = new TileRepository(jdbi);
        int[] t = tile(e, 60, 60);
        int z = Z + 2;
        long oneTile = new TileCache(repository, Long.MAX_VALUE).tile(TileLayer.PARCELS, z, t[0], t[1]).heldBytes();
        assertTrue(oneTile > 0);
        long bound = 3 * (oneTile + 64);
        TileCache cache = new TileCache(repository, bound);
        for (int i = 0; i < 6; i++) {
            int[] ti = tile(e, 150 * i + 60, 60);
            cache.tile(TileLayer.PARCELS, z, ti[0], ti[1]);
        }
        assertTrue(cache.weight() <= bound, cache.weight() + " bytes held, bound " + bound);
        assertTrue(cache.size() >= 1 && cache.size() < 6, cache.size() + " tiles held");
        assertArrayEquals(repository.tile(TileLayer.PARCELS, z, t[0], t[1]),
                cache.tile(TileLayer.PARCELS, z, t[0], t[1]).body(), "an evicted tile is built again");
    }

    /** The status of one plot in an MVT, as GDAL decodes it. */
    private static String decodedStatus(byte[] mvt, long plot) throws Exception {
        Path dir = Files.createTempDirectory("zamin-mvt").resolve("16/1");
        Files.createDirectories(dir);
        Path file = dir.resolve("1.pbf");
        Files.write(file, mvt);
        String info = OgcApiTestAccess.run("ogrinfo", "-ro", "-al", "-where", "id = " + plot, file.toString());
        var m = java.util.regex.Pattern.compile("status \\(String\\) = (\\w+)").matcher(info);
        assertTrue(m.find(), "plot " + plot + " in the tile: " + info);
        String status = m.group(1);
        assertTrue(!m.find(), "one feature for the plot: " + info);
        return status;
    }

    private static int[] tile(TestEstates.Estate e, double xM, double yM) {
        return tile(e, xM, yM, Z + 2);
    }

    private static int[] tile(TestEstates.Estate e, double xM, double yM, int z) {
        double lon = e.lon(xM);
        double lat = Math.toRadians(e.lat(yM));
        int x = (int) Math.floor((lon + 180) / 360 * (1 << z));
        int y = (int) Math.floor((1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2 * (1 << z));
        return new int[] {x, y};
    }

    private static String path(TestEstates.Estate e, double xM, double yM) {
        int[] t = tile(e, xM, yM, Z);
        return "/tiles/parcels/" + Z + "/" + t[0] + "/" + t[1] + ".mvt";
    }

    private HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(Http.uri(path));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static Map<String, Object> body(List<Long> parcels) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("parcelIds", parcels);
        b.put("activity", "1079");
        b.put("investment", 50_000_000_000L);
        b.put("jobs", 40);
        b.put("knowledgeBased", true);
        return b;
    }
}
