package org.zamin.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.zamin.testing.Browser;
import org.zamin.testing.TestEstates;
import org.zamin.testing.TestServer;
import org.zamin.testing.TestUsers;

/**
 * The application form takes Persian and Arabic-Indic digits in every numeric field, the activity code included, and
 * what was typed survives a switch of language. (Found on main: "۱۰۷۹" was refused by a message that itself said
 * "such as ۱۰۷۹"; switching language erased the form.)
 */
class FormInputBrowserTest {

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
    void persianDigitsAreTakenAndTypedValuesSurviveALanguageSwitch(String language) {
        var ts = TestServer.get();
        var estate = TestEstates.create(ts.ownerJdbi());
        long plot = estate.addParcel(ts.ownerJdbi(), "D-1", estate.rect(300, 300, 700, 700), "AVAILABLE");
        var investor = TestUsers.investor();
        WebDriver d = browser.driver();
        try {
            UiFixture.openFresh(browser, "#/", language);
            UiFixture.signIn(browser, investor.email());
            UiFixture.go(browser, "#/");
            UiFixture.estateItem(d, estate.code()).click();
            MapTiles.openPlot(browser, plot);
            UiFixture.wait(browser, 10).until(x -> !x.findElements(By.cssSelector(".reserve-button")).isEmpty());
            d.findElement(By.cssSelector(".reserve-button")).click();
            UiFixture.wait(browser, 10).until(x -> !x.findElements(By.id("reserve-form")).isEmpty());
            d.findElement(By.id("reserve-activity")).sendKeys("۱۰۷۹");
            d.findElement(By.id("reserve-investment")).sendKeys("۲۰۰۰۰۰۰۰۰۰۰");
            d.findElement(By.id("reserve-jobs")).sendKeys("٢٥");
            d.findElement(By.id("reserve-knowledge-based")).click();

            String other = "en".equals(language) ? "fa" : "en";
            d.findElement(By.cssSelector(".lang-button[data-lang='" + other + "']")).click();
            UiFixture.wait(browser, 10).until(x -> other.equals(x.findElement(By.tagName("html")).getAttribute("lang")));
            assertEquals("۱۰۷۹", d.findElement(By.id("reserve-activity")).getAttribute("value"), "kept across the switch");
            assertEquals("۲۰۰۰۰۰۰۰۰۰۰", d.findElement(By.id("reserve-investment")).getAttribute("value"));
            assertEquals("٢٥", d.findElement(By.id("reserve-jobs")).getAttribute("value"));
            assertTrue(d.findElement(By.id("reserve-knowledge-based")).isSelected());

            d.findElement(By.id("reserve-submit")).click();
            UiFixture.wait(browser, 10).until(x -> !x.findElements(By.cssSelector(".reservation-card[data-status='HELD']")).isEmpty());
            var row = ts.jdbi().withHandle(h -> h.createQuery("""
                    SELECT r.activity_isic || ' ' || r.investment || ' ' || r.jobs || ' ' || r.knowledge_based
                      FROM reservation r JOIN reservation_parcel rp ON rp.reservation_id = r.id WHERE rp.parcel_id = :p""")
                    .bind("p", plot).mapTo(String.class).one());
            assertEquals("1079 20000000000 25 true", row);
            assertEquals(java.util.List.of(), browser.consoleErrors(), "no console error");
        } finally {
            browser.screenshot("form-input-" + language);
        }
    }
}
