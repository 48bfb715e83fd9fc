package org.zamin.infrastructure;

import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.zamin.db.SqlResource;
import org.zamin.spatial.BoundingBox;

/** Infrastructure lines (roads, rail, power, gas, water) as GeoJSON. */
public final class InfrastructureRepository {

    public static final java.util.Set<String> KINDS = java.util.Set.of("road", "rail", "power", "gas", "water");
    private static final String SEARCH = SqlResource.load("infrastructure/search");

    private final Jdbi jdbi;

    public InfrastructureRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Lines crossing the box, of the given kinds (all when empty), as a FeatureCollection. */
    public String search(BoundingBox bbox, List<String> kinds, int limit) {
        return jdbi.withHandle(h -> h.createQuery(SEARCH)
                .bind("minLon", bbox.minLon())
                .bind("minLat", bbox.minLat())
                .bind("maxLon", bbox.maxLon())
                .bind("maxLat", bbox.maxLat())
                .bindArray("kinds", String.class, kinds)
                .bind("limit", limit)
                .mapTo(String.class)
                .one());
    }
}
