package org.zamin.decision;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import org.zamin.http.Params;

/** {@code GET /api/decisions} (the public log) and {@code GET /api/decisions/verify} (anyone may check the chain). */
public final class DecisionRoutes {

    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;

    private final DecisionLog log;

    public DecisionRoutes(DecisionLog log) {
        this.log = log;
    }

    public void list(Context ctx) {
        int limit = Math.max(1, Math.min(Params.integer(ctx, "limit").orElse(DEFAULT_LIMIT), MAX_LIMIT));
        var query = new DecisionLog.Query(
                Params.text(ctx, "estate"),
                Params.longValue(ctx, "parcel"),
                Params.text(ctx, "subjectType"),
                Params.text(ctx, "subjectId"),
                Params.longValue(ctx, "before"),
                limit);
        ctx.contentType("application/json").result(log.listPublic(query).getBytes(StandardCharsets.UTF_8));
    }

    public void verify(Context ctx) {
        ctx.json(log.verify());
    }
}
