package org.zamin.ogc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.zamin.testing.Browser;
import org.zamin.testing.Http;
import org.zamin.testing.TestEstates;
import org.zamin.testing.TestServer;

/**
 * OGC API – Features – Part 1, requirements class HTML: every route answers an HTML page on {@code f=html} or a
 * browser's {@code Accept}, in English or Persian (right-to-left, Persian digits), every value escaped, with a
 * Leaflet map of the features under the site's CSP. JSON stays the default for GIS clients.
 */
class OgcHtmlTest {

    private static final String BROWSER_ACCEPT =
            "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";
    private final Jdbi jdbi = TestServer.get().jdbi();

    @Test
    @DisplayName("/req/html/definition: every route answers text/html; JSON stays the default for other clients")
    void req_html_definition() {
        long plot = jdbi.withHandle(h -> h.createQuery("SELECT min(id) FROM parcel").mapTo(Long.class).one());
        for (String route : OgcRoutes.ROUTES) {
            String url = "/ogc" + (route.equals("/") ? "" : route.replace("{collectionId}", "parcels")
                    .replace("{featureId}", String.valueOf(plot)));
            for (Http.Response r : List.of(Http.get(url + "?f=html"), Http.get(url, "Accept", BROWSER_ACCEPT))) {
                assertEquals(200, r.status(), url + ": " + r.body());
                assertTrue(r.contentType().startsWith("text/html"), url + ": " + r.contentType());
                assertTrue(r.body().startsWith("<!doctype html>"), url);
                assertTrue(r.headers().allValues("Vary").toString().contains("Accept"), url);
            }
            for (Http.Response r : List.of(Http.get(url), Http.get(url, "Accept", "*/*"),
                    Http.get(url, "Accept", "application/geo+json, application/json"), Http.get(url + "?f=json",
                            "Accept", BROWSER_ACCEPT))) {
                assertTrue(r.contentType().contains("json"), url + ": " + r.contentType());
            }
        }
    }

    @Test
    @DisplayName("/req/html/content: the page holds the document's information and every link as an <a> element")
    void req_html_content() {
        JsonNode json = Http.get("/ogc/collections/parcels/items?status=IDLE&limit=5&offset=5").json();
        String html = Http.get("/ogc/collections/parcels/items?status=IDLE&limit=5&offset=5&f=html").body();
        for (JsonNode link : json.get("links")) {
            String rel = link.get("rel").asText();
            String href = link.get("href").asText();
            String inPage = rel.equals("self") || rel.equals("alternate") || rel.equals("next") || rel.equals("prev")
                    // the page's own links name the HTML page where the JSON names the GeoJSON one
                    ? href.replace("f=json", "f=html") : href;
            assertTrue(html.contains("href=\"" + OgcHtml.esc(inPage) + "\"") || html.contains("href=\""
                    + OgcHtml.esc(href) + "\""), "link " + rel + " " + href);
        }
        for (JsonNode f : json.get("features")) {
            assertTrue(html.contains(">" + f.get("id").asText() + "</a>"), "feature " + f.get("id"));
            assertTrue(html.contains(OgcHtml.esc(f.get("properties").get("estate").asText())));
        }
        assertTrue(html.contains(json.get("numberMatched").asText()));
    }

    @Test
    @DisplayName("HTML in Persian: lang=fa or Accept-Language fa, right-to-left, Persian digits and strings")
    void persianPages() {
        long idle = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM parcel WHERE status = 'IDLE'")
                .mapTo(Long.class).one());
        String persianCount = Params.persian(String.valueOf(idle));
        for (Http.Response r : List.of(Http.get("/ogc/collections/parcels/items?status=IDLE&limit=2&f=html&lang=fa"),
                Http.get("/ogc/collections/parcels/items?status=IDLE&limit=2&f=html", "Accept-Language", "fa-IR,fa;q=0.9,en;q=0.5"))) {
            assertTrue(r.body().contains("<html lang=\"fa\" dir=\"rtl\">"), r.body().substring(0, 200));
            assertTrue(r.body().contains(persianCount), "Persian digits: " + persianCount);
            assertTrue(r.body().contains("قطعه‌ها"));
        }
        String english = Http.get("/ogc/collections/parcels/items?status=IDLE&limit=2&f=html", "Accept-Language",
                "en-GB,en;q=0.9,fa;q=0.5").body();
        assertTrue(english.contains("<html lang=\"en\" dir=\"ltr\">") && english.contains(">Plots<"));
        assertTrue(english.contains(": " + idle + " "), "ASCII digits in English");
    }

    @Test
    @DisplayName("HTML pages escape every value: an estate named with markup shows as text")
    void valuesAreEscaped() {
        TestEstates.Estate estate = TestEstates.create(jdbi);
        String markup = "<img src=x onerror=alert(1)> & \"quoted\" </script>";
        TestServer.get().ownerJdbi().useHandle(h -> h.createUpdate("UPDATE estate SET operator = :m WHERE id = :id")
                .bind("m", markup).bind("id", estate.id()).execute());
        String page = Http.get("/ogc/collections/estates/items/" + estate.code() + "?f=html").body();
        assertFalse(page.contains("<img src=x"), "markup is not markup");
        assertFalse(page.contains("</script> &"), "nothing closes the data block");
        assertTrue(page.contains(OgcHtml.esc(markup)), "shown as text");
        assertTrue(page.contains("\\u003cimg src=x"), "the data block carries it escaped");
        String list = Http.get("/ogc/collections/estates/items?f=html&limit=10000").body();
        assertFalse(list.contains("<img src=x"));
    }

    @Test
    @DisplayName("the items page draws its features on a Leaflet map in Chromium, in both languages, with no CSP violation")
    void itemsPageMapInChromium() {
        String base = TestServer.get().baseUrl();
        try (Browser browser = new Browser()) {
            for (String lang : List.of("en", "fa")) {
                browser.driver().get(base + "/ogc/collections/parcels/items?limit=5&f=html&lang=" + lang);
                browser.waitUpTo(Duration.ofSeconds(20)).until(d ->
                        d.findElement(By.id("ogc-map")).getAttribute("data-features") != null);
                assertEquals("5", browser.driver().findElement(By.id("ogc-map")).getAttribute("data-features"));
                assertTrue(browser.driver().findElement(By.id("ogc-map")).getAttribute("class")
                        .contains("leaflet-container"));
                assertEquals(lang.equals("fa") ? "rtl" : "ltr",
                        browser.driver().findElement(By.tagName("html")).getAttribute("dir"));
                assertEquals(5, browser.driver().findElements(By.cssSelector("path.leaflet-interactive")).size());
            }
            assertTrue(browser.cspViolations().isEmpty(), browser.cspViolations().toString());
        }
    }

    /** Digits as the Persian page writes them. */
    private static final class Params {
        static String persian(String ascii) {
            return OgcLanguage.FA.digits(ascii);
        }
    }
}
