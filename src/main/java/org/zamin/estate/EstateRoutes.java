package org.zamin.estate;

import io.javalin.http.Context;
import org.zamin.http.ApiException;
import org.zamin.http.GeoJson;

/** {@code GET /api/estates} and {@code GET /api/estates/{code}}. */
public final class EstateRoutes {

    private final EstateRepository estates;

    public EstateRoutes(EstateRepository estates) {
        this.estates = estates;
    }

    public void list(Context ctx) {
        GeoJson.send(ctx, estates.listFeatureCollection());
    }

    public void get(Context ctx) {
        String code = ctx.pathParam("code");
        GeoJson.send(ctx, estates.findFeature(code).orElseThrow(() -> ApiException.notFound("estate " + code)));
    }
}
