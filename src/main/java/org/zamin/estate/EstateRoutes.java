package org.zamin.estate;

import io.javalin.http.Context;
import org.zamin.http.ApiException;
import org.zamin.http.GeoJson;

/**
 * {@code GET /api/estates} (a summary: each estate with a point inside it, its bbox and counts;
 * {@code ?boundaries=true} for the boundaries) and {@code GET /api/estates/{code}} (with its boundary).
 */
public final class EstateRoutes {

    private final EstateRepository estates;

    public EstateRoutes(EstateRepository estates) {
        this.estates = estates;
    }

    public void list(Context ctx) {
        GeoJson.send(ctx, estates.listFeatureCollection(boundaries(ctx.queryParam("boundaries"))));
    }

    public void get(Context ctx) {
        String code = ctx.pathParam("code");
        GeoJson.send(ctx, estates.findFeature(code).orElseThrow(() -> ApiException.notFound("estate " + code)));
    }

    private static boolean boundaries(String value) {
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw ApiException.invalidParameter("boundaries", "must be true or false, got '" + value + "'");
    }
}
