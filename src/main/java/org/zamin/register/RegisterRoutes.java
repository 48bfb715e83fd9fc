package org.zamin.register;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.zamin.account.Auth;
import org.zamin.http.ApiException;
import org.zamin.http.GeoJson;
import org.zamin.http.JsonBody;
import org.zamin.http.Params;

/**
 * The public idle register ({@code GET /api/idle-register}, {@code /api/idle-register/download?format=csv|geojson})
 * and the revival statistics ({@code GET /api/revival-stats?year=}, {@code POST /api/revival-targets}).
 */
public final class RegisterRoutes {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGE_MAX = 500;
    private static final int DOWNLOAD_MAX = 50_000;
    private static final String CODE = "[A-Z0-9][A-Z0-9-]{1,31}";
    private static final String STAGE = "[A-Z][A-Z0-9_]{1,31}";

    private final IdleRegisterStore store;
    private final Auth auth;
    private final Clock clock;

    public RegisterRoutes(IdleRegisterStore store, Auth auth, Clock clock) {
        this.store = store;
        this.auth = auth;
        this.clock = clock;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/idle-register", this::page);
        routes.get("/api/idle-register/download", this::download);
        routes.get("/api/revival-stats", this::stats);
        routes.post("/api/revival-targets", this::setTarget);
    }

    private static IdleRegisterStore.Filter filter(Context ctx) {
        return new IdleRegisterStore.Filter(code(ctx, "estate", CODE), code(ctx, "province", CODE),
                code(ctx, "stage", STAGE));
    }

    private static String code(Context ctx, String name, String pattern) {
        return Params.text(ctx, name).map(v -> {
            if (!v.matches(pattern)) {
                throw ApiException.invalidParameter(name, "must match " + pattern);
            }
            return v;
        }).orElse(null);
    }

    /** {@code GET /api/idle-register?estate=&province=&stage=&limit=&offset=}: a page as GeoJSON. */
    public void page(Context ctx) {
        int limit = Params.integer(ctx, "limit").orElse(100);
        int offset = Params.integer(ctx, "offset").orElse(0);
        if (limit < 1 || limit > PAGE_MAX) {
            throw ApiException.invalidParameter("limit", "must be 1 to " + PAGE_MAX);
        }
        if (offset < 0) {
            throw ApiException.invalidParameter("offset", "must be at least 0");
        }
        var page = store.features(filter(ctx), limit, offset);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", "FeatureCollection");
        out.put("numberMatched", page.numberMatched());
        out.put("features", read(page.featuresJson()));
        ctx.json(out);
    }

    /** {@code GET /api/idle-register/download?format=csv|geojson}: every matching entry as a file. */
    public void download(Context ctx) {
        String format = Params.text(ctx, "format").orElse("csv");
        var f = filter(ctx);
        switch (format) {
            case "csv" -> {
                ctx.contentType("text/csv; charset=utf-8")
                        .header("Content-Disposition", "attachment; filename=\"idle-register.csv\"");
                try (var out = new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8)) {
                    store.csv(f, DOWNLOAD_MAX, out);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            case "geojson" -> {
                var page = store.features(f, DOWNLOAD_MAX, 0);
                ctx.header("Content-Disposition", "attachment; filename=\"idle-register.geojson\"");
                GeoJson.send(ctx, "{\"type\":\"FeatureCollection\",\"features\":" + page.featuresJson() + "}");
            }
            default -> throw ApiException.invalidParameter("format", "must be csv or geojson");
        }
    }

    /** {@code GET /api/revival-stats?year=YYYY}: each province's figures, target and progress. */
    public void stats(Context ctx) {
        auth.require(ctx);
        int year = Params.integer(ctx, "year").orElse(LocalDate.now(clock).getYear());
        if (year < 2000 || year > 2100) {
            throw ApiException.invalidParameter("year", "must be 2000 to 2100");
        }
        List<Map<String, Object>> provinces = store.stats(year).stream().map(RegisterRoutes::withProgress).toList();
        ctx.json(Map.of("year", year, "provinces", provinces));
    }

    private static Map<String, Object> withProgress(Map<String, Object> row) {
        Map<String, Object> m = new LinkedHashMap<>(row);
        m.put("causes", read((String) m.remove("causesJson")));
        Object target = m.get("target");
        long revived = (Long) m.get("revived");
        m.put("progressPercent", target == null || ((Number) target).intValue() == 0 ? null
                : Math.round(revived * 100.0 / ((Number) target).intValue()));
        return m;
    }

    /** The body of a target. */
    public record TargetBody(String province, Integer year, Integer target) {}

    /** {@code POST /api/revival-targets {province, year, target}}: an administrator sets a province's target. */
    public void setTarget(Context ctx) {
        var user = auth.require(ctx);
        var body = JsonBody.read(ctx, TargetBody.class);
        if (body.province() == null || !body.province().matches(CODE)) {
            throw ApiException.badRequest("invalid_province", "province must be a province's code");
        }
        if (body.year() == null || body.year() < 2000 || body.year() > 2100) {
            throw ApiException.badRequest("invalid_year", "year must be 2000 to 2100");
        }
        if (body.target() == null || body.target() < 0 || body.target() > 1_000_000) {
            throw ApiException.badRequest("invalid_target", "target must be 0 to 1000000");
        }
        if (!store.setTarget(body.province(), body.year(), body.target(), user.id(), OffsetDateTime.now(clock))) {
            throw ApiException.notFound("province " + body.province());
        }
        ctx.json(Map.of("province", body.province(), "year", body.year(), "target", body.target()));
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
