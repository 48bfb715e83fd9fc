package org.zamin.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.zamin.testing.Browser;
import org.zamin.testing.Http;
import org.zamin.testing.TestAllocations;
import org.zamin.testing.TestEstates;
import org.zamin.testing.TestServer;
import org.zamin.testing.TestUsers;

/**
 * One named estate with each kind of work on it, for the browser tests of every role: an available plot, an
 * application waiting for review, a contract without a notice and one with an open idle case; and the helpers
 * those tests share (open a page in a language, sign in and out, wait for a page to settle).
 */
final class UiFixture {

    static final String NAME = "Talesh Test Estate";
    static final String NAME_FA = "شهرک آزمایشی تالش";

    final TestEstates.Estate estate;
    final long availablePlot;
    final long reservation;
    final long idleAllocation;
    final long quietAllocation;
    final long idleCase;
    final TestUsers.User investor;
    final TestUsers.User officer;
    final TestUsers.User planner = TestUsers.planner();
    final TestUsers.User admin = TestUsers.admin();

    UiFixture() {
        var ts = TestServer.get();
        estate = TestEstates.create(ts.ownerJdbi());
        ts.ownerJdbi().useHandle(h -> h.createUpdate("UPDATE estate SET name = :n, name_fa = :f WHERE id = :id")
                .bind("n", NAME).bind("f", NAME_FA).bind("id", estate.id()).execute());
        availablePlot = estate.addParcel(ts.ownerJdbi(), "U-1", estate.rect(100, 100, 300, 300), "AVAILABLE");
        long reserved = estate.addParcel(ts.ownerJdbi(), "U-2", estate.rect(350, 100, 550, 300), "AVAILABLE");
        long idlePlot = estate.addParcel(ts.ownerJdbi(), "U-3", estate.rect(100, 350, 300, 550), "AVAILABLE");
        long quietPlot = estate.addParcel(ts.ownerJdbi(), "U-4", estate.rect(350, 350, 550, 550), "AVAILABLE");
        investor = TestUsers.investor();
        officer = TestUsers.officer(estate.code());
        LocalDate today = LocalDate.now(ts.clock());
        idleAllocation = TestAllocations.create(estate, investor.id(), List.of(idlePlot), today.minusMonths(20), false);
        quietAllocation = TestAllocations.create(estate, investor.id(), List.of(quietPlot), today, false);
        var scan = Http.post("/api/idle-scan?asOf=" + today, null, "Authorization", officer.bearer());
        assertEquals(200, scan.status(), scan.body());
        idleCase = ts.jdbi().withHandle(h -> h.createQuery(
                "SELECT id FROM idle_case WHERE allocation_id = :a AND state = 'OPEN'").bind("a", idleAllocation)
                .mapTo(Long.class).one());
        var made = Http.post("/api/reservations", Map.of("parcelIds", List.of(reserved), "activity", "1079",
                "investment", 1_000_000_000L, "jobs", 5, "knowledgeBased", false), "Authorization", investor.bearer(),
                "Idempotency-Key", UUID.randomUUID().toString());
        assertEquals(201, made.status(), made.body());
        reservation = made.json().get("id").asLong();
        var paid = Http.post("/api/reservations/" + reservation + "/pay", null, "Authorization", investor.bearer());
        assertEquals(2, paid.status() / 100, paid.body());
    }

    /** Opens the page afresh at `hash` in `language` ("en" or "fa"), signed out, and waits for the map to be ready. */
    static void openFresh(Browser browser, String hash, String language) {
        WebDriver d = browser.driver();
        // A same-origin page that runs no script: the cookies go without the last page noticing.
        d.get(TestServer.get().baseUrl() + "/favicon.svg");
        d.manage().deleteAllCookies();
        browser.script("localStorage.setItem('zamin.lang', arguments[0])", language);
        d.get(TestServer.get().baseUrl() + "/" + hash);
        wait(browser, 30).until(x -> "true".equals(x.findElement(By.tagName("body")).getAttribute("data-ready")));
        wait(browser, 10).until(x -> language.equals(x.findElement(By.tagName("html")).getAttribute("lang")));
    }

    /**
     * The side panel's button for estate `code`: the panel lists a bounded number of estates, so the code is typed
     * into its search field first (the estate is then the one listed).
     */
    static org.openqa.selenium.WebElement estateItem(WebDriver d, String code) {
        org.openqa.selenium.WebElement search = d.findElement(By.id("estate-search"));
        search.clear();
        search.sendKeys(code);
        return new org.openqa.selenium.support.ui.WebDriverWait(d, Duration.ofSeconds(10)).until(x -> x.findElements(
                By.cssSelector("#estate-list .estate-item[data-estate='" + code + "']")).stream().findFirst()
                .orElse(null));
    }

    /** Signs `email` in through the page's form and waits for the session's menu. */
    static void signIn(Browser browser, String email) {
        browser.script("location.hash = '#/signin'");
        browser.signIn(email);
        wait(browser, 15).until(x -> !x.findElements(By.id("nav-signout")).isEmpty());
    }

    /** Goes to `hash` and waits until the page's text stops changing (its data has arrived). */
    static String go(Browser browser, String hash) {
        browser.script("location.hash = arguments[0]", hash);
        return settle(browser);
    }

    /** Waits until the page's visible text is the same twice, a quarter of a second apart; returns it. */
    static String settle(Browser browser) {
        String[] last = {""};
        wait(browser, 20).pollingEvery(Duration.ofMillis(250)).until(x -> {
            String now = (String) browser.script("return document.body.innerText");
            boolean same = now.equals(last[0]);
            last[0] = now;
            return same;
        });
        return last[0];
    }

    /** A wait that also rides over a page redrawing the element it looks at. */
    static org.openqa.selenium.support.ui.FluentWait<WebDriver> wait(Browser browser, int seconds) {
        return browser.waitUpTo(Duration.ofSeconds(seconds))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    }
}
