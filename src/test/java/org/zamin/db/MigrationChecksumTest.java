package org.zamin.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;
import org.zamin.testing.TestServer;

/**
 * Migrations are history: the checksum Flyway computes for every versioned migration must equal the one committed in
 * {@code src/test/resources/db/migration-checksums.txt} when it reached main. An installation that applied the old
 * text refuses to start on the new one, which is why an edit fails here first.
 */
class MigrationChecksumTest {

    @Test
    void noVersionedMigrationChangesOnceItIsOnMain() throws IOException {
        Map<String, Integer> committed = committedChecksums();
        Map<String, Integer> current = checksumsFlywayComputes();
        List<String> problems = new ArrayList<>();
        committed.forEach((version, checksum) -> {
            Integer now = current.get(version);
            if (now == null) {
                problems.add("V" + version + " is gone: a migration on main is never removed");
            } else if (!now.equals(checksum)) {
                problems.add("V" + version + " was edited (checksum " + checksum + " on main, " + now + " now): put the"
                        + " change in a new V-migration, or in an R__ file if it is a function, trigger or view");
            }
        });
        current.keySet().stream().filter(v -> !committed.containsKey(v)).forEach(v -> problems.add("V" + v
                + " is new: add its line (" + v + " " + current.get(v) + ") to db/migration-checksums.txt"));
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertEquals(committed.keySet(), current.keySet());
    }

    /** Flyway's own checksums of the migrations on the classpath, resolved against an empty database. */
    private static Map<String, Integer> checksumsFlywayComputes() {
        EmbeddedPostgres pg = TestServer.get().postgres();
        String database = "checksums_" + System.nanoTime();
        pg.ensureDatabase(database);
        Flyway flyway = Flyway.configure().locations("classpath:db/migration")
                .dataSource(pg.jdbcUrl(database), pg.user(), pg.password()).load();
        Map<String, Integer> out = new TreeMap<>();
        for (MigrationInfo info : flyway.info().all()) {
            if (info.getVersion() != null) {
                out.put(info.getVersion().getVersion(), info.getChecksum());
            }
        }
        return out;
    }

    private static Map<String, Integer> committedChecksums() throws IOException {
        Map<String, Integer> out = new TreeMap<>();
        try (InputStream in = MigrationChecksumTest.class.getResourceAsStream("/db/migration-checksums.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.trim().split("\\s+");
                out.put(fields[0], Integer.parseInt(fields[1]));
            }
        }
        return out;
    }
}
