package org.zamin.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.zamin.testing.Browser;
import org.zamin.testing.TestServer;

/**
 * Revival before reclaim in the browser, in English and Persian: an adviser records a diagnosis on the idle board;
 * the working group holds a session with the unit on its agenda and approves a plan whose items name the agency
 * responsible and a deadline; the holder sees the plan, its agencies and its deadlines on their contract page.
 */
class RevivalBrowserTest {

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

    private static long count(String sql) {
        return TestServer.get().jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "fa"})
    void anAdviserDiagnosesTheWorkingGroupApprovesAPlanAndTheHolderSeesItsDeadlines(String language) {
        UiFixture f = new UiFixture();
        var ts = TestServer.get();
        ts.jdbi().useHandle(h -> h.createUpdate("INSERT INTO idle_adviser (user_id, marked_at) VALUES (:u, now())")
                .bind("u", f.officer.id()).execute());
        LocalDate today = LocalDate.now(ts.clock());
        WebDriver d = browser.driver();
        try {
            // the adviser's diagnosis on the idle board
            UiFixture.openFresh(browser, "#/", language);
            UiFixture.signIn(browser, f.officer.email());
            UiFixture.go(browser, "#/idle");
            By item = By.cssSelector("#idle-list .idle-case[data-id='" + f.idleCase + "']");
            UiFixture.wait(browser, 10).until(x -> !x.findElements(item).isEmpty());
            d.findElement(item).click();
            UiFixture.wait(browser, 10).until(x -> !x.findElements(By.cssSelector(".diagnosis-cause")).isEmpty());
            d.findElement(By.cssSelector(".diagnosis-cause[value='BANK_DEBT']")).click();
            d.findElement(By.cssSelector(".diagnosis-cause[value='UTILITIES']")).click();
            d.findElement(By.id("diagnosis-evidence")).sendKeys("The hall is empty; the power line was never connected.");
            new Select(d.findElement(By.id("diagnosis-recommendation"))).selectByValue("REVIVE");
            d.findElement(By.id("diagnosis-submit")).click();
            UiFixture.wait(browser, 10).until(x -> !x.findElements(By.cssSelector(".revival-diagnosis")).isEmpty());
            assertEquals(1, count("SELECT count(*) FROM idle_diagnosis WHERE case_id = " + f.idleCase));
            assertTrue(d.findElement(By.cssSelector(".revival-diagnosis")).getText()
                    .contains(language.equals("en") ? "Bank debt" : "بدهی بانکی"));

            // the working group: a session with the unit on its agenda, then a plan with an agency's item
            UiFixture.go(browser, "#/working-group");
            UiFixture.wait(browser, 10).until(x -> !x.findElements(By.id("wg-session-form")).isEmpty());
            By unit = By.cssSelector(".wg-unit[value='" + f.idleCase + "']");
            UiFixture.wait(browser, 10).until(x -> !x.findElements(unit).isEmpty());
            d.findElement(By.id("wg-members")).sendKeys("Deputy governor\nPower company\nBank Melli");
            d.findElement(unit).click();
            d.findElement(By.id("wg-session-submit")).click();
            By agenda = By.cssSelector(".wg-agenda-item[data-case='" + f.idleCase + "']");
            UiFixture.wait(browser, 10).until(x -> !x.findElements(agenda).isEmpty());
            WebElement entry = d.findElement(agenda);
            new Select(entry.findElement(By.cssSelector(".wg-decision"))).selectByValue("APPROVE_PLAN");
            entry.findElement(By.cssSelector(".wg-add-item")).click();
            List<WebElement> rows = entry.findElements(By.cssSelector(".plan-item"));
            fillRow(rows.get(0), "Connect three-phase power", "POWER", today.plusDays(20));
            fillRow(rows.get(1), "Settle the bank arrears", "HOLDER", today.plusDays(45));
            entry.findElement(By.cssSelector(".wg-decide")).click();
            UiFixture.wait(browser, 10).until(x -> !x.findElements(By.cssSelector(".wg-agenda-item[data-case='"
                    + f.idleCase + "'][data-decision='APPROVE_PLAN']")).isEmpty());
            assertEquals("REVIVAL_PLAN", ts.jdbi().withHandle(h -> h.createQuery(
                    "SELECT state FROM idle_case WHERE id = :id").bind("id", f.idleCase).mapTo(String.class).one()));
            assertEquals(1, count("SELECT count(*) FROM revival_plan_item WHERE agency = 'POWER' AND case_id = "
                    + f.idleCase));

            // the holder sees the plan, its agencies and deadlines
            UiFixture.openFresh(browser, "#/", language);
            UiFixture.signIn(browser, f.investor.email());
            UiFixture.go(browser, "#/contract/" + f.idleAllocation);
            By plan = By.cssSelector("#contract-revival #revival-plan .revival-item");
            UiFixture.wait(browser, 10).until(x -> x.findElements(plan).size() == 2);
            WebElement power = d.findElement(By.cssSelector("#contract-revival .revival-item[data-agency='POWER']"));
            assertTrue(power.getText().contains("Connect three-phase power"), power.getText());
            assertTrue(power.findElement(By.cssSelector(".revival-item-agency")).getText()
                    .equals(language.equals("en") ? "Power company" : "شرکت برق"));
            String due = power.findElement(By.cssSelector(".revival-item-due")).getText();
            assertTrue(language.equals("en") ? due.matches(".*\\d.*") : due.matches(".*[۰-۹].*"),
                    "the deadline is a date in the reader's digits: " + due);
            assertTrue(d.findElement(By.id("contract-revival")).getText().contains(
                    language.equals("en") ? "Revival plan" : "برنامهٔ احیا"));
            assertEquals(List.of(), browser.consoleErrors(), "no console error");
        } finally {
            browser.screenshot("revival-" + language);
        }
    }

    private static void fillRow(WebElement row, String description, String agency, LocalDate due) {
        row.findElement(By.cssSelector(".plan-description")).sendKeys(description);
        new Select(row.findElement(By.cssSelector(".plan-agency"))).selectByValue(agency);
        browser.script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'));",
                row.findElement(By.cssSelector(".plan-due")), due.toString());
    }
}
