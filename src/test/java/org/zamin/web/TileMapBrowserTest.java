package org.zamin.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.zamin.testing.Browser;
import org.zamin.testing.TestEstates;
import org.zamin.testing.TestServer;

/**
 * The map drawn from vector tiles, in English and Persian: a permalink opens a view, the plots of its tiles are
 * drawn in their status colours, a click on a plot opens that plot's popup (its details fetched from the API), the
 * status filter reaches the tiles, and a reload keeps the view, the language and the open plot.
 */
class TileMapBrowserTest {

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
    void aTileDrawnViewFindsAPlotAndItsPermalinkSurvivesAReload(String language) {
        var ts = TestServer.get();
        var estate = TestEstates.create(ts.jdbi());
        long available = estate.addParcel(ts.jdbi(), "T-1", estate.rect(100, 100, 450, 450), "AVAILABLE");
        long other = estate.addParcel(ts.jdbi(), "T-2", estate.rect(550, 550, 900, 900), "NOT_OFFERED");
        WebDriver d = browser.driver();
        try {
            UiFixture.openFresh(browser, String.format(Locale.ROOT, "#/?z=16&lat=%.6f&lng=%.6f",
                    estate.lat(500), estate.lon(500)), language);
            MapTiles.waitDrawn(browser);
            List<Long> green = MapTiles.colourAt(browser, estate.lon(275), estate.lat(275));
            assertTrue(MapTiles.near(green, "#34a853") && green.get(3) > 100, "the available plot is drawn green: " + green + "; "
                    + MapTiles.describe(browser, estate.lon(275), estate.lat(275)));
            List<Long> grey = MapTiles.colourAt(browser, estate.lon(725), estate.lat(725));
            assertTrue(MapTiles.near(grey, "#a3a8ad"), "the plot not offered is drawn grey: " + grey);
            assertEquals(List.of(0L, 0L, 0L, 0L), MapTiles.colourAt(browser, estate.lon(500), estate.lat(500)),
                    "nothing is drawn between the plots");

            // A click on the drawn plot finds it: its own popup, its details from the API.
            MapTiles.clickAt(browser, estate.lon(275), estate.lat(275));
            By popup = By.cssSelector(".parcel-popup[data-parcel-id='" + available + "']");
            browser.waitUpTo(Duration.ofSeconds(10)).until(x -> !x.findElements(popup).isEmpty());
            assertTrue(d.findElement(popup).getText().contains("T-1"), d.findElement(popup).getText());
            assertTrue(!d.findElements(By.cssSelector(".parcel-popup .reserve-button")).isEmpty(), "its actions");
            assertTrue(!d.findElements(By.cssSelector("#plot-list .plot-item[data-parcel-id='" + other + "']")).isEmpty(),
                    "the other plot is in the keyboard's list of plots in view");

            // The permalink holds the place, the language and the open plot; a reload shows the same.
            browser.waitUpTo(Duration.ofSeconds(10)).until(x -> String.valueOf(browser.script("return location.hash"))
                    .contains("plot=" + available));
            String link = String.valueOf(browser.script("return location.hash"));
            assertTrue(link.contains("z=16") && link.contains("lang=" + language), link);
            browser.script("localStorage.setItem('zamin.lang', arguments[0])", "fa".equals(language) ? "en" : "fa");
            d.navigate().refresh();
            browser.waitUpTo(Duration.ofSeconds(30)).until(x -> !x.findElements(popup).isEmpty());
            assertEquals(language, d.findElement(By.tagName("html")).getAttribute("lang"), "the link's language wins");
            MapTiles.waitDrawn(browser);
            assertTrue(MapTiles.near(MapTiles.colourAt(browser, estate.lon(275), estate.lat(275)), "#34a853"),
                    "the same place is shown after the reload");
            assertTrue(String.valueOf(browser.script("return location.hash")).contains("z=16"));

            // The status filter is applied by the tiles: without "available" the green plot is not drawn.
            d.findElement(By.cssSelector("#filter-status-options input[value='AVAILABLE']")).click();
            browser.waitUpTo(Duration.ofSeconds(20)).until(x -> MapTiles.colourAt(browser, estate.lon(275),
                    estate.lat(275)).equals(List.of(0L, 0L, 0L, 0L)));
            MapTiles.waitDrawn(browser);
            assertTrue(MapTiles.near(MapTiles.colourAt(browser, estate.lon(725), estate.lat(725)), "#a3a8ad"),
                    "the other plot is still drawn");
        } finally {
            browser.screenshot("tile map " + language);
            browser.script("localStorage.clear()");
        }
    }
}
