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
            List<WebElement> estates = browser.driver().findElements(By.cssSelector("path.estate"));
            assertTrue(estates.size() >= 12, "estate outlines drawn: " + estates.size());

            browser.driver().findElement(By.cssSelector("#estate-list .estate-item[data-estate='GIL-RASHT']")).click();
            int loaded = waitForParcels();
            List<WebElement> plots = browser.driver().findElements(By.cssSelector("path.parcel"));
            assertEquals(loaded, plots.size(), "every loaded plot is a shape on the map");
            assertTrue(plots.size() > 50, "plots drawn for Rasht: " + plots.size());
            assertTrue(!browser.driver().findElements(By.cssSelector("path.parcel.parcel-IN_PRODUCTION")).isEmpty(),
                    "plots carry their status colour class");

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
            browser.driver().findElement(By.cssSelector("#estate-list .estate-item[data-estate='GIL-SIAHKAL']")).click();
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
