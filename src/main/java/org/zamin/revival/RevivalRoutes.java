package org.zamin.revival;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import org.zamin.account.Auth;
import org.zamin.http.JsonBody;
import org.zamin.http.Params;

/** The revival desk's routes: advisers, diagnoses, working-group sessions and decisions, the holder's view. */
public final class RevivalRoutes {

    private final RevivalService revival;
    private final Auth auth;

    public RevivalRoutes(RevivalService revival, Auth auth) {
        this.revival = revival;
        this.auth = auth;
    }

    /** Registers the routes (declared in {@code account.RouteAccess.TABLE}). */
    public void register(RoutesConfig routes) {
        routes.get("/api/revival/vocabularies", this::vocabularies);
        routes.post("/api/advisers/{id}", this::markAdviser);
        routes.post("/api/idle-cases/{id}/diagnoses", this::diagnose);
        routes.get("/api/working-group/sessions", this::sessions);
        routes.post("/api/working-group/sessions", this::createSession);
        routes.post("/api/working-group/sessions/{id}/agenda/{case}/decision", this::decide);
        routes.get("/api/allocations/{id}/revival", this::revivalOf);
    }

    public void vocabularies(Context ctx) {
        auth.require(ctx);
        ctx.json(revival.vocabularies());
    }

    /** The body marking an officer as an adviser (true) or not (false). */
    public record AdviserBody(Boolean adviser) {}

    public void markAdviser(Context ctx) {
        var user = auth.require(ctx);
        var body = JsonBody.read(ctx, AdviserBody.class);
        ctx.json(revival.markAdviser(user, Params.id(ctx, "id"), !Boolean.FALSE.equals(body.adviser())));
    }

    public void diagnose(Context ctx) {
        var user = auth.require(ctx);
        ctx.status(201).json(revival.diagnose(user, Params.id(ctx, "id"),
                JsonBody.read(ctx, RevivalService.DiagnosisBody.class)));
    }

    public void sessions(Context ctx) {
        ctx.json(Map.of("sessions", revival.sessions(auth.require(ctx))));
    }

    public void createSession(Context ctx) {
        var user = auth.require(ctx);
        ctx.status(201).json(revival.createSession(user, JsonBody.read(ctx, RevivalService.SessionBody.class)));
    }

    public void decide(Context ctx) {
        var user = auth.require(ctx);
        ctx.json(revival.decide(user, Params.id(ctx, "id"), Params.id(ctx, "case"),
                JsonBody.read(ctx, RevivalService.DecisionBody.class)));
    }

    public void revivalOf(Context ctx) {
        var user = auth.require(ctx);
        ctx.json(revival.revivalOf(user, Params.id(ctx, "id")));
    }
}
