package org.zamin.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.zamin.testing.TestServer;

/**
 * HEAD on every route (RFC 9110, 9.3.2): the same status and headers as GET, the length GET's body has, no body.
 * GDAL's /vsicurl/ sizes a file by HEAD; a 200 with length 0 made tiles unreadable and a 404 look present.
 */
class HeadRequestTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Jdbi jdbi = TestServer.get().jdbi();

    @Test
    @DisplayName("/req/core/http (HTTP 1.1, RFC 9110 HEAD): HEAD answers as GET without the body on /ogc, /tiles, /api, static files and errors")
    void req_core_http_headIsGetWithoutTheBody() {
        long plot = jdbi.withHandle(h -> h.createQuery("SELECT min(id) FROM parcel").mapTo(Long.class).one());
        double[] lonLat = jdbi.withHandle(h -> h.createQuery(
                "SELECT ST_X(c), ST_Y(c) FROM (SELECT ST_PointOnSurface(geom) c FROM parcel WHERE id = :id) p")
                .bind("id", plot).map((rs, ctx) -> new double[] {rs.getDouble(1), rs.getDouble(2)}).one());
        int z = 14;
        int x = (int) Math.floor((lonLat[0] + 180) / 360 * (1 << z));
        double lat = Math.toRadians(lonLat[1]);
        int y = (int) Math.floor((1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2 * (1 << z));
        List<String> paths = List.of(
                "/ogc", "/ogc/conformance", "/ogc/collections/parcels/items?limit=5",
                "/ogc/collections/parcels/items/" + plot, "/ogc/collections/parcels/items?limit=3&f=html",
                "/tiles/parcels/" + z + "/" + x + "/" + y + ".mvt",
                "/api/estates", "/api/parcels/" + plot, "/health", "/index.html",
                "/ogc/collections/roads", "/ogc/collections/parcels/items/999999999999", "/api/nothing-here",
                "/api/me", "/ogc?foo=bar");
        for (String path : paths) {
            HttpResponse<byte[]> get = send(path, "GET");
            HttpResponse<byte[]> head = send(path, "HEAD");
            assertEquals(get.statusCode(), head.statusCode(), "status of HEAD " + path);
            assertEquals(get.headers().firstValue("Content-Type"), head.headers().firstValue("Content-Type"),
                    "Content-Type of HEAD " + path);
            for (String name : List.of("ETag", "Cache-Control", "Vary", "Content-Security-Policy")) {
                assertEquals(get.headers().allValues(name), head.headers().allValues(name), name + " of HEAD " + path);
            }
            assertEquals(String.valueOf(get.body().length), head.headers().firstValue("Content-Length").orElse("none"),
                    "Content-Length of HEAD " + path);
            assertEquals(0, head.body().length, "no body for HEAD " + path);
        }
        HttpResponse<byte[]> tile = send(paths.get(5), "HEAD");
        assertEquals(200, tile.statusCode());
        assertTrue(Long.parseLong(tile.headers().firstValue("Content-Length").orElseThrow()) > 0,
                "the tile has bytes: GDAL sizes it by HEAD");
        assertEquals(404, send("/ogc/collections/roads", "HEAD").statusCode());
    }

    private static HttpResponse<byte[]> send(String path, String method) {
        try {
            return CLIENT.send(HttpRequest.newBuilder(URI.create(TestServer.get().baseUrl() + path))
                    .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
