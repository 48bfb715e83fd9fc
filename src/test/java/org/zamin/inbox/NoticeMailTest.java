package org.zamin.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.zamin.App;
import org.zamin.config.Settings;
import org.zamin.db.Database;
import org.zamin.testing.Http;
import org.zamin.testing.TestAllocations;
import org.zamin.testing.TestEstates;
import org.zamin.testing.TestServer;
import org.zamin.testing.TestUsers;

/**
 * With {@code ZAMIN_SMTP_URL} set, a notice reaches the holder's mailbox (an in-JVM GreenMail SMTP server) as well
 * as the in-app inbox. A second server on the test database carries the mail setting.
 */
class NoticeMailTest {

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

    @Test
    void aNoticeIsMailedToTheHolderAndLandsInTheInbox() throws Exception {
        var ts = TestServer.get();
        var pg = ts.postgres();
        Settings settings = Settings.fromEnvironment(Map.of(
                "ZAMIN_PORT", "0",
                "DATABASE_URL", "postgresql://" + pg.appUser() + ":" + pg.appPassword() + "@127.0.0.1:" + pg.port() + "/zamin",
                "DATABASE_OWNER_URL", "postgresql://" + pg.user() + ":" + pg.password() + "@127.0.0.1:" + pg.port() + "/zamin",
                "ZAMIN_SMTP_URL", "smtp://127.0.0.1:" + MAIL.getSmtp().getPort() + "?from=notices%40zamin.test"));

        var estate = TestEstates.create(ts.ownerJdbi());
        long plot = estate.addParcel(ts.ownerJdbi(), "M-1", estate.rect(100, 100, 300, 300), "AVAILABLE");
        var officer = TestUsers.officer(estate.code());
        var investor = TestUsers.investor();
        LocalDate today = LocalDate.now(ts.clock());
        long allocation = TestAllocations.create(estate, investor.id(), List.of(plot), today.minusMonths(20), false);
        // New accounts read Persian until they choose (the page sends its language at sign-in and on a switch).
        assertEquals(200, Http.post("/api/inbox/language", Map.of("language", "en"), "Authorization",
                investor.bearer()).status());

        try (App app = App.start(settings, Database.open(settings), true, ts.clock())) {
            String base = "http://127.0.0.1:" + app.port();
            assertEquals(200, post(base + "/api/idle-scan?asOf=" + today, "", officer).status());
            long caseId = ts.jdbi().withHandle(h -> h.createQuery(
                    "SELECT id FROM idle_case WHERE allocation_id = :a AND state = 'OPEN'").bind("a", allocation)
                    .mapTo(Long.class).one());
            var notice = post(base + "/api/idle-cases/" + caseId + "/notice", "{\"reason\":\"no building yet\"}", officer);
            assertEquals(200, notice.status(), notice.body());

            // The outbox of this mail-enabled server may also send other tests' waitlist notices: pick the holder's.
            MimeMessage[] mails = new MimeMessage[0];
            for (long deadline = System.nanoTime() + 15_000_000_000L; mails.length == 0 && System.nanoTime() < deadline; ) {
                Thread.sleep(100);
                mails = java.util.Arrays.stream(MAIL.getReceivedMessages()).filter(m -> {
                    try {
                        return m.getAllRecipients()[0].toString().equals(investor.email());
                    } catch (jakarta.mail.MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                }).toArray(MimeMessage[]::new);
            }
            assertEquals(1, mails.length);
            MimeMessage mail = mails[0];
            assertEquals(investor.email(), mail.getAllRecipients()[0].toString());
            assertEquals("notices@zamin.test", mail.getFrom()[0].toString());
            assertEquals("Zamin: Warning 1 of 3: show cause for allocation " + allocation, mail.getSubject());
            String body = GreenMailUtil.getBody(mail);
            assertTrue(body.contains("no building yet"), body);
            assertTrue(body.contains("#/contract/" + allocation), body);

            var inbox = Http.send(HttpRequest.newBuilder(URI.create(base + "/api/inbox"))
                    .header("Authorization", investor.bearer()).GET()).json();
            assertEquals(1, inbox.get("unread").asInt(), inbox.toString());
            assertEquals("idle_notice", inbox.get("notifications").get(0).get("kind").asText());
            var stored = inbox.get("notifications").get(0);
            assertEquals("notice.idleNotice", stored.get("messageKey").asText(), "stored as a key, rendered per reader");
            assertEquals("no building yet", stored.get("params").get("reason").asText());
        }
    }

    private static Http.Response post(String url, String json, TestUsers.User user) {
        return Http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", user.bearer())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }
}
