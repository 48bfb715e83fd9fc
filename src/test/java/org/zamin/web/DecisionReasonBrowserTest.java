package org.zamin.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.zamin.decision.SystemReason;
import org.zamin.reservation.ReservationService;
import org.zamin.testing.Browser;
import org.zamin.testing.Http;
import org.zamin.testing.TestEstates;
import org.zamin.testing.TestServer;
import org.zamin.testing.TestUsers;

/** The reasons the service writes into the decision log are read in the reader's language, not in English. */
class DecisionReasonBrowserTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Browser browser;
    private static long seq;

    @BeforeAll
    static void aHoldLapses() {
        var ts = TestServer.get();
        var estate = TestEstates.create(ts.ownerJdbi());
        long plot = estate.addParcel(ts.ownerJdbi(), "R-1", estate.rect(100, 100, 300, 300), "AVAILABLE");
        var investor = TestUsers.investor();
        var made = Http.post("/api/reservations", Map.of("parcelIds", List.of(plot), "activity", "1079",
                "investment", 1_000_000_000L, "jobs", 5, "knowledgeBased", false), "Authorization", investor.bearer(),
                "Idempotency-Key", UUID.randomUUID().toString());
        assertEquals(201, made.status(), made.body());
        long reservation = made.json().get("id").asLong();
        ts.clock().advance(ReservationService.HOLD.plus(Duration.ofMinutes(1)));
        ts.app().sweepHolds();
        JsonNode entry = Http.get("/api/decisions?subjectType=reservation&subjectId=" + reservation).json()
                .get("decisions").get(0);
        assertEquals("reservation.expired", entry.get("action").asText());
        assertEquals(SystemReason.HOLD_DEPOSIT_UNPAID.text(), entry.get("reason").asText(), "the log keeps its text");
        assertEquals(SystemReason.HOLD_DEPOSIT_UNPAID.key(), entry.get("reasonKey").asText());
        seq = entry.get("seq").asLong();
        browser = new Browser();
    }

    @AfterAll
    static void tearDown() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void everySystemReasonIsTranslated() throws IOException {
        JsonNode en = JSON.readTree(Files.readString(Path.of("web/i18n/en.json")));
        JsonNode fa = JSON.readTree(Files.readString(Path.of("web/i18n/fa.json")));
        for (SystemReason r : SystemReason.values()) {
            assertTrue(en.hasNonNull(r.key()) && fa.hasNonNull(r.key()), r.key());
            assertNotEquals(en.get(r.key()).asText(), fa.get(r.key()).asText(), r.key());
        }
    }

    @Test
    void anOfficersOwnReasonHasNoKey() {
        JsonNode decisions = Http.get("/api/decisions?limit=200").json().get("decisions");
        decisions.forEach(d -> {
            boolean system = List.of(SystemReason.values()).stream().anyMatch(r -> r.text().equals(d.path("reason").asText()));
            assertEquals(system, d.hasNonNull("reasonKey"), d.toString());
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "fa"})
    void theLogShowsTheReasonInTheReadersLanguage(String language) throws IOException {
        String expected = JSON.readTree(Files.readString(Path.of("web/i18n/" + language + ".json")))
                .get(SystemReason.HOLD_DEPOSIT_UNPAID.key()).asText();
        UiFixture.openFresh(browser, "#/decisions", language);
        By row = By.cssSelector(".decision-table tr[data-seq='" + seq + "']");
        UiFixture.wait(browser, 20).until(x -> !x.findElements(row).isEmpty());
        String text = browser.driver().findElement(row).getText();
        assertTrue(text.contains(expected), text);
        if ("fa".equals(language)) {
            assertFalse(text.contains(SystemReason.HOLD_DEPOSIT_UNPAID.text()), "no English in Persian: " + text);
        }
    }
}
