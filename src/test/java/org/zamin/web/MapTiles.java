package org.zamin.web;

import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.interactions.Actions;
import org.zamin.testing.Browser;

/**
 * The map as tests see it now that plots are canvas tiles: waits until the plot tiles in view are drawn, reads the
 * colour drawn at a place, clicks a place, and opens a plot by id through the keyboard's list of plots in view.
 * Places are turned into screen points from the permalink (the URL's centre and zoom) with Web Mercator.
 */
final class MapTiles {

    /** Web Mercator: the page point of lon/lat in the map whose centre and zoom the permalink holds. */
    private static final String POINT = """
            const [lon, lat] = [arguments[0], arguments[1]];
            const q = new URLSearchParams(location.hash.split('?')[1] || '');
            const z = Number(q.get('z'));
            const world = (x, y) => { const s = 256 * 2 ** z; const sin = Math.sin(y * Math.PI / 180);
              return [(x + 180) / 360 * s, (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * s]; };
            const c = world(Number(q.get('lng')), Number(q.get('lat')));
            const p = world(lon, lat);
            const r = document.getElementById('map').getBoundingClientRect();
            const px = r.left + r.width / 2 + (p[0] - c[0]);
            const py = r.top + r.height / 2 + (p[1] - c[1]);
            """;

    private MapTiles() {
    }

    /** Waits until the plot tiles of the view are all drawn and the permalink holds the view. */
    static void waitDrawn(Browser browser) {
        browser.waitUpTo(Duration.ofSeconds(30)).until(x -> "drawn".equals(
                x.findElement(By.id("map")).getAttribute("data-tiles"))
                && String.valueOf(browser.script("return location.hash")).contains("z="));
    }

    /**
     * The RGBA drawn by the plot tiles at lon/lat (a 5×5 pixel square around it, row by row), from the canvas tile
     * that holds the point; empty when no plot tile is there.
     */
    @SuppressWarnings("unchecked")
    static List<Long> coloursAt(Browser browser, double lon, double lat) {
        return (List<Long>) browser.script(POINT + """
                // every canvas tile under the point (Leaflet keeps the last zoom's tiles under the new ones for a
                // moment): the first that drew something there, else the first
                let first = null;
                for (const canvas of document.querySelectorAll('#map .leaflet-parcels-pane canvas')) {
                  const b = canvas.getBoundingClientRect();
                  if (px < b.left || px >= b.right || py < b.top || py >= b.bottom) continue;
                  const sx = canvas.width / b.width;
                  const x = Math.round((px - b.left) * sx) - 2;
                  const y = Math.round((py - b.top) * sx) - 2;
                  const square = Array.from(canvas.getContext('2d').getImageData(x, y, 5, 5).data);
                  if (square[51] > 0) return square;
                  first = first || square;
                }
                if (first) return first;
                return [];""", lon, lat);
    }

    /** What the page has where lon/lat is: the point, the map's box and each plot canvas's box (for messages). */
    static String describe(Browser browser, double lon, double lat) {
        return String.valueOf(browser.script(POINT + """
                const boxes = Array.from(document.querySelectorAll('#map .leaflet-parcels-pane canvas')).map((c) => {
                  const b = c.getBoundingClientRect();
                  return [Math.round(b.left), Math.round(b.top), Math.round(b.width), c.width].join(' '); });
                return 'point ' + Math.round(px) + ',' + Math.round(py) + ' in ' + location.hash + '; map '
                  + JSON.stringify(r) + '; canvases ' + boxes.join(' | ');""", lon, lat));
    }

    /** The colour drawn at the very point lon/lat: [red, green, blue, alpha]. */
    static List<Long> colourAt(Browser browser, double lon, double lat) {
        List<Long> square = coloursAt(browser, lon, lat);
        return square.size() < 100 ? List.of() : square.subList(48, 52);
    }

    /** Clicks the map at lon/lat, as a mouse would. */
    static void clickAt(Browser browser, double lon, double lat) {
        List<?> point = (List<?>) browser.script(POINT + "return [Math.round(px), Math.round(py)];", lon, lat);
        new Actions(browser.driver()).moveToLocation(((Number) point.get(0)).intValue(),
                ((Number) point.get(1)).intValue()).click().perform();
    }

    /** Opens plot {@code id}'s popup through the list of plots in view (waiting for it to be listed). */
    static void openPlot(Browser browser, long id) {
        By item = By.cssSelector("#plot-list .plot-item[data-parcel-id='" + id + "']");
        browser.waitUpTo(Duration.ofSeconds(30)).until(x -> !x.findElements(item).isEmpty());
        // found and clicked in one step: the list is redrawn when the view settles
        browser.script("const b = document.querySelector(arguments[0]); b.scrollIntoView({block: 'center'}); b.click();",
                "#plot-list .plot-item[data-parcel-id='" + id + "']");
        browser.waitUpTo(Duration.ofSeconds(10)).until(x -> !x.findElements(
                By.cssSelector(".parcel-popup[data-parcel-id='" + id + "']")).isEmpty());
    }

    /** True when the colour is within a few steps of #rrggbb on each channel. */
    static boolean near(List<Long> rgba, String hex) {
        if (rgba.size() < 3) {
            return false;
        }
        for (int i = 0; i < 3; i++) {
            int want = Integer.parseInt(hex.substring(1 + 2 * i, 3 + 2 * i), 16);
            if (Math.abs(rgba.get(i) - want) > 6) {
                return false;
            }
        }
        return true;
    }
}
