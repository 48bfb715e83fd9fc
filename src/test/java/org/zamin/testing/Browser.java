package org.zamin.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Debian's headless Chromium driven through Debian's chromedriver (never a downloaded browser). */
public final class Browser implements AutoCloseable {

    private final ChromeDriver driver;

    public Browser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        try {
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--window-size=1400,900",
                    "--user-data-dir=" + Files.createTempDirectory("zamin-chromium"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new java.io.File("/usr/bin/chromedriver"))
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
    }

    public WebDriver driver() {
        return driver;
    }

    public Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    public WebDriverWait waitUpTo(Duration timeout) {
        return new WebDriverWait(driver, timeout);
    }

    /** Fills and sends the page's sign-in form (already open or about to open) with a test user's password. */
    public void signIn(String email) {
        waitUpTo(Duration.ofSeconds(30)).until(d -> !d.findElements(By.id("signin-form")).isEmpty());
        driver.findElement(By.id("signin-email")).sendKeys(email);
        driver.findElement(By.id("signin-password")).sendKeys(TestUsers.PASSWORD);
        driver.findElement(By.cssSelector("#signin-form button[type='submit']")).click();
    }

    /** A PNG of the page into target/, for a person to look at when a browser test fails. */
    public void screenshot(String name) {
        try {
            byte[] png = driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES);
            Files.createDirectories(java.nio.file.Path.of("target", "screenshots"));
            Files.write(java.nio.file.Path.of("target", "screenshots", name + ".png"), png);
        } catch (IOException | RuntimeException e) {
            // a missing screenshot must not hide the test's own failure
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
