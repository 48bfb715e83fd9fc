package org.zamin.parcel;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.zamin.estate.EstateRepository;
import org.zamin.http.ApiException;
import org.zamin.http.GeoJson;
import org.zamin.http.PageCursor;
import org.zamin.http.Params;
import org.zamin.spatial.BoundingBox;

/** {@code GET /api/parcels} and {@code GET /api/parcels/{id}}. */
public final class ParcelRoutes {

    /** The list a {@code cursor} of {@code /api/parcels} belongs to. */
    private static final String CURSOR_SCOPE = "plots";
    private static final ObjectMapper JSON = new ObjectMapper();

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
        ParcelRepository.Page page = parcels.search(filter);
        String collection = page.collection();
        if (page.nextAfter().isPresent()) {
            String next = nextLink(ctx, PageCursor.after(CURSOR_SCOPE, String.valueOf(page.nextAfter().get())));
            collection = collection.substring(0, collection.length() - 1)
                    + ", \"links\": [" + JSON.createObjectNode().put("href", next).put("rel", "next")
                            .put("type", GeoJson.MEDIA_TYPE) + "]}";
        }
        GeoJson.send(ctx, collection);
    }

    /** This request's URL with {@code cursor} set to {@code cursor}. */
    private static String nextLink(Context ctx, String cursor) {
        StringBuilder q = new StringBuilder(ctx.path()).append('?');
        ctx.queryParamMap().forEach((name, values) -> {
            if (!name.equals("cursor")) {
                for (String v : values) {
                    q.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                            .append(URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&');
                }
            }
        });
        return q.append("cursor=").append(cursor).toString();
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
                Math.min(limit, ParcelFilter.MAX_LIMIT),
                PageCursor.idKey(ctx.queryParam("cursor"), CURSOR_SCOPE));
    }
}
