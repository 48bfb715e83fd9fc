package org.zamin.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.zamin.testing.Http.assertError;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.zamin.App;
import org.zamin.config.Settings;
import org.zamin.db.Database;
import org.zamin.testing.Http;
import org.zamin.testing.TestServer;

/** The page's start-up configuration, the health check, and what happens when the database goes away. */
class SiteApiTest {

    @Test
    void healthAnswersWhenTheDatabaseDoes() {
        Http.Response r = Http.get("/health");
        assertEquals(200, r.status());
        assertEquals("up", r.json().get("database").asText());
    }

    @Test
    void configPicksTheLanguageFromAcceptLanguage() {
        assertEquals("fa", Http.get("/api/config", "Accept-Language", "fa-IR,fa;q=0.9,en;q=0.5").json()
                .get("language").asText());
        assertEquals("en", Http.get("/api/config", "Accept-Language", "de-DE,en;q=0.3").json()
                .get("language").asText());
        assertEquals("en", Http.get("/api/config", "Accept-Language", "de-DE").json().get("language").asText());
        JsonNode config = Http.get("/api/config").json();
        assertEquals("en", config.get("language").asText());
        assertTrue(config.get("basemapUrl").isNull(), "no base map unless ZAMIN_BASEMAP_URL is set");
    }

    @Test
    void preferredLanguageHonoursWeights() {
        assertEquals("fa", SiteRoutes.preferredLanguage("en;q=0.2, fa;q=0.8"));
        assertEquals("en", SiteRoutes.preferredLanguage("not a header;;q=x"));
    }

    @Test
    void theMapPageAndLeafletAreServed() {
        Http.Response page = Http.get("/");
        assertEquals(200, page.status());
        assertTrue(page.body().contains("leaflet"), "the page loads Leaflet");
        assertEquals(200, Http.get("/webjars/leaflet/1.9.4/dist/leaflet.js").status());
        assertEquals(200, Http.get("/i18n/fa.json").status());
    }

    @Test
    void databaseUnavailableIs503() throws Exception {
        TestServer ts = TestServer.get();
        ts.postgres().ensureDatabase("zamin_down");
        Settings settings = Settings.fromEnvironment(Map.of("ZAMIN_PORT", "0", "DATABASE_URL",
                "postgresql://" + ts.postgres().user() + ":" + ts.postgres().password() + "@127.0.0.1:"
                        + ts.postgres().port() + "/zamin_down"));
        try (App app = App.start(settings, Database.open(settings), true)) {
            String base = "http://127.0.0.1:" + app.port();
            assertEquals(200, get(base + "/health").status());
            try (Handle admin = ts.ownerJdbi().open()) {
                admin.execute("ALTER DATABASE zamin_down ALLOW_CONNECTIONS false");
                admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'zamin_down'");
            }
            assertEquals(503, get(base + "/health").status());
            Http.Response estates = get(base + "/api/estates");
            assertError(estates, 503, "database_unavailable", "database");
        }
    }

    private static Http.Response get(String url) {
        return Http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).GET());
    }
}
