package org.zamin.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
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
 * The waitlist in the browser: an investor reading Persian joins the waitlist with Persian digits, a matching plot
 * becomes available, the inbox says so in Persian and its link opens the plot on the map; a planner sees the
 * estate's unmet demand in English.
 */
class DemandBrowserTest {

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
    void anInvestorJoinsTheWaitlistInPersianIsToldOfAFreedPlotAndAPlannerSeesTheDemand(TestInfo test) {
        var ts = TestServer.get();
        var estate = TestEstates.create(ts.ownerJdbi());
        long plot = estate.addParcel(ts.ownerJdbi(), "Q-9", estate.rect(100, 100, 200, 200), "NOT_OFFERED");
        var investor = TestUsers.investor();
        WebDriver d = browser.driver();
        try {
            d.get(ts.baseUrl() + "/#/signin");
            browser.signIn(investor.email());
            wait(10).until(x -> "investor".equals(x.findElement(By.tagName("body")).getAttribute("data-session")));
            d.findElement(By.cssSelector(".lang-button[data-lang='fa']")).click();
            wait(10).until(x -> "rtl".equals(x.findElement(By.tagName("html")).getAttribute("dir")));
            d.findElement(By.id("nav-demand")).click();
            wait(10).until(x -> !x.findElements(By.cssSelector("#demand-estates option[value='" + estate.code() + "']"))
                    .isEmpty());
            new Select(d.findElement(By.id("demand-estates"))).selectByValue(estate.code());
            d.findElement(By.id("demand-min-area")).sendKeys("۱٬۰۰۰");
            d.findElement(By.id("demand-max-area")).sendKeys("۵۰۰۰۰");
            d.findElement(By.id("demand-activity")).sendKeys("۱۰۷۹");
            d.findElement(By.id("demand-submit")).click();
            wait(10).until(x -> !x.findElements(By.cssSelector(".demand-item[data-open='true']")).isEmpty());
            assertTrue(d.findElement(By.id("demand-status")).getText().contains("ثبت شد"));
            var stored = Http.get("/api/demand", "Authorization", investor.bearer()).json().get("requests").get(0);
            assertEquals(1000, stored.get("minAreaM2").asInt());
            assertEquals("1079", stored.get("activity").asText());
            assertEquals("fa", ts.jdbi().withHandle(h -> h.createQuery("SELECT language FROM users WHERE id = :id")
                    .bind("id", investor.id()).mapTo(String.class).one()), "e-mails follow the page's language");

            ts.ownerJdbi().useHandle(h -> h.createUpdate("UPDATE parcel SET status = 'AVAILABLE' WHERE id = :id")
                    .bind("id", plot).execute());
            d.get(ts.baseUrl() + "/#/inbox");
            wait(10).until(x -> !x.findElements(By.cssSelector(".inbox-item[data-kind='demand_match']")).isEmpty());
            String item = d.findElement(By.cssSelector(".inbox-item[data-kind='demand_match']")).getText();
            assertTrue(item.contains("آزاد شد") && item.contains("Q-9") && item.contains("نفر ۱ صف"), item);
            d.findElement(By.cssSelector(".inbox-item[data-kind='demand_match'] .inbox-open")).click();
            wait(10).until(x -> !x.findElements(By.cssSelector(".parcel-popup")).isEmpty());
            assertTrue(d.findElement(By.cssSelector(".parcel-popup")).getText().contains("Q-9"));
            // the plot's link becomes the map's permalink: the view, the language and the open plot
            wait(10).until(x -> x.getCurrentUrl().contains("plot=" + plot) && x.getCurrentUrl().contains("lang=fa"));
            assertTrue(browser.cspViolations().isEmpty(), browser.cspViolations().toString());

            var planner = TestUsers.planner();
            d.findElement(By.id("nav-signout")).click();
            wait(10).until(x -> "none".equals(x.findElement(By.tagName("body")).getAttribute("data-session")));
            d.findElement(By.cssSelector(".lang-button[data-lang='en']")).click();
            wait(10).until(x -> "ltr".equals(x.findElement(By.tagName("html")).getAttribute("dir")));
            d.get(ts.baseUrl() + "/#/signin");
            browser.signIn(planner.email());
            wait(10).until(x -> "planner".equals(x.findElement(By.tagName("body")).getAttribute("data-session")));
            wait(10).until(x -> !x.findElements(By.id("nav-demand")).isEmpty());
            d.findElement(By.id("nav-demand")).click();
            String row = "#demand-table tr[data-code='" + estate.code() + "']";
            wait(10).until(x -> !x.findElements(By.cssSelector(row)).isEmpty());
            String text = d.findElement(By.cssSelector(row)).getText();
            assertTrue(text.contains(estate.code()) && text.contains("1,000"), text);
            assertEquals(12, d.findElement(By.id("demand-history")).findElements(By.cssSelector("tbody tr")).size());
            assertTrue(browser.cspViolations().isEmpty(), browser.cspViolations().toString());
        } finally {
            browser.screenshot(test.getDisplayName());
        }
    }

    private static org.openqa.selenium.support.ui.WebDriverWait wait(int seconds) {
        return browser.waitUpTo(Duration.ofSeconds(seconds));
    }
}
