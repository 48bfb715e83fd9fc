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
import org.openqa.selenium.WebElement;
import org.zamin.testing.Browser;
import org.zamin.testing.TestServer;

/** The public map in Debian's headless Chromium: the sample province drawn, in English and in Persian. */
class MapPageBrowserTest {

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
    void drawsThePlotsOfTheSampleProvinceColouredByStatus(TestInfo test) {
        try {
            open();
            String nav = browser.driver().findElement(By.id("nav")).getText();
            assertTrue(!nav.contains("null") && !nav.contains("undefined"), "navigation text: " + nav);
            UiFixture.estateItem(browser.driver(), "GIL-RASHT").click();
            int listed = waitForParcels();
            assertTrue(listed > 50, "Rasht's plots are listed: " + listed);
            assertTrue(!browser.driver().findElements(By.cssSelector("#map [data-estate-button='GIL-RASHT']")).isEmpty(),
                    "Rasht's name is written on the map");
            MapTiles.waitDrawn(browser);
            double[] at = TestServer.get().jdbi().withHandle(h -> h.createQuery("""
                    SELECT ARRAY[ST_X(ST_PointOnSurface(p.geom)), ST_Y(ST_PointOnSurface(p.geom))]
                      FROM parcel_public p WHERE p.estate = 'GIL-RASHT' AND p.status = 'IN_PRODUCTION'
                     ORDER BY p.area_m2 DESC LIMIT 1""").mapTo(double[].class).one());
            List<Long> colour = MapTiles.colourAt(browser, at[0], at[1]);
            assertTrue(MapTiles.near(colour, "#137c86") || MapTiles.near(colour, "#0a4a50"),
                    "a plot in production is drawn in its status colour: " + colour);
            // the offline base layer's provinces and cities are SVG paths of their own pane
            List<WebElement> shapes = browser.driver().findElements(
                    By.cssSelector("#map path:not(.infra):not(.leaflet-base-pane *)"));
            assertTrue(shapes.size() < 10, "plots are tiles, not a DOM shape each: " + shapes.size() + " paths");

            WebElement count = browser.driver().findElement(By.cssSelector(".legend-count[data-status='IN_PRODUCTION']"));
            assertTrue(Integer.parseInt(count.getAttribute("data-count")) > 0);
        } finally {
            browser.screenshot(test.getDisplayName());
        }
    }

    @Test
    void persianIsRightToLeftWithPersianDigits(TestInfo test) {
        try {
            open();
            browser.driver().findElement(By.cssSelector(".lang-button[data-lang='fa']")).click();
            browser.waitUpTo(Duration.ofSeconds(10)).until(d -> "rtl".equals(
                    d.findElement(By.tagName("html")).getAttribute("dir")));
            assertEquals("fa", browser.driver().findElement(By.tagName("html")).getAttribute("lang"));
            UiFixture.estateItem(browser.driver(), "GIL-SIAHKAL").click();
            waitForParcels();
            String counts = browser.driver().findElement(By.id("legend")).getText();
            assertTrue(counts.chars().anyMatch(c -> c >= '۰' && c <= '۹'), "Persian digits in the legend: " + counts);
            assertTrue(counts.chars().noneMatch(c -> c >= '0' && c <= '9'), "no Latin digits in the Persian legend: " + counts);
        } finally {
            browser.screenshot(test.getDisplayName());
            browser.script("localStorage.clear()");
        }
    }

    private static void open() {
        browser.driver().get(TestServer.get().baseUrl() + "/");
        browser.waitUpTo(Duration.ofSeconds(30)).until(d -> "true".equals(
                d.findElement(By.tagName("body")).getAttribute("data-ready")));
    }

    private static int waitForParcels() {
        browser.waitUpTo(Duration.ofSeconds(30)).until(d -> {
            String n = d.findElement(By.tagName("body")).getAttribute("data-parcels-loaded");
            return n != null && Integer.parseInt(n) > 0;
        });
        return Integer.parseInt(browser.driver().findElement(By.tagName("body")).getAttribute("data-parcels-loaded"));
    }
}
