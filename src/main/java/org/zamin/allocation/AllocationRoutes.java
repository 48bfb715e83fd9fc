package org.zamin.allocation;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import org.jdbi.v3.core.Jdbi;
import org.zamin.account.Auth;
import org.zamin.account.Visibility;
import org.zamin.http.Params;

/** {@code GET /api/allocations} and {@code /api/allocations/{id}}: an investor's own, an officer's estates', all for admins. */
public final class AllocationRoutes {

    private final AllocationRepository allocations;
    private final Auth auth;

    public AllocationRoutes(Jdbi jdbi, Auth auth) {
        this.allocations = new AllocationRepository(jdbi);
        this.auth = auth;
    }

    public void list(Context ctx) {
        var who = Visibility.of(auth.require(ctx));
        int limit = Math.max(1, Math.min(Params.integer(ctx, "limit").orElse(200), 1000));
        send(ctx, "{\"allocations\":[" + String.join(",", allocations.list(who, limit)) + "]}");
    }

    public void get(Context ctx) {
        var who = Visibility.of(auth.require(ctx));
        send(ctx, allocations.get(who, Params.id(ctx, "id")));
    }

    private static void send(Context ctx, String json) {
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("application/json").result(json.getBytes(StandardCharsets.UTF_8));
    }
}
