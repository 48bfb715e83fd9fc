package org.zamin.ogc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.zamin.testing.Http.assertError;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.zamin.testing.Http;
import org.zamin.testing.TestEstates;
import org.zamin.testing.TestServer;

/**
 * Items are paged by key: the next link carries an opaque cursor (the last id), so a page costs the same at any
 * depth, a plot removed from an earlier page does not shift the later ones, and GDAL still reads every feature.
 */
class OgcKeysetPagingTest {

    private final Jdbi jdbi = TestServer.get().jdbi();

    @Test
    void nextLinksWalkEveryPlotOnceEvenWhenAnEarlierPlotGoes() {
        TestEstates.Estate e = TestEstates.create(jdbi);
        List<Long> plots = new ArrayList<>();
        for (int i = 0; i < 17; i++) {
            plots.add(e.addParcel(jdbi, "K" + i, e.rect(i * 50, 0, i * 50 + 50, 50), "AVAILABLE"));
        }
        String first = "/ogc/collections/parcels/items?estate=" + e.code() + "&limit=5";
        JsonNode page = Http.get(first).json();
        assertEquals(17, page.get("numberMatched").asInt(), "a small list is counted");
        List<Long> seen = new ArrayList<>();
        page.get("features").forEach(f -> seen.add(f.get("id").asLong()));
        // A plot of the first page goes before the second is read: paging by offset would now skip one.
        jdbi.useHandle(h -> h.execute("DELETE FROM parcel WHERE id = ?", plots.get(0)));
        int pages = 1;
        while (next(page) != null) {
            String url = next(page);
            assertTrue(url.contains("cursor=") && !url.contains("offset="), url);
            assertTrue(url.contains("estate=" + e.code()) && url.contains("limit=5"), url);
            page = Http.get(url).json();
            assertTrue(page.get("numberReturned").asInt() <= 5);
            page.get("features").forEach(f -> seen.add(f.get("id").asLong()));
            pages++;
        }
        assertEquals(plots, seen, "every plot once, in id order");
        assertEquals(4, pages);
    }

    @Test
    void offsetPagingStillWorksWithItsPrevLink() {
        TestEstates.Estate e = TestEstates.create(jdbi);
        for (int i = 0; i < 6; i++) {
            e.addParcel(jdbi, "O" + i, e.rect(i * 50, 0, i * 50 + 50, 50), "AVAILABLE");
        }
        JsonNode page = Http.get("/ogc/collections/parcels/items?estate=" + e.code() + "&limit=2&offset=2").json();
        assertEquals(2, page.get("numberReturned").asInt());
        assertEquals(6, page.get("numberMatched").asInt());
        String prev = link(page, "prev");
        assertTrue(prev != null && prev.contains("offset=0"), String.valueOf(prev));
        assertTrue(next(page).contains("cursor="), next(page));
    }

    @Test
    void estatesArePagedByCodeTheSameWay() {
        List<String> all = jdbi.withHandle(h -> h.createQuery("SELECT code FROM estate").mapTo(String.class).list());
        Set<String> seen = new HashSet<>();
        JsonNode page = Http.get("/ogc/collections/estates/items?limit=3").json();
        while (true) {
            page.get("features").forEach(f -> assertTrue(seen.add(f.get("id").asText()), "once: " + f.get("id")));
            if (next(page) == null) {
                break;
            }
            page = Http.get(next(page)).json();
        }
        // other tests add estates meanwhile; every estate there at the start is read once
        assertTrue(seen.containsAll(all), "every estate read");
    }

    @Test
    void aCursorThisServerDidNotIssueIsA400() {
        String items = "/ogc/collections/parcels/items?cursor=";
        assertError(Http.get(items + "not*base64"), 400, "invalid_parameter", "cursor");
        assertError(Http.get(items + b64("parcels:abc")), 400, "invalid_parameter", "cursor");
        assertError(Http.get(items + b64("parcels:-4")), 400, "invalid_parameter", "cursor");
        assertError(Http.get(items + b64("parcels:")), 400, "invalid_parameter", "cursor");
        assertError(Http.get(items + b64("estates:GIL-RASHT")), 400, "invalid_parameter", "cursor");
        assertError(Http.get("/ogc/collections/estates/items?cursor=" + b64("parcels:12")), 400,
                "invalid_parameter", "cursor");
        assertError(Http.get(items + b64("parcels:12") + "&offset=3"), 400, "invalid_parameter", "offset");
        assertEquals(200, Http.get(items + b64("parcels:12")).status());
    }

    @Test
    void gdalStillReadsEveryPlot() throws Exception {
        Set<String> before = ids();
        String csv = OgcApiTest.run("ogr2ogr", "-f", "CSV", "/vsistdout/",
                "OAPIF:" + TestServer.get().baseUrl() + "/ogc", "parcels", "-select", "id");
        Set<String> after = ids();
        List<String> lines = csv.lines().filter(l -> !l.isBlank()).toList();
        assertTrue(lines.get(0).startsWith("id"), lines.get(0));
        List<String> gdal = lines.subList(1, lines.size()).stream().map(l -> l.split(",")[0].replace("\"", "")).toList();
        assertEquals(gdal.size(), new HashSet<>(gdal).size(), "no plot twice");
        Set<String> stayed = new TreeSet<>(before);
        stayed.retainAll(after);
        assertTrue(new HashSet<>(gdal).containsAll(stayed), "GDAL read every plot: " + gdal.size() + " of " + stayed.size());
        assertFalse(stayed.isEmpty());
    }

    private Set<String> ids() {
        List<String> ids = jdbi.withHandle(h -> h.createQuery("SELECT id::text FROM parcel").mapTo(String.class).list());
        return new TreeSet<>(ids);
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String next(JsonNode page) {
        return link(page, "next");
    }

    private static String link(JsonNode page, String rel) {
        for (JsonNode l : page.get("links")) {
            if (l.get("rel").asText().equals(rel)) {
                String href = l.get("href").asText();
                return href.substring(href.indexOf("/ogc"));
            }
        }
        return null;
    }
}
