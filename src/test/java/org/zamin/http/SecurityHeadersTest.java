package org.zamin.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.zamin.App;
import org.zamin.config.Settings;
import org.zamin.db.Database;
import org.zamin.testing.Http;
import org.zamin.testing.TestServer;

/** The header rule itself: HSTS only over HTTPS or with an https public URL; the base map's tile server in img-src. */
class SecurityHeadersTest {

    @Test
    void hstsOnlyOverHttpsOrWhenThePublicUrlIsHttps() {
        SecurityHeaders plain = SecurityHeaders.from(Settings.fromEnvironment(Map.of()));
        assertFalse(plain.headers(false).containsKey("Strict-Transport-Security"));
        assertEquals(SecurityHeaders.HSTS, plain.headers(true).get("Strict-Transport-Security"));
        SecurityHeaders behindTls = SecurityHeaders.from(Settings.fromEnvironment(
                Map.of("ZAMIN_PUBLIC_URL", "https://zamin.example.ir")));
        assertEquals("max-age=31536000; includeSubDomains", behindTls.headers(false).get("Strict-Transport-Security"));
        SecurityHeaders httpOnly = SecurityHeaders.from(Settings.fromEnvironment(
                Map.of("ZAMIN_PUBLIC_URL", "http://zamin.local:7070")));
        assertFalse(httpOnly.headers(false).containsKey("Strict-Transport-Security"));
    }

    @Test
    void aPublicUrlThatIsNotAnHttpUrlFailsAtStart() {
        for (String bad : new String[] {"zamin.example.ir", "ftp://zamin.example.ir", "https://user:pw@zamin.example.ir",
                "https://"}) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> Settings.fromEnvironment(Map.of("ZAMIN_PUBLIC_URL", bad)), bad);
            assertFalse(refused.getMessage().contains("pw@"), "a password is not echoed: " + refused.getMessage());
        }
    }

    @Test
    void theBaseMapsTileServerIsTheOnlyOtherImageSource() {
        assertEquals(Optional.of("https://*.tile.openstreetmap.org"),
                SecurityHeaders.tileSource("https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png"));
        assertEquals(Optional.of("https://tiles.example.ir:8443"),
                SecurityHeaders.tileSource("https://Tiles.Example.ir:8443/base/{z}/{x}/{y}.png?key=abc"));
        assertEquals(Optional.of("https:"), SecurityHeaders.tileSource("https://tile-{s}.example.ir/{z}/{x}/{y}.png"));
        assertEquals(Optional.empty(), SecurityHeaders.tileSource("/basemap/{z}/{x}/{y}.png"));
        String csp = SecurityHeaders.contentSecurityPolicy(Optional.of("https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png"));
        assertTrue(csp.contains("img-src 'self' data: https://*.tile.openstreetmap.org;"), csp);
        assertTrue(SecurityHeaders.contentSecurityPolicy(Optional.empty()).contains("img-src 'self' data:;"));
    }

    @Test
    void aBaseMapUrlCannotAddToThePolicy() {
        for (String bad : new String[] {"https://a.example; script-src *", "https://a.example 'unsafe-inline'",
                "javascript:alert(1)", "//cdn.example/{z}/{x}/{y}.png", "https://user@a.example/{z}.png",
                "https://a.example,b.example/"}) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> SecurityHeaders.tileSource(bad), bad);
            assertFalse(refused.getMessage().contains("a.example"), "the URL (maybe with a key) is not echoed");
        }
    }

    @Test
    void aServerWhosePublicUrlIsHttpsSendsHsts() throws Exception {
        TestServer ts = TestServer.get();
        ts.postgres().ensureDatabase("zamin_https");
        Settings settings = Settings.fromEnvironment(Map.of("ZAMIN_PORT", "0",
                "DATABASE_URL", "postgresql://" + ts.postgres().user() + ":" + ts.postgres().password() + "@127.0.0.1:"
                        + ts.postgres().port() + "/zamin_https",
                "ZAMIN_PUBLIC_URL", "https://zamin.example.ir",
                "ZAMIN_BASEMAP_URL", "https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png"));
        try (App app = App.start(settings, Database.open(settings), true)) {
            String base = "http://127.0.0.1:" + app.port();
            for (String path : new String[] {"/", "/js/main.js", "/api/no-such-route", "/health"}) {
                Http.Response r = Http.send(HttpRequest.newBuilder(URI.create(base + path)).GET());
                assertEquals("max-age=31536000; includeSubDomains",
                        r.headers().firstValue("Strict-Transport-Security").orElse(null), path);
                assertTrue(r.headers().firstValue("Content-Security-Policy").orElseThrow()
                        .contains("img-src 'self' data: https://*.tile.openstreetmap.org;"), path);
            }
        }
    }
}
