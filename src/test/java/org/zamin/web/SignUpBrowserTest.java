package org.zamin.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.zamin.testing.Browser;
import org.zamin.testing.TestServer;

/**
 * Sign-up in the page: the answer no longer opens a session (it is the same for a taken address), so the page signs
 * the new investor in right after, through the JSON-only, same-origin sign-in.
 */
class SignUpBrowserTest {

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
    void aNewInvestorSignsUpAndIsSignedIn(TestInfo test) {
        WebDriver d = browser.driver();
        String email = "page-" + UUID.randomUUID().toString().substring(0, 8) + "@test.example";
        try {
            d.get(TestServer.get().baseUrl() + "/#/signin");
            d.navigate().refresh();
            browser.waitUpTo(Duration.ofSeconds(30)).until(x -> !x.findElements(By.id("signup-form")).isEmpty());
            d.findElement(By.id("signup-name")).sendKeys("Page Investor");
            d.findElement(By.id("signup-email")).sendKeys(email);
            d.findElement(By.id("signup-password")).sendKeys("a long enough secret");
            d.findElement(By.cssSelector("#signup-form button[type='submit']")).click();
            browser.waitUpTo(Duration.ofSeconds(20)).until(x -> !x.findElements(By.id("nav-signout")).isEmpty());
            assertEquals(1L, (long) TestServer.get().jdbi().withHandle(h -> h.createQuery(
                    "SELECT count(*) FROM user_session s JOIN users u ON u.id = s.user_id WHERE u.email = :e")
                    .bind("e", email).mapTo(Long.class).one()), "one session, opened by the sign-in after sign-up");
        } finally {
            browser.screenshot(test.getDisplayName());
        }
    }
}
