package org.zamin.inbox;

import java.time.Clock;
import java.time.OffsetDateTime;
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
        String email = InboxRepository.insert(h, userId, kind, subject, body, link, OffsetDateTime.now(clock));
        mailer.ifPresent(m -> h.afterCommit(() -> m.send(email, "Zamin: " + subject, body + "\n\n" + link)));
    }

    /**
     * Mails {@code to} after the caller's transaction commits, with no inbox row (for a message whose link is a
     * secret, such as an address confirmation); false when no SMTP server is configured.
     */
    public boolean mailOnly(Handle h, String to, String subject, String body) {
        mailer.ifPresent(m -> h.afterCommit(() -> m.send(to, "Zamin: " + subject, body)));
        return mailer.isPresent();
    }

    /** Every officer who manages the estate. */
    public void notifyOfficers(Handle h, String estateCode, String kind, String subject, String body, String link) {
        for (long id : InboxRepository.estateOfficers(h, estateCode)) {
            notifyUser(h, id, kind, subject, body, link);
        }
    }
}
