package org.zamin.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.interactions.Actions;
import org.zamin.testing.Browser;

/**
 * Without a mouse: an estate on the map is a named button that Enter opens; the plots in view are listed as
 * buttons whose Enter opens the plot's popup with the focus on its action; a planner gives a search area as a
 * circle around typed coordinates (Persian digits too). (Found on main: Tab walked 17 unnamed estate outlines where
 * Enter did nothing, plots were never reachable, and a search area needed a mouse.)
 */
class KeyboardBrowserTest {

    private static Browser browser;
    private static UiFixture fixture;

    @BeforeAll
    static void setUp() {
        browser = new Browser();
        fixture = new UiFixture();
    }

    @AfterAll
    static void tearDown() {
        if (browser != null) {
            browser.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "fa"})
    void estatesPlotsAndASearchAreaByKeyboard(String language) {
        WebDriver d = browser.driver();
        String name = "fa".equals(language) ? UiFixture.NAME_FA : UiFixture.NAME;
        String code = fixture.estate.code();
        try {
            // a permalink at province zoom around the estate: its name is written on the map there
            UiFixture.openFresh(browser, String.format(Locale.ROOT, "#/?z=14&lat=%.6f&lng=%.6f&lang=%s",
                    fixture.estate.lat(500), fixture.estate.lon(500), language), language);
            By estate = By.cssSelector("#map [data-estate-button='" + code + "']");
            UiFixture.wait(browser, 10).until(x -> !x.findElements(estate).isEmpty());
            var button = d.findElement(estate);
            assertEquals("button", button.getAttribute("role"));
            assertEquals("0", button.getAttribute("tabindex"), "Tab reaches it");
            assertTrue(button.getAttribute("aria-label").contains(name), button.getAttribute("aria-label"));
            browser.script("arguments[0].focus()", button);
            new Actions(d).sendKeys(Keys.ENTER).perform();
            By plot = By.cssSelector("#plot-list .plot-item[data-parcel-id='" + fixture.availablePlot + "']");
            UiFixture.wait(browser, 30).until(x -> !x.findElements(plot).isEmpty());

            // the list is redrawn whenever the view settles, so the item focused may be replaced before Enter
            // reaches it: focus it and press Enter again until its popup has taken the focus
            String item = "#plot-list .plot-item[data-parcel-id='" + fixture.availablePlot + "']";
            UiFixture.wait(browser, 20).pollingEvery(java.time.Duration.ofMillis(700)).until(x -> {
                if (Boolean.TRUE.equals(browser.script(
                        "return document.activeElement.classList.contains('reserve-button')"))) {
                    return true;
                }
                browser.script("const e = document.querySelector(arguments[0]); if (e) e.focus();", item);
                new Actions(d).sendKeys(Keys.ENTER).perform();
                return false;
            });
            assertEquals(String.valueOf(fixture.availablePlot), browser.script(
                    "return document.activeElement.closest('.parcel-popup').dataset.parcelId"), "the plot's own popup");
            new Actions(d).sendKeys(Keys.ENTER).perform();
            UiFixture.wait(browser, 10).until(x -> !x.findElements(By.id("signin-form")).isEmpty());

            browser.signIn(fixture.planner.email());
            UiFixture.wait(browser, 15).until(x -> !x.findElements(By.id("nav-planning")).isEmpty());
            UiFixture.go(browser, "#/planning");
            UiFixture.wait(browser, 15).until(x -> "true".equals(x.findElement(By.tagName("body")).getAttribute("data-planning-ready")));
            type("planning-circle-lat", fixture.estate.lat(200), language);
            type("planning-circle-lon", fixture.estate.lon(200), language);
            d.findElement(By.id("planning-circle-radius")).sendKeys("fa".equals(language) ? "۱۵۰" : "150");
            browser.script("document.getElementById('planning-circle-use').focus()");
            new Actions(d).sendKeys(Keys.ENTER).perform();
            browser.script("document.getElementById('planning-search').focus()");
            new Actions(d).sendKeys(Keys.ENTER).perform();
            UiFixture.wait(browser, 20).until(x -> "done".equals(x.findElement(By.tagName("body")).getAttribute("data-planning-state")));
            UiFixture.wait(browser, 10).until(x -> !x.findElements(
                    By.cssSelector("#planning-table tr[data-id='" + fixture.availablePlot + "']")).isEmpty());
            assertEquals(java.util.List.of(), browser.consoleErrors(), "no console error");
        } finally {
            browser.screenshot("keyboard-" + language);
        }
    }

    /** Types a coordinate, in Persian digits on the Persian page. */
    private static void type(String id, double value, String language) {
        String text = String.format(Locale.ROOT, "%.6f", value);
        if ("fa".equals(language)) {
            StringBuilder b = new StringBuilder();
            for (char c : text.toCharArray()) {
                b.append(Character.isDigit(c) ? (char) ('۰' + (c - '0')) : c == '.' ? '٫' : c);
            }
            text = b.toString();
        }
        browser.driver().findElement(By.id(id)).sendKeys(text);
    }
}
