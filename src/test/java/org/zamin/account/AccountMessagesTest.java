package org.zamin.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.zamin.testing.Http;
import org.zamin.testing.Mailbox;
import org.zamin.testing.TestServer;

/**
 * The account's messages are keyed like every notice: the address confirmation comes in the account's language
 * (Persian by default, its link's token in Latin digits so it still works) and the "someone tried to sign up with
 * your address" notice is a message key with parameters, not English text.
 */
class AccountMessagesTest {

    @Test
    void signUpMailsAndNoticesAreKeyedAndComeInTheAccountsLanguage() throws Exception {
        String email = "keyed-" + UUID.randomUUID().toString().substring(0, 8) + "@test.example";
        var rnd = ThreadLocalRandom.current();
        String[] from = {"X-Forwarded-For", "10.91." + rnd.nextInt(1, 255) + "." + rnd.nextInt(1, 255)};
        var body = Map.of("email", email, "password", "correct horse battery staple", "name", "Keyed Investor");
        assertEquals(202, Http.post("/api/auth/register", body, from).status());
        var persian = Mailbox.awaitCount(email, 1).get(0);
        assertEquals("Zamin: نشانی خود را تأیید کنید", persian.getSubject());
        String text = Mailbox.body(persian);
        assertTrue(text.contains("این پیوند را") && text.contains(email), text);
        assertTrue(text.matches("(?s).*#/confirm\\?token=[A-Za-z0-9_-]+.*"), "the link keeps Latin digits: " + text);

        TestServer.get().jdbi().useHandle(h -> h.createUpdate("UPDATE users SET language = 'en' WHERE lower(email) = :e")
                .bind("e", email).execute());
        assertEquals(202, Http.post("/api/auth/register", body, from).status());
        var english = Mailbox.awaitCount(email, 2).get(1);
        assertEquals("Zamin: Confirm your address", english.getSubject());
        assertTrue(Mailbox.body(english).contains("Open this link within"), Mailbox.body(english));
        Mailbox.confirm(email, from);

        assertEquals(202, Http.post("/api/auth/register", body, from).status());
        var notice = TestServer.get().jdbi().withHandle(h -> h.createQuery("""
                SELECT n.message_key, n.params::text AS params, n.subject FROM notification n
                  JOIN users u ON u.id = n.user_id WHERE lower(u.email) = :e""").bind("e", email).mapToMap().one());
        assertEquals("notice.signupExisting", notice.get("message_key"));
        assertTrue(notice.get("params").toString().contains(email), notice.toString());
        assertNull(notice.get("subject"));
    }
}
