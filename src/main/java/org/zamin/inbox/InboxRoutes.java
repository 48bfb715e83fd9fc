package org.zamin.inbox;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.CaseStrategy;
import org.jdbi.v3.core.mapper.MapMappers;
import org.zamin.account.Auth;
import org.zamin.http.ApiException;
import org.zamin.http.Params;

/** {@code GET /api/inbox} (newest first, with the unread count) and {@code POST /api/inbox/{id}/read}. */
public final class InboxRoutes {

    private final Jdbi jdbi;
    private final Auth auth;
    private final Clock clock;

    public InboxRoutes(Jdbi jdbi, Auth auth, Clock clock) {
        this.jdbi = jdbi;
        this.auth = auth;
        this.clock = clock;
    }

    public void list(Context ctx) {
        var user = auth.require(ctx);
        ctx.json(jdbi.withHandle(h -> {
            h.getConfig(MapMappers.class).setCaseChange(CaseStrategy.NOP);
            var items = h.createQuery("""
                    SELECT id, kind, subject, body, link, created_at AS "createdAt", read_at AS "readAt"
                      FROM notification WHERE user_id = :u ORDER BY created_at DESC, id DESC LIMIT 200""")
                    .bind("u", user.id()).mapToMap().list();
            long unread = h.createQuery("SELECT count(*) FROM notification WHERE user_id = :u AND read_at IS NULL")
                    .bind("u", user.id()).mapTo(Long.class).one();
            return Map.of("notifications", items, "unread", unread);
        }));
    }

    public void markRead(Context ctx) {
        var user = auth.require(ctx);
        long id = Params.id(ctx, "id");
        int n = jdbi.withHandle(h -> h.createUpdate("UPDATE notification SET read_at = coalesce(read_at, :at) "
                + "WHERE id = :id AND user_id = :u").bind("at", OffsetDateTime.now(clock)).bind("id", id)
                .bind("u", user.id()).execute());
        if (n == 0) {
            throw ApiException.notFound("notification " + id);
        }
        ctx.json(Map.of("id", id, "read", true));
    }
}
