package org.zamin.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Server-side rendering of a keyed message from the pages' own translations, in each reader's language. */
class MessagesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aNoticeReadsInEnglishAndInPersianWithTheReadersCalendarDigitsAndNames() {
        var params = JSON.valueToTree(Map.of("allocation", 42, "replyOn", "2027-01-05", "reason", "no building",
                "stage", 1, "stages", 3, "days", 90));
        assertEquals("Warning 1 of 3: show cause for allocation 42",
                Messages.render("en", "notice.idleNotice.subject", params));
        String english = Messages.render("en", "notice.idleNotice", params);
        assertTrue(english.startsWith("Your plot appears idle. You have 90 days, until 5 January 2027,")
                && english.endsWith("no building"), english);
        String persian = Messages.render("fa", "notice.idleNotice", params);
        // 5 January 2027 is 15 Dey 1405 in the Solar Hijri calendar.
        assertTrue(persian.contains("۱۵ دی ۱۴۰۵"), persian);
        assertTrue(Messages.render("fa", "notice.idleNotice.subject", params).contains("۴۲"));

        var names = JSON.valueToTree(Map.of("estateName", "Rasht", "estateNameFa", "رشت", "estate", "GIL-RASHT",
                "plots", 2, "plot", "A-1", "areaM2", 4000, "position", 3));
        assertTrue(Messages.render("fa", "notice.demandMatch.subject", names).contains("رشت"));
        assertTrue(Messages.render("en", "notice.demandMatch.subject", names).contains("Rasht"));
        assertTrue(Messages.render("fa", "notice.demandMatch", names).contains("نفر ۳ صف"));
    }

    @Test
    void aMissingParameterStaysVisibleAndAnUnknownKeyFallsBackToItself() {
        var none = JSON.createObjectNode();
        assertEquals("Reason: {reason}", Messages.render("en", "notice.reservationRejected", none));
        assertEquals("no.such.key", Messages.render("fa", "no.such.key", none));
    }

    @Test
    void aLinkAnAddressAndAReferenceKeepTheirDigitsInPersian() {
        var params = new ObjectMapper().valueToTree(Map.of("hours", 48, "email", "a1@test.example",
                "link", "https://zamin.example/#/confirm?token=Ab12_9"));
        String fa = Messages.render("fa", "notice.confirmAddress", params);
        assertTrue(fa.contains("https://zamin.example/#/confirm?token=Ab12_9"), fa);
        assertTrue(fa.contains("a1@test.example") && fa.contains("۴۸"), fa);
    }
}
