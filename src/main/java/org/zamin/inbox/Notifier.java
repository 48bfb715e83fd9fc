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

    /** Every officer who manages the estate gets {@code message}. */
    public void notifyOfficers(Handle h, String estateCode, String kind, Message message, String link) {
        for (long id : InboxRepository.estateOfficers(h, estateCode)) {
            notify(h, id, kind, message, link);
        }
    }

    /** A notification written as text in one language (the account messages); prefer {@link #notify}. */
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
}
