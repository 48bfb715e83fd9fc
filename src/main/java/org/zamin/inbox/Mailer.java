package org.zamin.inbox;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends notification e-mail through the SMTP server of {@code ZAMIN_SMTP_URL}
 * ({@code smtp://user:password@host:port?from=address}, or {@code smtps://…}) on a background thread, so a slow
 * mail server never holds a request; a failed send is logged (the inbox has the message anyway). Mail a person is
 * waiting for (an address confirmation) has its own thread, so it never queues behind a burst of notices (an idle
 * scan that opens hundreds of cases).
 */
public final class Mailer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Mailer.class);

    private final Session session;
    private final String from;
    private final String user;
    private final String password;
    private final ExecutorService executor = lane("zamin-mailer");
    private final ExecutorService waitedFor = lane("zamin-mailer-waited-for");

    private static ExecutorService lane(String name) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    private Mailer(Session session, String from, String user, String password) {
        this.session = session;
        this.from = from;
        this.user = user;
        this.password = password;
    }

    /** A mailer for the URL, or empty when no SMTP server is configured. */
    public static Optional<Mailer> fromUrl(Optional<String> url) {
        return url.map(Mailer::parse);
    }

    static Mailer parse(String url) {
        URI uri = URI.create(url);
        boolean tls = "smtps".equalsIgnoreCase(uri.getScheme());
        if (!tls && !"smtp".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("ZAMIN_SMTP_URL must start with smtp:// or smtps://");
        }
        Properties p = new Properties();
        String proto = tls ? "smtps" : "smtp";
        p.put("mail.transport.protocol", proto);
        p.put("mail." + proto + ".host", uri.getHost());
        p.put("mail." + proto + ".port", Integer.toString(uri.getPort() > 0 ? uri.getPort() : (tls ? 465 : 25)));
        p.put("mail." + proto + ".connectiontimeout", "10000");
        p.put("mail." + proto + ".timeout", "10000");
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
            password = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "";
            p.put("mail." + proto + ".auth", "true");
        }
        String from = "no-reply@zamin.local";
        if (uri.getRawQuery() != null) {
            for (String kv : uri.getRawQuery().split("&")) {
                if (kv.startsWith("from=")) {
                    from = URLDecoder.decode(kv.substring(5), StandardCharsets.UTF_8);
                }
            }
        }
        return new Mailer(Session.getInstance(p), from, user, password);
    }

    /** Queues one plain-text message. */
    public void send(String to, String subject, String body) {
        executor.execute(() -> deliver(to, subject, body));
    }

    /** Queues one plain-text message someone is waiting for, ahead of the notices. */
    public void sendWaitedFor(String to, String subject, String body) {
        waitedFor.execute(() -> deliver(to, subject, body));
    }

    private void deliver(String to, String subject, String body) {
        try {
            MimeMessage m = new MimeMessage(session);
            m.setFrom(new InternetAddress(from));
            m.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to));
            m.setSubject(subject, "UTF-8");
            m.setText(body, "UTF-8");
            if (user != null) {
                Transport.send(m, user, password);
            } else {
                Transport.send(m);
            }
        } catch (MessagingException | RuntimeException e) {
            log.warn("could not send mail '{}' to {}: {}", subject, to, e.getMessage());
        }
    }

    @Override
    public void close() {
        executor.shutdown();
        waitedFor.shutdown();
    }
}
