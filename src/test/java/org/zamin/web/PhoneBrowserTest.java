package org.zamin.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.zamin.testing.Browser;
import org.zamin.testing.TestUsers;

/**
 * On a 390 × 844 phone, in both languages, the menu opens from its button and every link in it is on screen and
 * not covered: a visitor reaches "Sign in" and "Decision log", a signed-in investor reaches Inbox, My contracts and
 * Sign out. (Found on main: the language switch covered "Sign in", and the signed-in menu, 599 px wide in a 49 px
 * box, pushed Inbox, My contracts and Sign out off-screen.)
 */
class PhoneBrowserTest {

    private static Browser browser;

    @BeforeAll
    static void openBrowser() {
        browser = new Browser();
        browser.phone();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "fa"})
    void aPhoneUserSignsInAndReachesEveryLink(String language) {
        WebDriver d = browser.driver();
        TestUsers.User investor = TestUsers.investor();
        try {
            UiFixture.openFresh(browser, "#/", language);
            openMenu();
            assertReachable(List.of("nav-map", "nav-rounds", "nav-decisions", "nav-signin"));
            d.findElement(By.id("nav-signin")).click();
            assertEquals("false", d.findElement(By.id("menu-toggle")).getAttribute("aria-expanded"), "a link closes the menu");
            browser.signIn(investor.email());
            UiFixture.wait(browser, 15).until(x -> !x.findElements(By.id("nav-signout")).isEmpty());
            openMenu();
            assertReachable(List.of("nav-map", "nav-applications", "nav-contracts", "nav-inbox", "nav-rounds",
                    "nav-decisions", "nav-signout"));
            d.findElement(By.id("nav-contracts")).click();
            UiFixture.wait(browser, 10).until(x -> !x.findElements(By.id("contracts-list")).isEmpty());
            assertEquals(java.util.List.of(), browser.consoleErrors(), "no console error");
            openMenu();
            d.findElement(By.id("nav-signout")).click();
            UiFixture.wait(browser, 10).until(x -> !x.findElements(By.id("nav-signin")).isEmpty());
        } finally {
            browser.screenshot("phone-" + language);
        }
    }

    private static void openMenu() {
        WebDriver d = browser.driver();
        d.findElement(By.id("menu-toggle")).click();
        assertEquals("true", d.findElement(By.id("menu-toggle")).getAttribute("aria-expanded"));
    }

    /** Each link lies inside the 390 px screen and is what a tap at its centre reaches. */
    @SuppressWarnings("unchecked")
    private static void assertReachable(List<String> ids) {
        for (String id : ids) {
            var box = (Map<String, Object>) browser.script("""
                    const el = document.getElementById(arguments[0]);
                    if (!el) return { missing: true };
                    const r = el.getBoundingClientRect();
                    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
                    return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width,
                             hit: Boolean(hit && (hit === el || el.contains(hit))), screen: window.innerWidth,
                             height: window.innerHeight };""", id);
            assertTrue(!box.containsKey("missing"), id + " is in the menu");
            double left = ((Number) box.get("left")).doubleValue();
            double right = ((Number) box.get("right")).doubleValue();
            double bottom = ((Number) box.get("bottom")).doubleValue();
            double screen = ((Number) box.get("screen")).doubleValue();
            assertEquals(390.0, screen, "the phone's screen");
            assertTrue(left >= 0 && right <= screen && ((Number) box.get("width")).doubleValue() > 0
                    && bottom <= ((Number) box.get("height")).doubleValue(), id + " is on screen: " + box);
            assertTrue(Boolean.TRUE.equals(box.get("hit")), id + " is not covered: " + box);
        }
    }
}
