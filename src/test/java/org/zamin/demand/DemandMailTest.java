package org.zamin.demand;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.zamin.App;
import org.zamin.config.Settings;
import org.zamin.db.Database;
import org.zamin.testing.Http;
import org.zamin.testing.TestEstates;
import org.zamin.testing.TestServer;
import org.zamin.testing.TestUsers;

/**
 * The waitlist's e-mail comes in each reader's language: the database writes a message key and parameters, and the
 * server that has SMTP renders them from the pages' own translations, Persian with Persian digits and names.
 */
class DemandMailTest {

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

    @Test
    void eachWaitingInvestorIsMailedInTheirOwnLanguage() throws Exception {
        var ts = TestServer.get();
        var estate = TestEstates.create(ts.ownerJdbi());
        long plot = estate.addParcel(ts.ownerJdbi(), "M-7", estate.rect(100, 100, 200, 200), "NOT_OFFERED");
        var english = TestUsers.investor();
        var persian = TestUsers.investor();
        for (var investor : List.of(english, persian)) {
            var r = Http.post("/api/demand", Map.of("estates", List.of(estate.code()), "minAreaM2", "100",
                    "landUse", "industrial", "activity", "2511"), "Authorization", investor.bearer());
            assertEquals(201, r.status(), r.body());
        }
        assertEquals(200, Http.post("/api/inbox/language", Map.of("language", "en"), "Authorization",
                english.bearer()).status());
        assertEquals(200, Http.post("/api/inbox/language", Map.of("language", "fa"), "Authorization",
                persian.bearer()).status());
        Http.assertError(Http.post("/api/inbox/language", Map.of("language", "de"), "Authorization",
                persian.bearer()), 422, "invalid_language", "en or fa");
        ts.ownerJdbi().useHandle(h -> h.createUpdate("UPDATE parcel SET status = 'AVAILABLE' WHERE id = :id")
                .bind("id", plot).execute());

        var pg = ts.postgres();
        Settings settings = Settings.fromEnvironment(Map.of(
                "ZAMIN_PORT", "0",
                "DATABASE_URL", "postgresql://" + pg.appUser() + ":" + pg.appPassword() + "@127.0.0.1:" + pg.port() + "/zamin",
                "DATABASE_OWNER_URL", "postgresql://" + pg.user() + ":" + pg.password() + "@127.0.0.1:" + pg.port() + "/zamin",
                "ZAMIN_SMTP_URL", "smtp://127.0.0.1:" + MAIL.getSmtp().getPort() + "?from=notices%40zamin.test"));
        try (App app = App.start(settings, Database.open(settings), true, ts.clock())) {
            MimeMessage toEnglish = mailTo(english.email());
            assertEquals("Zamin: Land you asked for is available in " + estate.code(), toEnglish.getSubject());
            String body = GreenMailUtil.getBody(toEnglish);
            assertTrue(body.contains("plot M-7") && body.contains("number 1 in line"), body);
            assertTrue(body.contains("#/parcel/" + plot), body);

            MimeMessage toPersian = mailTo(persian.email());
            assertTrue(toPersian.getSubject().contains("زمینی که خواسته بودید"), toPersian.getSubject());
            String text = toPersian.getContent().toString();
            assertTrue(text.contains("نفر ۲ صف"), text);
        }
    }

    /** Waits (up to 15 s) for the mail to one address; other tests' pending notices may arrive too. */
    private static MimeMessage mailTo(String address) throws Exception {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (MimeMessage m : MAIL.getReceivedMessages()) {
                if (m.getAllRecipients()[0].toString().equals(address)) {
                    return m;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no mail to " + address);
    }
}
