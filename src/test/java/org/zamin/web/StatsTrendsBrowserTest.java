package org.zamin.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.zamin.testing.Browser;
import org.zamin.testing.TestUsers;

/**
 * The statistics page draws the sample's years of history (the paper register migrated as legacy records): both
 * provinces compared month by month over twelve months and more, with readable month labels in English and in
 * Persian (Jalali month names, Persian digits).
 */
class StatsTrendsBrowserTest {

    private static final Pattern LATIN_DIGIT = Pattern.compile("[0-9]");
    private static final Pattern PERSIAN_DIGIT = Pattern.compile("[۰-۹]");
    private static final List<String> JALALI_MONTHS = List.of("فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
            "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند");
    private static Browser browser;

    @BeforeAll
    static void openBrowser() {
        // The demo's first start: the sample's records and the paper register's past (each once).
        var jdbi = org.zamin.testing.TestServer.get().jdbi();
        var clock = org.zamin.testing.TestServer.get().clock();
        org.zamin.account.DemoAccounts.ensure(new org.zamin.account.AccountService(jdbi, clock));
        org.zamin.sample.SampleAllocations.seedOnce(jdbi, new org.zamin.decision.DecisionLog(jdbi), clock);
        org.zamin.sample.SampleHistory.seedOnce(jdbi, new org.zamin.decision.DecisionLog(jdbi), clock);
        org.zamin.testing.TestServer.get().app().sweepHolds();
        // One more migrated record, the newest entry of the public log: a hold of 9 March 2025 (19 Esfand 1403).
        jdbi.useTransaction(h -> new org.zamin.decision.DecisionLog(jdbi).appendLegacy(h, List.of(
                new org.zamin.decision.DecisionLog.Legacy(java.time.LocalDate.of(2025, 3, 9),
                        org.zamin.decision.Decision.of(org.zamin.decision.Actor.SYSTEM, "reservation.held",
                                "reservation", "paper-browser").withTransition(null, "HELD")
                                .withReason(org.zamin.decision.SystemReason.SAMPLE_PAPER_REGISTER.text())))));
        browser = new Browser();
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "fa"})
    void aMigratedRecordShowsTheDayItWasRecordedAndTheDayItHappened(String language, TestInfo test) {
        try {
            UiFixture.openFresh(browser, "#/decisions", language);
            By cell = By.cssSelector(".decision-table td.legacy-when");
            UiFixture.wait(browser, 30).until(d -> !d.findElements(cell).isEmpty());
            String row = (String) browser.script("return [...document.querySelectorAll('.decision-table tr')]"
                    + ".find(r => r.textContent.includes('paper-browser')).innerText");
            if (language.equals("fa")) {
                assertTrue(row.contains("ثبت") && row.contains("رخ‌داده"), row);
                assertTrue(row.contains("۱۹ اسفند ۱۴۰۳"), "the day it happened, in the Jalali calendar: " + row);
                assertTrue(row.contains("منتقل‌شده از دفتر کاغذی"), row);
            } else {
                assertTrue(row.contains("recorded") && row.contains("happened 9 Mar 2025"), row);
                assertTrue(row.contains("Plot held (migrated from the paper register)"), row);
            }
        } finally {
            browser.screenshot(test.getDisplayName());
        }
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "fa"})
    @SuppressWarnings("unchecked")
    void bothProvincesAreDrawnOverTwelveMonthsAndMore(String language, TestInfo test) {
        try {
            UiFixture.openFresh(browser, "#/", language);
            UiFixture.signIn(browser, TestUsers.planner().email());
            browser.script("location.hash = '#/stats'");
            UiFixture.wait(browser, 60).until(d -> "true".equals(d.findElement(By.tagName("body"))
                    .getAttribute("data-stats-ready")) && !d.findElements(By.cssSelector("#stats-provinces-table tbody tr")).isEmpty());

            // Each province's two lines (occupancy, idle rate) have a point in twelve months or more.
            List<Map<String, Object>> series = (List<Map<String, Object>>) browser.script(
                    "const c = Chart.getChart('stats-provinces-chart');"
                    + " return c.data.datasets.map(s => ({label: s.label, points: s.data.filter(v => v !== null).length,"
                    + " distinct: new Set(s.data.filter(v => v !== null)).size}));");
            for (String province : List.of("GIL", "QZV")) {
                By row = By.cssSelector("#stats-provinces-table tbody tr[data-code='" + province + "']");
                assertFalse(browser.driver().findElements(row).isEmpty(), province + " is in the comparison");
            }
            String months = browser.driver().findElement(By.id("stats-provinces-chart")).getAttribute("data-months");
            for (String province : List.of("GIL", "QZV")) {
                var m = Pattern.compile(province + ":(\\d+)").matcher(months);
                assertTrue(m.find(), months);
                assertTrue(Integer.parseInt(m.group(1)) >= 12, province + " months: " + months);
            }
            long drawn = series.stream().filter(s -> ((Number) s.get("points")).intValue() >= 12).count();
            assertTrue(drawn >= 4, "two lines for each of two provinces over 12+ months: " + series);
            assertTrue(series.stream().anyMatch(s -> ((Number) s.get("distinct")).intValue() > 3),
                    "the lines move (a trend, not a flat present): " + series);

            // The month labels are the reader's: Jalali month names and Persian digits in Persian, none in English.
            List<String> labels = (List<String>) browser.script(
                    "return Chart.getChart('stats-provinces-chart').data.labels;");
            assertTrue(labels.size() >= 12, labels.toString());
            List<String> historyLabels = (List<String>) browser.script(
                    "return Chart.getChart('stats-history-chart').data.labels;");
            assertTrue(historyLabels.size() >= 12, "the country's history: " + historyLabels);
            String table = browser.driver().findElement(By.id("stats-provinces")).getText();
            if (language.equals("fa")) {
                for (String label : labels) {
                    assertTrue(PERSIAN_DIGIT.matcher(label).find() && !LATIN_DIGIT.matcher(label).find(), label);
                    assertTrue(JALALI_MONTHS.stream().anyMatch(label::contains), "a Jalali month: " + label);
                }
                assertFalse(LATIN_DIGIT.matcher(table).find(), "Persian digits only: " + table);
                assertTrue(table.contains("گیلان") && table.contains("قزوین"), table);
            } else {
                for (String label : labels) {
                    assertFalse(PERSIAN_DIGIT.matcher(label).find(), label);
                    assertTrue(LATIN_DIGIT.matcher(label).find(), label);
                }
                assertTrue(table.contains("Gilan") && table.contains("Qazvin"), table);
            }
            assertEquals(language, browser.driver().findElement(By.tagName("html")).getAttribute("lang"));
        } finally {
            browser.screenshot(test.getDisplayName());
        }
    }
}
