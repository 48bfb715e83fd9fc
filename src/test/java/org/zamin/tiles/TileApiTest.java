package org.zamin.tiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.zamin.testing.Http.assertError;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.zamin.testing.Http;
import org.zamin.testing.TestServer;

/** Vector tiles: caching headers, 304 on a matching ETag, and GDAL's MVT driver decoding a parcels tile. */
class TileApiTest {

    private final Jdbi jdbi = TestServer.get().jdbi();

    @Test
    void parcelsTileDecodesWithGdalAndHoldsThePlotsOfItsArea() throws Exception {
        int z = 15;
        // The tile holding the centre of the Rasht estate.
        double[] c = jdbi.withHandle(h -> h.createQuery(
                "SELECT ARRAY[ST_X(ST_Centroid(boundary)), ST_Y(ST_Centroid(boundary))] FROM estate WHERE code = 'GIL-RASHT'")
                .mapTo(double[].class).one());
        int x = (int) Math.floor((c[0] + 180) / 360 * (1 << z));
        double latRad = Math.toRadians(c[1]);
        int y = (int) Math.floor((1 - Math.log(Math.tan(latRad) + 1 / Math.cos(latRad)) / Math.PI) / 2 * (1 << z));
        String path = "/tiles/parcels/" + z + "/" + x + "/" + y + ".mvt";
        var response = Http.uri(path);
        HttpResponse<byte[]> r = java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(response).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        assertEquals(TileRoutes.MEDIA_TYPE, r.headers().firstValue("Content-Type").orElse(""));
        assertEquals(TileRoutes.TILE_CACHE_CONTROL, r.headers().firstValue("Cache-Control").orElse(""));
        String etag = r.headers().firstValue("ETag").orElseThrow();
        assertTrue(r.body().length > 0);

        HttpResponse<byte[]> again = java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(response)
                .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(304, again.statusCode());

        Path dir = Files.createTempDirectory("zamin-mvt").resolve(z + "/" + x);
        Files.createDirectories(dir);
        Path file = dir.resolve(y + ".pbf");
        Files.write(file, r.body());
        String info = org.zamin.ogc.OgcApiTestAccess.run("ogrinfo", "-ro", "-al", "-so", file.toString());
        Matcher m = Pattern.compile("Feature Count: (\\d+)").matcher(info);
        assertTrue(info.contains("parcels") && m.find(), info);
        long decoded = Long.parseLong(m.group(1));
        String envelope = "ST_Transform(ST_TileEnvelope(" + z + "," + x + "," + y + "), 4326)";
        long inside = count("SELECT count(*) FROM parcel WHERE ST_Intersects(geom, " + envelope + ")");
        long withMargin = count("SELECT count(*) FROM parcel WHERE ST_Intersects(geom, ST_Transform(ST_TileEnvelope("
                + z + "," + x + "," + y + ", margin => 64.0/4096), 4326))");
        assertTrue(inside > 0 && decoded >= inside && decoded <= withMargin,
                "decoded " + decoded + ", plots in the tile " + inside + ", with its buffer " + withMargin);
        String fields = org.zamin.ogc.OgcApiTestAccess.run("ogrinfo", "-ro", "-al", "-q", file.toString());
        assertTrue(fields.contains("status") && fields.contains("plotNumber"), fields);
    }

    @Test
    void lowZoomTilesAreSimplifiedAndEstatesServed() {
        assertTrue(TileRepository.tolerance(5) > TileRepository.tolerance(12));
        assertEquals(0, TileRepository.tolerance(14));
        Http.Response estates = Http.get("/tiles/estates/6/40/24.mvt");
        assertEquals(200, estates.status());
        assertTrue(estates.body().length() > 0, "the Gilan estates are in this tile");
        assertEquals(0, Http.get("/tiles/parcels/6/40/24.mvt").body().length(), "no plots below their minimum zoom");
    }

    @Test
    void theMapsFilterIsAppliedInTheTileQuery() throws Exception {
        String tile = rashtTile(15);
        String all = decoded(tile, "");
        String available = decoded(tile, "?status=AVAILABLE");
        String allStatuses = statuses(all);
        String availableStatuses = statuses(available);
        assertTrue(allStatuses.contains("AVAILABLE") && allStatuses.replace("AVAILABLE", "").matches(".*[A-Z].*"),
                "the unfiltered tile holds available and other plots: " + allStatuses);
        assertTrue(!availableStatuses.isEmpty() && availableStatuses.replace("AVAILABLE", "").isBlank(),
                "the filtered tile holds only available plots: " + availableStatuses);
        String big = decoded(tile, "?minArea=1000000000");
        assertEquals("", statuses(big), "no plot is a thousand square kilometres");
        assertError(Http.get(tile + "?status=SOLD_OUT"), 400, "invalid_parameter", "status");
        assertError(Http.get(tile + "?minArea=9&maxArea=1"), 400, "invalid_parameter", "minArea");
    }

    @Test
    void estatesArePointsBelowZoomTenAndOutlinesFromIt() throws Exception {
        assertTrue(decoded("/tiles/estates/6/40/24.mvt", "").contains("POINT ("), "an estate is a point at zoom 6");
        String outlines = decoded(rashtTile(12).replace("/parcels/", "/estates/"), "");
        assertTrue(outlines.contains("POLYGON") && !outlines.contains("POINT ("), "outlines at zoom 12");
    }

    /** The path of the zoom-z plots tile holding the centre of the Rasht estate. */
    private String rashtTile(int z) {
        double[] c = jdbi.withHandle(h -> h.createQuery(
                "SELECT ARRAY[ST_X(ST_Centroid(boundary)), ST_Y(ST_Centroid(boundary))] FROM estate WHERE code = 'GIL-RASHT'")
                .mapTo(double[].class).one());
        int x = (int) Math.floor((c[0] + 180) / 360 * (1 << z));
        double latRad = Math.toRadians(c[1]);
        int y = (int) Math.floor((1 - Math.log(Math.tan(latRad) + 1 / Math.cos(latRad)) / Math.PI) / 2 * (1 << z));
        return "/tiles/parcels/" + z + "/" + x + "/" + y + ".mvt";
    }

    /** The tile's features as GDAL's ogrinfo lists them. */
    private static String decoded(String path, String query) throws Exception {
        HttpResponse<byte[]> r = java.net.http.HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(Http.uri(path + query)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode(), path + query);
        if (r.body().length == 0) {
            return "";
        }
        String[] parts = path.split("/");
        Path dir = Files.createTempDirectory("zamin-mvt").resolve(parts[3] + "/" + parts[4]);
        Files.createDirectories(dir);
        Path file = dir.resolve(parts[5].replace(".mvt", ".pbf"));
        Files.write(file, r.body());
        return org.zamin.ogc.OgcApiTestAccess.run("ogrinfo", "-ro", "-al", file.toString());
    }

    /** The status of each plot in ogrinfo's listing, space-separated. */
    private static String statuses(String listing) {
        StringBuilder out = new StringBuilder();
        Matcher m = Pattern.compile("status \\(String\\) = (\\w+)").matcher(listing);
        while (m.find()) {
            out.append(m.group(1)).append(' ');
        }
        return out.toString().strip();
    }

    @Test
    void badTileAddressesAreRefused() {
        assertError(Http.get("/tiles/roads/1/0/0.mvt"), 404, "not_found", "roads");
        assertError(Http.get("/tiles/parcels/3/8/0.mvt"), 400, "invalid_parameter", "x");
        assertError(Http.get("/tiles/parcels/23/0/0.mvt"), 400, "invalid_parameter", "z");
        assertError(Http.get("/tiles/parcels/3/0/0.png"), 404, "not_found", "mvt");
    }

    private long count(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }
}
