package org.zamin.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Message;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.zamin.testing.Mailbox;
import org.zamin.testing.TestServer;

/**
 * A burst of mail goes out in batches over shared connections: every message arrives, one the mail server cannot
 * take (a malformed address) is skipped without losing the rest of its batch, and closing the mailer still sends what
 * was queued before it.
 */
class MailerBatchTest {

    @Test
    void aBurstLargerThanABatchArrivesWholeAndABadAddressLosesNothingElse() {
        var smtp = TestServer.get().mail().getSmtp();
        Mailer mailer = Mailer.parse("smtp://127.0.0.1:" + smtp.getPort() + "?from=zamin%40zamin.test");
        String to = "burst-" + System.nanoTime() + "@zamin.test";
        int count = Mailer.BATCH * 2 + 17;
        for (int i = 0; i < count; i++) {
            mailer.send(i == 40 ? "not an address@@" : to, "burst " + i, "message " + i);
        }
        String waiting = "waiting-" + System.nanoTime() + "@zamin.test";
        mailer.sendWaitedFor(waiting, "confirm", "the link");
        mailer.close();

        List<Message> received = Mailbox.awaitCount(to, count - 1);
        assertEquals(count - 1, received.size(), "every message but the malformed one");
        assertTrue(received.stream().map(MailerBatchTest::subject).noneMatch("burst 40"::equals));
        assertTrue(received.stream().map(MailerBatchTest::subject).anyMatch("burst 41"::equals),
                "the message after the malformed one in the same batch");
        assertEquals(1, Mailbox.awaitCount(waiting, 1).size());
        assertEquals(Optional.of("burst " + (count - 1)),
                received.stream().map(MailerBatchTest::subject).filter(("burst " + (count - 1))::equals).findFirst(),
                "the last message, queued just before close, was sent");
    }

    private static String subject(Message m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
