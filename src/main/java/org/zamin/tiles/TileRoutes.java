package org.zamin.tiles;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.zamin.http.ApiException;
import org.zamin.http.Representation;
import org.zamin.parcel.ParcelFilter;
import org.zamin.parcel.ParcelRoutes;
import org.zamin.parcel.Vocabulary;

/**
 * {@code GET /tiles/{layer}/{z}/{x}/{y}.mvt}: a vector tile with Cache-Control, a strong ETag per encoding, gzip and
 * byte ranges ({@link Representation}) — unfiltered tiles from the {@link TileCache}, plot tiles filtered by the query
 * parameters of {@code GET /api/parcels} built for the request; {@code GET /tiles/{layer}.json}: the layer's TileJSON
 * 3.0.0.
 */
public final class TileRoutes {

    public static final String MEDIA_TYPE = "application/vnd.mapbox-vector-tile";
    /** TileJSON changes only with the estates' extent. */
    public static final String CACHE_CONTROL = "public, max-age=300";
    /** A tile may change with the next hold: clients keep it but ask again each time (a 304 when unchanged). */
    public static final String TILE_CACHE_CONTROL = "public, no-cache";
    static final int MAX_ZOOM = 22;

    private final TileRepository tiles;
    private final TileCache cache;
    private final Vocabulary vocabulary;

    /** Tiles from a cache of {@link TileCache#DEFAULT_MAX_BYTES}. */
    public TileRoutes(TileRepository tiles, Vocabulary vocabulary) {
        this(tiles, new TileCache(tiles, TileCache.DEFAULT_MAX_BYTES), vocabulary);
    }

    public TileRoutes(TileRepository tiles, TileCache cache, Vocabulary vocabulary) {
        this.tiles = tiles;
        this.cache = cache;
        this.vocabulary = vocabulary;
    }

    public void tile(Context ctx) {
        TileLayer layer = layer(ctx.pathParam("layer"));
        String last = ctx.pathParam("y");
        if (!last.endsWith(".mvt")) {
            throw ApiException.notFound("tile format of " + last + " (only .mvt)");
        }
        int z = coordinate(ctx.pathParam("z"), "z", MAX_ZOOM);
        int max = (1 << z) - 1;
        int x = coordinate(ctx.pathParam("x"), "x", max);
        int y = coordinate(last.substring(0, last.length() - 4), "y", max);
        // the plots layer takes the filter parameters of GET /api/parcels (status, estate, minArea, maxArea, landUse,
        // utilities), checked the same way; the other layers take none. Only unfiltered tiles are cached.
        ParcelFilter filter = layer == TileLayer.PARCELS ? ParcelRoutes.filterFrom(ctx, vocabulary) : ParcelFilter.ANY;
        ctx.header("Cache-Control", TILE_CACHE_CONTROL);
        (unconditional(filter) ? cache.tile(layer, z, x, y)
                : Representation.compressible(tiles.tile(layer, z, x, y, filter), MEDIA_TYPE)).send(ctx);
    }

    /** True when {@code filter} keeps every plot a tile holds (every status ticked counts as no status condition). */
    private boolean unconditional(ParcelFilter filter) {
        return (filter.statuses().isEmpty() || filter.statuses().containsAll(vocabulary.plotStatuses()))
                && filter.estateCode().isEmpty() && filter.minAreaM2().isEmpty() && filter.maxAreaM2().isEmpty()
                && filter.landUses().isEmpty() && filter.utilities().isEmpty();
    }

    /** TileJSON 3.0.0: the URL template, zoom range, bounds, centre and the layer's fields. */
    public void tileJson(Context ctx) {
        TileLayer layer = layer(ctx.pathParam("layer"));
        double[] b = tiles.bounds();
        int centreZoom = Math.max(layer.minZoom,
                Math.min(MAX_ZOOM, (int) Math.floor(Math.log(360 / Math.max(b[2] - b[0], 1e-6)) / Math.log(2))));
        Map<String, Object> vectorLayer = new LinkedHashMap<>();
        vectorLayer.put("id", layer.name);
        vectorLayer.put("description", layer.description);
        vectorLayer.put("minzoom", layer.minZoom);
        vectorLayer.put("maxzoom", MAX_ZOOM);
        vectorLayer.put("fields", layer.fields);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("tilejson", "3.0.0");
        json.put("name", "zamin-" + layer.name);
        json.put("description", layer.description);
        json.put("scheme", "xyz");
        json.put("tiles", List.of(ctx.scheme() + "://" + ctx.host() + "/tiles/" + layer.name + "/{z}/{x}/{y}.mvt"));
        json.put("minzoom", layer.minZoom);
        json.put("maxzoom", MAX_ZOOM);
        json.put("bounds", List.of(b[0], b[1], b[2], b[3]));
        json.put("center", List.of((b[0] + b[2]) / 2, (b[1] + b[3]) / 2, centreZoom));
        json.put("vector_layers", List.of(vectorLayer));
        ctx.header("Cache-Control", CACHE_CONTROL).json(json);
    }

    private static TileLayer layer(String name) {
        return TileLayer.find(name).orElseThrow(() -> ApiException.notFound("tile layer " + name));
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
}
