package org.zamin.inbox;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Notifies users inside the caller's transaction: the inbox row commits with the change it announces, and the
 * e-mail (when SMTP is configured) is queued only after that commit.
 */
public final class Notifier {

    private final Optional<Mailer> mailer;
    private final Clock clock;

    public Notifier(Optional<Mailer> mailer, Clock clock) {
        this.mailer = mailer;
        this.clock = clock;
    }

    public void notifyUser(Handle h, long userId, String kind, String subject, String body, String link) {
        String email = h.createQuery("INSERT INTO notification (user_id, kind, subject, body, link, created_at) "
                        + "VALUES (:u, :k, :s, :b, :l, :at) RETURNING (SELECT email FROM users WHERE id = :u)")
                .bind("u", userId).bind("k", kind).bind("s", subject).bind("b", body).bind("l", link)
                .bind("at", OffsetDateTime.now(clock)).mapTo(String.class).one();
        mailer.ifPresent(m -> h.afterCommit(() -> m.send(email, "Zamin: " + subject, body + "\n\n" + link)));
    }

    /** Every officer who manages the estate. */
    public void notifyOfficers(Handle h, String estateCode, String kind, String subject, String body, String link) {
        List<Long> officers = h.createQuery("SELECT oe.user_id FROM officer_estate oe JOIN estate e ON e.id = oe.estate_id "
                + "WHERE e.code = :code ORDER BY 1").bind("code", estateCode).mapTo(Long.class).list();
        for (long id : officers) {
            notifyUser(h, id, kind, subject, body, link);
        }
    }
}
