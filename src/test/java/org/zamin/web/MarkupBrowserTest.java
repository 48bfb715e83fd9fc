package org.zamin.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
 * Text is text on every page: markup typed into every free-text field a user reaches — names at sign-up, a token's
 * name, a rejection's reason, a report, inspection notes, an extension's reason and its refusal, an idle notice and
 * the holder's reply (and so the inbox messages they make) — is shown as the characters typed and never runs, on
 * the review queue and its mini-map, the idle board and its mini-map, both inboxes, the applications, the contract
 * page, the public decision log and the map's popup. Plot numbers come in through an import by the estate's officer:
 * markup is refused there, and a plot number with an HTML entity in it ({@code 7&lt;3}) is shown as typed in the
 * mini-maps' tooltips (Leaflet would decode it if it were given the number as HTML).
 */
class MarkupBrowserTest {

    private static final String MARKUP = "<img src=x onerror=\"window.__xss=1\">";
    /** The finding's payload, short enough for a plot number (32 characters) and without an alert that blocks. */
    private static final String PLOT_MARKUP = "<img src=x onerror=__xss=1>";
    private static final String ENTITY_PLOT = "7&lt;3";
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
    void markupInEveryTextFieldIsShownAsTextAndNeverRuns(TestInfo test) throws InterruptedException {
        var ts = TestServer.get();
        var estate = TestEstates.create(ts.ownerJdbi());
        var officer = TestUsers.officer(estate.code());

        // Plot numbers through an import by the estate's officer.
        var refused = importPlots(officer, estate, Map.of(PLOT_MARKUP, 0));
        assertEquals(422, refused.status(), refused.body());
        assertTrue(refused.body().contains("bad_plot_number"), refused.body());
        var applied = importPlots(officer, estate, Map.of(ENTITY_PLOT, 0, "B-1", 1));
        assertEquals(201, applied.status(), applied.body());
        long plotA = plotId(estate, ENTITY_PLOT);
        long plotB = plotId(estate, "B-1");
        long plotC = estate.addParcel(ts.ownerJdbi(), "C-1", estate.rect(400, 0, 500, 100), "AVAILABLE");

        // An investor signs up with markup as name and organisation, and names a token with it.
        String email = "markup-" + UUID.randomUUID().toString().substring(0, 8) + "@test.example";
        var signUp = Http.post("/api/auth/register", Map.of("email", email, "password", TestUsers.PASSWORD,
                "name", MARKUP, "organisation", MARKUP));
        assertEquals(202, signUp.status(), signUp.body());
        org.zamin.testing.Mailbox.confirm(email);
        var signIn = Http.post("/api/auth/login", Map.of("email", email, "password", TestUsers.PASSWORD));
        assertEquals(200, signIn.status(), signIn.body());
        long investorId = signIn.json().get("id").asLong();
        var token = Http.post("/api/tokens", Map.of("name", MARKUP), "Cookie",
                "zamin_session=" + signIn.cookie("zamin_session").orElseThrow(),
                "X-CSRF-Token", signIn.json().get("csrfToken").asText());
        assertEquals(201, token.status(), token.body());
        assertEquals(MARKUP, token.json().get("name").asText());
        String investor = "Bearer " + token.json().get("token").asText();
        org.zamin.testing.Mailbox.makeFit(investorId, "Authorization", investor);

        // Plot A waits in the review queue; plot B is rejected with markup as the reason.
        assertEquals(200, pay(investor, reserve(investor, plotA)).status());
        long rejected = reserve(investor, plotB);
        assertEquals(200, pay(investor, rejected).status());
        ok(Http.post("/api/reservations/" + rejected + "/reject", Map.of("reason", MARKUP), "Authorization",
                officer.bearer()));

        // Plot C's contract: a report, an inspection, an extension asked and refused, an idle notice and a reply.
        LocalDate today = LocalDate.now(ts.clock());
        long allocation = TestAllocations.create(estate, investorId, List.of(plotC), today.minusMonths(20), false);
        String contract = "/api/allocations/" + allocation;
        ok(Http.post(contract + "/reports", Map.of("percent", 10, "text", MARKUP), "Authorization", investor));
        ok(Http.post(contract + "/inspections", Map.of("finding", "ACTIVE", "notes", MARKUP), "Authorization",
                officer.bearer()));
        long request = ok(Http.post(contract + "/extensions", Map.of("months", 3, "reason", MARKUP), "Authorization",
                investor)).json().get("id").asLong();
        ok(Http.post(contract + "/extensions/" + request + "/refuse", Map.of("reason", MARKUP), "Authorization",
                officer.bearer()));
        ok(Http.post("/api/idle-scan?asOf=" + today, null, "Authorization", officer.bearer()));
        long idleCase = ts.jdbi().withHandle(h -> h.createQuery(
                "SELECT id FROM idle_case WHERE allocation_id = :a AND state = 'OPEN'").bind("a", allocation)
                .mapTo(Long.class).one());
        ok(Http.post("/api/idle-cases/" + idleCase + "/notice", Map.of("reason", MARKUP), "Authorization",
                officer.bearer()));
        ok(Http.post("/api/idle-cases/" + idleCase + "/reply", Map.of("text", MARKUP), "Authorization", investor));

        WebDriver d = browser.driver();
        try {
            signIn(officer.email());
            open("#/review");
            By item = By.cssSelector("#review-list .queue-item");
            wait(15).until(x -> !x.findElements(item).isEmpty());
            d.findElement(item).click();
            wait(15).until(x -> !x.findElements(By.cssSelector("#review-map path.review-plot")).isEmpty());
            assertShownAsText("the review queue", "#review-detail", MARKUP);
            assertTooltipsShow("#review-map", "Plot " + ENTITY_PLOT);

            open("#/idle");
            By idleItem = By.cssSelector("#idle-list .idle-case[data-id='" + idleCase + "']");
            wait(15).until(x -> !x.findElements(idleItem).isEmpty());
            d.findElement(idleItem).click();
            wait(15).until(x -> !x.findElements(By.cssSelector("#idle-map path.idle-case-plot")).isEmpty());
            assertTooltipsShow("#idle-map", "Plot C-1");
            assertShownAsText("the idle board", "#idle-detail", null);

            open("#/inbox");
            wait(15).until(x -> !x.findElements(By.cssSelector("#inbox-list .inbox-item")).isEmpty());
            assertShownAsText("the officer's inbox", "#inbox-list", MARKUP);

            open("#/contract/" + allocation);
            wait(15).until(x -> !x.findElements(By.id("contract-milestones")).isEmpty());
            assertShownAsText("the contract page (officer)", "body", MARKUP);

            signOut();
            signIn(email);
            open("#/applications");
            wait(15).until(x -> !x.findElements(By.cssSelector(".reservation-card[data-status='REJECTED']")).isEmpty());
            assertShownAsText("the applications", "body", MARKUP);
            assertShownAsText("the applications", "body", ENTITY_PLOT);

            open("#/contract/" + allocation);
            wait(15).until(x -> !x.findElements(By.cssSelector("#contract-notices")).isEmpty());
            assertShownAsText("the contract page (holder)", "body", MARKUP);

            open("#/inbox");
            wait(15).until(x -> !x.findElements(By.cssSelector("#inbox-list .inbox-item")).isEmpty());
            assertShownAsText("the holder's inbox", "#inbox-list", MARKUP);

            signOut();
            open("#/decisions");
            wait(15).until(x -> !x.findElements(By.id("chain-status")).isEmpty());
            assertShownAsText("the decision log", "body", MARKUP);

            open("#/");
            wait(30).until(x -> "true".equals(x.findElement(By.tagName("body")).getAttribute("data-ready")));
            UiFixture.estateItem(d, estate.code()).click();
            MapTiles.openPlot(browser, plotA);
            wait(10).until(x -> !x.findElements(By.cssSelector(".parcel-popup-title")).isEmpty());
            assertShownAsText("the map's popup", ".parcel-popup-title", ENTITY_PLOT);
        } finally {
            browser.screenshot(test.getDisplayName());
        }
    }

    /** Hovers every plot of a mini-map (each opens its tooltip) and checks one tooltip shows {@code text} as typed. */
    private static void assertTooltipsShow(String map, String text) throws InterruptedException {
        browser.script("document.querySelectorAll(arguments[0] + ' path').forEach((p) => p.dispatchEvent("
                + "new MouseEvent('mouseover', { bubbles: true, clientX: 5, clientY: 5 })));", map);
        wait(10).until(x -> !x.findElements(By.cssSelector(map + " .leaflet-tooltip")).isEmpty());
        String tooltips = (String) browser.script("return Array.from(document.querySelectorAll(arguments[0] + "
                + "' .leaflet-tooltip')).map((t) => t.textContent).join('\\n');", map);
        assertTrue(tooltips.contains(text), "a tooltip of " + map + " shows '" + text + "' as typed: " + tooltips);
        assertNothingRan(map + " tooltips");
    }

    /** The text of {@code selector} holds {@code expected} literally (when given), and no planted script ran. */
    private static void assertShownAsText(String page, String selector, String expected) throws InterruptedException {
        if (expected != null) {
            wait(10).until(x -> String.valueOf(browser.script(
                    "const e = document.querySelector(arguments[0]); return e ? e.textContent : '';", selector))
                    .contains(expected));
        }
        assertNothingRan(page);
    }

    private static void assertNothingRan(String page) throws InterruptedException {
        Thread.sleep(300); // an <img onerror> fires once its load has failed
        assertEquals(0L, browser.script("return document.querySelectorAll('img[src=\"x\"]').length;"),
                "markup typed as text became an element on " + page);
        assertNull(browser.script("return window.__xss === undefined ? null : String(window.__xss);"),
                "a script typed as text ran on " + page);
    }

    private static Http.Response importPlots(TestUsers.User officer, TestEstates.Estate e, Map<String, Integer> plots) {
        StringBuilder features = new StringBuilder();
        plots.forEach((number, slot) -> {
            double x0 = 100 * 2 * slot;
            String ring = "[[" + e.lon(x0) + "," + e.lat(0) + "],[" + e.lon(x0 + 100) + "," + e.lat(0) + "],["
                    + e.lon(x0 + 100) + "," + e.lat(100) + "],[" + e.lon(x0) + "," + e.lat(100) + "],[" + e.lon(x0)
                    + "," + e.lat(0) + "]]";
            features.append(features.length() == 0 ? "" : ",").append("{\"type\":\"Feature\",\"properties\":{")
                    .append("\"plot_no\":").append(json(number)).append("},\"geometry\":{\"type\":\"Polygon\",")
                    .append("\"coordinates\":[").append(ring).append("]}}");
        });
        String content = "{\"type\":\"FeatureCollection\",\"features\":[" + features + "]}";
        String boundary = "zamin" + UUID.randomUUID();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"estate\"\r\n\r\n" + e.code() + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"plots.geojson\""
                + "\r\nContent-Type: application/geo+json\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n";
        return Http.send(HttpRequest.newBuilder(Http.uri("/api/imports"))
                .header("Authorization", officer.bearer())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    private static String json(String text) {
        try {
            return Http.JSON.writeValueAsString(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static long plotId(TestEstates.Estate e, String number) {
        return TestServer.get().jdbi().withHandle(h -> h.createQuery(
                "SELECT p.id FROM parcel p JOIN estate e ON e.id = p.estate_id WHERE e.code = :e AND p.plot_number = :n")
                .bind("e", e.code()).bind("n", number).mapTo(Long.class).one());
    }

    private static long reserve(String investor, long plot) {
        var r = Http.post("/api/reservations", Map.of("parcelIds", List.of(plot), "activity", "1079",
                "investment", 1_000_000_000L, "jobs", 5, "knowledgeBased", false), "Authorization", investor,
                "Idempotency-Key", UUID.randomUUID().toString());
        assertEquals(201, r.status(), r.body());
        return r.json().get("id").asLong();
    }

    private static Http.Response pay(String investor, long reservation) {
        return Http.post("/api/reservations/" + reservation + "/pay", null, "Authorization", investor);
    }

    private static Http.Response ok(Http.Response r) {
        assertTrue(r.status() == 200 || r.status() == 201, r.status() + " " + r.body());
        return r;
    }

    private static void signIn(String email) {
        open("#/signin");
        browser.signIn(email);
        wait(15).until(x -> !x.findElements(By.id("nav-signout")).isEmpty());
    }

    private static void signOut() {
        browser.driver().findElement(By.id("nav-signout")).click();
        wait(10).until(x -> !x.findElements(By.id("nav-signin")).isEmpty());
    }

    private static void open(String hash) {
        WebDriver d = browser.driver();
        d.get(TestServer.get().baseUrl() + "/" + hash);
        wait(30).until(x -> "true".equals(x.findElement(By.tagName("body")).getAttribute("data-ready")));
    }

    private static org.openqa.selenium.support.ui.WebDriverWait wait(int seconds) {
        return browser.waitUpTo(Duration.ofSeconds(seconds));
    }
}
