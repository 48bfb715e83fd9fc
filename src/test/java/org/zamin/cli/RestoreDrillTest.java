package org.zamin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.zamin.config.Settings;
import org.zamin.db.Backups;
import org.zamin.db.EmbeddedPostgres;
import org.zamin.decision.DecisionCheckpoints;
import org.zamin.decision.DecisionLog;
import org.zamin.decision.LogSigningKey;
import org.zamin.testing.Http;
import org.zamin.testing.TestEstates;
import org.zamin.testing.TestServer;
import org.zamin.testing.TestServerAccess;
import org.zamin.testing.TestUsers;

/**
 * The restore drill (issue 14, finding: no backup or restore): {@code ./zamin backup} of the shared test database
 * while investors keep reserving plots over HTTP, {@code ./zamin restore} into a fresh embedded cluster, and the copy
 * checked the way an operator would check it: every reservation confirmed (201) before the backup began is there,
 * the main tables hold exactly the rows the snapshot saw, every geometry is valid, the decision log verifies (with the
 * signed checkpoints), the append-only guard is active again, and a second restore into the now full target is
 * refused without touching it.
 */
class RestoreDrillTest {

    private static final Path RESTORED = Path.of("target", "test-pg-restore").toAbsolutePath();

    private final TestServer ts = TestServer.get();

    private record Confirmed(long reservationId, long answeredAt) {}

    @Test
    void aBackupTakenUnderReservationsRestoresIntoAFreshClusterWithEverythingConfirmedBeforeIt() throws Exception {
        TestServerAccess.delete(RESTORED);
        Path dump = Path.of("target", "restore-drill", "zamin.dump").toAbsolutePath();
        Files.createDirectories(dump.getParent());
        Files.deleteIfExists(dump);
        var estate = TestEstates.create(ts.jdbi());
        int plots = 400;
        List<Long> parcels = new ArrayList<>();
        for (int i = 0; i < plots; i++) {
            parcels.add(estate.addParcel(ts.jdbi(), "P" + (i + 1),
                    estate.rect(50 * (i % 20), 50 * (i / 20), 50 * (i % 20) + 50, 50 * (i / 20) + 50), "AVAILABLE"));
        }
        List<TestUsers.User> investors = TestUsers.investors(plots);

        List<Confirmed> confirmed = Collections.synchronizedList(new ArrayList<>());
        List<Integer> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean stop = new AtomicBoolean();
        Thread stream = new Thread(() -> {
            for (int i = 0; i < plots && !stop.get(); i++) {
                Http.Response r = Http.post("/api/reservations", body(parcels.get(i)), "Authorization",
                        investors.get(i).bearer(), "Idempotency-Key", UUID.randomUUID().toString());
                long at = System.nanoTime();
                if (r.status() == 201) {
                    confirmed.add(new Confirmed(r.json().get("id").asLong(), at));
                } else {
                    failures.add(r.status());
                }
            }
        }, "reservation-stream");
        stream.start();
        while (confirmed.size() < 30 && stream.isAlive()) {
            Thread.sleep(20);
        }
        // a checkpoint signed by the service's key while the stream runs, which the copy must match
        var log = new DecisionLog(ts.jdbi());
        Path keyDir = Path.of("target", "test-pg").toAbsolutePath();
        new DecisionCheckpoints(ts.jdbi(), log, LogSigningKey.load(Optional.empty(), keyDir),
                DecisionCheckpoints.fileIn(RESTORED.resolveSibling("restore-drill"))).checkpointNow();
        long backupStarted = System.nanoTime();
        Backups.Backup backup = Backups.backup(primarySettings(), dump);
        long backupEnded = System.nanoTime();
        // The service kept serving: reservations were still being confirmed after the backup.
        while (confirmed.stream().noneMatch(c -> c.answeredAt() > backupEnded) && stream.isAlive()) {
            Thread.sleep(20);
        }
        stop.set(true);
        stream.join();
        assertEquals(List.of(), failures, "every reservation of the stream was confirmed");
        assertTrue(confirmed.stream().anyMatch(c -> c.answeredAt() > backupEnded), "the stream ran past the backup");
        List<Long> beforeBackup = confirmed.stream().filter(c -> c.answeredAt() < backupStarted)
                .map(Confirmed::reservationId).toList();
        assertTrue(beforeBackup.size() >= 30, beforeBackup.toString());

        Settings restoreSettings = Settings.fromEnvironment(Map.of("ZAMIN_DATA_DIR", RESTORED.toString(),
                "ZAMIN_DEMO", "false", "ZAMIN_PORT", "0"));
        // The checkpoints were signed with the service's key, which lives beside the database, not in the dump.
        Files.createDirectories(RESTORED);
        Files.copy(Path.of("target", "test-pg", LogSigningKey.FILE_NAME),
                RESTORED.resolve(LogSigningKey.FILE_NAME));
        Backups.restore(restoreSettings, dump);

        EmbeddedPostgres copy = EmbeddedPostgres.start(RESTORED, List.of("jit=off"));
        try {
            Jdbi owner = Jdbi.create(copy.jdbcUrl("zamin"), copy.user(), copy.password());
            List<Long> missing = owner.withHandle(h -> h.createQuery(
                    "SELECT r FROM unnest(CAST(:ids AS bigint[])) r WHERE NOT EXISTS "
                            + "(SELECT 1 FROM reservation WHERE id = r)")
                    .bind("ids", beforeBackup.toArray(new Long[0])).mapTo(Long.class).list());
            assertEquals(List.of(), missing, "reservations confirmed before the backup and missing from the copy");

            Map<String, Long> restoredCounts = new LinkedHashMap<>();
            for (String table : Backups.MAIN_TABLES) {
                restoredCounts.put(table, owner.withHandle(h -> h.createQuery("SELECT count(*) FROM " + table)
                        .mapTo(Long.class).one()));
            }
            assertEquals(backup.rowCounts(), restoredCounts, "row counts of the copy against the snapshot's");
            assertTrue(backup.rowCounts().get("reservation") >= beforeBackup.size());

            long invalid = owner.withHandle(h -> h.createQuery("""
                    SELECT (SELECT count(*) FROM parcel WHERE NOT ST_IsValid(geom))
                         + (SELECT count(*) FROM estate WHERE NOT ST_IsValid(boundary))
                         + (SELECT count(*) FROM infrastructure_line WHERE NOT ST_IsValid(geom))""")
                    .mapTo(Long.class).one());
            assertEquals(0, invalid, "invalid geometries in the copy");
            assertTrue(owner.withHandle(h -> h.createQuery("SELECT count(*) FROM parcel").mapTo(Long.class).one())
                    > 0);

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int verdict = ZaminCommand.VerifyLog.verify(restoreSettings, Optional.empty(),
                    new PrintStream(out, true, StandardCharsets.UTF_8));
            String said = out.toString(StandardCharsets.UTF_8);
            assertEquals(0, verdict, said);
            assertTrue(said.startsWith("decision log intact"), said);
            assertFalse(said.contains("matches 0 signed checkpoints"), "the copy's checkpoints verify: " + said);

            // The append-only guard holds on the copy, even for its owner; the service's role may not touch it.
            var guard = assertThrows(Exception.class, () -> owner.useHandle(h -> h.execute(
                    "UPDATE decision SET reason = 'rewritten' WHERE seq = (SELECT min(seq) FROM decision)")));
            assertTrue(guard.getMessage().contains("append-only"), guard.getMessage());
            Jdbi app = Jdbi.create(copy.jdbcUrl("zamin"), copy.appUser(), copy.appPassword());
            assertThrows(Exception.class, () -> app.useHandle(h -> h.execute("DELETE FROM decision")));
            assertTrue(app.withHandle(h -> h.createQuery("SELECT count(*) FROM parcel").mapTo(Long.class).one()) > 0,
                    "the service's role reads the copy");

            // A second restore into the now full database is refused, and leaves it as it was.
            var refused = assertThrows(Backups.TargetNotEmpty.class, () -> Backups.restore(restoreSettings, dump));
            long tables = owner.withHandle(h -> h.createQuery("SELECT count(*) FROM pg_tables WHERE schemaname = "
                    + "'public' AND tablename <> 'spatial_ref_sys'").mapTo(Long.class).one());
            assertTrue(refused.getMessage().contains("already holds " + tables + " tables (public."),
                    refused.getMessage());
            assertEquals(restoredCounts.get("reservation"), owner.withHandle(h -> h.createQuery(
                    "SELECT count(*) FROM reservation").mapTo(Long.class).one()));
        } finally {
            copy.close();
        }
    }

    private static Map<String, Object> body(long parcel) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("parcelIds", List.of(parcel));
        b.put("activity", "1079");
        b.put("investment", 50_000_000_000L);
        b.put("jobs", 40);
        b.put("knowledgeBased", true);
        return b;
    }

    /** The shared test database as the service reaches it: DATABASE_URL (its role) and DATABASE_OWNER_URL. */
    private Settings primarySettings() {
        var pg = ts.postgres();
        String server = "@127.0.0.1:" + pg.port() + "/zamin";
        return Settings.fromEnvironment(Map.of("ZAMIN_PORT", "0",
                "DATABASE_URL", "postgresql://" + pg.appUser() + ":" + pg.appPassword() + server,
                "DATABASE_OWNER_URL", "postgresql://" + pg.user() + ":" + pg.password() + server));
    }
}
