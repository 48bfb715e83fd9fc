package org.zamin.parcel;

import java.util.List;
import java.util.Optional;
import org.zamin.spatial.BoundingBox;

/**
 * What a parcel search asks for. Empty lists and absent bounds mean "any"; {@code limit} is already
 * clamped to {@link #MAX_LIMIT}; the page starts after the plot id {@code after} (keyset paging) when given.
 */
public record ParcelFilter(
        BoundingBox bbox,
        Optional<String> estateCode,
        List<String> statuses,
        Optional<Double> minAreaM2,
        Optional<Double> maxAreaM2,
        List<String> landUses,
        List<String> utilities,
        int limit,
        Optional<Long> after) {

    public static final int DEFAULT_LIMIT = 1000;
    public static final int MAX_LIMIT = 10_000;
    /** Every plot: no bounds, no condition. */
    public static final ParcelFilter ANY = new ParcelFilter(BoundingBox.WORLD, Optional.empty(), List.of(),
            Optional.empty(), Optional.empty(), List.of(), List.of(), DEFAULT_LIMIT, Optional.empty());

    public ParcelFilter {
        statuses = List.copyOf(statuses);
        landUses = List.copyOf(landUses);
        utilities = List.copyOf(utilities);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT);
        }
    }
}
