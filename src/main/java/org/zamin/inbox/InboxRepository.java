package org.zamin.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.CaseStrategy;
import org.jdbi.v3.core.mapper.MapMappers;
import org.zamin.db.SqlResource;

/** The SQL of the inbox: a user's notifications, the unread count, marking read, and new notifications. */
public final class InboxRepository {

    private static final String LIST = SqlResource.load("inbox/list");
    private static final String UNREAD = SqlResource.load("inbox/unread");
    private static final String MARK_READ = SqlResource.load("inbox/mark_read");
    private static final String MARK_SENT = SqlResource.load("inbox/mark_sent");
    private static final String RECIPIENT = SqlResource.load("inbox/recipient");
    private static final String ESTATE_OFFICERS = SqlResource.load("inbox/estate_officers");
    private static final String SET_LANGUAGE = SqlResource.load("inbox/set_language");
    private static final String INSERT_KEYED = SqlResource.load("inbox/insert_keyed");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Jdbi jdbi;

    public InboxRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** A user's inbox: the newest notifications (JSON-ready maps) and how many are unread. */
    public record Inbox(List<Map<String, Object>> notifications, long unread) {}

    Inbox inbox(long userId) {
        return jdbi.withHandle(h -> {
            h.getConfig(MapMappers.class).setCaseChange(CaseStrategy.NOP);
            var items = h.createQuery(LIST).bind("user", userId).mapToMap().list();
            for (var item : items) {
                item.put("params", readParams((String) item.get("params")));
            }
            long unread = h.createQuery(UNREAD).bind("user", userId).mapTo(Long.class).one();
            return new Inbox(items, unread);
        });
    }

    private static JsonNode readParams(String json) {
        try {
            return JSON.readTree(json == null ? "{}" : json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a notification's parameters are not JSON", e);
        }
    }

    /** Sets the language a user's e-mails are written in. */
    void setLanguage(long userId, String language) {
        jdbi.useHandle(h -> h.createUpdate(SET_LANGUAGE)
                .bind("language", language).bind("user", userId).execute());
    }

    /** Marks the notification read; false when the user has no notification with this id. */
    boolean markRead(long userId, long id, OffsetDateTime at) {
        return jdbi.withHandle(h -> h.createUpdate(MARK_READ).bind("at", at).bind("id", id).bind("user", userId)
                .execute()) > 0;
    }

    /** Records that the reminder {@code kind} about {@code subject} is sent; false when it already was. */
    static boolean markSent(Handle h, String subject, String kind, OffsetDateTime at) {
        return h.createUpdate(MARK_SENT).bind("subject", subject).bind("kind", kind).bind("at", at).execute() > 0;
    }

    /** A user's e-mail address and language. */
    static Recipient recipient(Handle h, long userId) {
        return h.createQuery(RECIPIENT).bind("user", userId)
                .map((rs, ctx) -> new Recipient(rs.getString("email"), rs.getString("language"))).one();
    }

    /** Who a notification went to: the address and language of its e-mail. */
    record Recipient(String email, String language) {}

    /** Inserts a keyed notification in the caller's transaction; returns its recipient. */
    static Recipient insertKeyed(Handle h, long userId, String kind, Message message, String link, OffsetDateTime at) {
        String params;
        try {
            params = JSON.writeValueAsString(message.params());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a notification's parameters must be JSON values", e);
        }
        return h.createQuery(INSERT_KEYED).bind("user", userId).bind("kind", kind).bind("key", message.key())
                .bind("params", params).bind("link", link).bind("at", at)
                .map((rs, ctx) -> new Recipient(rs.getString("email"), rs.getString("language"))).one();
    }

    /** The officers who manage the estate. */
    static List<Long> estateOfficers(Handle h, String estateCode) {
        return h.createQuery(ESTATE_OFFICERS).bind("code", estateCode).mapTo(Long.class).list();
    }
}
