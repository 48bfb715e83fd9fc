package org.zamin.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.zamin.testing.Http.assertError;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.zamin.App;
import org.zamin.config.Settings;
import org.zamin.testing.Http;
import org.zamin.testing.TestServerAccess;

/**
 * A database outage (issue 13, finding 7: during one, every request held a thread for 5 s): a server of its own over
 * a PostgreSQL cluster of its own, which the test really stops and starts again. Once a request has found the database
 * gone, the next ones are answered 503 at once, {@code /health} says the database is down, and the service recovers
 * by itself when the database is back.
 */
class DatabaseOutageTest {

    @Test
    void anOutageIsAnswered503AtOnceAndTheServiceRecoversWhenTheDatabaseIsBack() throws Exception {
        Path dir = Path.of("target", "test-pg-outage").toAbsolutePath();
        TestServerAccess.delete(dir);
        EmbeddedPostgres pg = EmbeddedPostgres.start(dir, List.of("fsync=off", "synchronous_commit=off",
                "shared_buffers=32MB", "jit=off"));
        try {
            String server = "@127.0.0.1:" + pg.port() + "/zamin";
            Settings settings = Settings.fromEnvironment(Map.of("ZAMIN_PORT", "0", "ZAMIN_DEMO", "false",
                    "ZAMIN_DATA_DIR", dir.toString(),
                    "DATABASE_URL", "postgresql://" + pg.appUser() + ":" + pg.appPassword() + server,
                    "DATABASE_OWNER_URL", "postgresql://" + pg.user() + ":" + pg.password() + server));
            try (App app = App.start(settings, Database.open(settings), true)) {
                String base = "http://127.0.0.1:" + app.port();
                assertEquals(200, get(base + "/health").status());
                assertEquals(200, get(base + "/api/estates").status());

                pg.stopServer();
                // The first request finds the database gone (it may wait for the pool's time-out) ...
                assertError(get(base + "/api/estates"), 503, "database_unavailable", "");
                // ... and every one after it is answered at once, without waiting for the pool.
                for (String path : List.of("/api/estates", "/api/parcels?limit=1", "/api/decisions", "/health",
                        "/api/estates/GIL-RASHT")) {
                    long start = System.nanoTime();
                    Http.Response r = get(base + path);
                    long millis = (System.nanoTime() - start) / 1_000_000;
                    assertEquals(503, r.status(), path + ": " + r.body());
                    assertTrue(r.json().get("code").asText().equals("database_unavailable"), r.body());
                    assertTrue(millis < 1000, path + " answered in " + millis + " ms during the outage");
                }
                assertEquals("down", get(base + "/health").json().get("database").asText());

                pg.startServer();
                Http.Response health = get(base + "/health");
                for (long end = System.nanoTime() + 30_000_000_000L; health.status() != 200
                        && System.nanoTime() < end; health = get(base + "/health")) {
                    Thread.sleep(250);
                }
                assertEquals(200, health.status(), "the service recovers by itself: " + health.body());
                assertEquals("up", health.json().get("database").asText());
                assertEquals(200, get(base + "/api/estates").status());
            }
        } finally {
            pg.close();
        }
    }

    private static Http.Response get(String url) {
        return Http.send(HttpRequest.newBuilder(URI.create(url)).GET());
    }
}
