package org.zamin.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import org.zamin.testing.Browser;
import org.zamin.testing.Http;
import org.zamin.testing.TestEstates;
import org.zamin.testing.TestServer;
import org.zamin.testing.TestUsers;

/**
 * An investor applies to a round ranking three plots (Persian digits typed), the round closes, they see their result;
 * a winner who pays after the objection window opens the contract from the result page.
 */
class RoundBrowserTest {

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

    @Test
    void applyRankingThreePlotsThenSeeTheResultInEnglishAndPersian(TestInfo test) {
        var ts = TestServer.get();
        var estate = TestEstates.create(ts.jdbi());
        List<Long> plots = List.of(
                estate.addParcel(ts.jdbi(), "K-1", estate.rect(100, 100, 200, 200), "AVAILABLE"),
                estate.addParcel(ts.jdbi(), "K-2", estate.rect(300, 100, 400, 200), "AVAILABLE"),
                estate.addParcel(ts.jdbi(), "K-3", estate.rect(500, 100, 600, 200), "AVAILABLE"));
        var officer = TestUsers.officer(estate.code());
        var investor = TestUsers.investor();
        var opens = ts.clock().instant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(60);
        var created = Http.post("/api/offers", Map.of("estate", estate.code(), "parcelIds", plots, "mode", "ROUND",
                "opensAt", opens.toString(), "closesAt", opens.plus(Duration.ofHours(1)).toString(), "maxRanked", 3),
                "Authorization", officer.bearer());
        assertEquals(201, created.status(), created.body());
        long offer = created.json().get("id").asLong();
        assertEquals(200, Http.post("/api/offers/" + offer + "/publish", null, "Authorization", officer.bearer())
                .status());
        ts.clock().advance(Duration.ofSeconds(70));
        WebDriver d = browser.driver();
        try {
            d.get(ts.baseUrl() + "/#/signin");
            browser.signIn(investor.email());
            wait(10).until(x -> !x.findElements(By.id("nav-rounds")).isEmpty()
                    && "investor".equals(x.findElement(By.tagName("body")).getAttribute("data-session")));
            d.findElement(By.id("nav-rounds")).click();
            String card = ".round-card[data-id='" + offer + "']";
            wait(10).until(x -> !x.findElements(By.cssSelector(card + " .apply-button")).isEmpty());
            d.findElement(By.cssSelector(card + " .apply-button")).click();
            wait(10).until(x -> !x.findElements(By.id("round-form")).isEmpty());
            new Select(d.findElement(By.id("round-rank-0"))).selectByValue(String.valueOf(plots.get(1)));
            new Select(d.findElement(By.id("round-rank-1"))).selectByValue(String.valueOf(plots.get(0)));
            new Select(d.findElement(By.id("round-rank-2"))).selectByValue(String.valueOf(plots.get(2)));
            d.findElement(By.id("round-activity")).sendKeys("2599");
            d.findElement(By.id("round-investment")).sendKeys("۵۰۰۰۰۰۰۰۰۰۰");
            d.findElement(By.id("round-jobs")).sendKeys("۴۰");
            d.findElement(By.id("round-exports")).clear();
            d.findElement(By.id("round-exports")).sendKeys("30");
            d.findElement(By.id("round-knowledge-based")).click();
            d.findElement(By.id("round-submit")).click();
            wait(10).until(x -> x.findElement(By.id("round-applied")).isDisplayed());
            var saved = Http.get("/api/offers/" + offer + "/applications", "Authorization", investor.bearer()).json()
                    .get("applications").get(0);
            assertEquals(List.of(plots.get(1), plots.get(0), plots.get(2)), List.of(saved.get("ranking").get(0)
                    .asLong(), saved.get("ranking").get(1).asLong(), saved.get("ranking").get(2).asLong()));
            assertEquals(50_000_000_000L, saved.get("investment").asLong());
            assertEquals(40, saved.get("jobs").asInt());

            ts.clock().advance(Duration.ofHours(1).plusMinutes(1));
            var closed = Http.post("/api/offers/" + offer + "/close", null, "Authorization", officer.bearer());
            // the background sweep closes a round at its closing time too, and may have been first
            assertEquals("CLOSED", Http.get("/api/offers/" + offer).json().get("state").asText(), closed.body());

            d.navigate().refresh();
            wait(10).until(x -> !x.findElements(By.cssSelector(card + " .result-button")).isEmpty());
            d.findElement(By.cssSelector(card + " .result-button")).click();
            wait(10).until(x -> !x.findElements(By.cssSelector(".round-row-mine")).isEmpty());
            var mine = d.findElement(By.cssSelector(".round-row-mine"));
            assertEquals("WON", mine.getAttribute("data-outcome"));
            assertTrue(mine.getText().contains("You") && mine.getText().contains("Won a plot")
                    && mine.getText().contains("K-2"), mine.getText());
            assertTrue(d.findElement(By.cssSelector(".round-row-mine .round-score")).getText().matches(".*\\d.*"));
            assertTrue(d.findElement(By.id("round-sha")).getText().matches("[0-9a-f]{64}"));
            // the winner pays the award's deposit from the result page
            assertEquals("DUE", d.findElement(By.id("round-award-state")).getAttribute("data-state"));
            d.findElement(By.id("round-award-pay")).click();
            wait(10).until(x -> !x.findElements(By.cssSelector("#round-award-state[data-state='PAID']")).isEmpty());

            d.findElement(By.cssSelector(".lang-button[data-lang='fa']")).click();
            wait(10).until(x -> "rtl".equals(x.findElement(By.tagName("html")).getAttribute("dir")));
            wait(10).until(x -> !x.findElements(By.cssSelector(card + " .result-button")).isEmpty());
            d.findElement(By.cssSelector(card + " .result-button")).click();
            wait(10).until(x -> !x.findElements(By.cssSelector(".round-row-mine")).isEmpty());
            String persian = d.findElement(By.cssSelector(".round-row-mine")).getText();
            assertTrue(persian.contains("شما") && persian.contains("قطعه گرفت"), persian);
            assertTrue(d.findElement(By.cssSelector(".round-row-mine .round-score")).getText()
                    .codePoints().anyMatch(c -> c >= '۰' && c <= '۹'), "the score in Persian digits");

            // the investor objects, in Persian; the officer answers on the record; the investor reads the answer
            d.findElement(By.id("round-objection-text")).sendKeys("امتیاز صادرات من درست حساب نشده است.");
            d.findElement(By.id("round-object")).click();
            wait(10).until(x -> !x.findElements(By.cssSelector(".round-objection[data-outcome='FILED']")).isEmpty());
            assertTrue(d.findElement(By.cssSelector(".round-objection .objection-text")).getText()
                    .contains("امتیاز صادرات"));
            assertTrue(d.findElements(By.id("round-objection-form")).isEmpty(), "one objection per application");
            long objection = Long.parseLong(d.findElement(By.cssSelector(".round-objection")).getAttribute("data-id"));
            var answered = Http.post("/api/offers/" + offer + "/objections/" + objection + "/answer",
                    Map.of("outcome", "DISMISSED", "answer", "Export share is scored as stated in the application."),
                    "Authorization", officer.bearer());
            assertEquals(200, answered.status(), answered.body());
            d.findElement(By.cssSelector(card + " .result-button")).click();
            wait(10).until(x -> !x.findElements(By.cssSelector(".round-objection[data-outcome='DISMISSED']"))
                    .isEmpty());
            String outcome = d.findElement(By.cssSelector(".round-objection .objection-outcome")).getText();
            assertTrue(outcome.contains("رد شد") && outcome.contains("Export share is scored"), outcome);
        } finally {
            browser.screenshot(test.getDisplayName());
        }
    }

    /**
     * A small power plant wins a plot: the result page shows its terms (free land) and, once it pays after the
     * objection window, the allocation and a link to its contract, which shows the policy's plan; in English and
     * Persian.
     */
    @Test
    void aWinnerPaysAfterTheObjectionWindowAndOpensTheContract(TestInfo test) {
        var ts = TestServer.get();
        var estate = TestEstates.create(ts.jdbi());
        long plot = estate.addParcel(ts.jdbi(), "P-1", estate.rect(100, 100, 200, 200), "AVAILABLE");
        var officer = TestUsers.officer(estate.code());
        var investor = TestUsers.investor();
        var opens = ts.clock().instant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(60);
        var created = Http.post("/api/offers", Map.of("estate", estate.code(), "parcelIds", List.of(plot), "mode",
                "ROUND", "opensAt", opens.toString(), "closesAt", opens.plus(Duration.ofHours(1)).toString(),
                "maxRanked", 1), "Authorization", officer.bearer());
        assertEquals(201, created.status(), created.body());
        long offer = created.json().get("id").asLong();
        assertEquals(200, Http.post("/api/offers/" + offer + "/publish", null, "Authorization", officer.bearer())
                .status());
        ts.clock().advance(Duration.ofSeconds(70));
        var applied = Http.post("/api/offers/" + offer + "/applications", Map.of("ranking", List.of(plot),
                "activity", "3510", "investment", 300_000_000_000L, "jobs", 300, "knowledgeBased", false,
                "exportSharePct", 0), "Authorization", investor.bearer());
        assertEquals(201, applied.status(), applied.body());
        ts.clock().advance(Duration.ofHours(1).plusMinutes(1));
        Http.post("/api/offers/" + offer + "/close", null, "Authorization", officer.bearer());
        assertEquals("CLOSED", Http.get("/api/offers/" + offer).json().get("state").asText());
        ts.clock().advance(Duration.ofDays(10).plusMinutes(1));
        WebDriver d = browser.driver();
        try {
            // a fresh page in English with no session left by another test
            d.manage().deleteAllCookies();
            browser.script("localStorage.clear()");
            d.get(ts.baseUrl() + "/?award#/signin");
            if ("rtl".equals(d.findElement(By.tagName("html")).getAttribute("dir"))) {
                d.findElement(By.cssSelector(".lang-button[data-lang='en']")).click();
                wait(10).until(x -> !"rtl".equals(x.findElement(By.tagName("html")).getAttribute("dir")));
            }
            browser.signIn(investor.email());
            wait(10).until(x -> !x.findElements(By.id("nav-rounds")).isEmpty()
                    && "investor".equals(x.findElement(By.tagName("body")).getAttribute("data-session")));
            // the header is redrawn once the session is known: click the link it ends with
            wait(10).until(x -> {
                try {
                    x.findElement(By.id("nav-rounds")).click();
                    return true;
                } catch (org.openqa.selenium.StaleElementReferenceException e) {
                    return false;
                }
            });
            String card = ".round-card[data-id='" + offer + "']";
            wait(10).until(x -> !x.findElements(By.cssSelector(card + " .result-button")).isEmpty());
            d.findElement(By.cssSelector(card + " .result-button")).click();
            wait(10).until(x -> !x.findElements(By.id("round-award-terms")).isEmpty());
            var terms = d.findElement(By.id("round-award-terms"));
            assertEquals("SMALL_POWER_PLANT", terms.getAttribute("data-policy"));
            assertTrue(terms.getText().contains("Free land for small power plants")
                    && terms.getText().contains("all due on signing"), terms.getText());
            assertTrue(d.findElement(By.id("round-policies")).getAttribute("textContent")
                    .contains("Knowledge-based firms"), "the round's published policies are listed");
            d.findElement(By.id("round-award-pay")).click();
            wait(10).until(x -> !x.findElements(By.cssSelector("#round-award-state[data-state='ALLOCATED']"))
                    .isEmpty());
            assertTrue(d.findElement(By.id("round-award-state")).getText().contains("allocated to you"));
            d.findElement(By.id("round-award-contract")).click();
            wait(10).until(x -> !x.findElements(By.id("contract-summary")).isEmpty());
            String summary = d.findElement(By.id("contract-summary")).getText();
            assertTrue(summary.contains("Free land for small power plants") && summary.contains("List price"),
                    summary);

            d.findElement(By.cssSelector(".lang-button[data-lang='fa']")).click();
            wait(10).until(x -> "rtl".equals(x.findElement(By.tagName("html")).getAttribute("dir")));
            wait(10).until(x -> x.findElement(By.id("contract-summary")).getText().contains("زمین رایگان"));
            d.navigate().back();
            wait(10).until(x -> !x.findElements(By.cssSelector(card + " .result-button")).isEmpty());
            d.findElement(By.cssSelector(card + " .result-button")).click();
            wait(10).until(x -> !x.findElements(By.id("round-award-contract")).isEmpty());
            assertTrue(d.findElement(By.id("round-award-state")).getText().contains("واگذار شد"),
                    d.findElement(By.id("round-award-state")).getText());
            assertEquals("مشاهده قرارداد", d.findElement(By.id("round-award-contract")).getText());
            String termsFa = d.findElement(By.id("round-award-terms")).getText();
            assertTrue(termsFa.contains("زمین رایگان") && termsFa.contains("همه در زمان امضا"), termsFa);
        } finally {
            browser.screenshot(test.getDisplayName());
            d.manage().deleteAllCookies();
            browser.script("localStorage.clear()");
            d.get(ts.baseUrl() + "/?signed-out#/");
        }
    }

    private static org.openqa.selenium.support.ui.WebDriverWait wait(int seconds) {
        return browser.waitUpTo(Duration.ofSeconds(seconds));
    }
}
