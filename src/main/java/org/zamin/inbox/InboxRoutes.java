package org.zamin.inbox;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.zamin.account.Auth;
import org.zamin.domain.NotFound;
import org.zamin.http.Params;

/** {@code GET /api/inbox} (newest first, with the unread count) and {@code POST /api/inbox/{id}/read}. */
public final class InboxRoutes {

    private final InboxRepository inbox;
    private final Auth auth;
    private final Clock clock;

    public InboxRoutes(Jdbi jdbi, Auth auth, Clock clock) {
        this.inbox = new InboxRepository(jdbi);
        this.auth = auth;
        this.clock = clock;
    }

    public void list(Context ctx) {
        var user = auth.require(ctx);
        var mine = inbox.inbox(user.id());
        ctx.json(Map.of("notifications", mine.notifications(), "unread", mine.unread()));
    }

    public void markRead(Context ctx) {
        var user = auth.require(ctx);
        long id = Params.id(ctx, "id");
        if (!inbox.markRead(user.id(), id, OffsetDateTime.now(clock))) {
            throw new NotFound("notification " + id);
        }
        ctx.json(Map.of("id", id, "read", true));
    }
}
