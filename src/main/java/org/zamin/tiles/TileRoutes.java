package org.zamin.tiles;

import io.javalin.http.Context;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.zamin.http.ApiException;

/** {@code GET /tiles/{layer}/{z}/{x}/{y}.mvt}: a vector tile with Cache-Control and a content ETag (304 on a match). */
public final class TileRoutes {

    public static final String MEDIA_TYPE = "application/vnd.mapbox-vector-tile";
    public static final String CACHE_CONTROL = "public, max-age=300";
    static final int MAX_ZOOM = 22;

    private final TileRepository tiles;

    public TileRoutes(TileRepository tiles) {
        this.tiles = tiles;
    }

    public void tile(Context ctx) {
        String layerName = ctx.pathParam("layer");
        TileLayer layer = TileLayer.find(layerName).orElseThrow(() -> ApiException.notFound("tile layer " + layerName));
        String last = ctx.pathParam("y");
        if (!last.endsWith(".mvt")) {
            throw ApiException.notFound("tile format of " + last + " (only .mvt)");
        }
        int z = coordinate(ctx.pathParam("z"), "z", MAX_ZOOM);
        int max = (1 << z) - 1;
        int x = coordinate(ctx.pathParam("x"), "x", max);
        int y = coordinate(last.substring(0, last.length() - 4), "y", max);
        byte[] mvt = tiles.tile(layer, z, x, y);
        String etag = "\"" + digest(mvt) + "\"";
        ctx.header("Cache-Control", CACHE_CONTROL).header("ETag", etag);
        if (etag.equals(ctx.header("If-None-Match"))) {
            ctx.status(304);
            return;
        }
        ctx.contentType(MEDIA_TYPE).result(mvt);
    }

    private static int coordinate(String text, String name, int max) {
        try {
            int v = Integer.parseInt(text);
            if (v >= 0 && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.invalidParameter(name, "must be a whole number from 0 to " + max + ", got '" + text + "'");
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
