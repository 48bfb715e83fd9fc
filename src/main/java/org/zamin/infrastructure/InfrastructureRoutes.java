package org.zamin.infrastructure;

import io.javalin.http.Context;
import org.zamin.http.GeoJson;
import org.zamin.http.Params;
import org.zamin.spatial.BoundingBox;

/** {@code GET /api/infrastructure?bbox=&kind=}: the roads and utility lines the map draws without a base map. */
public final class InfrastructureRoutes {

    private static final int MAX_LIMIT = 10_000;

    private final InfrastructureRepository lines;

    public InfrastructureRoutes(InfrastructureRepository lines) {
        this.lines = lines;
    }

    public void search(Context ctx) {
        GeoJson.send(ctx, lines.search(
                Params.bbox(ctx, "bbox").orElse(BoundingBox.WORLD),
                Params.list(ctx, "kind", InfrastructureRepository.KINDS),
                Math.max(1, Math.min(Params.integer(ctx, "limit").orElse(MAX_LIMIT), MAX_LIMIT))));
    }
}
