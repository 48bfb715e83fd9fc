package org.zamin.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.zamin.testing.Browser;
import org.zamin.testing.TestServer;

/**
 * The idle charges on the contract page, in English and Persian, for the holder and for the estate's officer: each
 * idle fee line and paid extension slice with its amount in whole rials (as the database computed it), its period
 * (Jalali dates and Persian digits in Persian) and its status, and their total.
 */
class IdleChargesBrowserTest {

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

    private static long one(String sql, long id) {
        return TestServer.get().jdbi().withHandle(h -> h.createQuery(sql).bind("id", id).mapTo(Long.class).one());
    }

    /** The digits of a shown number, Persian digits read as Latin ones, separators dropped. */
    private static String digits(String shown) {
        StringBuilder b = new StringBuilder();
        for (char c : shown.toCharArray()) {
            if (c >= '0' && c <= '9') {
                b.append(c);
            } else if (c >= '\u06F0' && c <= '\u06F9') {
                b.append((char) ('0' + (c - '\u06F0')));
            }
        }
        return b.toString();
    }

    private static boolean latinDigits(String text) {
        return text.chars().anyMatch(c -> c >= '0' && c <= '9');
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "fa"})
    void theHolderAndTheOfficerSeeTheIdleFeeAndThePaidExtensionWithAmountPeriodAndStatus(String language) {
        UiFixture f = new UiFixture();
        var ts = TestServer.get();
        LocalDate today = LocalDate.now(ts.clock());
        LocalDate from = today.minusDays(100);
        // an idle fee of 20 % a year for 100 days on the contract's price, and two slices of 6 months at 5 % of a land
        // value; the amounts are the database's generated column (rounded down to the whole rial)
        ts.ownerJdbi().useHandle(h -> {
            h.createUpdate("INSERT INTO idle_charge (case_id, allocation_id, kind, base, rate_bp, period_from, "
                    + "period_to, charged_on, created_at) SELECT :case, :a, 'IDLE_FEE', price, 2000, :from, :to, :to, "
                    + "now() FROM allocation_contract WHERE allocation_id = :a")
                    .bind("case", f.idleCase).bind("a", f.idleAllocation).bind("from", from).bind("to", today)
                    .execute();
            h.createUpdate("INSERT INTO idle_charge (case_id, allocation_id, kind, base, rate_bp, slices, months, "
                    + "cap_months, charged_on, created_at) VALUES (:case, :a, 'EXTENSION', 987654321, 500, 2, 12, 36, "
                    + ":to, now())")
                    .bind("case", f.idleCase).bind("a", f.idleAllocation).bind("to", today).execute();
        });
        long fee = one("SELECT amount FROM idle_charge WHERE kind = 'IDLE_FEE' AND allocation_id = :id",
                f.idleAllocation);
        long extension = one("SELECT amount FROM idle_charge WHERE kind = 'EXTENSION' AND allocation_id = :id",
                f.idleAllocation);
        assertEquals(987654321L * 500 * 2 / 10_000, extension);
        boolean persian = language.equals("fa");
        WebDriver d = browser.driver();
        try {
            for (var who : List.of(f.investor, f.officer)) {
                UiFixture.openFresh(browser, "#/", language);
                UiFixture.signIn(browser, who.email());
                UiFixture.go(browser, "#/contract/" + f.idleAllocation);
                By rows = By.cssSelector("#contract-idle-charges .idle-charge");
                UiFixture.wait(browser, 15).until(x -> x.findElements(rows).size() == 2);
                String section = d.findElement(By.id("contract-idle-charges")).getText();
                assertTrue(section.contains(persian ? "هزینه‌های بلااستفاده ماندن" : "Idle charges"), section);

                WebElement feeRow = d.findElement(By.cssSelector("#contract-idle-charges .idle-charge[data-kind='IDLE_FEE']"));
                String feeAmount = feeRow.findElement(By.cssSelector(".idle-charge-amount")).getText();
                assertEquals(Long.toString(fee), digits(feeAmount), feeAmount);
                assertTrue(feeAmount.contains(persian ? "ریال" : "rials"), feeAmount);
                String period = feeRow.findElement(By.cssSelector(".idle-charge-period")).getText();
                assertEquals("UNPAID", feeRow.getDomAttribute("data-status"));
                assertEquals(persian ? "پرداخت‌نشده (در ماندهٔ حساب)" : "Unpaid (on the balance)",
                        feeRow.findElement(By.cssSelector(".idle-charge-status")).getText());
                WebElement extRow = d.findElement(By.cssSelector("#contract-idle-charges .idle-charge[data-kind='EXTENSION']"));
                String extAmount = extRow.findElement(By.cssSelector(".idle-charge-amount")).getText();
                assertEquals(Long.toString(extension), digits(extAmount), extAmount);
                String extPeriod = extRow.findElement(By.cssSelector(".idle-charge-period")).getText();
                String total = d.findElement(By.id("idle-charges-total")).getText();
                assertEquals(Long.toString(fee + extension), digits(total), total);
                if (persian) {
                    // Jalali dates and Persian digits: the year of the Persian calendar, no Latin digit anywhere
                    var jalali = com.ibm.icu.util.Calendar.getInstance(new com.ibm.icu.util.ULocale("fa_IR@calendar=persian"));
                    jalali.setTime(java.util.Date.from(from.atTime(12, 0).toInstant(java.time.ZoneOffset.UTC)));
                    String year = Integer.toString(jalali.get(com.ibm.icu.util.Calendar.YEAR));
                    assertTrue(digits(period).contains(year), "a Jalali year " + year + " in " + period);
                    assertTrue(period.contains("۱۰۰ روز"), period);
                    assertTrue(extPeriod.contains("۲ دوره") && extPeriod.contains("۶ ماه")
                            && extPeriod.contains("۱۲ ماه"), extPeriod);
                    for (String shown : List.of(feeAmount, period, extAmount, extPeriod, total)) {
                        assertFalse(latinDigits(shown), "Persian digits only: " + shown);
                    }
                } else {
                    assertTrue(period.contains(Integer.toString(from.getYear())) && period.contains("100 days"),
                            period);
                    assertEquals("2 slices × 6 months: 12 months added", extPeriod);
                    assertTrue(feeAmount.contains(String.format(java.util.Locale.ENGLISH, "%,d", fee)), feeAmount);
                }
                assertEquals(List.of(), browser.consoleErrors(), "no console error");
            }
        } finally {
            browser.screenshot("idle-charges-" + language);
        }
    }
}
