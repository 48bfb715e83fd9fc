package org.zamin.ogc;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.zamin.parcel.Vocabulary;

/** The collections this API serves, each with its SQL, title and the property filters it accepts. */
public enum Collection {
    ESTATES("estates", "Industrial estates", "Estate and zone boundaries with their public attributes.",
            "ogc/estates", "text", "createdAt", Map.of("province", v -> Set.of(), "kind", Vocabulary::estateKinds)),
    PARCELS("parcels", "Plots", "Every plot with its public status, area, land use, price and utilities.",
            "ogc/parcels", "bigint", "updatedAt", Map.of("status", Vocabulary::plotStatuses, "estate", v -> Set.of(),
                    "landUse", Vocabulary::landUses)),
    IDLE_REGISTER("idle-register", "Idle register", "Every idle plot: estate, plot, since when, the stage of due "
            + "process, whether the delay is government-caused and the outcome; no personal data of the holder.",
            "ogc/idle_register", "text", "updatedAt", Map.of("stage", v -> Set.of(), "estate", v -> Set.of(),
                    "province", v -> Set.of()));

    public final String id;
    public final String title;
    public final String description;
    /** The collection's query (sql/ogc/*.sql): each matching item's key and row, paged by ogc/items_page. */
    final String sql;
    /** The SQL type of an item's key, which orders the pages: a plot's id, an estate's or an entry's code. */
    final String keyType;
    /** The property the {@code datetime} parameter filters on. */
    public final String temporalProperty;
    /** Filterable properties and their allowed values, from the vocabularies (an empty set: any value). */
    public final Map<String, Function<Vocabulary, Set<String>>> filters;

    Collection(String id, String title, String description, String sql, String keyType, String temporalProperty,
               Map<String, Function<Vocabulary, Set<String>>> filters) {
        this.id = id;
        this.title = title;
        this.description = description;
        this.sql = sql;
        this.keyType = keyType;
        this.temporalProperty = temporalProperty;
        this.filters = filters;
    }

    public static Optional<Collection> find(String id) {
        return List.of(values()).stream().filter(c -> c.id.equals(id)).findFirst();
    }
}
