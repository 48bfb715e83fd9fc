package org.zamin.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Notifies users inside the caller's transaction: the inbox row commits with the change it announces, and the
 * e-mail (when SMTP is configured) is queued only after that commit.
 */
public final class Notifier {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Optional<Mailer> mailer;
    private final Clock clock;

    public Notifier(Optional<Mailer> mailer, Clock clock) {
        this.mailer = mailer;
        this.clock = clock;
    }

    /**
     * Puts {@code message} in the user's inbox in the caller's transaction; after the commit, e-mails it rendered in
     * the user's language (when SMTP is configured).
     */
    public void notify(Handle h, long userId, String kind, Message message, String link) {
        var recipient = InboxRepository.insertKeyed(h, userId, kind, message, link, OffsetDateTime.now(clock));
        mailer.ifPresent(m -> h.afterCommit(() -> {
            var params = JSON.valueToTree(message.params());
            m.send(recipient.email(), "Zamin: " + Messages.render(recipient.language(), message.key() + ".subject",
                    params), Messages.render(recipient.language(), message.key(), params) + "\n\n" + link);
        }));
    }

    /**
     * As {@link #notify}, once per {@code subject} (e.g. "reservation:12") and {@code kind}, whichever server or run
     * sends it (table {@code reminder_sent}); false when it was already sent.
     */
    public boolean notifyOnce(Handle h, String subject, long userId, String kind, Message message, String link) {
        if (!InboxRepository.markSent(h, subject, kind, OffsetDateTime.now(clock))) {
            return false;
        }
        notify(h, userId, kind, message, link);
        return true;
    }

    /** Every officer who manages the estate gets {@code message}. */
    public void notifyOfficers(Handle h, String estateCode, String kind, Message message, String link) {
        for (long id : InboxRepository.estateOfficers(h, estateCode)) {
            notify(h, id, kind, message, link);
        }
    }

    /**
     * Mails {@code message} to user {@code userId} in their language after the caller's transaction commits, with no
     * inbox row (for a message whose link is a secret, such as an address confirmation); false when no SMTP server
     * is configured.
     */
    public boolean mailOnly(Handle h, long userId, Message message) {
        if (mailer.isEmpty()) {
            return false;
        }
        var recipient = InboxRepository.recipient(h, userId);
        var params = JSON.valueToTree(message.params());
        String subject = Messages.render(recipient.language(), message.key() + ".subject", params);
        String body = Messages.render(recipient.language(), message.key(), params);
        mailer.ifPresent(m -> h.afterCommit(() -> m.sendWaitedFor(recipient.email(), "Zamin: " + subject, body)));
        return true;
    }
}
