package org.zamin.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.zamin.testing.Browser;
import org.zamin.testing.Http;
import org.zamin.testing.TestEstates;
import org.zamin.testing.TestServer;
import org.zamin.testing.TestUsers;

/**
 * The officer's offer editor and the calendar of offers, in English and Persian: an officer picks three plots on the
 * map and one in the keyboard's list, sets the window (Persian digits in Persian, the Jalali date shown beside it) and
 * the rules, sees the API's refusal beside the form, saves a draft, publishes it after the confirmation; the offer is
 * in the offers list and on its opening day in the calendar; an investor sees it; another estate's officer may not
 * act on it.
 */
class OfferEditorBrowserTest {

    /** Web Mercator: the page point of lon/lat on the editor's map, from its centre and zoom (data-lat/lng/zoom). */
    private static final String POINT = """
            const [lon, lat] = [arguments[0], arguments[1]];
            const m = document.getElementById('offer-map');
            const z = Number(m.dataset.zoom);
            const world = (x, y) => { const s = 256 * 2 ** z; const sin = Math.sin(y * Math.PI / 180);
              return [(x + 180) / 360 * s, (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * s]; };
            const c = world(Number(m.dataset.lng), Number(m.dataset.lat));
            const p = world(lon, lat);
            const r = m.getBoundingClientRect();
            return [Math.round(r.left + r.width / 2 + (p[0] - c[0])), Math.round(r.top + r.height / 2 + (p[1] - c[1]))];
            """;

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

    @ParameterizedTest
    @ValueSource(strings = {"en", "fa"})
    void anOfficerDraftsAndPublishesAnOfferThatEveryoneSees(String language) {
        var ts = TestServer.get();
        var estate = TestEstates.create(ts.ownerJdbi());
        List<Long> plots = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            plots.add(estate.addParcel(ts.ownerJdbi(), "E-" + (i + 1), estate.rect(100 + 200 * i, 400, 250 + 200 * i, 550),
                    "AVAILABLE"));
        }
        long taken = estate.addParcel(ts.ownerJdbi(), "E-9", estate.rect(100, 100, 250, 250), "ALLOCATED");
        var officer = TestUsers.officer(estate.code());
        var otherEstate = TestEstates.create(ts.ownerJdbi());
        var otherOfficer = TestUsers.officer(otherEstate.code());
        var investor = TestUsers.investor();
        WebDriver d = browser.driver();
        try {
            UiFixture.openFresh(browser, "#/", language);
            UiFixture.signIn(browser, officer.email());
            d.findElement(By.id("nav-offer-editor")).click();
            UiFixture.wait(browser, 30).until(x -> x.findElements(By.cssSelector("#offer-plots .offer-plot")).size() == 4
                    && "drawn".equals(x.findElement(By.id("offer-map")).getAttribute("data-tiles")));
            browser.script("document.getElementById('offer-map').scrollIntoView({block: 'start'})");

            // three plots by a click on the map; an allocated plot is not taken; the fourth by the keyboard's list
            for (int i = 0; i < 3; i++) {
                clickPlot(estate, 175 + 200 * i, 475);
                int n = i + 1;
                UiFixture.wait(browser, 10).until(x -> String.valueOf(n).equals(
                        x.findElement(By.id("offer-count")).getAttribute("data-count")));
            }
            clickPlot(estate, 175, 175);
            UiFixture.wait(browser, 10).until(x -> x.findElement(By.id("offer-status")).getText().contains("E-9"));
            assertEquals("3", d.findElement(By.id("offer-count")).getAttribute("data-count"));
            WebElement fourth = d.findElement(By.id("offer-plot-" + plots.get(3)));
            fourth.sendKeys(Keys.SPACE);
            UiFixture.wait(browser, 10).until(x -> "4".equals(
                    x.findElement(By.id("offer-count")).getAttribute("data-count")));
            for (long plot : plots) {
                assertFalse(d.findElements(By.cssSelector("#offer-map .parcel-picked-" + plot)).isEmpty(),
                        "plot " + plot + " is outlined on the map");
                assertTrue(d.findElement(By.id("offer-plot-" + plot)).isSelected(), "plot " + plot + " is ticked");
            }
            assertTrue(d.findElements(By.id("offer-plot-" + taken)).isEmpty(), "an allocated plot is not listed");

            // the window, typed in the browser's local time (Persian digits in Persian)
            Instant opens = ts.clock().instant().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofDays(2));
            Instant closes = opens.plus(Duration.ofDays(3));
            type("offer-opens", local(opens), language);
            type("offer-closes", local(opens.minus(Duration.ofHours(1))), language);
            String shown = d.findElement(By.id("offer-opens-shown")).getText();
            LocalDate openDay = LocalDate.parse(localDay(opens));
            if ("fa".equals(language)) {
                int[] jalali = jalali(openDay);
                assertTrue(shown.contains(persian(String.valueOf(jalali[0]))) && shown.contains(persian(
                        String.valueOf(jalali[2]))) && !shown.contains(persian(String.valueOf(openDay.getYear()))),
                        "the Jalali date beside the input: " + shown);
                // the same time typed as a Jalali date is the same instant
                String iso = d.findElement(By.id("offer-opens-shown")).getAttribute("data-iso");
                type("offer-opens", String.format("%04d-%02d-%02d", jalali[0], jalali[1], jalali[2])
                        + local(opens).substring(10), language);
                assertEquals(iso, d.findElement(By.id("offer-opens-shown")).getAttribute("data-iso"));
                assertEquals(opens, Instant.parse(iso));
            } else {
                assertTrue(shown.contains(String.valueOf(openDay.getYear())), shown);
            }
            type("offer-max-ranked", "2", language);
            type("offer-min-score", "25", language);

            // closing before opening: the API refuses, its words beside the form, focused
            d.findElement(By.id("offer-save")).click();
            UiFixture.wait(browser, 10).until(x -> x.findElement(By.id("offer-error")).isDisplayed());
            assertEquals("invalid_window", d.findElement(By.id("offer-error")).getAttribute("data-code"));
            assertEquals("offer-error", browser.script("return document.activeElement.id"));
            assertEquals("alert", d.findElement(By.id("offer-error")).getAttribute("role"));

            type("offer-closes", local(closes), language);
            browser.screenshot("offer-editor-form-" + language);
            d.findElement(By.id("offer-save")).click();
            UiFixture.wait(browser, 10).until(x -> !x.findElements(By.cssSelector("#offer-state[data-state='DRAFT']"))
                    .isEmpty());
            long offer = Long.parseLong(d.findElement(By.id("offer-state")).getAttribute("data-id"));
            var draft = Http.get("/api/offers/" + offer, "Authorization", officer.bearer()).json();
            Set<Long> offered = new TreeSet<>();
            draft.get("parcelIds").forEach(p -> offered.add(p.asLong()));
            assertEquals(new TreeSet<>(plots), offered);
            assertEquals("ROUND", draft.get("mode").asText());
            assertEquals(opens, OffsetDateTime.parse(draft.get("opensAt").asText()).toInstant());
            assertEquals(closes, OffsetDateTime.parse(draft.get("closesAt").asText()).toInstant());
            assertEquals(2, draft.get("maxRanked").asInt());
            assertEquals(25, draft.get("rules").get("minScore").asInt());
            assertEquals(404, Http.get("/api/offers/" + offer).status(), "a draft is not public");

            // publishing asks first: "cancel" leaves the draft; "yes" publishes
            d.findElement(By.id("offer-publish")).click();
            UiFixture.wait(browser, 10).until(x -> !x.findElements(By.id("confirm-no")).isEmpty());
            d.findElement(By.id("confirm-no")).click();
            UiFixture.wait(browser, 10).until(x -> x.findElements(By.id("confirm-no")).isEmpty());
            assertEquals("DRAFT", Http.get("/api/offers/" + offer, "Authorization", officer.bearer()).json()
                    .get("state").asText());
            d.findElement(By.id("offer-publish")).click();
            UiFixture.wait(browser, 10).until(x -> !x.findElements(By.id("confirm-yes")).isEmpty());
            d.findElement(By.id("confirm-yes")).click();
            UiFixture.wait(browser, 10).until(x -> !x.findElements(
                    By.cssSelector("#offer-state[data-state='PUBLISHED']")).isEmpty());

            // another estate's officer may neither publish nor close it, nor offer this estate's plots
            Http.assertError(Http.post("/api/offers/" + offer + "/close", null, "Authorization",
                    otherOfficer.bearer()), 403, "forbidden", "");
            Http.assertError(Http.post("/api/offers", Map.of("estate", estate.code(), "parcelIds", plots,
                    "opensAt", opens.toString(), "closesAt", closes.toString()), "Authorization",
                    otherOfficer.bearer()), 403, "forbidden", "");

            // in the offers list, brought into view
            d.findElement(By.id("offer-open")).click();
            String card = ".round-card[data-id='" + offer + "']";
            UiFixture.wait(browser, 10).until(x -> !x.findElements(By.cssSelector(card + ".round-card-target"))
                    .isEmpty());
            assertEquals("PUBLISHED", d.findElement(By.cssSelector(card)).getAttribute("data-state"));

            // in the calendar, on its opening day (the Jalali day number in Persian)
            UiFixture.go(browser, "#/calendar?date=" + openDay);
            String day = "#calendar-table td[data-date='" + openDay + "']";
            UiFixture.wait(browser, 10).until(x -> !x.findElements(By.cssSelector(
                    day + " a.calendar-offer[data-offer='" + offer + "'][data-edge='opens']")).isEmpty());
            String number = d.findElement(By.cssSelector(day + " .calendar-number")).getText();
            assertEquals("fa".equals(language) ? persian(String.valueOf(jalali(openDay)[2]))
                    : String.valueOf(openDay.getDayOfMonth()), number);
            browser.screenshot("offer-calendar-" + language);
            // the link is reached by the keyboard and leads to the offer
            WebElement link = d.findElement(By.cssSelector(day + " a.calendar-offer[data-offer='" + offer + "']"));
            link.sendKeys(Keys.ENTER);
            UiFixture.wait(browser, 10).until(x -> !x.findElements(By.cssSelector(card + ".round-card-target"))
                    .isEmpty());

            // an investor sees it, and so does a visitor
            UiFixture.openFresh(browser, "#/", language);
            UiFixture.signIn(browser, investor.email());
            UiFixture.go(browser, "#/rounds");
            UiFixture.wait(browser, 10).until(x -> !x.findElements(By.cssSelector(card + " .apply-button")).isEmpty());
            assertEquals("PUBLISHED", Http.get("/api/offers/" + offer).json().get("state").asText());
            assertTrue(d.findElements(By.id("nav-offer-editor")).isEmpty(), "no offer editor for investors");
        } finally {
            browser.screenshot("offer-editor-" + language);
        }
    }

    @Test
    void anOfficerOfNoEstateIsToldSoAndTheMonthChangesByKeyboard() {
        var officer = TestUsers.officer();
        WebDriver d = browser.driver();
        try {
            UiFixture.openFresh(browser, "#/", "en");
            UiFixture.signIn(browser, officer.email());
            UiFixture.go(browser, "#/offer-editor");
            assertTrue(d.findElement(By.id("offer-plots")).getText().contains("do not manage any estate"));
            assertFalse(d.findElement(By.id("offer-save")).isEnabled());

            UiFixture.go(browser, "#/calendar?date=2027-02-10");
            assertEquals("2027-02-01", d.findElement(By.id("calendar-caption")).getAttribute("data-month"));
            d.findElement(By.id("calendar-next")).sendKeys(Keys.ENTER);
            UiFixture.wait(browser, 5).until(x -> "2027-03-01".equals(
                    x.findElement(By.id("calendar-caption")).getAttribute("data-month")));
            browser.script("document.activeElement.dispatchEvent(new KeyboardEvent('keydown', "
                    + "{key: 'PageUp', bubbles: true}))");
            UiFixture.wait(browser, 5).until(x -> "2027-02-01".equals(
                    x.findElement(By.id("calendar-caption")).getAttribute("data-month")));
            assertEquals(28, d.findElements(By.cssSelector("#calendar-table td.calendar-day")).size());
        } finally {
            browser.screenshot("offer-editor-no-estate");
        }
    }

    @Test
    void theOfficersQueueListsAnOpenObjectionAndTakesItsAnswer() {
        var ts = TestServer.get();
        var estate = TestEstates.create(ts.ownerJdbi());
        long plot = estate.addParcel(ts.ownerJdbi(), "Q-1", estate.rect(100, 100, 300, 300), "AVAILABLE");
        var officer = TestUsers.officer(estate.code());
        var otherOfficer = TestUsers.officer(TestEstates.create(ts.ownerJdbi()).code());
        var investor = TestUsers.investor();
        Instant opens = ts.clock().instant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(60);
        var created = Http.post("/api/offers", Map.of("estate", estate.code(), "parcelIds", List.of(plot),
                "opensAt", opens.toString(), "closesAt", opens.plus(Duration.ofHours(1)).toString()),
                "Authorization", officer.bearer());
        assertEquals(201, created.status(), created.body());
        long offer = created.json().get("id").asLong();
        assertEquals(200, Http.post("/api/offers/" + offer + "/publish", null, "Authorization", officer.bearer())
                .status());
        ts.clock().advance(Duration.ofSeconds(70));
        var applied = Http.post("/api/offers/" + offer + "/applications", Map.of("ranking", List.of(plot),
                "activity", "2599", "investment", "50000000000", "jobs", "40"), "Authorization", investor.bearer());
        assertEquals(201, applied.status(), applied.body());
        ts.clock().advance(Duration.ofHours(1).plusMinutes(1));
        Http.post("/api/offers/" + offer + "/close", null, "Authorization", officer.bearer());
        assertEquals("CLOSED", Http.get("/api/offers/" + offer).json().get("state").asText());
        var objected = Http.post("/api/offers/" + offer + "/objections", Map.of("text", "My jobs were miscounted."),
                "Authorization", investor.bearer());
        assertEquals(201, objected.status(), objected.body());
        long objection = objected.json().get("id").asLong();
        WebDriver d = browser.driver();
        String item = "#objections-queue .objection-item[data-id='" + objection + "']";
        try {
            // another estate's officer has nothing of it in their queue
            UiFixture.openFresh(browser, "#/", "fa");
            UiFixture.signIn(browser, otherOfficer.email());
            d.findElement(By.id("nav-objections")).click();
            UiFixture.settle(browser);
            assertTrue(d.findElements(By.cssSelector(item)).isEmpty(), "not another estate's objection");

            UiFixture.openFresh(browser, "#/", "fa");
            UiFixture.signIn(browser, officer.email());
            d.findElement(By.id("nav-objections")).click();
            UiFixture.wait(browser, 15).until(x -> !x.findElements(By.cssSelector(item)).isEmpty());
            assertTrue(d.findElement(By.cssSelector(item + " .objection-text")).getText().contains("miscounted"));
            d.findElement(By.id("objection-" + objection + "-answer")).sendKeys("شمار اشتغال همان است که نوشته شد.");
            d.findElement(By.id("objection-" + objection + "-send")).click();
            UiFixture.wait(browser, 15).until(x -> x.findElements(By.cssSelector(item)).isEmpty());
            var answered = Http.get("/api/offers/" + offer + "/objections", "Authorization", officer.bearer()).json()
                    .get("objections").get(0);
            assertEquals("DISMISSED", answered.get("outcome").asText());
        } finally {
            browser.screenshot("offer-objection-queue");
        }
    }

    private static void clickPlot(TestEstates.Estate estate, double x, double y) {
        List<?> point = (List<?>) browser.script(POINT, estate.lon(x), estate.lat(y));
        new Actions(browser.driver()).moveToLocation(((Number) point.get(0)).intValue(),
                ((Number) point.get(1)).intValue()).click().perform();
    }

    private static void type(String id, String text, String language) {
        WebElement input = browser.driver().findElement(By.id(id));
        input.clear();
        input.sendKeys("fa".equals(language) ? persian(text) : text);
    }

    /** The instant as the browser's local "YYYY-MM-DD HH:MM". */
    private static String local(Instant at) {
        return (String) browser.script("""
                const d = new Date(arguments[0]); const p = (n) => String(n).padStart(2, '0');
                return d.getFullYear() + '-' + p(d.getMonth() + 1) + '-' + p(d.getDate()) + ' ' + p(d.getHours())
                  + ':' + p(d.getMinutes());""", at.toString());
    }

    /** The browser's local day of the instant, YYYY-MM-DD. */
    private static String localDay(Instant at) {
        return local(at).substring(0, 10);
    }

    private static String persian(String latin) {
        StringBuilder s = new StringBuilder();
        latin.chars().forEach(c -> s.append(c >= '0' && c <= '9' ? (char) ('۰' + c - '0') : (char) c));
        return s.toString();
    }

    /** The Jalali year, month and day of a Gregorian date (the 33-year arithmetic rule, exact for these years). */
    static int[] jalali(LocalDate date) {
        int gy = date.getYear();
        int gm = date.getMonthValue();
        int gd = date.getDayOfMonth();
        int[] gdm = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
        int gy2 = gm > 2 ? gy + 1 : gy;
        long days = 355666 + 365L * gy + (gy2 + 3) / 4 - (gy2 + 99) / 100 + (gy2 + 399) / 400 + gd + gdm[gm - 1];
        long jy = -1595 + 33 * (days / 12053);
        days %= 12053;
        jy += 4 * (days / 1461);
        days %= 1461;
        if (days > 365) {
            jy += (days - 1) / 365;
            days = (days - 1) % 365;
        }
        int jm = (int) (days < 186 ? 1 + days / 31 : 7 + (days - 186) / 30);
        int jd = (int) (1 + (days < 186 ? days % 31 : (days - 186) % 30));
        return new int[] {(int) jy, jm, jd};
    }
}
