package org.zamin.allocation;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.zamin.account.Auth;
import org.zamin.account.CurrentUser;
import org.zamin.account.Role;
import org.zamin.db.SqlResource;
import org.zamin.http.ApiException;
import org.zamin.http.Params;

/** {@code GET /api/allocations} and {@code /api/allocations/{id}}: an investor's own, an officer's estates', all for admins. */
public final class AllocationRoutes {

    private static final String JSON = SqlResource.load("allocation/json");

    private final Jdbi jdbi;
    private final Auth auth;

    public AllocationRoutes(Jdbi jdbi, Auth auth) {
        this.jdbi = jdbi;
        this.auth = auth;
    }

    public void list(Context ctx) {
        CurrentUser user = auth.require(ctx, Role.INVESTOR, Role.OFFICER, Role.ADMIN);
        int limit = Math.max(1, Math.min(Params.integer(ctx, "limit").orElse(200), 1000));
        send(ctx, "{\"allocations\":[" + String.join(",", query(user, null, limit)) + "]}");
    }

    public void get(Context ctx) {
        CurrentUser user = auth.require(ctx, Role.INVESTOR, Role.OFFICER, Role.ADMIN);
        long id = Params.id(ctx, "id");
        List<String> mine = query(user, id, 1);
        if (mine.isEmpty()) {
            boolean exists = jdbi.withHandle(h -> h.createQuery("SELECT EXISTS (SELECT 1 FROM allocation WHERE id = :id)")
                    .bind("id", id).mapTo(Boolean.class).one());
            if (exists && user.role() == Role.OFFICER) {
                throw new ApiException(403, "forbidden", "this allocation is in an estate you do not manage");
            }
            throw ApiException.notFound("allocation " + id);
        }
        send(ctx, mine.get(0));
    }

    private List<String> query(CurrentUser user, Long id, int limit) {
        Long investor = user.role() == Role.INVESTOR ? user.id() : null;
        List<String> estates = user.role() == Role.OFFICER ? List.copyOf(user.estateCodes()) : null;
        return jdbi.withHandle(h -> h.createQuery(JSON)
                .bind("id", id).bind("investor", investor).bind("scoped", estates != null)
                .bindArray("estates", String.class, estates == null ? List.of() : estates)
                .bind("limit", limit).mapTo(String.class).list());
    }

    private static void send(Context ctx, String json) {
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("application/json").result(json.getBytes(StandardCharsets.UTF_8));
    }
}
