package org.zamin.ogc;

import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.zamin.db.SqlResource;
import org.zamin.ogc.crs.Crs;
import org.zamin.ogc.cql2.SqlFilter;
import org.zamin.spatial.BoundingBox;

/** The OGC API's queries: a page of one collection's items, and the collections' extents. */
public final class OgcRepository {

    private static final String EXTENT = SqlResource.load("ogc/extent");
    /** The page shape every collection shares, around the collection's own query. */
    private static final String ITEMS_PAGE = SqlResource.load("ogc/items_page");
    /** Where an items query takes a CQL2 filter's condition (and a bbox given in another CRS). */
    private static final String FILTER = "/*filter*/ TRUE";
    private final Map<Collection, String> items = new EnumMap<>(Collection.class);
    private final Jdbi jdbi;

    public OgcRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
        for (Collection c : Collection.values()) {
            String sql = SqlResource.load(c.sql);
            if (!sql.contains(FILTER)) {
                throw new IllegalStateException(c.sql + ".sql has no " + FILTER + " for the CQL2 filter");
            }
            items.put(c, ITEMS_PAGE.replace("/*matched*/", sql.strip()).replace("/*keyType*/", c.keyType));
        }
    }

    /**
     * What an items request asks for; {@code id} selects one item, {@code bbox} holds one box or two across the
     * antimeridian, {@code where} is a filter's condition (values bound) and {@code crs} the CRS the geometries are
     * written in. The page starts after the key {@code after} (keyset paging: an id for plots, a code for
     * estates) when there is one, else at {@code offset}.
     */
    public record ItemsQuery(Optional<String> id, List<BoundingBox> bbox, Interval datetime,
                             Map<String, String> filters, int limit, int offset, Optional<String> after,
                             SqlFilter where, Crs crs) {}

    /**
     * Matches are counted up to this many: beyond it, numberMatched would cost a scan of every match, and an items
     * page leaves it out (OGC API Features allows that) unless it is the last page of an offset-paged list.
     */
    public static final int COUNT_CAP = 10_000;

    /**
     * A page: how many items match (empty when more than {@link #COUNT_CAP}), whether more items follow it, how many
     * it holds, the key of its last item (empty when it holds none) and its Features as a JSON array.
     */
    public record Page(Optional<Long> numberMatched, boolean more, long numberReturned, Optional<String> lastKey,
                       String featuresJson) {}

    public Page items(Collection c, ItemsQuery q) {
        return jdbi.withHandle(h -> {
            Query query = h.createQuery(items.get(c).replace(FILTER, q.where().sql()));
            q.where().bindings().forEach((name, value) -> query.bind(name, value));
            query.bind("crsSrid", q.crs().srid())
                    .bind("crsLatitudeFirst", q.crs().latitudeFirst())
                    .bind("crsDecimals", q.crs().decimals());
            if (c == Collection.PARCELS) {
                query.bind("id", q.id().map(Long::parseLong).orElse(null));
                query.bind("after", q.after().map(Long::parseLong).orElse(null));
            } else {
                query.bind("code", q.id().orElse(null));
                query.bind("after", q.after().orElse(null));
            }
            for (String name : c.filters.keySet()) {
                query.bind(name, q.filters().get(name));
            }
            // one box, or two across the antimeridian (same latitudes): the SQL matches either
            Optional<BoundingBox> box = q.bbox().stream().findFirst();
            Optional<BoundingBox> second = q.bbox().stream().skip(1).findFirst().or(() -> box);
            return query.bind("minLon", box.map(BoundingBox::minLon).orElse(null))
                    .bind("minLat", box.map(BoundingBox::minLat).orElse(null))
                    .bind("maxLon", box.map(BoundingBox::maxLon).orElse(null))
                    .bind("maxLat", box.map(BoundingBox::maxLat).orElse(null))
                    .bind("minLon2", second.map(BoundingBox::minLon).orElse(null))
                    .bind("maxLon2", second.map(BoundingBox::maxLon).orElse(null))
                    .bind("from", q.datetime().from().map(i -> i.atOffset(java.time.ZoneOffset.UTC)).orElse(null))
                    .bind("to", q.datetime().to().map(i -> i.atOffset(java.time.ZoneOffset.UTC)).orElse(null))
                    .bind("limit", q.limit())
                    .bind("offset", q.offset())
                    .bind("countCap", COUNT_CAP)
                    .map((rs, ctx) -> new Page(
                            Optional.of(rs.getLong("counted")).filter(n -> n <= COUNT_CAP), rs.getBoolean("more"), rs.getLong("number_returned"),
                            Optional.ofNullable(rs.getString("last_key")), rs.getString("features")))
                    .one();
        });
    }

    /** The extents: a bbox (null when there are no estates) and each collection's time span. */
    public record Extent(double[] bbox, Map<Collection, OffsetDateTime[]> intervals) {}

    public Extent extent() {
        return jdbi.withHandle(h -> h.createQuery(EXTENT).map((rs, ctx) -> {
            double minLon = rs.getDouble("min_lon");
            double[] bbox = rs.wasNull() ? null
                    : new double[] {minLon, rs.getDouble("min_lat"), rs.getDouble("max_lon"), rs.getDouble("max_lat")};
            Map<Collection, OffsetDateTime[]> intervals = new EnumMap<>(Collection.class);
            intervals.put(Collection.ESTATES, new OffsetDateTime[] {rs.getObject("estates_from", OffsetDateTime.class),
                    rs.getObject("estates_to", OffsetDateTime.class)});
            intervals.put(Collection.PARCELS, new OffsetDateTime[] {rs.getObject("parcels_from", OffsetDateTime.class),
                    rs.getObject("parcels_to", OffsetDateTime.class)});
            intervals.put(Collection.IDLE_REGISTER, new OffsetDateTime[] {rs.getObject("idle_from", OffsetDateTime.class),
                    rs.getObject("idle_to", OffsetDateTime.class)});
            return new Extent(bbox, intervals);
        }).one());
    }
}
