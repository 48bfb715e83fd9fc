package org.zamin.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.zamin.testing.Browser;
import org.zamin.testing.Mailbox;
import org.zamin.testing.TestServer;

/**
 * Sign-up in the page: the answer opens no session (it is the same for a taken address), and a new account signs in
 * only after following the confirmation link mailed to it, so the page says to check the e-mail; the link's landing
 * page confirms the address and leads to the sign-in.
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
    void aNewInvestorSignsUpConfirmsThroughTheMailedLinkAndSignsIn(TestInfo test) {
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
            browser.waitUpTo(Duration.ofSeconds(20)).until(x -> x.findElement(By.id("signup-check-mail")).isDisplayed());
            assertTrue(d.findElement(By.id("signup-check-mail")).getText().contains("e-mail"));
            assertEquals(0L, sessions(email), "no session before the address is confirmed");

            String token = Mailbox.confirmationToken(email).orElseThrow();
            d.get(TestServer.get().baseUrl() + "/#/confirm?token=" + token);
            browser.waitUpTo(Duration.ofSeconds(20)).until(x -> !x.findElements(By.id("confirm-signin")).isEmpty());
            assertTrue(d.findElement(By.id("confirm-status")).getText().contains("confirmed"));
            d.findElement(By.id("confirm-signin")).click();
            browser.waitUpTo(Duration.ofSeconds(30)).until(x -> !x.findElements(By.id("signin-form")).isEmpty());
            d.findElement(By.id("signin-email")).sendKeys(email);
            d.findElement(By.id("signin-password")).sendKeys("a long enough secret");
            d.findElement(By.cssSelector("#signin-form button[type='submit']")).click();
            browser.waitUpTo(Duration.ofSeconds(20)).until(x -> !x.findElements(By.id("nav-signout")).isEmpty());
            assertEquals(1L, sessions(email), "one session, opened by the sign-in after confirmation");

            // The link works once: the landing page says so.
            d.get(TestServer.get().baseUrl() + "/#/confirm?token=" + token);
            d.navigate().refresh();
            browser.waitUpTo(Duration.ofSeconds(20)).until(x -> !x.findElements(By.id("confirm-status")).isEmpty()
                    && x.findElement(By.id("confirm-status")).getText().contains("used"));
        } finally {
            browser.screenshot(test.getDisplayName());
        }
    }

    private static long sessions(String email) {
        return TestServer.get().jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM user_session s JOIN users u ON u.id = s.user_id WHERE u.email = :e")
                .bind("e", email).mapTo(Long.class).one());
    }
}
