package org.zamin.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.zamin.config.Settings;

/** The embedded cluster: created on first start, migrated, stopped on close, and reused with its data. */
class EmbeddedPostgresTest {

    @Test
    void aSecondStartReusesTheClusterAndItsData() throws Exception {
        Path dir = Path.of("target", "test-pg-restart").toAbsolutePath();
        org.zamin.testing.TestServerAccess.delete(dir);
        Settings settings = Settings.fromEnvironment(Map.of("ZAMIN_DATA_DIR", dir.toString()));

        try (Database first = Database.open(settings)) {
            assertTrue(first.isHealthy());
            first.jdbi().useHandle(h -> h.execute(
                    "INSERT INTO app_state (key, value) VALUES ('restart-test', 'kept')"));
            assertEquals("3", first.jdbi().withHandle(h -> h.createQuery(
                    "SELECT split_part(postgis_lib_version(), '.', 1)").mapTo(String.class).one()));
        }
        assertFalse(Files.exists(dir.resolve("pg").resolve("postmaster.pid")), "the server stopped on close");

        try (Database second = Database.open(settings)) {
            assertEquals("kept", second.jdbi().withHandle(h -> h.createQuery(
                    "SELECT value FROM app_state WHERE key = 'restart-test'").mapTo(String.class).one()));
        }
    }
}
