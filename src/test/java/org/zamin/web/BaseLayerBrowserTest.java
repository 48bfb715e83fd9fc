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
import org.zamin.testing.Browser;
import org.zamin.testing.TestServer;

/**
 * The map's offline base layer (gis-data/basemap): with no tile server configured and the page's policy allowing
 * no request to leave the server, the map draws Iran's provinces (Gilan's and Qazvin's outlines hold their capitals)
 * and names the provinces and cities in the page's language, every resource coming from the server itself.
 */
class BaseLayerBrowserTest {

    /** Rasht, Gilan's capital, and Qazvin, Qazvin's (GeoNames' places, as in the base layer). */
    private static final double[] RASHT = {49.58862, 37.27611};
    private static final double[] QAZVIN = {50.0041, 36.26877};

    /** Whether the screen point of lon/lat lies inside the filled area of the SVG path `selector`. */
    private static final String INSIDE = """
            const [selector, lon, lat] = arguments;
            const path = document.querySelector(selector);
            if (!path) return null;
            const map = document.getElementById('map').getBoundingClientRect();
            const q = new URLSearchParams(location.hash.split('?')[1] || '');
            const z = Number(q.get('z'));
            const world = (x, y) => { const s = 256 * 2 ** z; const sin = Math.sin(y * Math.PI / 180);
              return [(x + 180) / 360 * s, (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * s]; };
            const c = world(Number(q.get('lng')), Number(q.get('lat')));
            const p = world(lon, lat);
            const screen = new DOMPoint(map.left + map.width / 2 + p[0] - c[0], map.top + map.height / 2 + p[1] - c[1]);
            return path.isPointInFill(screen.matrixTransform(path.getScreenCTM().inverse()));
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
    void provincesAndCitiesAreDrawnFromTheServerAlone(String language) {
        boolean fa = "fa".equals(language);
        try {
            UiFixture.openFresh(browser, "#/?z=8&lat=36.800000&lng=49.800000", language);
            UiFixture.wait(browser, 30).until(x -> "drawn".equals(
                    x.findElement(By.id("map")).getAttribute("data-base-layer"))
                    && String.valueOf(browser.script("return location.hash")).contains("z=8"));
            var map = browser.driver().findElement(By.id("map"));
            assertEquals("31", map.getAttribute("data-base-provinces"), "Iran's 31 provinces");

            // Gilan's and Qazvin's outlines: each holds its own capital and not the other's.
            String gilan = "#map .leaflet-base-pane path.base-province-IR-GI";
            String qazvin = "#map .leaflet-base-pane path.base-province-IR-QZ";
            for (String path : List.of(gilan, qazvin)) {
                Object d = browser.script("const p = document.querySelector(arguments[0]); return p && p.getAttribute('d')", path);
                assertTrue(d != null && String.valueOf(d).length() > 200, path + " is drawn: " + d);
            }
            assertEquals(Boolean.TRUE, browser.script(INSIDE, gilan, RASHT[0], RASHT[1]), "Rasht lies in Gilan's outline");
            assertEquals(Boolean.FALSE, browser.script(INSIDE, gilan, QAZVIN[0], QAZVIN[1]), "Qazvin does not");
            assertEquals(Boolean.TRUE, browser.script(INSIDE, qazvin, QAZVIN[0], QAZVIN[1]), "Qazvin lies in Qazvin's outline");
            assertEquals(Boolean.FALSE, browser.script(INSIDE, qazvin, RASHT[0], RASHT[1]), "Rasht does not");

            // The names, in the page's language: provinces at this zoom, the capitals and the county seats.
            assertEquals(fa ? "رشت" : "Rasht", labelText("city", "118743"));
            assertEquals(fa ? "قزوین" : "Qazvin", labelText("city", "119505"));
            assertEquals(fa ? "لاهیجان" : "Lahijan", labelText("city", "126015"), "a county seat at zoom 8");
            assertEquals(fa ? "گیلان" : "Gilan", labelText("province", "IR.GI"));
            assertEquals(fa ? "قزوین" : "Qazvin", labelText("province", "IR.QZ"));
            String attribution = browser.driver().findElement(By.cssSelector(".leaflet-control-attribution")).getText();
            assertTrue(attribution.contains("Natural Earth") && attribution.contains("GeoNames"), attribution);

            // Every resource the page loaded came from the server (the policy would have refused any other).
            String origin = TestServer.get().baseUrl();
            @SuppressWarnings("unchecked")
            List<String> resources = (List<String>) browser.script(
                    "return performance.getEntriesByType('resource').map(e => e.name)");
            assertTrue(resources.stream().anyMatch(r -> r.startsWith(origin + "/basemap/iran-basemap.geojson")), resources.toString());
            assertEquals(List.of(), resources.stream().filter(r -> !r.startsWith(origin + "/")).toList(), "nothing from elsewhere");
            assertEquals(List.of(), browser.cspViolations(), "no request was refused");

            // Zoomed out to the country the county seats go, the capitals stay.
            UiFixture.openFresh(browser, "#/?z=6&lat=32.500000&lng=53.700000", language);
            UiFixture.wait(browser, 30).until(x -> labelText("city", "1159301") != null);
            assertEquals(null, labelText("city", "126015"), "no county seat at zoom 6");
            assertEquals(fa ? "زاهدان" : "Zahedan", labelText("city", "1159301"));
        } finally {
            browser.screenshot("base layer " + language);
        }
    }

    @SuppressWarnings("unchecked")
    private static String labelText(String kind, String code) {
        var found = (Map<String, Object>) browser.script("""
                const el = document.querySelector(`#map [data-base-label='${arguments[0]}'][data-code='${arguments[1]}']`);
                return el ? { text: el.textContent } : null;""", kind, code);
        return found == null ? null : String.valueOf(found.get("text"));
    }
}
