package org.zamin.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import org.zamin.testing.Browser;
import org.zamin.testing.Http;
import org.zamin.testing.TestEstates;
import org.zamin.testing.TestServer;

/**
 * The pages read as words: estate names instead of codes in the queues and contracts, "1 plot" (Intl.PluralRules),
 * no "·" between parts in Persian (it reads as a zero), the map's filter panel only on the map, an icon instead of
 * a 404 for favicon.ico, and the import dialog's dry run drawn on the map. (All found on main.)
 */
class ReadabilityBrowserTest {

    private static Browser browser;
    private static UiFixture fixture;
    private static TestEstates.Estate single;

    @BeforeAll
    static void setUp() {
        browser = new Browser();
        fixture = new UiFixture();
        var ts = TestServer.get();
        single = TestEstates.create(ts.ownerJdbi());
        single.addParcel(ts.ownerJdbi(), "S-1", single.rect(100, 100, 300, 300), "AVAILABLE");
    }

    @AfterAll
    static void tearDown() {
        if (browser != null) {
            browser.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "fa"})
    void namesPluralsSeparatorsPanelIconAndImportPreview(String language) throws IOException {
        WebDriver d = browser.driver();
        String name = "fa".equals(language) ? UiFixture.NAME_FA : UiFixture.NAME;
        Path file = Files.createTempFile("zamin-preview-", ".geojson");
        try {
            UiFixture.openFresh(browser, "#/", language);
            String item = UiFixture.estateItem(d, single.code()).getText();
            if ("en".equals(language)) {
                assertTrue(item.contains("1 plot") && !item.contains("1 plots"), item);
            } else {
                assertFalse(d.findElement(By.id("estate-list")).getText().contains("·"), "no middle dot in Persian");
                assertTrue(item.contains("۱ قطعه"), item);
            }
            assertTrue(d.findElement(By.id("panel")).isDisplayed(), "the filters beside the map");
            UiFixture.go(browser, "#/decisions");
            assertFalse(d.findElement(By.id("panel")).isDisplayed(), "no map filters on the decision log");
            String icon = d.findElement(By.cssSelector("link[rel='icon']")).getAttribute("href");
            var got = Http.get(icon.replace(TestServer.get().baseUrl(), ""));
            assertEquals(200, got.status(), icon);
            assertTrue(got.contentType().startsWith("image/"), got.contentType());
            assertEquals(200, Http.get("/favicon.ico").status(), "the address browsers ask without a link");

            UiFixture.signIn(browser, fixture.officer.email());
            String review = UiFixture.go(browser, "#/review");
            assertTrue(review.contains(name) && !review.contains(fixture.estate.code()), "review queue: " + review);
            String idle = UiFixture.go(browser, "#/idle");
            assertTrue(idle.contains(name) && !idle.contains(fixture.estate.code()), "idle board: " + idle);
            String contract = UiFixture.go(browser, "#/contract/" + fixture.idleAllocation);
            assertTrue(contract.contains(name) && !contract.contains(fixture.estate.code()), "contract: " + contract);

            Files.writeString(file, "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
                    + "\"properties\":{\"plot_no\":\"P-9\",\"land_use\":\"industrial\"},\"geometry\":"
                    + square(fixture.estate, 700, 700, 800, 800) + "}]}");
            UiFixture.go(browser, "#/import");
            By option = By.cssSelector(".import-dialog select[name='estate'] option[value='" + fixture.estate.code() + "']");
            UiFixture.wait(browser, 10).until(x -> !x.findElements(option).isEmpty());
            new Select(d.findElement(By.cssSelector(".import-dialog select[name='estate']"))).selectByValue(fixture.estate.code());
            d.findElement(By.cssSelector(".import-dialog input[name='file']")).sendKeys(file.toString());
            d.findElement(By.cssSelector(".import-dialog [data-action='preview']")).click();
            UiFixture.wait(browser, 30).until(x -> !x.findElements(By.cssSelector("#map path.import-preview")).isEmpty());
            assertTrue(d.findElement(By.cssSelector(".import-preview-legend")).isDisplayed(), "the preview is explained");
            assertEquals("flex", browser.script(
                    "return getComputedStyle(document.querySelector('.import-form')).display"), "the dialog is styled");
            d.findElement(By.cssSelector(".import-dialog button[type='submit']")).click();
            assertEquals(java.util.List.of(), browser.consoleErrors().stream().filter(e -> !e.contains("status of 4")).toList(),
                    "no script error");
        } finally {
            browser.screenshot("readability-" + language);
            Files.deleteIfExists(file);
        }
    }

    private static String square(TestEstates.Estate e, double x0, double y0, double x1, double y1) {
        double[][] corners = {{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}};
        StringBuilder b = new StringBuilder("{\"type\":\"Polygon\",\"coordinates\":[[");
        for (int i = 0; i < corners.length; i++) {
            b.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "[%.9f,%.9f]", e.lon(corners[i][0]),
                    e.lat(corners[i][1])));
        }
        return b.append("]]}").toString();
    }
}
