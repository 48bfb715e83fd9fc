package org.zamin.register;

import java.io.IOException;
import java.io.Writer;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jdbi.v3.core.Jdbi;
import org.zamin.db.SqlResource;

/** The register's and the statistics' queries, over {@code sql/register/*.sql}; values always bound. */
public final class IdleRegisterStore {

    private static final String FEATURES = SqlResource.load("register/features");
    private static final String ROWS = SqlResource.load("register/rows");
    private static final String STATS = SqlResource.load("register/stats");
    private static final String SET_TARGET = SqlResource.load("register/set_target");
    /** The CSV columns, in order (the view's public columns). */
    static final List<String> CSV_COLUMNS = List.of("id", "case_id", "estate", "estate_name", "estate_name_fa",
            "province", "plot_number", "area_m2", "idle_since", "stage", "warnings", "government_caused", "outcome",
            "closed_on", "holder_organisation", "lon", "lat");

    private final Jdbi jdbi;

    public IdleRegisterStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Which entries: each filter absent when null. */
    public record Filter(String estate, String province, String stage) {}

    /** A page of entries as a GeoJSON FeatureCollection's features, and how many match in all. */
    public record Page(long numberMatched, String featuresJson) {}

    public Page features(Filter f, int limit, int offset) {
        return jdbi.withHandle(h -> h.createQuery(FEATURES).bind("estate", f.estate()).bind("province", f.province())
                .bind("stage", f.stage()).bind("limit", limit).bind("offset", offset)
                .map((rs, ctx) -> new Page(rs.getLong("number_matched"), rs.getString("features"))).one());
    }

    /** Writes the entries as CSV (at most {@code limit} rows). */
    public void csv(Filter f, int limit, Writer out) throws IOException {
        List<List<Object>> rows = jdbi.withHandle(h -> h.createQuery(ROWS).bind("estate", f.estate())
                .bind("province", f.province()).bind("stage", f.stage()).bind("limit", limit)
                .map((rs, ctx) -> {
                    List<Object> row = new ArrayList<>();
                    for (String c : CSV_COLUMNS) {
                        row.add(rs.getObject(c));
                    }
                    return row;
                }).list());
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder()
                .setHeader(CSV_COLUMNS.toArray(String[]::new)).get())) {
            for (List<Object> row : rows) {
                printer.printRecord(row);
            }
        }
    }

    /** The figures of each province for {@code year}, as JSON-ready maps. */
    public List<Map<String, Object>> stats(int year) {
        return jdbi.withHandle(h -> h.createQuery(STATS).bind("year", year).map((rs, ctx) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("province", rs.getString("province"));
            m.put("name", rs.getString("name"));
            m.put("nameFa", rs.getString("name_fa"));
            m.put("idle", rs.getLong("idle"));
            m.put("diagnosed", rs.getLong("diagnosed"));
            m.put("underPlan", rs.getLong("under_plan"));
            m.put("revived", rs.getLong("revived"));
            m.put("reclaimed", rs.getLong("reclaimed"));
            m.put("avgDaysToRevival", rs.getObject("avg_days_to_revival") == null ? null
                    : rs.getBigDecimal("avg_days_to_revival").longValue());
            m.put("causesJson", rs.getString("causes"));
            Object target = rs.getObject("target");
            m.put("target", target);
            return m;
        }).list());
    }

    /** Sets a province's target for a year; false when there is no such province. */
    public boolean setTarget(String province, int year, int target, long by, OffsetDateTime now) {
        return jdbi.withHandle(h -> h.createUpdate(SET_TARGET).bind("province", province).bind("year", year)
                .bind("target", target).bind("by", by).bind("now", now).execute() > 0);
    }
}
