package org.zamin.tiles;

import java.util.EnumMap;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.zamin.db.SqlResource;
import org.zamin.parcel.ParcelFilter;

/** Builds tiles: the SQL template filled once per layer at start, then one bound query per tile. */
public final class TileRepository {

    /** Half the width of the Web Mercator square, in metres. */
    static final double MERCATOR_HALF_M = 20_037_508.342789244;
    /** From this zoom up, geometry is not simplified. */
    static final int SIMPLIFY_BELOW_ZOOM = 14;

    private static final String BOUNDS = SqlResource.load("tiles/bounds");
    private static final String GENERATION = SqlResource.load("tiles/generation");

    private final Map<TileLayer, String> sql = new EnumMap<>(TileLayer.class);
    private final Jdbi jdbi;

    public TileRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
        String template = SqlResource.load("tiles/tile");
        for (TileLayer layer : TileLayer.values()) {
            sql.put(layer, template.replace("${features}", SqlResource.load(layer.sqlResource()).strip())
                    .replace("${layer}", layer.name).replace("${order}", layer.orderBy));
        }
    }

    /** The SQL of one layer's tiles (for the benchmark and for reading). */
    public String sql(TileLayer layer) {
        return sql.get(layer);
    }

    /** West, south, east and north of all estates in degrees; the whole Web Mercator square when there are none. */
    public double[] bounds() {
        return jdbi.withHandle(h -> h.createQuery(BOUNDS).map((rs, ctx) -> rs.getObject("west") == null
                ? new double[] {-180, -85.0511287798066, 180, 85.0511287798066}
                : new double[] {rs.getDouble("west"), rs.getDouble("south"), rs.getDouble("east"),
                        rs.getDouble("north")}).one());
    }

    /** A tile and the map generation read just before it was built. */
    record Versioned(long generation, byte[] bytes) {
    }

    /** The map generation: the number of committed statements that changed plots or estates (R__parcel_tally.sql). */
    public long generation() {
        return jdbi.withHandle(h -> h.createQuery(GENERATION).mapTo(Long.class).one());
    }

    /**
     * The tile and the generation read before building it, on the same connection: both come from the same server
     * even when reads fall back from a replica to the primary or back, so the tile is never older than its generation.
     */
    Versioned versionedTile(TileLayer layer, int z, int x, int y) {
        return jdbi.withHandle(h -> {
            long generation = h.createQuery(GENERATION).mapTo(Long.class).one();
            byte[] bytes = z < layer.minZoom ? null
                    : query(h, layer, z, x, y, ParcelFilter.ANY).mapTo(byte[].class).findOne().orElse(null);
            return new Versioned(generation, bytes == null ? new byte[0] : bytes);
        });
    }

    /** One pixel of zoom {@code z} in metres below {@link #SIMPLIFY_BELOW_ZOOM}, else 0. */
    public static double tolerance(int z) {
        return z < SIMPLIFY_BELOW_ZOOM ? 2 * MERCATOR_HALF_M / (1L << z) / 4096 : 0;
    }

    /** The tile's MVT bytes (empty when nothing is in it), every plot in it. */
    public byte[] tile(TileLayer layer, int z, int x, int y) {
        return tile(layer, z, x, y, ParcelFilter.ANY);
    }

    /**
     * The tile's MVT bytes (empty when nothing is in it); the plots layer holds only the plots {@code filter} lets
     * through (its bounding box and limit are not used: the tile is the box, and a tile holds all it matches).
     */
    public byte[] tile(TileLayer layer, int z, int x, int y, ParcelFilter filter) {
        if (z < layer.minZoom) {
            return new byte[0];
        }
        byte[] bytes = jdbi.withHandle(h -> query(h, layer, z, x, y, filter).mapTo(byte[].class).findOne()
                .orElse(null));
        return bytes == null ? new byte[0] : bytes;
    }

    /** The layer's tile query with every value bound (the plots layer's filter too). */
    private org.jdbi.v3.core.statement.Query query(org.jdbi.v3.core.Handle h, TileLayer layer, int z, int x, int y,
            ParcelFilter filter) {
        var query = h.createQuery(sql.get(layer))
                .bind("z", z).bind("x", x).bind("y", y).bind("tolerance", tolerance(z));
        if (layer == TileLayer.PARCELS) {
            query.bind("estate", filter.estateCode().orElse(null))
                    .bindArray("statuses", String.class, filter.statuses())
                    .bind("minArea", filter.minAreaM2().orElse(null))
                    .bind("maxArea", filter.maxAreaM2().orElse(null))
                    .bindArray("landUses", String.class, filter.landUses())
                    .bindArray("utilities", String.class, filter.utilities());
        }
        return query;
    }
}
