package org.zamin.tiles;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The tile layers: the only names and feature queries ({@code sql/tiles/<name>.sql}) the tile template is filled with. */
public enum TileLayer {
    ESTATES("estates", 0, "code", "Industrial estates and zones: boundary, code, names, kind and province",
            fields("code", "String", "name", "String", "nameFa", "String", "kind", "String", "province", "String")),
    PARCELS("parcels", 10, "id", "Plots with their public fields: number, estate, status, area (m²) and land use",
            fields("id", "Number", "plotNumber", "String", "estate", "String", "status", "String", "areaM2", "Number",
                    "landUse", "String"));

    public final String name;
    /** Below this zoom the layer's tiles are empty (a country of plots is not a picture). */
    public final int minZoom;
    /**
     * The column features are put in the tile by: the same rows give the same bytes (and ETag) whatever order the
     * index scan returned them in.
     */
    final String orderBy;
    public final String description;
    /** The attributes of each feature and their TileJSON type ({@code String} or {@code Number}), as the SQL gives them. */
    public final Map<String, String> fields;

    TileLayer(String name, int minZoom, String orderBy, String description, Map<String, String> fields) {
        this.name = name;
        this.minZoom = minZoom;
        this.orderBy = orderBy;
        this.description = description;
        this.fields = fields;
    }

    /** The resource of this layer's feature query, {@code tiles/<name>}. */
    String sqlResource() {
        return "tiles/" + name;
    }

    public static Optional<TileLayer> find(String name) {
        return Arrays.stream(values()).filter(l -> l.name.equals(name)).findFirst();
    }

    private static Map<String, String> fields(String... nameType) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < nameType.length; i += 2) {
            m.put(nameType[i], nameType[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
