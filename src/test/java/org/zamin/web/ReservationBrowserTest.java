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
import org.zamin.testing.Browser;
import org.zamin.testing.TestEstates;
import org.zamin.testing.TestServer;
import org.zamin.testing.TestUsers;

/** An investor reserves a plot from the map and pays; an officer approves; the public map shows it allocated. */
class ReservationBrowserTest {

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
    void reservePayApproveAndSeeTheColourChange(TestInfo test) {
        var ts = TestServer.get();
        var estate = TestEstates.create(ts.jdbi());
        long plot = estate.addParcel(ts.jdbi(), "B-1", estate.rect(300, 300, 700, 700), "AVAILABLE");
        var investor = TestUsers.investor();
        var officer = TestUsers.officer(estate.code());
        WebDriver d = browser.driver();
        try {
            openMapAt(estate.code());
            MapTiles.openPlot(browser, plot);
            wait(10).until(x -> !x.findElements(By.cssSelector(".reserve-button")).isEmpty());
            d.findElement(By.cssSelector(".reserve-button")).click();
            // Not signed in: the sign-in form comes first, then the application form.
            browser.signIn(investor.email());
            wait(10).until(x -> !x.findElements(By.id("reserve-form")).isEmpty());
            d.findElement(By.id("reserve-activity")).sendKeys("1079");
            d.findElement(By.id("reserve-investment")).sendKeys("20000000000");
            d.findElement(By.id("reserve-jobs")).sendKeys("25");
            d.findElement(By.id("reserve-submit")).click();
            wait(10).until(x -> !x.findElements(By.cssSelector(".reservation-card[data-status='HELD'] .pay-button")).isEmpty());
            assertTrue(d.findElement(By.cssSelector(".countdown")).getText().matches(".*\\d.*"), "a countdown is shown");
            // The deposit is paid on the (sandbox) gateway's page, which sends the payer back to the receipt.
            d.findElement(By.cssSelector(".pay-button")).click();
            wait(10).until(x -> !x.findElements(By.id("sandbox-confirm")).isEmpty());
            d.findElement(By.id("sandbox-confirm")).click();
            wait(10).until(x -> !x.findElements(By.cssSelector("#payment-page[data-state='PAID']")).isEmpty());
            d.findElement(By.id("payment-back")).click();
            wait(10).until(x -> !x.findElements(By.cssSelector(".reservation-card[data-status='SUBMITTED']")).isEmpty());
            assertTrue(d.findElement(By.cssSelector(".reservation-card")).getText().contains("sandbox"));
            d.findElement(By.id("nav-signout")).click();
            wait(10).until(x -> !x.findElements(By.id("nav-signin")).isEmpty());

            d.findElement(By.id("nav-signin")).click();
            browser.signIn(officer.email());
            wait(10).until(x -> !x.findElements(By.cssSelector("#review-list .queue-item")).isEmpty());
            d.findElement(By.cssSelector("#review-list .queue-item")).click();
            wait(15).until(x -> !x.findElements(By.cssSelector("#review-map path.review-plot")).isEmpty());
            d.findElement(By.cssSelector(".approve-button")).click();
            wait(10).until(x -> !x.findElements(By.id("confirm-yes")).isEmpty());
            d.findElement(By.id("confirm-yes")).click();
            wait(10).until(x -> !x.findElements(By.cssSelector("#review-detail .notice")).isEmpty());
            assertEquals("ALLOCATED", ts.jdbi().withHandle(h -> h.createQuery("SELECT status FROM parcel WHERE id = :id")
                    .bind("id", plot).mapTo(String.class).one()));

            d.findElement(By.id("nav-signout")).click();
            wait(10).until(x -> !x.findElements(By.id("nav-signin")).isEmpty());
            openMapAt(estate.code());
            wait(10).until(x -> !x.findElements(By.cssSelector(
                    "#plot-list .plot-item[data-status='ALLOCATED'][data-parcel-id='" + plot + "']")).isEmpty());
            MapTiles.waitDrawn(browser);
            assertTrue(MapTiles.near(MapTiles.colourAt(browser, estate.lon(500), estate.lat(500)), "#4a7fd8"),
                    "the allocated plot is drawn in the allocated colour: "
                            + MapTiles.colourAt(browser, estate.lon(500), estate.lat(500)));

            // The log page checks the chain against the signed checkpoints and names the key that signs them.
            ts.app().checkpointLog();
            String keyId = org.zamin.testing.Http.get("/api/decisions/checkpoints").json().get("keyId").asText();
            d.findElement(By.id("nav-decisions")).click();
            wait(10).until(x -> "true".equals(x.findElement(By.id("chain-status")).getAttribute("data-valid")));
            String checkpoints = d.findElement(By.id("checkpoint-status")).getText();
            assertTrue(checkpoints.contains(keyId) && checkpoints.contains("signed checkpoint"), checkpoints);
        } finally {
            browser.screenshot(test.getDisplayName());
        }
    }

    private static void openMapAt(String estateCode) {
        WebDriver d = browser.driver();
        d.get(TestServer.get().baseUrl() + "/#/");
        d.navigate().refresh();
        wait(30).until(x -> "true".equals(x.findElement(By.tagName("body")).getAttribute("data-ready")));
        UiFixture.estateItem(d, estateCode).click();
        wait(30).until(x -> {
            String n = x.findElement(By.tagName("body")).getAttribute("data-parcels-loaded");
            return n != null && Integer.parseInt(n) > 0;
        });
    }


    private static org.openqa.selenium.support.ui.WebDriverWait wait(int seconds) {
        return browser.waitUpTo(Duration.ofSeconds(seconds));
    }
}
