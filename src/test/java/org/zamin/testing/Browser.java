package org.zamin.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through Debian's chromedriver (never a downloaded browser). Every
 * Content-Security-Policy violation a page causes is collected (Chromium's console reports each one, and a listener
 * for {@code securitypolicyviolation} events put into every document reports them again with their directive), and
 * {@link #close()} fails the test class that saw one: every browser test checks the page runs under the CSP.
 */
public final class Browser implements AutoCloseable {

    /** Runs in every document before its own scripts, outside the page's CSP (Chromium's DevTools protocol). */
    private static final String VIOLATION_LISTENER = """
            document.addEventListener('securitypolicyviolation', (e) => console.error(
                'CSP violation: ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline')
                + ' at ' + e.sourceFile + ':' + e.lineNumber));""";

    /** How a signed-out page learns it is signed out (GET /api/me answers 401): expected, not an error. */
    private static final java.util.regex.Pattern SIGNED_OUT = java.util.regex.Pattern.compile(
            "/api/me - Failed to load resource: the server responded with a status of 401");

    private final ChromeDriver driver;
    private final List<String> cspViolations = new ArrayList<>();
    private final List<String> consoleErrors = new ArrayList<>();

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
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new java.io.File("/usr/bin/chromedriver"))
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
                Map.<String, Object>of("source", VIOLATION_LISTENER));
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

    /** The CSP violations seen since the browser started (or since the last {@link #forgetCspViolations()}). */
    public List<String> cspViolations() {
        drainLog();
        return List.copyOf(cspViolations);
    }

    /**
     * The errors the pages wrote to the console (script errors, failed loads) since the last call, CSP violations
     * aside (they are kept for {@link #close()}); reading them forgets them.
     */
    public List<String> consoleErrors() {
        drainLog();
        List<String> errors = List.copyOf(consoleErrors);
        consoleErrors.clear();
        return errors;
    }

    private void drainLog() {
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getMessage().contains("Content Security Policy") || entry.getMessage().contains("CSP violation")) {
                cspViolations.add(entry.getMessage());
            } else if (entry.getLevel().intValue() >= Level.SEVERE.intValue() && !SIGNED_OUT.matcher(entry.getMessage()).find()) {
                consoleErrors.add(entry.getMessage());
            }
        }
    }

    /** Shows pages as a phone does: a 390 × 844 CSS-pixel touch screen (as {@link #desktop()} undoes). */
    public void phone() {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.<String, Object>of(
                "width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
    }

    /** Back to the desktop window the browser opened with. */
    public void desktop() {
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    /** For a test that provokes a violation on purpose, after it has checked it was reported. */
    public void forgetCspViolations() {
        cspViolations();
        cspViolations.clear();
    }

    /** Quits the browser; fails when any page it showed violated the Content-Security-Policy. */
    @Override
    public void close() {
        List<String> violations;
        try {
            violations = cspViolations();
        } finally {
            driver.quit();
        }
        if (!violations.isEmpty()) {
            throw new AssertionError("the pages violated the Content-Security-Policy:\n" + String.join("\n", violations));
        }
    }
}
