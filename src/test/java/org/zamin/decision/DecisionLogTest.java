package org.zamin.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.zamin.db.Database;
import org.zamin.testing.Http;
import org.zamin.testing.TestServer;

/** The decision log chains every entry to the one before, refuses edits, and its verifier finds tampering. */
class DecisionLogTest {

    private static Database isolated;
    private static DecisionLog log;

    /** Tampering needs a database of its own, so the shared log stays intact for the other tests. */
    @BeforeAll
    static void openIsolatedDatabase() {
        var pg = TestServer.get().postgres();
        pg.ensureDatabase("zamin_decisions");
        isolated = Database.connect(new Database.Connection(pg.jdbcUrl("zamin_decisions"), pg.user(), pg.password()));
        log = new DecisionLog(isolated.jdbi());
    }

    @AfterAll
    static void close() {
        isolated.close();
    }

    private static Decision sample(String subject) {
        return Decision.of(Actor.SYSTEM, "parcel.status_changed", "parcel", subject)
                .withEstate("GIL-SIAHKAL").withParcels(List.of(Long.parseLong(subject)))
                .withTransition("AVAILABLE", "RESERVED").withReason("test")
                .withPublicDetails(Map.of("note", "سلام")).withPrivateDetails(Map.of("email", "a@b.example"));
    }

    @Test
    void manyEntriesAppendInOneStatementInOrderAndVerify() {
        long before = log.verify().entries();
        long officerId = isolated.jdbi().withHandle(h -> h.createQuery("INSERT INTO users (email, name, "
                + "password_hash, role) VALUES ('officer-' || gen_random_uuid() || '@log.test', 'O', 'x', 'OFFICER') "
                + "RETURNING id").mapTo(Long.class).one());
        var user = new Actor(java.util.Optional.of(officerId), "officer");
        Integer n = isolated.jdbi().inTransaction(h -> Integer.valueOf(log.appendAll(h, List.of(sample("11"),
                sample("12"), Decision.of(user, "idle_case.opened", "idle_case", "3")))));
        assertEquals(3, n.intValue());
        String last = isolated.jdbi().withHandle(h -> h.createQuery("SELECT subject_id || ':' || actor_role || ':' "
                + "|| coalesce(actor_id::text, '-') || ':' || array_to_string(parcel_ids, ',') FROM decision "
                + "ORDER BY seq DESC LIMIT 1").mapTo(String.class).one());
        assertEquals("3:officer:" + officerId + ":", last);
        String first = isolated.jdbi().withHandle(h -> h.createQuery("SELECT subject_id || ':' || actor_role || ':' "
                + "|| coalesce(actor_id::text, '-') || ':' || array_to_string(parcel_ids, ',') || ':' || from_state "
                + "|| ':' || (public_details->>'note') || ':' || (private_details->>'email') FROM decision "
                + "ORDER BY seq DESC OFFSET 2 LIMIT 1").mapTo(String.class).one());
        assertEquals("11:system:-:11:AVAILABLE:سلام:a@b.example", first);
        Integer none = isolated.jdbi().inTransaction(h -> Integer.valueOf(log.appendAll(h, List.of())));
        assertEquals(0, none.intValue());
        log.seal();
        DecisionLog.Verification v = log.verify();
        assertTrue(v.valid(), v.toString());
        assertEquals(before + 3, v.entries());
    }

    @Test
    void entriesAreChainedAndVerifiable() {
        long before = log.verify().entries();
        long first = log.append(sample("1"));
        long second = log.append(sample("2"));
        assertEquals(first + 1, second);
        assertEquals(2, log.seal(), "both entries are linked into the chain by the sealer");
        assertEquals(0, log.seal(), "sealing again finds nothing new");
        DecisionLog.Verification v = log.verify();
        assertTrue(v.valid(), v.toString());
        assertEquals(before + 2, v.entries());
        byte[][] hashes = isolated.jdbi().withHandle(h -> h.createQuery(
                "SELECT prev_hash, (SELECT hash FROM decision WHERE seq = :first) FROM decision WHERE seq = :second")
                .bind("first", first).bind("second", second)
                .map((rs, ctx) -> new byte[][] {rs.getBytes(1), rs.getBytes(2)}).one());
        assertTrue(java.util.Arrays.equals(hashes[0], hashes[1]), "each entry carries the previous entry's hash");
    }

    @Test
    void updatesAndDeletesAreRefused() {
        long seq = log.append(sample("3"));
        var update = assertThrows(UnableToExecuteStatementException.class, () -> isolated.jdbi().useHandle(h ->
                h.execute("UPDATE decision SET reason = 'rewritten' WHERE seq = ?", seq)));
        assertTrue(update.getMessage().contains("append-only"), update.getMessage());
        assertThrows(UnableToExecuteStatementException.class, () -> isolated.jdbi().useHandle(h ->
                h.execute("DELETE FROM decision WHERE seq = ?", seq)));
        assertThrows(UnableToExecuteStatementException.class, () -> isolated.jdbi().useHandle(h ->
                h.execute("TRUNCATE decision")));
        assertTrue(log.verify().valid());
    }

    @Test
    void aTamperedEntryIsDetected() {
        var pg = TestServer.get().postgres();
        pg.ensureDatabase("zamin_tampered");
        try (Database tampered = Database.connect(
                new Database.Connection(pg.jdbcUrl("zamin_tampered"), pg.user(), pg.password()))) {
            assertTamperingDetected(tampered, new DecisionLog(tampered.jdbi()));
        }
    }

    private static void assertTamperingDetected(Database db, DecisionLog log) {
        log.append(sample("4"));
        long target = log.append(sample("5"));
        log.append(sample("6"));
        assertTrue(log.verify().valid());
        // Someone with the owner's powers switches the guard off and rewrites history.
        db.jdbi().useHandle(h -> {
            h.execute("ALTER TABLE decision DISABLE TRIGGER decision_no_update_delete");
            h.execute("UPDATE decision SET reason = 'nothing to see' WHERE seq = ?", target);
            h.execute("ALTER TABLE decision ENABLE TRIGGER decision_no_update_delete");
        });
        DecisionLog.Verification v = log.verify();
        assertFalse(v.valid());
        assertEquals(target, v.firstBrokenSeq().orElseThrow());
        assertEquals(target - 1, v.entries(), "in an unshared log, chain positions follow seq");
        assertTrue(v.problem().orElseThrow().contains("hash"), v.toString());
    }

    @Test
    void aRemovedEntryIsDetected() {
        var pg = TestServer.get().postgres();
        pg.ensureDatabase("zamin_removed");
        try (Database db = Database.connect(
                new Database.Connection(pg.jdbcUrl("zamin_removed"), pg.user(), pg.password()))) {
            DecisionLog removed = new DecisionLog(db.jdbi());
            removed.append(sample("8"));
            long victim = removed.append(sample("9"));
            removed.append(sample("10"));
            assertTrue(removed.verify().valid());
            db.jdbi().useHandle(h -> {
                h.execute("ALTER TABLE decision DISABLE TRIGGER decision_no_update_delete");
                h.execute("DELETE FROM decision WHERE seq = ?", victim);
                h.execute("ALTER TABLE decision ENABLE TRIGGER decision_no_update_delete");
            });
            DecisionLog.Verification v = removed.verify();
            assertFalse(v.valid());
            assertTrue(v.problem().orElseThrow().contains("missing"), v.toString());
        }
    }

    @Test
    void concurrentWritersAllLandInOneUnbrokenChain() throws Exception {
        long before = log.verify().entries();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(16);
        try {
            var futures = new java.util.ArrayList<java.util.concurrent.Future<Long>>();
            for (int i = 0; i < 400; i++) {
                String subject = String.valueOf(1000 + i);
                futures.add(pool.submit(() -> log.append(sample(subject))));
            }
            for (var f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        DecisionLog.Verification v = log.verify();
        assertTrue(v.valid(), v.toString());
        assertEquals(before + 400, v.entries());
        assertEquals(0, v.pending());
    }

    @Test
    void thePublicLogShowsNoPrivateDetails() {
        var shared = new DecisionLog(TestServer.get().jdbi());
        long seq = shared.append(sample("7").withEstate("GIL-FUMAN"));
        Http.Response r = Http.get("/api/decisions?estate=GIL-FUMAN&limit=5");
        assertEquals(200, r.status());
        JsonNode first = r.json().get("decisions").get(0);
        assertEquals(seq, first.get("seq").asLong());
        assertEquals("سلام", first.get("details").get("note").asText());
        assertFalse(r.body().contains("a@b.example"), "private details stay private: " + r.body());
        JsonNode verify = Http.get("/api/decisions/verify").json();
        assertTrue(verify.get("valid").asBoolean(), verify.toString());
    }
}
