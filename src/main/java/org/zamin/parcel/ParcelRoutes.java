package org.zamin.parcel;

import io.javalin.http.Context;
import org.zamin.estate.EstateRepository;
import org.zamin.http.ApiException;
import org.zamin.http.GeoJson;
import org.zamin.http.Params;
import org.zamin.spatial.BoundingBox;

/** {@code GET /api/parcels} and {@code GET /api/parcels/{id}}. */
public final class ParcelRoutes {

    private final ParcelRepository parcels;
    private final EstateRepository estates;
    private final Vocabulary vocabulary;

    public ParcelRoutes(ParcelRepository parcels, EstateRepository estates, Vocabulary vocabulary) {
        this.parcels = parcels;
        this.estates = estates;
        this.vocabulary = vocabulary;
    }

    public void search(Context ctx) {
        ParcelFilter filter = filterFrom(ctx, vocabulary);
        filter.estateCode().ifPresent(code -> {
            if (!estates.exists(code)) {
                throw ApiException.unprocessable("unknown_estate", "no estate with code " + code);
            }
        });
        GeoJson.send(ctx, parcels.search(filter));
    }

    public void get(Context ctx) {
        long id = Params.id(ctx, "id");
        GeoJson.send(ctx, parcels.findFeature(id).orElseThrow(() -> ApiException.notFound("parcel " + id)));
    }

    /** The filter of a plot search from its query parameters (also the plots layer's of the map's tiles). */
    public static ParcelFilter filterFrom(Context ctx, Vocabulary vocabulary) {
        var minArea = Params.number(ctx, "minArea");
        var maxArea = Params.number(ctx, "maxArea");
        if (minArea.isPresent() && maxArea.isPresent() && minArea.get() > maxArea.get()) {
            throw ApiException.invalidParameter("minArea", "must not exceed maxArea");
        }
        int limit = Params.integer(ctx, "limit").orElse(ParcelFilter.DEFAULT_LIMIT);
        if (limit < 1) {
            throw ApiException.invalidParameter("limit", "must be at least 1");
        }
        return new ParcelFilter(
                Params.bbox(ctx, "bbox").orElse(BoundingBox.WORLD),
                Params.text(ctx, "estate"),
                Params.list(ctx, "status", vocabulary.plotStatuses()),
                minArea,
                maxArea,
                Params.list(ctx, "landUse", vocabulary.landUses()),
                Params.list(ctx, "utilities", vocabulary.utilities()),
                Math.min(limit, ParcelFilter.MAX_LIMIT));
    }
}
