package org.zamin.idle;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.zamin.account.Auth;
import org.zamin.account.Visibility;
import org.zamin.http.ApiException;
import org.zamin.http.BodyLimits;
import org.zamin.http.JsonBody;
import org.zamin.http.Params;

/** The idle routes: scan, cases and their actions, the holder's reply, sub judice, readings import. */
public final class IdleRoutes {

    private final IdleScan scan;
    private final IdleCaseService cases;
    private final ReadingsImport readings;
    private final Auth auth;
    private final java.time.Clock clock;
    private final boolean futureScans;

    /** {@code futureScans}: whether a scan may be run as of a day after today (demo mode only). */
    public IdleRoutes(IdleScan scan, IdleCaseService cases, ReadingsImport readings, Auth auth, java.time.Clock clock,
            boolean futureScans) {
        this.scan = scan;
        this.cases = cases;
        this.readings = readings;
        this.auth = auth;
        this.clock = clock;
        this.futureScans = futureScans;
    }

    /** Registers the idle-land routes (the reply and plan-item paths before the generic action path). */
    public void register(RoutesConfig routes) {
        routes.post("/api/utility-readings", this::importReadings);
        routes.post("/api/idle-scan", this::scan);
        routes.get("/api/idle-cases", this::list);
        routes.post("/api/idle-cases/{id}/reply", this::reply);
        routes.post("/api/idle-cases/{id}/plan-items/{item}/met", this::planItemMet);
        routes.post("/api/idle-cases/{id}/fee", this::fee);
        routes.post("/api/idle-cases/{id}/{action}", this::act);
    }

    /** {@code POST /api/idle-scan?asOf=DATE}: an officer's scan covers their estates, an admin's every estate. */
    public void scan(Context ctx) {
        var user = auth.require(ctx);
        LocalDate asOf = Params.text(ctx, "asOf").map(IdleRoutes::parse).orElse(LocalDate.now(clock));
        ctx.json(scan.runFor(user, asOf, futureScans));
    }

    public void list(Context ctx) {
        var user = auth.require(ctx);
        var state = Params.list(ctx, "state", java.util.Arrays.stream(CaseState.values()).map(Enum::name)
                .collect(java.util.stream.Collectors.toSet())).stream().findFirst();
        boolean openOnly = "true".equals(ctx.queryParam("open"));
        ctx.json(Map.of("cases", cases.list(user, state, openOnly)));
    }

    public void act(Context ctx) {
        var user = auth.require(ctx);
        long id = Params.id(ctx, "id");
        String name = ctx.pathParam("action");
        if ("sub-judice".equals(name) || "lift-stay".equals(name)) {
            var body = JsonBody.readOr(ctx, IdleCaseService.ActionBody.class,
                    IdleCaseService.ActionBody.none());
            ctx.json(cases.subJudice(user, id, "sub-judice".equals(name), body.reason()));
            return;
        }
        CaseAction action = CaseAction.fromPath(name).orElseThrow(() -> ApiException.notFound("action " + name));
        var body = JsonBody.readOr(ctx, IdleCaseService.ActionBody.class,
                IdleCaseService.ActionBody.none());
        ctx.json(cases.act(user, id, action, body));
    }

    /** {@code POST /api/idle-cases/{id}/fee}: charges the idle fee due since the last charge. */
    public void fee(Context ctx) {
        ctx.json(cases.chargeFee(auth.require(ctx), Params.id(ctx, "id")));
    }

    /** The body of a reply. */
    public record ReplyBody(String text) {}

    public void reply(Context ctx) {
        var user = auth.require(ctx);
        ctx.json(cases.reply(user, Params.id(ctx, "id"), JsonBody.read(ctx, ReplyBody.class).text()));
    }

    /** The body of a plan item being met. */
    public record MetBody(String on) {}

    public void planItemMet(Context ctx) {
        var user = auth.require(ctx);
        var body = JsonBody.readOr(ctx, MetBody.class, new MetBody(null));
        ctx.json(cases.planItemMet(user, Params.id(ctx, "id"), Params.id(ctx, "item"),
                body.on() == null ? LocalDate.now(clock) : parse(body.on())));
    }

    /** {@code POST /api/utility-readings[?strict=true]}: a CSV body (text/csv); officers for their estates only. */
    public void importReadings(Context ctx) {
        var who = Visibility.of(auth.require(ctx));
        boolean strict = "true".equals(ctx.queryParam("strict"));
        var report = readings.run(who, new InputStreamReader(BodyLimits.uploadStream(ctx), StandardCharsets.UTF_8),
                strict);
        ctx.status(strict && !report.errors().isEmpty() ? 422 : 200).json(report);
    }

    /** A YYYY-MM-DD date (Persian or Arabic-Indic digits too); 422 {@code invalid_date} otherwise. */
    static LocalDate parse(String v) {
        try {
            return LocalDate.parse(Params.latinDigits(v.strip()));
        } catch (DateTimeParseException e) {
            throw ApiException.unprocessable("invalid_date", "dates are YYYY-MM-DD, got '" + v + "'");
        }
    }
}
