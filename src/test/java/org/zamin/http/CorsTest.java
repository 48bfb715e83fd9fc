package org.zamin.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.zamin.App;
import org.zamin.account.RouteAccess;
import org.zamin.db.Database;
import org.zamin.config.Settings;
import org.zamin.testing.Browser;
import org.zamin.testing.Http;
import org.zamin.testing.TestServer;

/**
 * CORS on the public read endpoints only: other sites' web maps read /ogc, /tiles and the public API as visitors;
 * never with credentials, never on signed-in or writing routes, and cross-site writes stay refused.
 */
class CorsTest {

    private static final String ORIGIN = "https://maps.example.org";

    @Test
    @DisplayName("a public read from another origin gets Access-Control-Allow-Origin, never Allow-Credentials")
    void publicReadsAllowAnyOrigin() {
        for (String path : List.of("/ogc", "/ogc/collections/parcels/items?limit=2", "/api/estates",
                "/tiles/parcels/0/0/0.mvt", "/ogc/collections/roads")) {
            Http.Response r = Http.get(path, "Origin", ORIGIN);
            assertEquals(Optional.of("*"), r.headers().firstValue("Access-Control-Allow-Origin"), path);
            assertTrue(r.headers().firstValue("Access-Control-Allow-Credentials").isEmpty(), path);
        }
    }

    @Test
    @DisplayName("a preflight for GET on a public read is 204 with the CORS answer; for a write or elsewhere none")
    void preflight() {
        Http.Response ok = options("/ogc/collections/parcels/items", "GET");
        assertEquals(204, ok.status());
        assertEquals(Optional.of("*"), ok.headers().firstValue("Access-Control-Allow-Origin"));
        assertTrue(ok.headers().firstValue("Access-Control-Allow-Methods").orElse("").contains("GET"));
        assertFalse(ok.headers().firstValue("Access-Control-Allow-Headers").orElse("").contains("Authorization"),
                "no token from another site");
        assertTrue(ok.headers().firstValue("Access-Control-Allow-Credentials").isEmpty());
        Http.Response write = options("/ogc/collections/parcels/items", "POST");
        assertTrue(write.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
        for (String path : List.of("/api/me", "/api/reservations", "/api/auth/login", "/api/tokens")) {
            Http.Response r = options(path, "POST");
            assertTrue(r.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), path);
        }
    }

    @Test
    @DisplayName("signed-in and writing routes get no CORS header, and a cross-site write is still refused")
    void signedInAndWritingRoutesStayClosed() {
        Http.Response me = Http.get("/api/me", "Origin", ORIGIN);
        assertTrue(me.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
        Http.Response login = Http.send(HttpRequest.newBuilder(URI.create(TestServer.get().baseUrl() + "/api/auth/login"))
                .header("Origin", ORIGIN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"a@b.c\",\"password\":\"x\"}")));
        Http.assertError(login, 403, "cross_site_request", ORIGIN);
        assertTrue(login.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
        assertFalse(RouteAccess.publicReads().contains("/api/me"));
        assertTrue(RouteAccess.publicReads().containsAll(List.of("/ogc/collections/{collectionId}/items",
                "/tiles/{layer}/{z}/{x}/{y}", "/api/parcels")));
    }

    @Test
    @DisplayName("ZAMIN_CORS_ORIGINS: * by default, else a list of origins (scheme, host, port), checked at start")
    void originsSetting() {
        assertEquals(List.of("*"), Settings.fromEnvironment(Map.of()).corsOrigins());
        Settings listed = Settings.fromEnvironment(Map.of("ZAMIN_CORS_ORIGINS", "https://a.example, http://b.example:8080"));
        assertEquals(List.of("https://a.example", "http://b.example:8080"), listed.corsOrigins());
        assertThrows(IllegalArgumentException.class,
                () -> Settings.fromEnvironment(Map.of("ZAMIN_CORS_ORIGINS", "https://a.example/path")));
        assertThrows(IllegalArgumentException.class,
                () -> Settings.fromEnvironment(Map.of("ZAMIN_CORS_ORIGINS", "a.example")));
        Cors cors = new Cors(listed.corsOrigins(), RouteAccess.publicReads());
        assertEquals("https://a.example", cors.allowOrigin("https://a.example"));
        assertNull(cors.allowOrigin("https://evil.example"));
        assertTrue(cors.isPublicRead("/ogc/collections/parcels/items/12"));
        assertFalse(cors.isPublicRead("/ogc/collections/parcels/items/12/x"));
        assertFalse(cors.isPublicRead("/api/reservations"));
    }

    @Test
    @DisplayName("a server with ZAMIN_CORS_ORIGINS answers only the listed origins, with Vary: Origin")
    void aServerWithAnOriginListAllowsOnlyThose() {
        TestServer ts = TestServer.get();
        ts.postgres().ensureDatabase("zamin_cors");
        Settings settings = Settings.fromEnvironment(Map.of("ZAMIN_PORT", "0",
                "DATABASE_URL", "postgresql://" + ts.postgres().user() + ":" + ts.postgres().password() + "@127.0.0.1:"
                        + ts.postgres().port() + "/zamin_cors",
                "ZAMIN_CORS_ORIGINS", ORIGIN));
        try (App app = App.start(settings, Database.open(settings), true)) {
            String base = "http://127.0.0.1:" + app.port();
            Http.Response listed = Http.send(HttpRequest.newBuilder(URI.create(base + "/ogc/collections"))
                    .header("Origin", ORIGIN).GET());
            assertEquals(Optional.of(ORIGIN), listed.headers().firstValue("Access-Control-Allow-Origin"));
            assertTrue(listed.headers().allValues("Vary").toString().contains("Origin"), listed.headers().toString());
            Http.Response other = Http.send(HttpRequest.newBuilder(URI.create(base + "/ogc/collections"))
                    .header("Origin", "https://elsewhere.example").GET());
            assertEquals(200, other.status());
            assertTrue(other.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
            Http.Response preflight = Http.send(HttpRequest.newBuilder(URI.create(base + "/ogc/collections"))
                    .header("Origin", "https://elsewhere.example").header("Access-Control-Request-Method", "GET")
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
            assertTrue(preflight.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
        }
    }

    @Test
    @DisplayName("a page on another origin fetches /ogc items in Chromium and reads their Content-Crs")
    void pageOnAnotherOriginReadsOgcItems() throws IOException {
        String items = TestServer.get().baseUrl().replace("127.0.0.1", "localhost")
                + "/ogc/collections/parcels/items?limit=3";
        HttpServer other = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        other.createContext("/", exchange -> {
            String body = exchange.getRequestURI().getPath().equals("/read.js")
                    // Content-Crs (Part 2) is not CORS-safelisted: the script reads it only if it is exposed
                    ? "fetch(" + Http.JSON.writeValueAsString(items) + ").then(r => r.json().then(fc => "
                            + "{ document.getElementById('out').textContent = 'features ' + fc.features.length + ' '"
                            + " + r.headers.get('Content-Crs'); }))"
                            + ".catch(e => { document.getElementById('out').textContent = 'failed ' + e; });"
                    : "<!doctype html><html><body><p id=\"out\">waiting</p><script src=\"/read.js\"></script></body></html>";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type",
                    exchange.getRequestURI().getPath().endsWith(".js") ? "text/javascript" : "text/html");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        other.start();
        try (Browser browser = new Browser()) {
            browser.driver().get("http://127.0.0.1:" + other.getAddress().getPort() + "/");
            browser.waitUpTo(Duration.ofSeconds(20)).until(d -> !d.findElement(By.id("out")).getText().equals("waiting"));
            assertEquals("features 3 <http://www.opengis.net/def/crs/OGC/1.3/CRS84>",
                    browser.driver().findElement(By.id("out")).getText());
        } finally {
            other.stop(0);
        }
    }

    private static Http.Response options(String path, String method) {
        return Http.send(HttpRequest.newBuilder(URI.create(TestServer.get().baseUrl() + path))
                .header("Origin", ORIGIN).header("Access-Control-Request-Method", method)
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)));
    }
}
