package org.zamin.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.zamin.testing.Browser;
import org.zamin.testing.TestEstates;
import org.zamin.testing.TestServer;
import org.zamin.testing.TestUsers;

/** An admin checks a bad file on the import page in Persian: each problem in Persian, with Persian digits. */
class ImportBrowserTest {

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
    void theDryRunReportIsTranslatedFromTheProblemCodes(TestInfo test) throws IOException {
        var ts = TestServer.get();
        var estate = TestEstates.create(ts.jdbi());
        Path file = Files.createTempFile("zamin-browser-import-", ".geojson");
        Files.writeString(file, "{\"type\":\"FeatureCollection\",\"features\":["
                + feature("K-1", "industrial", square(estate, 10, 10, 90, 90)) + ","
                + feature("K-2", "industrial", square(estate, 50, 50, 120, 120)) + ","
                + feature("K-3", "farm", square(estate, 200, 200, 260, 260)) + "]}");
        String before = ts.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM parcel WHERE estate_id = :id")
                .bind("id", estate.id()).mapTo(String.class).one());
        WebDriver d = browser.driver();
        try {
            d.get(ts.baseUrl() + "/#/");
            d.navigate().refresh();
            wait(30).until(x -> "true".equals(x.findElement(By.tagName("body")).getAttribute("data-ready")));
            d.findElement(By.cssSelector(".lang-button[data-lang='fa']")).click();
            wait(10).until(x -> "rtl".equals(x.findElement(By.tagName("html")).getAttribute("dir")));
            d.findElement(By.id("nav-signin")).click();
            browser.signIn(TestUsers.admin().email());
            wait(10).until(x -> !x.findElements(By.id("nav-import")).isEmpty());
            d.get(ts.baseUrl() + "/#/import");
            By option = By.cssSelector(".import-dialog select[name='estate'] option[value='" + estate.code() + "']");
            wait(20).until(x -> !x.findElements(option).isEmpty());
            new Select(d.findElement(By.cssSelector(".import-dialog select[name='estate']"))).selectByValue(estate.code());
            d.findElement(By.cssSelector(".import-dialog input[name='file']")).sendKeys(file.toString());
            d.findElement(By.cssSelector(".import-dialog [data-action='preview']")).click();
            wait(30).until(x -> x.findElements(By.cssSelector(".import-problems li")).size() >= 3);

            List<WebElement> items = d.findElements(By.cssSelector(".import-problems li"));
            String text = String.join("\n", items.stream().map(WebElement::getText).toList());
            assertTrue(items.stream().anyMatch(li -> "overlaps_feature".equals(li.getAttribute("data-code"))), text);
            assertTrue(text.contains("هم‌پوشانی"), "the overlap is said in Persian: " + text);
            assertTrue(text.contains("«farm»"), "the bad land use is named: " + text);
            assertTrue(text.contains("K-2"), "the plot number is shown: " + text);
            assertTrue(text.chars().anyMatch(c -> c >= '۰' && c <= '۹'), "Persian digits: " + text);
            assertFalse(text.contains("overlaps"), "no English message in the Persian report: " + text);
            assertEquals(before, ts.jdbi().withHandle(h -> h.createQuery(
                    "SELECT count(*) FROM parcel WHERE estate_id = :id").bind("id", estate.id()).mapTo(String.class)
                    .one()), "a check writes nothing");
        } finally {
            browser.screenshot(test.getDisplayName());
            Files.deleteIfExists(file);
        }
    }

    private static String feature(String plot, String landUse, String geometry) {
        return "{\"type\":\"Feature\",\"properties\":{\"plot_no\":\"" + plot + "\",\"land_use\":\"" + landUse
                + "\"},\"geometry\":" + geometry + "}";
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

    private static org.openqa.selenium.support.ui.WebDriverWait wait(int seconds) {
        return browser.waitUpTo(Duration.ofSeconds(seconds));
    }
}
