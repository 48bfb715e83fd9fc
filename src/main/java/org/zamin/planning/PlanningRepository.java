package org.zamin.planning;

import java.sql.Array;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementException;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.zamin.db.ReadCursor;
import org.zamin.db.SqlResource;
import org.zamin.io.ExportRow;

/** The planning SQL: availability candidates, plot and block features, statistics rows, what-if rows. */
public final class PlanningRepository {

    private static final String AVAILABLE = SqlResource.load("planning/available");
    private static final String PROVINCE_EXISTS = SqlResource.load("planning/province_exists");
    private static final String PLOT_FEATURES = SqlResource.load("planning/plot_features");
    private static final String BLOCK_FEATURES = SqlResource.load("planning/block_features");
    private static final String SEARCH_AREA = SqlResource.load("planning/search_area");
    private static final String STATS = SqlResource.load("planning/stats");
    private static final String WHAT_IF = SqlResource.load("planning/what_if");
    private static final String HISTORY = SqlResource.load("planning/history");
    private static final String HISTORY_START = SqlResource.load("planning/history_start");
    private static final String PRODUCTION_TIMES = SqlResource.load("planning/production_times");
    private static final String RECLAIMED = SqlResource.load("planning/reclaimed");
    private static final String EXPORT_PLOTS = SqlResource.load("planning/export_plots");
    private static final String EXPORT_BLOCKS = SqlResource.load("planning/export_blocks");

    private final Jdbi jdbi;

    public PlanningRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * A parsed search polygon: its type, whether it is empty, whether its coordinates are all longitudes and
     * latitudes, its validity, the reason and location when invalid, and its WKT.
     */
    public record SearchArea(String type, boolean empty, boolean inRange, boolean valid, String reason,
            String location, String wkt) {}

    /** Parses WKT or GeoJSON in PostGIS; empty when PostGIS cannot read it at all. */
    public Optional<SearchArea> parseArea(String text, boolean geoJson) {
        try {
            return Optional.of(jdbi.withHandle(h -> h.createQuery(SEARCH_AREA)
                    .bind("text", text).bind("geoJson", geoJson)
                    .map((rs, c) -> new SearchArea(rs.getString("type"), rs.getBoolean("empty"),
                            rs.getBoolean("in_range"), rs.getBoolean("valid"), rs.getString("reason"),
                            rs.getString("location"), rs.getString("wkt")))
                    .one()));
        } catch (StatementException e) {
            if (e.getCause() instanceof SQLException sql && sql.getSQLState() != null
                    && !sql.getSQLState().startsWith("08")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Every matching available plot, with its edge neighbours when {@code q.contiguous()}. Read through a cursor: a
     * country-wide search at a million plots would otherwise hold the driver's copy of every row besides the plots.
     */
    public List<Candidate> candidates(AvailabilityQuery q) {
        var near = q.near();
        return ReadCursor.read(jdbi, h -> h.createQuery(AVAILABLE)
                .setFetchSize(ReadCursor.FETCH_ROWS)
                .bind("areaWkt", q.areaWkt().orElse(null))
                .bind("nearLon", near.map(AvailabilityQuery.Near::lon).orElse(null))
                .bind("nearLat", near.map(AvailabilityQuery.Near::lat).orElse(null))
                .bind("radiusM", near.map(AvailabilityQuery.Near::radiusM).orElse(null))
                .bind("contiguous", q.contiguous())
                .bind("estate", q.estateCode().orElse(null))
                .bind("province", q.provinceCode().orElse(null))
                .bind("minArea", q.minAreaM2().orElse(null))
                .bind("maxArea", q.maxAreaM2().orElse(null))
                .bind("maxPrice", q.maxPricePerM2().orElse(null))
                .bindArray("landUses", String.class, q.landUses())
                .bindArray("utilities", String.class, q.utilities())
                .bind("maxRoadM", q.maxInfraDistanceM().get("road"))
                .bind("maxRailM", q.maxInfraDistanceM().get("rail"))
                .bind("maxPowerM", q.maxInfraDistanceM().get("power"))
                .bind("maxGasM", q.maxInfraDistanceM().get("gas"))
                .bind("maxWaterM", q.maxInfraDistanceM().get("water"))
                .map((rs, c) -> {
                    double distance = rs.getDouble("distance_m");
                    if (rs.wasNull()) {
                        distance = Double.NaN;
                    }
                    Array neighbours = rs.getArray("neighbours");
                    long[] ids = new long[0];
                    if (neighbours != null) {
                        Long[] boxed = (Long[]) neighbours.getArray();
                        ids = new long[boxed.length];
                        for (int i = 0; i < boxed.length; i++) {
                            ids[i] = boxed[i];
                        }
                    }
                    return new Candidate(new Blocks.Plot(rs.getLong("id"), rs.getDouble("area_m2"), distance, ids),
                            rs.getLong("price_per_m2"));
                })
                .list());
    }

    /** A matching plot and its price per m² (for sorting). */
    public record Candidate(Blocks.Plot plot, long pricePerM2) {}

    /** A JSON array of plot Features for {@code ids}, in that order. */
    public String plotFeatures(List<Long> ids, AvailabilityQuery q) {
        List<String> kinds = AvailabilityQuery.INFRA_KINDS.stream().filter(q.maxInfraDistanceM()::containsKey).toList();
        return jdbi.withHandle(h -> h.createQuery(PLOT_FEATURES)
                .bindArray("ids", Long.class, ids)
                .bind("nearLon", q.near().map(AvailabilityQuery.Near::lon).orElse(null))
                .bind("nearLat", q.near().map(AvailabilityQuery.Near::lat).orElse(null))
                .bindArray("infraKinds", String.class, kinds)
                .bindArray("infraMaxM", Double.class, kinds.stream().map(q.maxInfraDistanceM()::get).toList())
                .mapTo(String.class).one());
    }

    /** A JSON array of block Features; {@code blockNos[i]} is the block of {@code plotIds[i]}. */
    public String blockFeatures(List<Long> plotIds, List<Integer> blockNos, AvailabilityQuery q) {
        return jdbi.withHandle(h -> h.createQuery(BLOCK_FEATURES)
                .bindArray("plotIds", Long.class, plotIds)
                .bindArray("blockNos", Integer.class, blockNos)
                .bind("nearLon", q.near().map(AvailabilityQuery.Near::lon).orElse(null))
                .bind("nearLat", q.near().map(AvailabilityQuery.Near::lat).orElse(null))
                .mapTo(String.class).one());
    }

    /** One statistics row: a group, a status (null for a group without plots), its plot count and area. */
    public record StatusRow(String code, String name, String nameFa, String province, String status, long plots,
                            double areaM2) {}

    public List<StatusRow> statusRows(String groupBy, Scope scope) {
        return jdbi.withHandle(h -> h.createQuery(STATS).bind("groupBy", groupBy)
                .bind("estate", scope.estate().orElse(null)).bind("province", scope.province().orElse(null))
                .map((rs, c) -> new StatusRow(rs.getString("code"), rs.getString("name"), rs.getString("name_fa"),
                        rs.getString("province"), rs.getString("status"), rs.getLong("plots"), rs.getDouble("area_m2")))
                .list());
    }

    /** One estate's idle plots, and those a what-if would free. */
    public record WhatIfRow(String code, String name, String nameFa, String province, long idlePlots,
                            double idleAreaM2, long freedPlots, double freedAreaM2, LocalDate idleSinceEarliest) {}

    public List<WhatIfRow> whatIf(int years, LocalDate asOf) {
        return jdbi.withHandle(h -> h.createQuery(WHAT_IF).bind("years", years).bind("asOf", asOf)
                .map((rs, c) -> new WhatIfRow(rs.getString("code"), rs.getString("name"), rs.getString("name_fa"),
                        rs.getString("province"), rs.getLong("idle_plots"), rs.getDouble("idle_area_m2"),
                        rs.getLong("freed_plots"), rs.getDouble("freed_area_m2"),
                        rs.getObject("idle_since_earliest", LocalDate.class)))
                .list());
    }

    public boolean provinceExists(String code) {
        return jdbi.withHandle(h -> h.createQuery(PROVINCE_EXISTS)
                .bind("code", code).mapTo(Boolean.class).one());
    }

    /** Statistics limited to one estate or one province; both empty means everything. */
    public record Scope(Optional<String> estate, Optional<String> province) {
        public static final Scope ALL = new Scope(Optional.empty(), Optional.empty());
    }

    /** Plots of one province and status at the end of {@code month} ({@code YYYY-MM}). */
    public record HistoryRow(String month, String province, String status, long plots, double areaM2) {}

    /** The first month of the history: the oldest event's, at most {@code months} back from {@code now}'s month. */
    public LocalDateTime historyStart(OffsetDateTime now, int months) {
        return jdbi.withHandle(h -> h.createQuery(HISTORY_START).bind("now", now).bind("months", months)
                .mapTo(LocalDateTime.class).one());
    }

    /**
     * Plots by province and status at the end of every month from {@code fromMonth} to {@code currentMonth}: closed
     * months from their snapshots (or the replay while not taken yet), the current one from the kept tallies.
     */
    public List<HistoryRow> history(LocalDate fromMonth, LocalDate currentMonth, OffsetDateTime now, Scope scope) {
        return jdbi.withHandle(h -> h.createQuery(HISTORY).bind("fromMonth", fromMonth)
                .bind("currentMonth", currentMonth).bind("now", now)
                .bind("estate", scope.estate().orElse(null)).bind("province", scope.province().orElse(null))
                .map((rs, c) -> new HistoryRow(rs.getString("month"), rs.getString("province"),
                        rs.getString("status"), rs.getLong("plots"), rs.getDouble("area_m2")))
                .list());
    }

    /** Allocations of a group that reached production, and the sum of their days from allocation to production. */
    public record ProductionRow(String code, long allocations, double days) {}

    public List<ProductionRow> productionTimes(String groupBy, Scope scope) {
        return jdbi.withHandle(h -> h.createQuery(PRODUCTION_TIMES).bind("groupBy", groupBy)
                .bind("estate", scope.estate().orElse(null)).bind("province", scope.province().orElse(null))
                .map((rs, c) -> new ProductionRow(rs.getString("code"), rs.getLong("allocations"), rs.getDouble("days")))
                .list());
    }

    /** Plots and area a group reclaimed in one UTC year. */
    public record ReclaimedRow(String code, int year, long plots, double areaM2) {}

    public List<ReclaimedRow> reclaimed(String groupBy, Scope scope) {
        return jdbi.withHandle(h -> h.createQuery(RECLAIMED).bind("groupBy", groupBy)
                .bind("estate", scope.estate().orElse(null)).bind("province", scope.province().orElse(null))
                .map((rs, c) -> new ReclaimedRow(rs.getString("code"), rs.getInt("year"), rs.getLong("plots"),
                        rs.getDouble("area_m2")))
                .list());
    }

    /** The export rows of the plots {@code ids}, in that order. */
    public List<ExportRow> exportPlots(List<Long> ids) {
        Map<Long, ExportRow> byId = new HashMap<>();
        jdbi.useHandle(h -> h.createQuery(EXPORT_PLOTS).bindArray("ids", Long.class, ids)
                .map((rs, c) -> exportRow(rs)).forEach(r -> byId.put(r.id(), r)));
        return ids.stream().map(byId::get).filter(Objects::nonNull).toList();
    }

    /** One export row per block; {@code blockNos[i]} is the block of {@code plotIds[i]}; the row's id is the block number. */
    public List<ExportRow> exportBlocks(List<Long> plotIds, List<Integer> blockNos) {
        return jdbi.withHandle(h -> h.createQuery(EXPORT_BLOCKS)
                .bindArray("plotIds", Long.class, plotIds).bindArray("blockNos", Integer.class, blockNos)
                .map((rs, c) -> exportRow(rs)).list());
    }

    private static ExportRow exportRow(java.sql.ResultSet rs) throws SQLException {
        try {
            Geometry g = new WKBReader().read(rs.getBytes("wkb"));
            if (!(g instanceof Polygon)) {
                // A block is edge-connected, so its union is one polygon; buffer(0) folds rounding slivers back in.
                g = g.buffer(0);
                if (!(g instanceof Polygon)) {
                    throw new IllegalStateException("export row " + rs.getLong("id") + " is a " + g.getGeometryType());
                }
            }
            return new ExportRow(rs.getLong("id"), rs.getString("plot_number"), rs.getString("estate"),
                    rs.getString("land_use"), rs.getLong("price_per_m2"), rs.getDouble("area_m2"), rs.getString("status"),
                    List.of((String[]) rs.getArray("utilities").getArray()), g);
        } catch (ParseException e) {
            throw new IllegalStateException("PostGIS returned unreadable WKB", e);
        }
    }
}
