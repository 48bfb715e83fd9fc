package org.zamin.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.zamin.testing.Browser;
import org.zamin.testing.TestServer;
import org.zamin.testing.TestUsers;

/**
 * The page runs under the Content-Security-Policy: a script the page did not load from a file is refused and
 * reported, and every view — the public map, the decision log, sign-in, and an admin's idle board, import dialog,
 * inbox, planning and statistics pages — draws without a single violation ({@link Browser} fails any test class
 * whose pages caused one).
 */
class CspBrowserTest {

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
    void aScriptInjectedIntoThePageIsRefusedAndReported(TestInfo test) {
        try {
            open("#/");
            browser.forgetCspViolations();
            browser.script("""
                    window.injectedRan = false;
                    const s = document.createElement('script');
                    s.textContent = 'window.injectedRan = true';
                    document.body.appendChild(s);
                    const img = document.createElement('img');
                    img.setAttribute('src', 'x');
                    img.setAttribute('onerror', 'window.injectedRan = true');
                    document.body.appendChild(img);""");
            browser.waitUpTo(Duration.ofSeconds(10)).until(d -> browser.cspViolations().size() >= 2);
            assertEquals(Boolean.FALSE, browser.script("return window.injectedRan"), "the injected script did not run");
            List<String> violations = browser.cspViolations();
            assertTrue(violations.stream().anyMatch(v -> v.contains("script-src")), violations.toString());
        } finally {
            browser.screenshot(test.getDisplayName());
            browser.forgetCspViolations();
        }
    }

    @Test
    void everyViewDrawsWithoutAViolation(TestInfo test) {
        try {
            open("#/");
            UiFixture.estateItem(browser.driver(), "GIL-RASHT").click();
            MapTiles.waitDrawn(browser);
            browser.waitUpTo(Duration.ofSeconds(30)).until(d -> !d.findElements(By.cssSelector("#plot-list .plot-item")).isEmpty());
            browser.script("document.querySelector('#plot-list .plot-item').click()");
            browser.waitUpTo(Duration.ofSeconds(10)).until(d -> !d.findElements(By.cssSelector(".parcel-popup")).isEmpty());
            settle();
            open("#/decisions");
            open("#/signin");
            browser.signIn(TestUsers.admin().email());
            browser.waitUpTo(Duration.ofSeconds(30)).until(d -> "admin".equals(
                    d.findElement(By.tagName("body")).getAttribute("data-session")));
            for (String view : List.of("#/idle", "#/import", "#/inbox", "#/planning", "#/stats", "#/decisions", "#/")) {
                browser.driver().get(TestServer.get().baseUrl() + "/" + view);
                browser.waitUpTo(Duration.ofSeconds(30)).until(d -> "true".equals(
                        d.findElement(By.tagName("body")).getAttribute("data-ready")));
                settle();
            }
            assertEquals(List.of(), browser.cspViolations(), "the views ran under the policy without a violation");
        } finally {
            browser.screenshot(test.getDisplayName());
        }
    }

    private static void open(String view) {
        browser.driver().get(TestServer.get().baseUrl() + "/" + view);
        browser.waitUpTo(Duration.ofSeconds(30)).until(d -> "true".equals(
                d.findElement(By.tagName("body")).getAttribute("data-ready")));
        settle();
    }

    /** Gives the view's requests and drawing a moment to finish, so their violations (if any) are reported. */
    private static void settle() {
        browser.waitUpTo(Duration.ofSeconds(10)).until(d -> "complete".equals(browser.script("return document.readyState")));
        try {
            Thread.sleep(1500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
