package org.zamin.tiles;

import java.util.Arrays;
import java.util.Optional;

/** The tile layers: the only identifiers the tile SQL template is ever filled with. */
public enum TileLayer {
    ESTATES("estates", 0, "src.boundary", "estate src JOIN province pr ON pr.id = src.province_id",
            "src.code, src.name, src.name_fa AS \"nameFa\", src.kind, pr.code AS province"),
    PARCELS("parcels", 10, "src.geom", "parcel src JOIN estate e ON e.id = src.estate_id",
            "src.id, src.plot_number AS \"plotNumber\", e.code AS estate, src.status, "
                    + "round(src.area_m2::numeric, 1)::float8 AS \"areaM2\", src.land_use AS \"landUse\"");

    public final String name;
    /** Below this zoom the layer's tiles are empty (a country of plots is not a picture). */
    public final int minZoom;
    final String geom;
    final String from;
    final String columns;

    TileLayer(String name, int minZoom, String geom, String from, String columns) {
        this.name = name;
        this.minZoom = minZoom;
        this.geom = geom;
        this.from = from;
        this.columns = columns;
    }

    public static Optional<TileLayer> find(String name) {
        return Arrays.stream(values()).filter(l -> l.name.equals(name)).findFirst();
    }
}
