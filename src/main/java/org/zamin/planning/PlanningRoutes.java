package org.zamin.planning;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.zamin.account.Auth;
import org.zamin.account.CurrentUser;
import org.zamin.decision.Actor;
import org.zamin.estate.EstateRepository;
import org.zamin.http.ApiException;
import org.zamin.http.GeoJson;
import org.zamin.http.Params;
import org.zamin.io.ExportRow;
import org.zamin.io.FileFormat;
import org.zamin.parcelimport.ExportDownload;
import org.zamin.parcelimport.ExportService;
import org.zamin.parcel.Vocabulary;

/**
 * {@code GET /api/availability} (with {@code format=geojson|csv|gpkg|shp|fgb}: every match as a download),
 * {@code GET /api/stats} and {@code GET /api/stats/what-if}.
 */
public final class PlanningRoutes {

    /** The longest monthly history {@code GET /api/stats} answers. */
    static final int MAX_HISTORY_MONTHS = 120;
    static final int DEFAULT_HISTORY_MONTHS = 36;

    /** A coordinate written as NaN or Infinity, which WKT and GeoJSON readers may take but no place has. */
    private static final Pattern NOT_A_NUMBER = Pattern.compile("(?i)(?<![a-z])(nan|inf|infinity)(?![a-z])");

    private final PlanningRepository repository;
    private final EstateRepository estates;
    private final Availability availability;
    private final Statistics statistics;
    private final ExportService exports;
    private final Auth auth;
    private final Clock clock;
    private final Vocabulary vocabulary;

    public PlanningRoutes(PlanningRepository repository, EstateRepository estates, ExportService exports, Auth auth,
            Clock clock, Vocabulary vocabulary) {
        this.repository = repository;
        this.estates = estates;
        this.availability = new Availability(repository);
        this.statistics = new Statistics(repository);
        this.exports = exports;
        this.auth = auth;
        this.clock = clock;
        this.vocabulary = vocabulary;
    }

    public void availability(Context ctx) {
        Optional<FileFormat> format = Params.text(ctx, "format").map(f -> FileFormat.byLabel(f).orElseThrow(
                () -> ApiException.invalidParameter("format", "must be geojson, csv, gpkg, shp or fgb")));
        if (format.isPresent()) {
            export(ctx, format.get());
            return;
        }
        int limit = Params.integer(ctx, "limit").orElse(AvailabilityQuery.DEFAULT_LIMIT);
        if (limit < 1) {
            throw ApiException.invalidParameter("limit", "must be at least 1");
        }
        AvailabilityQuery q = queryFrom(ctx, Math.min(limit, AvailabilityQuery.MAX_LIMIT));
        GeoJson.send(ctx, availability.search(q, limit > AvailabilityQuery.MAX_LIMIT).toString());
    }

    /** Every match of the search (no paging) written with the shared writers, logged as {@code export.created}. */
    private void export(Context ctx, FileFormat format) {
        AvailabilityQuery q = queryFrom(ctx, AvailabilityQuery.MAX_LIMIT);
        List<ExportRow> rows = availability.exportRows(q);
        CurrentUser user = auth.require(ctx);
        String name = (q.contiguous() ? "vacant-blocks" : "available-plots")
                + q.estateCode().map(c -> "-" + c).orElse("") + format.extension();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("source", "availability");
        details.put("mode", q.contiguous() ? "blocks" : "plots");
        details.put("query", Optional.ofNullable(ctx.queryString()).orElse(""));
        ctx.header("X-Number-Matched", Integer.toString(rows.size()));
        ExportDownload.send(ctx, exports, format, ExportService.Selection.rows(rows), name,
                exported -> exports.recordExport(exported, format, q.estateCode(),
                        Optional.of(Actor.user(user.id(), user.role())), name, "availability search export", details));
    }

    public void stats(Context ctx) {
        String groupBy = Params.text(ctx, "groupBy").orElse("province");
        if (!Statistics.GROUPINGS.contains(groupBy)) {
            throw ApiException.invalidParameter("groupBy", "must be province or estate, got '" + groupBy + "'");
        }
        Optional<String> estate = Params.text(ctx, "estate");
        if (estate.isPresent() && !estates.exists(estate.get())) {
            throw ApiException.unprocessable("unknown_estate", "no estate with code " + estate.get());
        }
        Optional<String> province = Params.text(ctx, "province");
        if (province.isPresent() && !repository.provinceExists(province.get())) {
            throw ApiException.unprocessable("unknown_province", "no province with code " + province.get());
        }
        int months = Params.integer(ctx, "months").orElse(DEFAULT_HISTORY_MONTHS);
        if (months < 1 || months > MAX_HISTORY_MONTHS) {
            throw ApiException.invalidParameter("months", "must be between 1 and " + MAX_HISTORY_MONTHS);
        }
        ctx.json(statistics.byGroup(groupBy, new PlanningRepository.Scope(estate, province),
                OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC), months));
    }

    public void whatIf(Context ctx) {
        int years = Params.integer(ctx, "idleYears").orElse(3);
        if (years < 0 || years > 50) {
            throw ApiException.invalidParameter("idleYears", "must be between 0 and 50");
        }
        ctx.json(statistics.whatIf(years, LocalDate.now(java.time.ZoneOffset.UTC)));
    }

    private AvailabilityQuery queryFrom(Context ctx, int limit) {
        var minArea = nonNegative(ctx, "minArea");
        var maxArea = nonNegative(ctx, "maxArea");
        if (minArea.isPresent() && maxArea.isPresent() && minArea.get() > maxArea.get()) {
            throw ApiException.invalidParameter("minArea", "must not exceed maxArea");
        }
        boolean contiguous = Params.text(ctx, "contiguous").map(v -> switch (v) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.invalidParameter("contiguous", "must be true or false");
        }).orElse(false);
        var minBlockArea = nonNegative(ctx, "minBlockArea");
        if (minBlockArea.isPresent() && !contiguous) {
            throw ApiException.invalidParameter("minBlockArea", "needs contiguous=true");
        }
        Optional<AvailabilityQuery.Near> near = near(ctx);
        AvailabilityQuery.Sort sort = Params.text(ctx, "sort").map(s -> AvailabilityQuery.Sort.parse(s).orElseThrow(
                () -> ApiException.invalidParameter("sort", "must be one of -area, area, distance, price")))
                .orElse(near.isPresent() ? AvailabilityQuery.Sort.DISTANCE : AvailabilityQuery.Sort.AREA_DESC);
        if (sort == AvailabilityQuery.Sort.DISTANCE && near.isEmpty()) {
            throw ApiException.invalidParameter("sort", "distance needs near=lon,lat");
        }
        int offset = Params.integer(ctx, "offset").orElse(0);
        if (offset < 0) {
            throw ApiException.invalidParameter("offset", "must not be negative");
        }
        Optional<String> estate = Params.text(ctx, "estate");
        if (estate.isPresent() && !estates.exists(estate.get())) {
            throw ApiException.unprocessable("unknown_estate", "no estate with code " + estate.get());
        }
        Optional<String> province = Params.text(ctx, "province");
        if (province.isPresent() && !repository.provinceExists(province.get())) {
            throw ApiException.unprocessable("unknown_province", "no province with code " + province.get());
        }
        Optional<Long> maxPrice = Params.number(ctx, "maxPrice").map(Math::round);
        return new AvailabilityQuery(within(ctx), near, estate, province, minArea, maxArea, maxPrice,
                Params.list(ctx, "landUse", vocabulary.landUses()),
                Params.list(ctx, "utilities", vocabulary.utilities()),
                maxDistances(ctx), contiguous, minBlockArea, sort, limit, offset);
    }

    private Optional<String> within(Context ctx) {
        return Params.text(ctx, "within").map(text -> {
            if (NOT_A_NUMBER.matcher(text).find()) {
                throw ApiException.unprocessable("invalid_geometry",
                        "the search area's coordinates must be numbers (NaN and Infinity are not)");
            }
            var area = repository.parseArea(text, text.startsWith("{")).orElseThrow(() ->
                    ApiException.invalidParameter("within", "is neither WKT nor GeoJSON geometry"));
            if (!area.type().equals("POLYGON") && !area.type().equals("MULTIPOLYGON")) {
                throw ApiException.unprocessable("invalid_geometry",
                        "the search area must be a Polygon or MultiPolygon, got " + area.type());
            }
            if (area.empty()) {
                throw ApiException.unprocessable("invalid_geometry", "the search area is empty");
            }
            if (!area.inRange()) {
                throw ApiException.unprocessable("invalid_geometry", "the search area's coordinates must be "
                        + "longitudes from -180 to 180 and latitudes from -90 to 90 (EPSG:4326)");
            }
            if (!area.valid()) {
                throw ApiException.unprocessable("invalid_geometry",
                        "the search polygon is not valid: " + area.reason() + " at " + area.location());
            }
            return area.wkt();
        });
    }

    private static Optional<AvailabilityQuery.Near> near(Context ctx) {
        Optional<String> near = Params.text(ctx, "near");
        Optional<Double> radius = Params.number(ctx, "radiusM");
        if (near.isEmpty()) {
            if (radius.isPresent()) {
                throw ApiException.invalidParameter("radiusM", "needs near=lon,lat");
            }
            return Optional.empty();
        }
        String[] parts = near.get().split(",");
        double lon;
        double lat;
        try {
            lon = Double.parseDouble(parts[0].trim());
            lat = Double.parseDouble(parts.length == 2 ? parts[1].trim() : "x");
        } catch (NumberFormatException e) {
            throw ApiException.invalidParameter("near", "must be lon,lat");
        }
        if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90)) {
            throw ApiException.invalidParameter("near", "must lie within -180..180, -90..90");
        }
        double r = radius.orElseThrow(() -> ApiException.invalidParameter("radiusM", "is required with near"));
        if (r <= 0 || r > AvailabilityQuery.MAX_RADIUS_M) {
            throw ApiException.invalidParameter("radiusM", "must be more than 0 and at most "
                    + (long) AvailabilityQuery.MAX_RADIUS_M + " m (500 km)");
        }
        return Optional.of(new AvailabilityQuery.Near(lon, lat, r));
    }

    /** {@code maxDistanceM=road:500,gas:2000}: a maximum geodesic distance in metres per infrastructure kind. */
    private static Map<String, Double> maxDistances(Context ctx) {
        Map<String, Double> limits = new LinkedHashMap<>();
        for (String item : Params.text(ctx, "maxDistanceM").map(v -> v.split(",")).orElse(new String[0])) {
            String[] kv = item.trim().split(":");
            if (kv.length != 2 || !AvailabilityQuery.INFRA_KINDS.contains(kv[0].trim())) {
                throw ApiException.invalidParameter("maxDistanceM", "must be kind:metres pairs with kinds from "
                        + String.join(", ", AvailabilityQuery.INFRA_KINDS) + ", got '" + item.trim() + "'");
            }
            double m;
            try {
                m = Double.parseDouble(kv[1].trim());
            } catch (NumberFormatException e) {
                throw ApiException.invalidParameter("maxDistanceM", "has a distance that is not a number: " + kv[1]);
            }
            if (!(m >= 0 && m <= AvailabilityQuery.MAX_RADIUS_M)) {
                throw ApiException.invalidParameter("maxDistanceM", "distances must be 0.." + (long) AvailabilityQuery.MAX_RADIUS_M + " m");
            }
            limits.put(kv[0].trim(), m);
        }
        return limits;
    }

    private static Optional<Double> nonNegative(Context ctx, String name) {
        var v = Params.number(ctx, name);
        if (v.isPresent() && v.get() < 0) {
            throw ApiException.invalidParameter(name, "must not be negative");
        }
        return v;
    }
}
