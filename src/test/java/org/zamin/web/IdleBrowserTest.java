package org.zamin.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.zamin.testing.Browser;
import org.zamin.testing.Http;
import org.zamin.testing.TestAllocations;
import org.zamin.testing.TestEstates;
import org.zamin.testing.TestServer;
import org.zamin.testing.TestUsers;

/**
 * An officer serves a notice from the idle board (and is refused a reclaim before the reply deadline, in plain
 * words); the holder sees the notice in the inbox, opens the contract page and replies.
 */
class IdleBrowserTest {

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
    void officerServesANoticeAndTheHolderRepliesFromTheInbox(TestInfo test) {
        var ts = TestServer.get();
        var estate = TestEstates.create(ts.ownerJdbi());
        long plot = estate.addParcel(ts.ownerJdbi(), "I-1", estate.rect(200, 200, 500, 500), "AVAILABLE");
        var officer = TestUsers.officer(estate.code());
        var investor = TestUsers.investor();
        LocalDate today = LocalDate.now(ts.clock());
        long allocation = TestAllocations.create(estate, investor.id(), List.of(plot), today.minusMonths(20), false);
        var scan = Http.post("/api/idle-scan?asOf=" + today, null, "Authorization", officer.bearer());
        assertEquals(200, scan.status(), scan.body());
        long caseId = ts.jdbi().withHandle(h -> h.createQuery(
                "SELECT id FROM idle_case WHERE allocation_id = :a AND state = 'OPEN'").bind("a", allocation)
                .mapTo(Long.class).one());

        WebDriver d = browser.driver();
        try {
            openPage();
            d.findElement(By.id("nav-signin")).click();
            browser.signIn(officer.email());
            wait(10).until(x -> !x.findElements(By.id("nav-idle")).isEmpty());
            d.findElement(By.id("nav-idle")).click();
            By item = By.cssSelector("#idle-list .idle-case[data-id='" + caseId + "']");
            wait(10).until(x -> !x.findElements(item).isEmpty());
            d.findElement(item).click();
            wait(15).until(x -> !x.findElements(By.cssSelector("#idle-map path.idle-case-plot")).isEmpty());
            assertTrue(d.findElement(By.cssSelector("#idle-detail .evidence-list")).getText().contains("not reached by its deadline"),
                    "the evidence is in plain words");

            d.findElement(By.cssSelector(".idle-action[data-action='notice'] .idle-reason")).sendKeys("No building yet");
            d.findElement(By.cssSelector(".idle-action[data-action='notice'] .idle-action-submit")).click();
            wait(10).until(x -> "notice".equals(x.findElement(By.id("idle-status")).getAttribute("data-action")));
            assertEquals("NOTICE_SERVED", caseState(caseId));
            assertEquals("RECLAIMING", ts.jdbi().withHandle(h -> h.createQuery("SELECT status FROM parcel WHERE id = :id")
                    .bind("id", plot).mapTo(String.class).one()));

            // Reclaiming before the reply deadline is refused, and the page says why in plain words.
            wait(10).until(x -> !x.findElements(By.cssSelector(".idle-action[data-action='reclaim']")).isEmpty());
            d.findElement(By.cssSelector(".idle-action[data-action='reclaim'] .idle-reason")).sendKeys("idle");
            d.findElement(By.cssSelector(".idle-action[data-action='reclaim'] .idle-action-submit")).click();
            wait(10).until(x -> !x.findElements(By.id("confirm-yes")).isEmpty());
            d.findElement(By.id("confirm-yes")).click();
            wait(10).until(x -> "warnings_not_exhausted".equals(x.findElement(By.id("idle-reclaim-error")).getAttribute("data-code")));
            assertTrue(d.findElement(By.id("idle-reclaim-error")).getText().contains("Every warning"));
            assertEquals("NOTICE_SERVED", caseState(caseId));

            d.findElement(By.id("nav-signout")).click();
            wait(10).until(x -> !x.findElements(By.id("nav-signin")).isEmpty());
            d.findElement(By.id("nav-signin")).click();
            browser.signIn(investor.email());
            wait(10).until(x -> "1".equals(x.findElement(By.id("nav-inbox-count")).getAttribute("data-count")));
            d.findElement(By.id("nav-inbox")).click();
            By notice = By.cssSelector("#inbox-list .inbox-item.inbox-unread[data-kind='idle_notice']");
            wait(10).until(x -> !x.findElements(notice).isEmpty());
            d.findElement(notice).findElement(By.cssSelector(".inbox-open")).click();

            wait(10).until(x -> !x.findElements(By.cssSelector("#contract-notices .notice-reply-text")).isEmpty());
            assertTrue(d.findElement(By.id("contract-milestones")).getText().contains("deadline missed"));
            d.findElement(By.cssSelector("#contract-notices .notice-reply-text"))
                    .sendKeys("The foundations start next month; the contractor is signed.");
            d.findElement(By.cssSelector("#contract-notices .notice-reply-submit")).click();
            wait(10).until(x -> !x.findElements(By.cssSelector("#contract-notices .notice-reply")).isEmpty());
            String reply = ts.jdbi().withHandle(h -> h.createQuery("SELECT reply FROM idle_case WHERE id = :id")
                    .bind("id", caseId).mapTo(String.class).one());
            assertNotNull(reply);
            assertTrue(reply.contains("foundations"), reply);
            assertEquals("0", d.findElement(By.id("nav-inbox-count")).getAttribute("data-count"),
                    "opening the notice marked it read");

            // The public map hatches the plot being reclaimed; the legend's toggle hides the idle layer.
            openPage();
            UiFixture.estateItem(d, estate.code()).click();
            MapTiles.waitDrawn(browser);
            double[] at = ts.jdbi().withHandle(h -> h.createQuery(
                    "SELECT ARRAY[ST_X(p), ST_Y(p)] FROM (SELECT ST_PointOnSurface(geom) AS p FROM parcel WHERE id = :id) x")
                    .bind("id", plot).mapTo(double[].class).one());
            assertTrue(hatched(at), "the reclaimed plot is crossed by the idle hatch: " + MapTiles.coloursAt(browser, at[0], at[1]));
            d.findElement(By.id("idle-layer-toggle")).click();
            wait(10).until(x -> !hatched(at) && MapTiles.near(MapTiles.colourAt(browser, at[0], at[1]), "#f07c1b"));
        } finally {
            browser.screenshot(test.getDisplayName());
        }
    }

    /** True when the plot tiles draw both the idle hatch's dark red and another colour around lon/lat. */
    private static boolean hatched(double[] at) {
        List<Long> square = MapTiles.coloursAt(browser, at[0], at[1]);
        boolean red = false;
        boolean other = false;
        for (int i = 0; i + 3 < square.size(); i += 4) {
            boolean isRed = MapTiles.near(square.subList(i, i + 4), "#b71c1c");
            red |= isRed;
            other |= !isRed && square.get(i + 3) > 0;
        }
        return red && other;
    }

    private static String caseState(long id) {
        return TestServer.get().jdbi().withHandle(h -> h.createQuery("SELECT state FROM idle_case WHERE id = :id")
                .bind("id", id).mapTo(String.class).one());
    }

    private static void openPage() {
        WebDriver d = browser.driver();
        d.get(TestServer.get().baseUrl() + "/#/");
        d.navigate().refresh();
        wait(30).until(x -> "true".equals(x.findElement(By.tagName("body")).getAttribute("data-ready")));
    }


    private static org.openqa.selenium.support.ui.WebDriverWait wait(int seconds) {
        return browser.waitUpTo(Duration.ofSeconds(seconds));
    }
}
