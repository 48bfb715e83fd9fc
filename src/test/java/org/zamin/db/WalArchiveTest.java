package org.zamin.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.zamin.config.Settings;
import org.zamin.testing.TestServerAccess;

/**
 * {@code ZAMIN_WAL_ARCHIVE_DIR} (issue 14: no continuous archiving): the embedded cluster copies each completed WAL
 * segment into the directory, the segment a {@code pg_switch_wal()} closes appears there, and the archive command
 * never overwrites a file already in the archive (it fails and retries until the file is moved away).
 */
class WalArchiveTest {

    private static final Path DATA = Path.of("target", "test-pg-wal").toAbsolutePath();
    private static final Path ARCHIVE = Path.of("target", "test-wal-archive").toAbsolutePath();
    private static final long SEGMENT_BYTES = 16L * 1024 * 1024;

    @Test
    void completedSegmentsAreCopiedToTheArchiveAndAnArchivedFileIsNeverOverwritten() throws Exception {
        TestServerAccess.delete(DATA);
        TestServerAccess.delete(ARCHIVE);
        Settings settings = Settings.fromEnvironment(Map.of("ZAMIN_DATA_DIR", DATA.toString(), "ZAMIN_DEMO", "false",
                "ZAMIN_WAL_ARCHIVE_DIR", ARCHIVE.toString()));
        try (Database database = Database.open(settings)) {
            EmbeddedPostgres pg = EmbeddedPostgres.start(DATA, List.of());
            Jdbi superuser = Jdbi.create(pg.jdbcUrl("zamin"), pg.user(), pg.password());
            assertEquals("on", superuser.withHandle(h -> h.createQuery("SHOW archive_mode").mapTo(String.class).one()));

            String first = switchWal(superuser);
            assertTrue(await(() -> archived(first)), "segment " + first + " archived; archive holds "
                    + List.of(ARCHIVE.toFile().list()));

            // A file of that name already in the archive is left alone: archiving that segment fails, and is retried.
            String next = superuser.withHandle(h -> {
                h.execute("INSERT INTO wal_probe VALUES (2)");
                return h.createQuery("SELECT pg_walfile_name(pg_current_wal_insert_lsn())").mapTo(String.class).one();
            });
            Files.writeString(ARCHIVE.resolve(next), "not a segment", StandardCharsets.UTF_8);
            assertEquals(next, switchWal(superuser));
            assertTrue(await(() -> next.equals(superuser.withHandle(h -> h.createQuery(
                    "SELECT last_failed_wal FROM pg_stat_archiver").mapTo(String.class).one()))),
                    "archiving " + next + " failed rather than overwrite the archive's file");
            assertEquals("not a segment", Files.readString(ARCHIVE.resolve(next), StandardCharsets.UTF_8));

            Files.delete(ARCHIVE.resolve(next));
            assertTrue(await(() -> {
                switchWal(superuser);
                return archived(next);
            }), "retried once the file was moved away");
        }
    }

    /** Writes something, closes the current WAL segment and answers its file name. */
    private static String switchWal(Jdbi superuser) {
        return superuser.withHandle(h -> {
            h.execute("CREATE TABLE IF NOT EXISTS wal_probe (n int)");
            h.execute("INSERT INTO wal_probe VALUES (1)");
            return h.createQuery("SELECT pg_walfile_name(pg_switch_wal())").mapTo(String.class).one();
        });
    }

    private static boolean archived(String segment) {
        Path file = ARCHIVE.resolve(segment);
        try {
            return Files.exists(file) && Files.size(file) == SEGMENT_BYTES;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static boolean await(BooleanSupplier done) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) {
                return false;
            }
            Thread.sleep(250);
        }
        return true;
    }
}
