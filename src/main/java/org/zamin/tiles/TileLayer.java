package org.zamin.tiles;

import java.util.Arrays;
import java.util.Optional;

/** The tile layers: the only names and feature queries ({@code sql/tiles/<name>.sql}) the tile template is filled with. */
public enum TileLayer {
    ESTATES("estates", 0),
    PARCELS("parcels", 10);

    public final String name;
    /** Below this zoom the layer's tiles are empty (a country of plots is not a picture). */
    public final int minZoom;

    TileLayer(String name, int minZoom) {
        this.name = name;
        this.minZoom = minZoom;
    }

    /** The resource of this layer's feature query, {@code tiles/<name>}. */
    String sqlResource() {
        return "tiles/" + name;
    }

    public static Optional<TileLayer> find(String name) {
        return Arrays.stream(values()).filter(l -> l.name.equals(name)).findFirst();
    }
}
