package org.zamin.estate;

import io.javalin.http.Context;
import org.zamin.http.ApiException;
import org.zamin.http.GeoJson;

/** {@code GET /api/estates} and {@code GET /api/estates/{code}}. */
public final class EstateRoutes {

    /** What an estate code looks like (the database's own CHECK); anything else is no estate. */
    private static final String CODE = "[A-Z0-9][A-Z0-9-]{1,31}";

    private final EstateRepository estates;

    public EstateRoutes(EstateRepository estates) {
        this.estates = estates;
    }

    public void list(Context ctx) {
        GeoJson.send(ctx, estates.listFeatureCollection());
    }

    public void get(Context ctx) {
        String code = ctx.pathParam("code");
        if (!code.matches(CODE)) {
            throw ApiException.notFound("estate " + code);
        }
        GeoJson.send(ctx, estates.findFeature(code).orElseThrow(() -> ApiException.notFound("estate " + code)));
    }
}
