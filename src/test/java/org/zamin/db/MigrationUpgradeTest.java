package org.zamin.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.zamin.decision.DecisionLog;
import org.zamin.parcel.ParcelStatus;
import org.zamin.parcel.ParcelStatusWriter;
import org.zamin.testing.TestServer;

/**
 * An installation made by an earlier release upgrades in place: its database, restored from a dump that release
 * made (src/test/resources/db/releases), starts on the current migrations with every row and the decision chain
 * intact.
 */
class MigrationUpgradeTest {

    private static final List<String> TABLES = List.of("estate", "parcel", "users", "reservation", "allocation",
            "milestone", "idle_case", "decision", "notification");

    @Test
    void aDatabaseMadeAt2cae06dStartsOnTheCurrentMigrationsWithItsDataIntact() throws Exception {
        EmbeddedPostgres pg = TestServer.get().postgres();
        Database.Connection connection = restore(pg, "2cae06d");
        Jdbi old = Jdbi.create(connection.jdbcUrl(), connection.user(), connection.password());
        Map<String, Long> before = counts(old);
        String parcelsBefore = parcelDigest(old);
        assertEquals(1555843472, checksumOf(old, "430"), "the dump holds V430 as 2cae06d applied it");

        try (Database upgraded = Database.connect(connection)) {
            Jdbi jdbi = upgraded.jdbi();
            assertEquals(before, counts(jdbi), "every row is still there");
            assertEquals(parcelsBefore, parcelDigest(jdbi), "every plot keeps its geometry, area and status");
            assertEquals(KnownMigrationEdits.KNOWN.get(0).currentChecksum(), checksumOf(jdbi, "430"),
                    "the known harmless edit of V430 is recorded");
            boolean allSucceeded = jdbi.withHandle(h -> h.createQuery(
                    "SELECT bool_and(success) FROM flyway_schema_history").mapTo(Boolean.class).one());
            assertTrue(allSucceeded, "every migration succeeded");

            var verdict = new DecisionLog(jdbi).verify();
            assertTrue(verdict.valid(), "the decision chain made by 2cae06d verifies after the upgrade: " + verdict);
            assertEquals(before.get("decision").longValue(), verdict.entries());

            // The functions of the repeatable migrations work on the old data.
            long plot = jdbi.withHandle(h -> h.createQuery("SELECT min(id) FROM parcel WHERE status = 'AVAILABLE'")
                    .mapTo(Long.class).one());
            assertEquals(List.of(plot), jdbi.inTransaction(h ->
                    ParcelStatusWriter.change(h, List.of(plot), ParcelStatus.NOT_OFFERED, ParcelStatus.AVAILABLE)));
            var overlap = assertThrows(Exception.class, () -> jdbi.useHandle(h -> h.execute(
                    "UPDATE parcel SET geom = (SELECT geom FROM parcel WHERE id = ?) WHERE id = "
                            + "(SELECT min(id) FROM parcel p2 WHERE p2.id <> ? AND p2.estate_id = "
                            + "(SELECT estate_id FROM parcel WHERE id = ?))", plot, plot, plot)));
            assertTrue(overlap.getMessage().contains("overlaps plot"), overlap.getMessage());
        }
    }

    @Test
    void aDatabaseMadeAt223126cWithTheFirstDecisionLogIsConvertedAndItsEntriesSealedAgainOnTheRecord()
            throws Exception {
        EmbeddedPostgres pg = TestServer.get().postgres();
        Database.Connection connection = restore(pg, "223126c");
        Jdbi old = Jdbi.create(connection.jdbcUrl(), connection.user(), connection.password());
        assertEquals(1348038829, checksumOf(old, "010"), "the dump holds the first V010");
        // Entries written the first V010's way: its trigger numbers and chains each insert.
        old.useHandle(h -> {
            for (int i = 1; i <= 3; i++) {
                h.execute("INSERT INTO decision (occurred_at, actor_role, action, subject_type, subject_id, reason) "
                        + "VALUES (now(), 'system', 'parcel.status_changed', 'parcel', ?, 'before the upgrade')",
                        Integer.toString(i));
            }
        });
        String oldHead = old.withHandle(h -> h.createQuery(
                "SELECT encode(hash, 'hex') FROM decision ORDER BY seq DESC LIMIT 1").mapTo(String.class).one());
        Map<String, Long> before = counts(old);
        String parcelsBefore = parcelDigest(old);

        try (Database upgraded = Database.connect(connection)) {
            Jdbi jdbi = upgraded.jdbi();
            assertEquals(KnownMigrationEdits.KNOWN.get(1).currentChecksum(), checksumOf(jdbi, "010"));
            assertEquals(parcelsBefore, parcelDigest(jdbi), "every plot keeps its geometry, area and status");
            var verdict = new DecisionLog(jdbi).verify();
            assertTrue(verdict.valid(), "the re-sealed chain verifies: " + verdict);
            assertEquals(before.get("decision") + 1, verdict.entries(), "the old entries and the record of the re-seal");
            Map<String, Object> record = jdbi.withHandle(h -> h.createQuery("""
                    SELECT seq, public_details->>'previousHead' AS head, public_details->>'previousEntries' AS entries
                      FROM decision WHERE action = 'decision_log.resealed'""").mapToMap().one());
            assertEquals(oldHead, record.get("head"), "the old head hash is on the record");
            assertEquals("3", record.get("entries"));
            assertEquals(4L, ((Number) record.get("seq")).longValue(), "recorded after the entries it re-sealed");
            List<String> reasons = jdbi.withHandle(h -> h.createQuery(
                    "SELECT reason FROM decision WHERE seq <= 3 ORDER BY chain_pos").mapTo(String.class).list());
            assertEquals(List.of("before the upgrade", "before the upgrade", "before the upgrade"), reasons,
                    "the old entries keep their content and order");
        }
    }

    @Test
    void anAppliedMigrationWithAnUnknownChecksumStillStopsStartWithAPlainReason() throws Exception {
        EmbeddedPostgres pg = TestServer.get().postgres();
        Database.Connection connection = restore(pg, "2cae06d");
        Jdbi old = Jdbi.create(connection.jdbcUrl(), connection.user(), connection.password());
        old.useHandle(h -> h.execute("UPDATE flyway_schema_history SET checksum = 12345 WHERE version = '420'"));
        Map<String, Long> before = counts(old);

        var refused = assertThrows(IllegalStateException.class, () -> Database.connect(connection).close());
        assertTrue(refused.getMessage().contains("not a known harmless one"), refused.getMessage());
        assertTrue(refused.getMessage().contains("420"), refused.getMessage());
        assertEquals(before, counts(old), "nothing was changed");
        assertEquals(1555843472, checksumOf(old, "430"), "not even the known edit is recorded: the check comes first");
        boolean repeatablesRan = old.withHandle(h -> h.createQuery(
                "SELECT count(*) > 0 FROM flyway_schema_history WHERE type = 'SQL' AND version IS NULL")
                .mapTo(Boolean.class).one());
        assertFalse(repeatablesRan, "no repeatable migration ran");
    }

    /** Restores {@code releases/<name>.sql.gz} into a new database of the test cluster, with psql. */
    private static Database.Connection restore(EmbeddedPostgres pg, String release) throws IOException,
            InterruptedException {
        String database = "upgrade_" + release + "_" + System.nanoTime();
        pg.ensureDatabase(database);
        ProcessBuilder builder = new ProcessBuilder(pg.tool("psql").toString(), "-X", "-q", "-v", "ON_ERROR_STOP=1",
                "-h", "127.0.0.1", "-p", Integer.toString(pg.port()), "-U", pg.user(), "-d", database)
                .redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", pg.password());
        Process restore = builder.start();
        try (InputStream dump = new GZIPInputStream(MigrationUpgradeTest.class.getResourceAsStream(
                "/db/releases/" + release + ".sql.gz")); var stdin = restore.getOutputStream()) {
            dump.transferTo(stdin);
        }
        String output = new String(restore.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(restore.waitFor(120, TimeUnit.SECONDS), "psql finished");
        assertEquals(0, restore.exitValue(), "psql restored the dump: " + output);
        return new Database.Connection(pg.jdbcUrl(database), pg.user(), pg.password());
    }

    private static Map<String, Long> counts(Jdbi jdbi) {
        return jdbi.withHandle(h -> {
            var out = new java.util.TreeMap<String, Long>();
            for (String table : TABLES) {
                boolean exists = h.createQuery("SELECT to_regclass(:t) IS NOT NULL").bind("t", table)
                        .mapTo(Boolean.class).one();
                if (exists) { // an older release may not have the table yet
                    out.put(table, h.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one());
                }
            }
            return out;
        });
    }

    private static String parcelDigest(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT md5(string_agg(concat_ws('|', id, estate_id, plot_number, ST_AsBinary(geom)::text,
                                                round(area_m2::numeric, 3), land_use, price_per_m2, utilities::text,
                                                status), ',' ORDER BY id))
                  FROM parcel""").mapTo(String.class).one());
    }

    private static int checksumOf(Jdbi jdbi, String version) {
        return jdbi.withHandle(h -> h.createQuery("SELECT checksum FROM flyway_schema_history WHERE version = :v")
                .bind("v", version).mapTo(Integer.class).one());
    }
}
