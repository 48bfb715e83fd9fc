package org.zamin.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mail the test server sent (its SMTP server is an in-JVM GreenMail), and the sign-up path through it: sign up
 * through the API, take the confirmation link from the mail, follow it, as a person would.
 */
public final class Mailbox {

    private static final Pattern CONFIRM_LINK = Pattern.compile("#/confirm\\?token=([A-Za-z0-9_-]+)");

    private Mailbox() {}

    /** The messages to {@code address}, oldest first. */
    public static List<Message> to(String address) {
        return Arrays.stream(TestServer.get().mail().getReceivedMessages())
                .filter(m -> recipients(m).contains(address.toLowerCase(java.util.Locale.ROOT)))
                .map(Message.class::cast).toList();
    }

    /** The messages to {@code address} once there are at least {@code count} (waiting up to a minute; mail is sent
     * after commit, on the mailer's thread). */
    public static List<Message> awaitCount(String address, int count) {
        // the outbox may be working through a burst of notices (the demo sample's idle scan queues hundreds)
        long deadline = System.currentTimeMillis() + 60_000;
        List<Message> messages = to(address);
        while (messages.size() < count && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            messages = to(address);
        }
        return messages;
    }

    /**
     * Makes a signed-up investor fit to hold in an OPEN offer through the API, as the real flow does: states a fresh
     * identity number and pays the deposit (with the investor's own {@code headers}: cookie and CSRF token, or
     * bearer), and an administrator verifies the documents.
     */
    public static void makeFit(long investorId, String... headers) {
        var identity = Http.post("/api/me/identity", Map.of("nationalId", TestUsers.nextNationalId()), headers);
        assertEquals(200, identity.status(), identity.body());
        var verified = Http.post("/api/investors/" + investorId + "/verify", null, "Authorization",
                TestUsers.admin().bearer());
        assertEquals(200, verified.status(), verified.body());
        var deposit = Http.post("/api/me/deposit", null, headers);
        assertEquals(201, deposit.status(), deposit.body());
    }

    /** A message's text, its transfer encoding undone (a Persian mail comes base64-encoded). */
    public static String body(Message m) {
        try {
            Object content = m.getContent();
            return content instanceof String text ? text : GreenMailUtil.getBody(m).replace("=\r\n", "");
        } catch (java.io.IOException | jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The token of the newest confirmation link mailed to {@code address}, waiting up to a minute for the mail. */
    public static Optional<String> confirmationToken(String address) {
        // the outbox may be working through a burst of notices (the demo sample's idle scan queues hundreds)
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            Optional<String> token = Optional.empty();
            for (Message m : to(address)) {
                Matcher matcher = CONFIRM_LINK.matcher(body(m));
                if (matcher.find()) {
                    token = Optional.of(matcher.group(1));
                }
            }
            if (token.isPresent() || System.currentTimeMillis() > deadline) {
                return token;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    /** Follows the newest confirmation link mailed to {@code address} (POST /api/auth/confirm); asserts 204. */
    public static void confirm(String address, String... headers) {
        String token = confirmationToken(address).orElseThrow(() -> new AssertionError("no confirmation mail to "
                + address));
        var r = Http.post("/api/auth/confirm", Map.of("token", token), headers);
        assertEquals(204, r.status(), r.body());
    }

    /** Signs up through the API (202) and confirms through the mailed link; the account can sign in after. */
    public static void signUpConfirmed(String email, String password, String name, String... headers) {
        var r = Http.post("/api/auth/register", Map.of("email", email, "password", password, "name", name), headers);
        assertEquals(202, r.status(), r.body());
        confirm(email, headers);
    }

    private static List<String> recipients(Message m) {
        try {
            return Arrays.stream(m.getAllRecipients()).map(a -> a.toString().toLowerCase(java.util.Locale.ROOT))
                    .toList();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
