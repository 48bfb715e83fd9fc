package org.zamin.inbox;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.zamin.account.Auth;
import org.zamin.domain.Invalid;
import org.zamin.domain.NotFound;
import org.zamin.http.JsonBody;
import org.zamin.http.Params;

/**
 * {@code GET /api/inbox} (newest first, with the unread count), {@code POST /api/inbox/{id}/read} and
 * {@code POST /api/inbox/language} (the language of the user's e-mails).
 */
public final class InboxRoutes {

    private static final Set<String> LANGUAGES = Set.of("en", "fa");

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

    /** The language the user's e-mails come in: {@code {"language": "en"|"fa"}}, sent by the page on a switch. */
    public void language(Context ctx) {
        var user = auth.require(ctx);
        var body = JsonBody.read(ctx, LanguageChoice.class);
        if (body.language() == null || !LANGUAGES.contains(body.language())) {
            throw new Invalid("invalid_language", "language must be en or fa");
        }
        inbox.setLanguage(user.id(), body.language());
        ctx.json(Map.of("language", body.language()));
    }

    /** The body of {@code POST /api/inbox/language}. */
    public record LanguageChoice(String language) {}

    public void markRead(Context ctx) {
        var user = auth.require(ctx);
        long id = Params.id(ctx, "id");
        if (!inbox.markRead(user.id(), id, OffsetDateTime.now(clock))) {
            throw new NotFound("notification " + id);
        }
        ctx.json(Map.of("id", id, "read", true));
    }
}
