package org.zamin.planning;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an availability search asks for. Distances and radii are geodesic metres, areas m²; {@code areaWkt}
 * is an already validated polygon; {@code limit} is already clamped to {@link #MAX_LIMIT}.
 */
public record AvailabilityQuery(
        Optional<String> areaWkt,
        Optional<Near> near,
        Optional<String> estateCode,
        Optional<String> provinceCode,
        Optional<Double> minAreaM2,
        Optional<Double> maxAreaM2,
        Optional<Long> maxPricePerM2,
        List<String> landUses,
        List<String> utilities,
        Map<String, Double> maxInfraDistanceM,
        boolean contiguous,
        Optional<Double> minBlockAreaM2,
        Sort sort,
        int limit,
        int offset) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;
    /** The largest search radius: a province, not a country. */
    public static final double MAX_RADIUS_M = 500_000;
    /** The infrastructure kinds a distance limit may name, in a fixed order. */
    public static final List<String> INFRA_KINDS = List.of("road", "rail", "power", "gas", "water");

    /** A search centre and radius. */
    public record Near(double lon, double lat, double radiusM) {}

    /** Result order: {@code -area} largest first, {@code area}, {@code distance} (nearest first), {@code price} (per m², cheapest first). */
    public enum Sort {
        AREA_DESC("-area"), AREA("area"), DISTANCE("distance"), PRICE("price");

        public final String param;

        Sort(String param) {
            this.param = param;
        }

        public static Optional<Sort> parse(String text) {
            for (Sort s : values()) {
                if (s.param.equals(text)) {
                    return Optional.of(s);
                }
            }
            return Optional.empty();
        }
    }

    public AvailabilityQuery {
        landUses = List.copyOf(landUses);
        utilities = List.copyOf(utilities);
        maxInfraDistanceM = Map.copyOf(maxInfraDistanceM);
        if (limit < 1 || limit > MAX_LIMIT || offset < 0) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + " and offset >= 0");
        }
    }
}
