package org.zamin.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.zamin.testing.Browser;
import org.zamin.testing.TestServer;

/** The planner's pages in headless Chromium: an availability search with a drawn circle, and the statistics page. */
class PlannerPageBrowserTest {

    private static Browser browser;

    /** The planner pages are for planners: sign in as one through the page's own form first. */
    @BeforeAll
    static void openBrowserAsPlanner() {
        browser = new Browser();
        var planner = org.zamin.testing.TestUsers.planner();
        var d = browser.driver();
        d.get(TestServer.get().baseUrl() + "/#/signin");
        browser.signIn(planner.email());
        browser.waitUpTo(java.time.Duration.ofSeconds(30)).until(x -> "planner".equals(
                x.findElement(org.openqa.selenium.By.tagName("body")).getAttribute("data-session")));
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void searchFromThePlannerViewHighlightsResultsAndListsThem(TestInfo test) {
        try {
            browser.driver().get(TestServer.get().baseUrl() + "/#/planning");
            waitFor("data-planning-ready", "true");
            new Select(browser.driver().findElement(By.id("planning-estate"))).selectByValue("GIL-RASHT");
            browser.driver().findElement(By.id("planning-search")).click();
            waitFor("data-planning-state", "done");
            int all = Integer.parseInt(body().getAttribute("data-planning-results"));
            assertTrue(all > 0, "available plots in Rasht");
            assertEquals(all, browser.driver().findElements(By.cssSelector("path.planning-result")).size(),
                    "every result is highlighted on the map");
            WebElement csv = browser.driver().findElement(By.cssSelector("#planning-exports a[data-format='csv']"));
            assertTrue(csv.isDisplayed(), "the export links show after a search");
            String href = csv.getAttribute("href");
            assertTrue(href.contains("/api/availability?") && href.contains("estate=GIL-RASHT") && href.contains("format=csv")
                    && !href.contains("limit="), href);
            var download = org.zamin.testing.Http.get(href.substring(href.indexOf("/api/")), "Authorization",
                    org.zamin.testing.TestUsers.planner().bearer());
            assertEquals(200, download.status());
            assertEquals(all + 1, download.body().strip().split("\n").length, "the CSV holds every result and a header");
            List<WebElement> rows = browser.driver().findElements(By.cssSelector("#planning-table tbody tr"));
            assertTrue(!rows.isEmpty() && rows.size() <= all, "the table lists the results in view: " + rows.size());

            // Zoom to the first result, draw a circle around it and search again: fewer plots, each with a distance.
            rows.get(0).click();
            browser.driver().findElement(By.cssSelector(".planning-tool[data-mode='circle']")).click();
            WebElement map = browser.driver().findElement(By.id("planning-map"));
            new Actions(browser.driver()).moveToElement(map).click().moveByOffset(120, 0).click().perform();
            browser.driver().findElement(By.id("planning-search")).click();
            browser.waitUpTo(Duration.ofSeconds(20)).until(d -> "done".equals(body().getAttribute("data-planning-state"))
                    && Integer.parseInt(body().getAttribute("data-planning-results")) < all);
            int inCircle = Integer.parseInt(body().getAttribute("data-planning-results"));
            assertTrue(inCircle > 0, "the circle holds available plots");
            // The table is redrawn when the map settles on the results, so read the cell afresh until it is stable.
            String distance = browser.waitUpTo(Duration.ofSeconds(10))
                    .ignoring(StaleElementReferenceException.class)
                    .until(d -> {
                        String text = d.findElement(By.cssSelector("#planning-table tbody tr td:last-child")).getText();
                        return text.endsWith("m") ? text : null;
                    });
            assertTrue(distance.endsWith("m"), "rows carry the distance: " + distance);
        } finally {
            browser.screenshot(test.getDisplayName());
        }
    }

    @Test
    void statisticsPageDrawsChartsChoroplethAndWhatIf(TestInfo test) {
        try {
            browser.driver().get(TestServer.get().baseUrl() + "/#/stats");
            waitFor("data-stats-ready", "true");
            assertTrue(Boolean.TRUE.equals(browser.script("return !!window.Chart && !!Chart.getChart('stats-chart')")),
                    "the status chart is drawn by Chart.js");
            assertTrue(browser.driver().findElements(By.cssSelector("#stats-table tbody tr")).size() >= 1);
            assertTrue(Integer.parseInt(body().getAttribute("data-choropleth-drawn")) >= 12, "every estate coloured");
            assertTrue(Boolean.TRUE.equals(browser.script("return !!Chart.getChart('stats-history-chart')")),
                    "the monthly history is drawn");
            assertTrue(Integer.parseInt(body().getAttribute("data-history-months")) >= 1);
            new Select(browser.driver().findElement(By.id("stats-history-estate"))).selectByValue("GIL-RASHT");
            browser.waitUpTo(Duration.ofSeconds(10)).until(d -> d.findElement(By.id("stats-exports")).isDisplayed());
            String gpkg = browser.driver().findElement(By.cssSelector("#stats-exports a[data-format='gpkg']")).getAttribute("href");
            assertTrue(gpkg.endsWith("/api/exports/parcels?format=gpkg&estate=GIL-RASHT"), gpkg);
            assertTrue(browser.driver().findElements(By.cssSelector("path.choropleth-estate")).size() >= 12);
            WebElement summary = browser.driver().findElement(By.id("whatif-summary"));
            int atThree = Integer.parseInt(summary.getAttribute("data-freed-plots"));
            browser.script("const s = document.getElementById('whatif-years'); s.value = '0';"
                    + " s.dispatchEvent(new Event('input'));");
            browser.waitUpTo(Duration.ofSeconds(10)).until(d ->
                    Integer.parseInt(summary.getAttribute("data-freed-plots")) > atThree);
        } finally {
            browser.screenshot(test.getDisplayName());
        }
    }

    private static WebElement body() {
        return browser.driver().findElement(By.tagName("body"));
    }

    private static void waitFor(String attribute, String value) {
        browser.waitUpTo(Duration.ofSeconds(30)).until(d -> value.equals(body().getAttribute(attribute)));
    }
}
