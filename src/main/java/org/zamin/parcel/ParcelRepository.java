package org.zamin.parcel;

import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.zamin.db.SqlResource;

/** Parcel queries. GeoJSON is assembled by PostGIS itself, so a page of plots costs one round trip. */
public final class ParcelRepository {

    private static final String SEARCH = SqlResource.load("parcel/search");
    private static final String FEATURE = SqlResource.load("parcel/feature");

    private final Jdbi jdbi;

    public ParcelRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * A page of matching plots: a GeoJSON FeatureCollection (with {@code numberMatched} and {@code countsByStatus}
     * on the first page) without its links, and the id the next page starts after when more plots follow.
     */
    public record Page(String collection, Optional<Long> nextAfter) {}

    public Page search(ParcelFilter f) {
        return jdbi.withHandle(h -> h.createQuery(SEARCH)
                .bind("minLon", f.bbox().minLon())
                .bind("minLat", f.bbox().minLat())
                .bind("maxLon", f.bbox().maxLon())
                .bind("maxLat", f.bbox().maxLat())
                .bind("estate", f.estateCode().orElse(null))
                .bindArray("statuses", String.class, f.statuses())
                .bind("minArea", f.minAreaM2().orElse(null))
                .bind("maxArea", f.maxAreaM2().orElse(null))
                .bindArray("landUses", String.class, f.landUses())
                .bindArray("utilities", String.class, f.utilities())
                .bind("limit", f.limit())
                .bind("after", f.after().orElse(null))
                .map((rs, c) -> {
                    String head = rs.getString("head");
                    long next = rs.getLong("next_after");
                    Optional<Long> nextAfter = rs.wasNull() ? Optional.empty() : Optional.of(next);
                    // head is a JSON object of the collection's other members: the features go in before its brace
                    String collection = head.substring(0, head.length() - 1) + ", \"features\": "
                            + rs.getString("features") + "}";
                    return new Page(collection, nextAfter);
                })
                .one());
    }

    /** One plot as a GeoJSON Feature. */
    public Optional<String> findFeature(long id) {
        return jdbi.withHandle(h -> h.createQuery(FEATURE).bind("id", id).mapTo(String.class).findOne());
    }
}
