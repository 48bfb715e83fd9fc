package org.zamin.estate;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.zamin.db.SqlResource;

/** Estate queries: each estate as a GeoJSON Feature with its boundary, utilities and plot counts by status. */
public final class EstateRepository {

    private static final String FEATURES = SqlResource.load("estate/features");
    private static final String EXISTS = SqlResource.load("estate/exists");

    private final Jdbi jdbi;

    public EstateRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * Every estate as a GeoJSON FeatureCollection, ordered by code: with its boundary, or (a summary) with a point
     * inside it.
     */
    public String listFeatureCollection(boolean boundaries) {
        List<String> features = jdbi.withHandle(h -> h.createQuery(FEATURES)
                .bind("code", (String) null).bind("boundaries", boundaries).mapTo(String.class).list());
        return "{\"type\":\"FeatureCollection\",\"numberReturned\":" + features.size() + ",\"features\":["
                + String.join(",", features) + "]}";
    }

    /** One estate as a GeoJSON Feature with its boundary. */
    public Optional<String> findFeature(String code) {
        return jdbi.withHandle(h -> h.createQuery(FEATURES).bind("code", code).bind("boundaries", true)
                .mapTo(String.class).findOne());
    }

    /** Whether an estate with this code exists. */
    public boolean exists(String code) {
        return jdbi.withHandle(h -> h.createQuery(EXISTS).bind("code", code).mapTo(Boolean.class).one());
    }
}
