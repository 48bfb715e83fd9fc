package org.zamin.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.zamin.testing.Axe;
import org.zamin.testing.Browser;
import org.zamin.testing.Http;
import org.zamin.testing.TestServer;
import org.zamin.testing.TestUsers;

/**
 * Every page in both languages, as a visitor and signed in as each role: no "null", "undefined", "NaN" or
 * untranslated i18n key on screen, a top-level heading, no console error, and no serious or critical axe-core
 * violation. Besides the menus' pages: the contracts, an idle case, an application under review, and the payment
 * pages (the sandbox gateway's page and the page it sends the payer back to) of a pending and of a paid deposit.
 * (Found on main: "null" on "My applications", on every contract page without a notice and "nullnullnull" on every
 * idle case; unnamed estate buttons; no top-level heading.)
 */
class PageScanBrowserTest {

    private static final Pattern JUNK = Pattern.compile("\\b(?:null|undefined|NaN)+\\b|\\[object ");
    private static Browser browser;
    private static UiFixture fixture;
    private static Set<String> keys;
    /** The gateway tokens of the investor's deposit payments: one still open, one paid on the sandbox page. */
    private static String pendingPayment;
    private static String paidPayment;

    @BeforeAll
    static void setUp() throws IOException {
        browser = new Browser();
        fixture = new UiFixture();
        keys = new LinkedHashSet<>();
        new ObjectMapper().readTree(Path.of("web", "i18n", "en.json").toFile()).fieldNames().forEachRemaining(keys::add);
        pendingPayment = openDeposit("U-5", 600);
        paidPayment = openDeposit("U-6", 800);
        var confirmed = Http.post("/api/sandbox/" + paidPayment + "/confirm", null);
        assertTrue(confirmed.status() / 100 == 2, confirmed.body());
    }

    /** The investor applies for a new plot of the fixture's estate and opens its deposit's payment: its token. */
    private static String openDeposit(String number, int x) {
        var ts = TestServer.get();
        long plot = fixture.estate.addParcel(ts.ownerJdbi(), number, fixture.estate.rect(x, 600, x + 180, 780), "AVAILABLE");
        var made = Http.post("/api/reservations", Map.of("parcelIds", List.of(plot), "activity", "1079",
                "investment", 1_000_000_000L, "jobs", 5, "knowledgeBased", false), "Authorization",
                fixture.investor.bearer(), "Idempotency-Key", UUID.randomUUID().toString());
        assertTrue(made.status() == 201, made.body());
        var opened = Http.post("/api/reservations/" + made.json().get("id").asLong() + "/payment", Map.of(),
                "Authorization", fixture.investor.bearer());
        assertTrue(opened.status() == 201, opened.body());
        return opened.json().get("token").asText();
    }

    @AfterAll
    static void tearDown() {
        if (browser != null) {
            browser.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "fa"})
    void everyPageOfEveryRoleReadsCleanly(String language) {
        List<String> problems = new ArrayList<>();
        try {
            UiFixture.openFresh(browser, "#/", language);
            scanNav(null, problems);
            for (TestUsers.User user : List.of(fixture.investor, fixture.officer, fixture.planner, fixture.admin)) {
                UiFixture.openFresh(browser, "#/", language);
                UiFixture.signIn(browser, user.email());
                scanNav(user, problems);
            }
        } finally {
            browser.screenshot("page-scan-" + language);
        }
        assertTrue(problems.isEmpty(), language + ":\n" + String.join("\n", problems));
    }

    /** Scans each page the user's menu links to, and the pages reached from those (contract, case, application). */
    private static void scanNav(TestUsers.User user, List<String> problems) {
        String who = user == null ? "visitor" : user.role().name().toLowerCase();
        List<String> hashes = new ArrayList<>();
        for (var link : browser.driver().findElements(By.cssSelector("#nav a[href^='#/']"))) {
            if (!"nav-signout".equals(link.getAttribute("id"))) {
                hashes.add(link.getAttribute("href").replaceFirst("^[^#]*", ""));
            }
        }
        // the calendar of offers is everyone's; the offer editor and the objection queue are on the menu of staff
        if (!hashes.contains("#/calendar")) {
            problems.add(who + ": no calendar of offers on the menu");
        }
        boolean staff = user == fixture.officer || user == fixture.admin;
        for (String desk : List.of("#/offer-editor", "#/objections")) {
            if (staff != hashes.contains(desk)) {
                problems.add(who + ": " + desk + (staff ? " missing from" : " on") + " the menu");
            }
        }
        if (user == null || user == fixture.investor) {
            // the gateway's page is the gateway's, open to whoever holds the token
            hashes.add("#/sandbox/" + pendingPayment);
            hashes.add("#/sandbox/" + paidPayment);
        }
        if (user == fixture.investor) {
            hashes.add("#/contract/" + fixture.quietAllocation);
            hashes.add("#/contract/" + fixture.idleAllocation);
            hashes.add("#/payment?token=" + pendingPayment);
            hashes.add("#/payment?token=" + paidPayment);
        }
        if (user == fixture.officer) {
            hashes.add("#/contract/" + fixture.idleAllocation);
        }
        for (String hash : hashes) {
            if ("#/import".equals(hash)) {
                continue; // a dialog over the map, scanned with the map
            }
            UiFixture.go(browser, hash);
            if (hash.startsWith("#/sandbox/")) {
                UiFixture.wait(browser, 15).until(x -> !x.findElements(By.id("sandbox-page")).isEmpty());
            }
            if (hash.startsWith("#/payment?")) {
                UiFixture.wait(browser, 15).until(x -> !x.findElements(By.id("payment-page")).isEmpty());
            }
            if ("#/idle".equals(hash)) {
                open("#idle-list .idle-case[data-id='" + fixture.idleCase + "']", "#idle-detail .idle-actions");
            }
            if ("#/offer-editor".equals(hash)) {
                UiFixture.wait(browser, 15).until(x -> !x.findElements(By.cssSelector(
                        "#offer-plots .offer-plot, #offer-plots .empty-state")).isEmpty());
                UiFixture.settle(browser);
            }
            if ("#/review".equals(hash)) {
                open("#review-list .queue-item[data-id='" + fixture.reservation + "']", "#review-detail .approve-button");
            }
            scan(who + " " + hash, problems);
        }
    }

    private static void open(String item, String shown) {
        UiFixture.wait(browser, 15).until(x -> !x.findElements(By.cssSelector(item)).isEmpty());
        browser.driver().findElement(By.cssSelector(item)).click();
        UiFixture.wait(browser, 15).until(x -> !x.findElements(By.cssSelector(shown)).isEmpty());
        UiFixture.settle(browser);
    }

    private static void scan(String page, List<String> problems) {
        String text = (String) browser.script("return document.body.innerText");
        Matcher junk = JUNK.matcher(text);
        while (junk.find()) {
            problems.add(page + ": \"" + junk.group() + "\" in …"
                    + text.substring(Math.max(0, junk.start() - 40), Math.min(text.length(), junk.end() + 40)) + "…");
        }
        for (String key : keys) {
            if (Pattern.compile("(?<![\\w.])" + Pattern.quote(key) + "(?![\\w.])").matcher(text).find()) {
                problems.add(page + ": untranslated key " + key);
            }
        }
        Object headings = browser.script("return [...document.querySelectorAll('h1')].filter((e) => e.offsetParent).length");
        if (((Number) headings).intValue() < 1) {
            problems.add(page + ": no visible top-level heading");
        }
        for (String error : browser.consoleErrors()) {
            problems.add(page + ": console error " + error);
        }
        for (String violation : Axe.seriousViolations(browser)) {
            problems.add(page + ": axe " + violation);
        }
    }
}
