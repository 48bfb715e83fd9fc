package org.zamin.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zamin.db.SqlResource;

/**
 * Sends the e-mail of notifications the database wrote itself (a message key and parameters, such as the waitlist's
 * matches): every second it claims the unsent ones and mails each in its reader's language. Claiming marks them sent
 * first, so a mail is sent at most once even with several servers. Without SMTP nothing is claimed.
 */
public final class KeyedMailOutbox implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KeyedMailOutbox.class);
    private static final String CLAIM = SqlResource.load("inbox/claim_keyed_mail");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Optional<ScheduledExecutorService> executor;

    private KeyedMailOutbox(Optional<ScheduledExecutorService> executor) {
        this.executor = executor;
    }

    public static KeyedMailOutbox start(Jdbi jdbi, Optional<Mailer> mailer) {
        return new KeyedMailOutbox(mailer.map(m -> {
            ScheduledExecutorService ex = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "zamin-keyed-mail");
                t.setDaemon(true);
                return t;
            });
            ex.scheduleWithFixedDelay(() -> sendDue(jdbi, m), 1, 1, TimeUnit.SECONDS);
            return ex;
        }));
    }

    private static void sendDue(Jdbi jdbi, Mailer mailer) {
        try {
            jdbi.useHandle(h -> h.createQuery(CLAIM).mapToMap().forEach(row -> {
                try {
                    String language = (String) row.get("language");
                    String key = (String) row.get("message_key");
                    var params = JSON.readTree(String.valueOf(row.get("params")));
                    String link = row.get("link") == null ? "" : "\n\n" + row.get("link");
                    mailer.send((String) row.get("email"), "Zamin: " + Messages.render(language, key + ".subject", params),
                            Messages.render(language, key, params) + link);
                } catch (java.io.IOException e) {
                    log.warn("notification {} has unreadable parameters: {}", row.get("id"), e.getMessage());
                }
            }));
        } catch (RuntimeException e) {
            log.warn("could not send the waiting notification e-mails: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        executor.ifPresent(ScheduledExecutorService::shutdownNow);
    }
}
