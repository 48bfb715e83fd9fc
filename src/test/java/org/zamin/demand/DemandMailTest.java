package org.zamin.demand;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Message;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.zamin.testing.Http;
import org.zamin.testing.Mailbox;
import org.zamin.testing.TestEstates;
import org.zamin.testing.TestServer;
import org.zamin.testing.TestUsers;

/**
 * The waitlist's e-mail comes in each reader's language: the database writes a message key and parameters, and the
 * server's outbox renders them from the pages' own translations, Persian with Persian digits and names.
 */
class DemandMailTest {

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
        int before = Mailbox.to(english.email()).size();

        ts.ownerJdbi().useHandle(h -> h.createUpdate("UPDATE parcel SET status = 'AVAILABLE' WHERE id = :id")
                .bind("id", plot).execute());

        List<Message> toEnglish = Mailbox.awaitCount(english.email(), before + 1);
        assertEquals(before + 1, toEnglish.size(), "one mail for the freed plot");
        Message mail = toEnglish.get(toEnglish.size() - 1);
        assertEquals("Zamin: Land you asked for is available in " + estate.code(), mail.getSubject());
        String body = mail.getContent().toString();
        assertTrue(body.contains("plot M-7") && body.contains("number 1 in line"), body);
        assertTrue(body.contains("#/parcel/" + plot), body);

        List<Message> toPersian = Mailbox.awaitCount(persian.email(), 1);
        Message persianMail = toPersian.get(toPersian.size() - 1);
        assertTrue(persianMail.getSubject().contains("زمینی که خواسته بودید"), persianMail.getSubject());
        String text = persianMail.getContent().toString();
        assertTrue(text.contains("نفر ۲ صف"), text);
    }
}
