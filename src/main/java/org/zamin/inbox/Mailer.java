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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends notification e-mail through the SMTP server of {@code ZAMIN_SMTP_URL}
 * ({@code smtp://user:password@host:port?from=address}, or {@code smtps://…}) on a background thread, so a slow
 * mail server never holds a request; a failed send is logged (the inbox has the message anyway). The messages queued
 * together (a burst of notices after an idle scan) go over one SMTP connection, a batch at a time, rather than one
 * connection each. Mail a person is waiting for (an address confirmation) has its own lane, so it never queues behind
 * such a burst.
 */
public final class Mailer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Mailer.class);
    /** The most messages sent over one connection before it is closed and the queue read again. */
    static final int BATCH = 100;

    private record Mail(String to, String subject, String body) {}

    /** Queued by {@link #close()}: the lane sends what came before it and stops. */
    private static final Mail STOP = new Mail("", "", "");

    private final Session session;
    private final String from;
    private final String user;
    private final String password;
    private final Lane notices = new Lane("zamin-mailer");
    private final Lane waitedFor = new Lane("zamin-mailer-waited-for");

    /** A queue of messages and the one thread that sends them, in batches over one connection. */
    private final class Lane {
        private final BlockingQueue<Mail> queue = new LinkedBlockingQueue<>();
        private final Thread thread;

        Lane(String name) {
            thread = new Thread(this::run, name);
            thread.setDaemon(true);
            thread.start();
        }

        private void run() {
            try {
                while (true) {
                    List<Mail> batch = new ArrayList<>();
                    batch.add(queue.take());
                    queue.drainTo(batch, BATCH - 1);
                    int stop = batch.indexOf(STOP);
                    deliver(stop < 0 ? batch : batch.subList(0, stop));
                    if (stop >= 0) {
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Sends what is queued, then ends the thread. */
        void finish() {
            queue.add(STOP);
        }
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
        notices.queue.add(new Mail(to, subject, body));
    }

    /** Queues one plain-text message someone is waiting for, ahead of the notices. */
    public void sendWaitedFor(String to, String subject, String body) {
        waitedFor.queue.add(new Mail(to, subject, body));
    }

    /** Sends a batch over one connection; a message the server refuses is logged and the others still go. */
    private void deliver(List<Mail> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try (Transport transport = session.getTransport()) {
            transport.connect(user, password);
            for (Mail mail : batch) {
                try {
                    MimeMessage m = new MimeMessage(session);
                    m.setFrom(new InternetAddress(from));
                    m.setRecipients(Message.RecipientType.TO, InternetAddress.parse(mail.to()));
                    m.setSubject(mail.subject(), "UTF-8");
                    m.setText(mail.body(), "UTF-8");
                    m.saveChanges();
                    if (!transport.isConnected()) {
                        transport.connect(user, password);
                    }
                    transport.sendMessage(m, m.getAllRecipients());
                } catch (MessagingException | RuntimeException e) {
                    log.warn("could not send mail '{}' to {}: {}", mail.subject(), mail.to(), e.getMessage());
                }
            }
        } catch (MessagingException | RuntimeException e) {
            log.warn("could not reach the mail server; {} mail(s) not sent: {}", batch.size(), e.getMessage());
        }
    }

    /** Lets both lanes send what is queued, then end (they are daemon threads: the JVM does not wait for them). */
    @Override
    public void close() {
        notices.finish();
        waitedFor.finish();
    }
}
