package org.zamin.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.zamin.testing.Browser;
import org.zamin.testing.Http;
import org.zamin.testing.TestEstates;
import org.zamin.testing.TestServer;
import org.zamin.testing.TestUsers;

/**
 * The investor's money in the browser, in English and in Persian: the deposit is paid on the sandbox gateway's page
 * (which says it is a sandbox), the officer's approval reaches the inbox, an instalment cancelled on the sandbox page
 * pays nothing, paid it shows its receipt (the date in the reader's calendar) and the schedule says paid.
 */
class PaymentBrowserTest {

    private static Browser browser;

    @BeforeAll
    static void openBrowser() {
        browser = new Browser();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "fa"})
    void payTheDepositSeeTheApprovalPayAnInstalmentAndSeeTheReceipt(String language) {
        var ts = TestServer.get();
        var estate = TestEstates.create(ts.ownerJdbi());
        long plot = estate.addParcel(ts.ownerJdbi(), "M-1", estate.rect(100, 100, 300, 300), "AVAILABLE");
        var investor = TestUsers.investor();
        var officer = TestUsers.officer(estate.code());
        var held = Http.post("/api/reservations", Map.of("parcelIds", List.of(plot), "activity", "1079",
                "investment", 1_000_000_000L, "jobs", 10, "knowledgeBased", false), "Authorization", investor.bearer(),
                "Idempotency-Key", UUID.randomUUID().toString());
        assertEquals(201, held.status(), held.body());
        long reservation = held.json().get("id").asLong();
        WebDriver d = browser.driver();
        try {
            d.get(ts.baseUrl() + "/#/signin");
            d.navigate().refresh();
            browser.consoleErrors();
            browser.forgetCspViolations();
            browser.signIn(investor.email());
            wait(15).until(x -> "investor".equals(x.findElement(By.tagName("body")).getAttribute("data-session")));
            d.findElement(By.cssSelector(".lang-button[data-lang='" + language + "']")).click();
            wait(10).until(x -> language.equals(x.findElement(By.tagName("html")).getAttribute("lang")));

            // The deposit: the pay button leads to the sandbox gateway's page, which says it is a sandbox.
            d.get(ts.baseUrl() + "/#/applications");
            wait(10).until(x -> !x.findElements(By.cssSelector(".reservation-card[data-status='HELD'] .pay-button")).isEmpty());
            d.findElement(By.cssSelector(".pay-button")).click();
            wait(10).until(x -> !x.findElements(By.id("sandbox-confirm")).isEmpty());
            String note = d.findElement(By.id("sandbox-note")).getText();
            assertTrue(note.contains(language.equals("fa") ? "آزمایشی" : "sandbox"), note);
            assertEquals("HELD", status(reservation), "nothing is paid before the payer confirms");
            d.findElement(By.id("sandbox-confirm")).click();
            wait(10).until(x -> !x.findElements(By.cssSelector("#payment-page[data-state='PAID'] #receipt")).isEmpty());
            assertEquals("SUBMITTED", status(reservation));

            // The officer approves; the investor's inbox says so in their language.
            var approved = Http.post("/api/reservations/" + reservation + "/approve", null, "Authorization",
                    officer.bearer());
            assertEquals(200, approved.status(), approved.body());
            long allocation = approved.json().get("allocationId").asLong();
            d.findElement(By.id("nav-inbox")).click();
            wait(10).until(x -> x.findElement(By.id("page")).getText()
                    .contains(language.equals("fa") ? "تأیید شد" : "approved"));

            // An instalment: cancel on the sandbox page pays nothing; confirm pays it and shows the receipt.
            d.get(ts.baseUrl() + "/#/contract/" + allocation);
            wait(15).until(x -> !x.findElements(By.cssSelector(".instalment[data-number='0'] .pay-instalment")).isEmpty());
            d.findElement(By.cssSelector(".instalment[data-number='0'] .pay-instalment")).click();
            wait(10).until(x -> !x.findElements(By.id("sandbox-cancel")).isEmpty());
            d.findElement(By.id("sandbox-cancel")).click();
            wait(10).until(x -> !x.findElements(By.cssSelector("#payment-page[data-state='CANCELLED']")).isEmpty());
            assertEquals(0L, paidInstalments(allocation));
            d.findElement(By.id("payment-back")).click();
            wait(15).until(x -> !x.findElements(By.cssSelector(".instalment[data-number='0'] .pay-instalment")).isEmpty());
            d.findElement(By.cssSelector(".instalment[data-number='0'] .pay-instalment")).click();
            wait(10).until(x -> !x.findElements(By.id("sandbox-confirm")).isEmpty());
            d.findElement(By.id("sandbox-confirm")).click();
            wait(10).until(x -> !x.findElements(By.cssSelector("#payment-page[data-state='PAID'] #receipt")).isEmpty());
            assertEquals(1L, paidInstalments(allocation));
            String date = d.findElement(By.id("receipt-date")).getText();
            String number = d.findElement(By.id("receipt-number")).getText();
            assertTrue(number.startsWith("ZR-"), number);
            if (language.equals("fa")) {
                assertTrue(date.matches(".*[۰-۹].*") && date.contains("۱۴۰"), "a Jalali date: " + date);
            } else {
                assertTrue(date.matches(".*20\\d\\d.*"), date);
            }
            assertTrue(!d.findElement(By.id("receipt-decision")).getText().isBlank());
            d.findElement(By.id("payment-back")).click();
            wait(15).until(x -> !x.findElements(By.cssSelector(".instalment[data-number='0'][data-state='PAID'] .receipt-link"))
                    .isEmpty());
            var errors = browser.consoleErrors();
            assertEquals(List.of(), errors, "no console error");
            var violations = browser.cspViolations();
            assertEquals(List.of(), violations, "no CSP violation");
            d.findElement(By.id("nav-signout")).click();
            wait(10).until(x -> !x.findElements(By.id("nav-signin")).isEmpty());
        } finally {
            browser.screenshot("PaymentBrowserTest-" + language);
        }
    }

    private static String status(long reservation) {
        return Http.get("/api/reservations/" + reservation, "Authorization", TestUsers.admin().bearer()).json()
                .get("status").asText();
    }

    private static long paidInstalments(long allocation) {
        return TestServer.get().jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM instalment_payment WHERE allocation_id = :a").bind("a", allocation)
                .mapTo(Long.class).one());
    }

    private static WebDriverWait wait(int seconds) {
        return browser.waitUpTo(Duration.ofSeconds(seconds));
    }
}
