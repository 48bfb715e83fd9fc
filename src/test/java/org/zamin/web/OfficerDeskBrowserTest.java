package org.zamin.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.zamin.testing.Browser;
import org.zamin.testing.Http;
import org.zamin.testing.TestServer;

/**
 * The officer's desk on the contract page: record a milestone reached and an inspection, and grant a requested
 * extension (after a confirmation); the holder's report form is not offered to the officer, and the holder gets no
 * desk. (Found on main: milestones, inspections and extension decisions were API-only.)
 */
class OfficerDeskBrowserTest {

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
    void anOfficerRecordsAMilestoneAnInspectionAndGrantsAnExtension(String language) {
        UiFixture f = new UiFixture();
        long contract = f.quietAllocation;
        var asked = Http.post("/api/allocations/" + contract + "/extensions", Map.of("months", 6, "reason", "Late permit"),
                "Authorization", f.investor.bearer());
        assertEquals(2, asked.status() / 100, asked.body());
        WebDriver d = browser.driver();
        try {
            UiFixture.openFresh(browser, "#/", language);
            UiFixture.signIn(browser, f.investor.email());
            UiFixture.go(browser, "#/contract/" + contract);
            assertTrue(d.findElements(By.id("officer-desk")).isEmpty(), "no desk for the holder");
            assertTrue(d.findElements(By.id("extension-grant")).isEmpty());

            UiFixture.openFresh(browser, "#/", language);
            UiFixture.signIn(browser, f.officer.email());
            UiFixture.go(browser, "#/contract/" + contract);
            assertTrue(d.findElements(By.id("report-form")).isEmpty(), "the holder's report form is not the officer's");
            d.findElement(By.cssSelector("#desk-milestone-form button[type='submit']")).click();
            UiFixture.wait(browser, 10).until(x -> !x.findElements(
                    By.cssSelector("#contract-milestones .milestone-achieved[data-kind='POSSESSION']")).isEmpty());

            d.findElement(By.id("desk-inspection-notes")).sendKeys("Fence built");
            d.findElement(By.cssSelector("#desk-inspection-form button[type='submit']")).click();
            UiFixture.wait(browser, 10).until(x -> x.findElement(By.id("contract-reports")).getText().contains("Fence built"));

            d.findElement(By.id("extension-decision-reason")).sendKeys("Permit office backlog");
            d.findElement(By.id("extension-grant")).click();
            UiFixture.wait(browser, 10).until(x -> !x.findElements(By.id("confirm-yes")).isEmpty());
            d.findElement(By.id("confirm-yes")).click();
            UiFixture.wait(browser, 10).until(x -> !x.findElements(
                    By.cssSelector("#contract-extensions .extension-item[data-status='GRANTED']")).isEmpty());
            assertEquals("GRANTED", TestServer.get().jdbi().withHandle(h -> h.createQuery(
                    "SELECT status FROM extension_request WHERE allocation_id = :a").bind("a", contract)
                    .mapTo(String.class).one()));
            assertEquals(java.util.List.of(), browser.consoleErrors(), "no console error");
        } finally {
            browser.screenshot("officer-desk-" + language);
        }
    }
}
