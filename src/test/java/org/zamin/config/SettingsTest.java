package org.zamin.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.zamin.db.Database;

class SettingsTest {

    @Test
    void defaults() {
        Settings s = Settings.fromEnvironment(Map.of());
        assertEquals(7070, s.port());
        assertTrue(s.dataDir().endsWith("var"));
        assertTrue(s.databaseUrl().isEmpty());
        assertTrue(s.basemapUrl().isEmpty());
    }

    @Test
    void demoModeIsOnWithTheEmbeddedDatabaseAndOffWithDatabaseUrl() {
        assertTrue(Settings.fromEnvironment(Map.of()).demoMode());
        assertFalse(Settings.fromEnvironment(Map.of("DATABASE_URL", "postgresql://u:p@db/zamin")).demoMode());
        assertTrue(Settings.fromEnvironment(Map.of("DATABASE_URL", "postgresql://u:p@db/zamin", "ZAMIN_DEMO", "true"))
                .demoMode());
        assertFalse(Settings.fromEnvironment(Map.of("ZAMIN_DEMO", "false")).demoMode());
        assertThrows(IllegalArgumentException.class, () -> Settings.fromEnvironment(Map.of("ZAMIN_DEMO", "maybe")));
    }

    @Test
    void invalidValuesFailAtStart() {
        assertThrows(IllegalArgumentException.class, () -> Settings.fromEnvironment(Map.of("ZAMIN_PORT", "http")));
        assertThrows(IllegalArgumentException.class, () -> Settings.fromEnvironment(Map.of("ZAMIN_PORT", "70000")));
        assertThrows(IllegalArgumentException.class,
                () -> Settings.fromEnvironment(Map.of("DATABASE_URL", "mysql://localhost/zamin")));
    }

    @Test
    void secretsAreRedactedInLogs() {
        Settings s = Settings.fromEnvironment(Map.of(
                "DATABASE_URL", "postgresql://zamin:s3cret@db.example:5432/zamin",
                "ZAMIN_SMTP_URL", "smtp://mailer:hunter2@mail.example:587"));
        assertFalse(s.toString().contains("s3cret"), s.toString());
        assertFalse(s.toString().contains("hunter2"), s.toString());
        assertTrue(s.toString().contains("db.example"));
    }

    @Test
    void databaseUrlBecomesJdbcWithCredentials() {
        Database.Connection c = Database.Connection.fromUrl("postgres://user%40x:p%3Ass@db:6543/land?sslmode=require");
        assertEquals("jdbc:postgresql://db:6543/land?sslmode=require", c.jdbcUrl());
        assertEquals("user@x", c.user());
        assertEquals("p:ss", c.password());
    }

    @Test
    void theWalArchiveIsForTheEmbeddedClusterOnly() {
        assertTrue(Settings.fromEnvironment(Map.of("ZAMIN_WAL_ARCHIVE_DIR", "/backups/wal")).walArchiveDir()
                .orElseThrow().endsWith("wal"));
        var refused = assertThrows(IllegalArgumentException.class, () -> Settings.fromEnvironment(Map.of(
                "ZAMIN_WAL_ARCHIVE_DIR", "/backups/wal", "DATABASE_URL", "postgresql://u:p@db/zamin")));
        assertTrue(refused.getMessage().contains("archive_command"), refused.getMessage());
    }
}
