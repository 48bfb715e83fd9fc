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
import org.zamin.testing.TestServer;

/**
 * An officer's approve, reject, reclaim and dismiss ask first in an accessible dialog (cancel changes nothing), and
 * a refused action says why beside its own button: announced (role="alert"), focused and in view. (Found on main: a
 * reject without a reason and a refused reclaim put their message at the top of the page, out of view; nothing
 * asked before approve, reject, reclaim or dismiss.)
 */
class ActionErrorBrowserTest {

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
    void refusedActionsSayWhyBesideTheButtonAndIrreversibleOnesAskFirst(String language) {
        UiFixture f = new UiFixture();
        WebDriver d = browser.driver();
        try {
            UiFixture.openFresh(browser, "#/", language);
            UiFixture.signIn(browser, f.officer.email());
            UiFixture.go(browser, "#/review");
            By item = By.cssSelector("#review-list .queue-item[data-id='" + f.reservation + "']");
            UiFixture.wait(browser, 15).until(x -> !x.findElements(item).isEmpty());
            d.findElement(item).click();
            UiFixture.wait(browser, 15).until(x -> !x.findElements(By.cssSelector(".approve-button")).isEmpty());

            d.findElement(By.cssSelector(".approve-button")).click();
            answer("confirm-no");
            assertEquals("SUBMITTED", reservationStatus(f.reservation), "cancel leaves the application as it was");

            d.findElement(By.cssSelector(".reject-button")).click();
            answer("confirm-yes");
            assertErrorBeside("review-reject-error", "reason_required");
            assertEquals("SUBMITTED", reservationStatus(f.reservation));

            UiFixture.go(browser, "#/idle");
            By idleCase = By.cssSelector("#idle-list .idle-case[data-id='" + f.idleCase + "']");
            UiFixture.wait(browser, 15).until(x -> !x.findElements(idleCase).isEmpty());
            d.findElement(By.cssSelector("#idle-list .idle-case[data-id='" + f.idleCase + "']")).click();
            UiFixture.wait(browser, 15).until(x -> !x.findElements(By.cssSelector(".idle-action[data-action='notice']")).isEmpty());
            d.findElement(By.cssSelector(".idle-action[data-action='notice'] .idle-reason")).sendKeys("No building yet");
            d.findElement(By.cssSelector(".idle-action[data-action='notice'] .idle-action-submit")).click();
            UiFixture.wait(browser, 10).until(x -> !x.findElements(By.cssSelector(".idle-action[data-action='reclaim']")).isEmpty());

            d.findElement(By.cssSelector(".idle-action[data-action='dismiss'] .idle-action-submit")).click();
            answer("confirm-no");
            assertEquals("NOTICE_SERVED", caseState(f.idleCase), "cancel leaves the case as it was");

            d.findElement(By.cssSelector(".idle-action[data-action='reclaim'] .idle-reason")).sendKeys("Still idle");
            d.findElement(By.cssSelector(".idle-action[data-action='reclaim'] .idle-action-submit")).click();
            answer("confirm-yes");
            assertErrorBeside("idle-reclaim-error", "warnings_not_exhausted");
            assertEquals("NOTICE_SERVED", caseState(f.idleCase));
            assertEquals(java.util.List.of(), browser.consoleErrors().stream().filter(e -> !e.contains("status of 4")).toList(),
                    "only the refused requests' own 4xx in the console");
        } finally {
            browser.screenshot("action-error-" + language);
        }
    }

    /** The confirmation is a modal dialog named by its question, with the focus inside it; `button` answers it. */
    private static void answer(String button) {
        WebDriver d = browser.driver();
        UiFixture.wait(browser, 10).until(x -> !x.findElements(By.cssSelector("dialog.confirm-dialog[open]")).isEmpty());
        assertEquals(Boolean.TRUE, browser.script("""
                const dialog = document.querySelector('dialog.confirm-dialog[open]');
                const label = document.getElementById(dialog.getAttribute('aria-labelledby'));
                return dialog.matches(':modal') && Boolean(label && label.textContent.trim())
                    && dialog.contains(document.activeElement);"""), "a modal dialog, named, holding the focus");
        d.findElement(By.id(button)).click();
        UiFixture.wait(browser, 10).until(x -> x.findElements(By.cssSelector("dialog.confirm-dialog[open]")).isEmpty());
    }

    private static void assertErrorBeside(String id, String code) {
        WebDriver d = browser.driver();
        UiFixture.wait(browser, 10).until(x -> code.equals(x.findElement(By.id(id)).getAttribute("data-code")));
        var box = d.findElement(By.id(id));
        assertTrue(box.isDisplayed() && !box.getText().isBlank(), "the reason is shown in words");
        assertEquals("alert", box.getAttribute("role"), "announced");
        assertEquals(id, browser.script("return document.activeElement.id"), "focused");
        assertEquals(Boolean.TRUE, browser.script("""
                const r = document.getElementById(arguments[0]).getBoundingClientRect();
                return r.top >= 0 && r.bottom <= window.innerHeight;""", id), "in view");
    }

    private static String reservationStatus(long id) {
        return TestServer.get().jdbi().withHandle(h -> h.createQuery("SELECT status FROM reservation WHERE id = :id")
                .bind("id", id).mapTo(String.class).one());
    }

    private static String caseState(long id) {
        return TestServer.get().jdbi().withHandle(h -> h.createQuery("SELECT state FROM idle_case WHERE id = :id")
                .bind("id", id).mapTo(String.class).one());
    }
}
