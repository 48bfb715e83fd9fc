package org.zamin.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.zamin.testing.Browser;
import org.zamin.testing.TestEstates;
import org.zamin.testing.TestServer;

/**
 * The side panel's estate list at many estates: a bounded number of items with how many more there are, a search
 * field (code, English or Persian name; Persian digits and Arabic letters fold), and the keyboard's way through it.
 */
class EstatePanelBrowserTest {

    /** web/js/estates.js ESTATE_LIST_LIMIT. */
    private static final int LIMIT = 25;
    private static Browser browser;
    private static final List<TestEstates.Estate> EXTRA = new ArrayList<>();

    @BeforeAll
    static void manyEstates() {
        var owner = TestServer.get().ownerJdbi();
        for (int i = 0; i < 40; i++) {
            EXTRA.add(TestEstates.create(owner));
        }
        TestEstates.Estate named = EXTRA.get(17);
        owner.useHandle(h -> h.createUpdate("UPDATE estate SET name = 'Panel Search Estate 17', "
                + "name_fa = 'شهرک جستجوی پنل ۱۷' WHERE id = :id").bind("id", named.id()).execute());
        browser = new Browser();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    private static List<WebElement> items(WebDriver d) {
        return d.findElements(By.cssSelector("#estate-list .estate-item"));
    }

    @Test
    void manyEstatesListABoundedNumberAndTheSearchFindsTheOthers(TestInfo test) {
        WebDriver d = browser.driver();
        try {
            UiFixture.openFresh(browser, "#/", "en");
            long estates = TestServer.get().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM estate")
                    .mapTo(Long.class).one());
            assertTrue(estates >= 67, estates + " estates");
            browser.waitUpTo(Duration.ofSeconds(10)).until(x -> items(x).size() == LIMIT);
            long nodes = (Long) browser.script("return document.getElementById('estate-list').querySelectorAll('*').length");
            assertTrue(nodes <= LIMIT * 8, nodes + " DOM nodes in the estate list");
            WebElement more = d.findElement(By.id("estate-list-more"));
            assertTrue(more.isDisplayed());
            assertTrue(more.getText().contains("first " + LIMIT + " of "), more.getText());

            // the last extra estate is not among the first listed: the search finds it by its code
            String code = EXTRA.get(EXTRA.size() - 1).code();
            assertTrue(items(d).stream().noneMatch(e -> code.equals(e.getAttribute("data-estate"))));
            WebElement item = UiFixture.estateItem(d, code);
            assertEquals(1, items(d).size());
            assertTrue(!more.isDisplayed(), "no 'more' line when all matches are listed");

            // a name, typed in any case; a search that matches nothing says so
            WebElement search = d.findElement(By.id("estate-search"));
            search.clear();
            search.sendKeys("panel SEARCH estate 17");
            browser.waitUpTo(Duration.ofSeconds(5)).until(x -> items(x).size() == 1);
            assertEquals(EXTRA.get(17).code(), items(d).get(0).getAttribute("data-estate"));
            search.clear();
            search.sendKeys("no such estate anywhere");
            browser.waitUpTo(Duration.ofSeconds(5)).until(x -> items(x).isEmpty());
            assertTrue(d.findElement(By.id("estate-list-empty")).getText().contains("no such estate anywhere"));

            // keyboard: Down moves from the search field to the first item and on, Up back; Enter chooses the first
            search.clear();
            search.sendKeys("TEST-");
            browser.waitUpTo(Duration.ofSeconds(5)).until(x -> items(x).size() == LIMIT);
            String first = items(d).get(0).getAttribute("data-estate");
            String second = items(d).get(1).getAttribute("data-estate");
            search.sendKeys(Keys.ARROW_DOWN);
            assertEquals(first, d.switchTo().activeElement().getAttribute("data-estate"));
            d.switchTo().activeElement().sendKeys(Keys.ARROW_DOWN);
            assertEquals(second, d.switchTo().activeElement().getAttribute("data-estate"));
            d.switchTo().activeElement().sendKeys(Keys.ARROW_UP, Keys.ARROW_UP);
            assertEquals("estate-search", d.switchTo().activeElement().getAttribute("id"));
            assertEquals(LIMIT, items(d).size(), "moving the focus keeps the list");
            search.clear();
            search.sendKeys(code, Keys.ENTER);
            TestEstates.Estate chosen = EXTRA.get(EXTRA.size() - 1);
            // the map moves to it: the permalink's centre is within the estate's square kilometre
            browser.waitUpTo(Duration.ofSeconds(15)).until(x -> {
                Object at = browser.script("const q = new URLSearchParams((location.hash.split('?')[1]) || '');"
                        + "return q.get('lat') === null ? null : [Number(q.get('lat')), Number(q.get('lng'))];");
                if (!(at instanceof List<?> ll) || ll.size() != 2) {
                    return false;
                }
                double lat = ((Number) ll.get(0)).doubleValue(), lon = ((Number) ll.get(1)).doubleValue();
                return Math.abs(lat - chosen.lat(500)) < 0.005 && Math.abs(lon - chosen.lon(500)) < 0.005;
            });
        } finally {
            browser.screenshot(test.getDisplayName());
        }
    }

    @Test
    void persianNamesAreFoundWithArabicLettersAndLatinDigits(TestInfo test) {
        WebDriver d = browser.driver();
        try {
            UiFixture.openFresh(browser, "#/", "fa");
            WebElement search = d.findElement(By.id("estate-search"));
            // Arabic yeh (U+064A) and Latin digits for the Persian name's Persian yeh and digits
            search.sendKeys("جستجوي پنل 17");
            browser.waitUpTo(Duration.ofSeconds(5)).until(x -> items(x).size() == 1);
            assertEquals(EXTRA.get(17).code(), items(d).get(0).getAttribute("data-estate"));
            search.clear();
            browser.waitUpTo(Duration.ofSeconds(5)).until(x -> items(x).size() == LIMIT);
            String more = d.findElement(By.id("estate-list-more")).getText();
            assertTrue(more.contains("۲۵") && more.chars().noneMatch(c -> c >= '0' && c <= '9'), more);
        } finally {
            browser.screenshot(test.getDisplayName());
            browser.script("localStorage.clear()");
        }
    }
}
