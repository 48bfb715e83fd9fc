package org.zamin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.zamin.App;
import org.zamin.config.Settings;
import org.zamin.db.Database;
import org.zamin.db.EmbeddedPostgres;
import org.zamin.decision.Actor;
import org.zamin.decision.Decision;
import org.zamin.decision.DecisionCheckpoints;
import org.zamin.decision.DecisionLog;
import org.zamin.decision.LogSigningKey;
import org.zamin.testing.Http;
import org.zamin.testing.TestServer;

/**
 * Signed checkpoints catch what the hash chain alone cannot: the database's superuser rewrites an entry and
 * recomputes the whole chain in SQL, and {@code ./zamin verify-log} and {@code GET /api/decisions/verify} report
 * the mismatch with the checkpoints signed before, while an untouched log passes. The log is a database and a server
 * of its own (same cluster), so the shared log stays intact for the other tests.
 */
class VerifyLogTest {

    private static final Path DATA_DIR = Path.of("target", "verify-log-test").toAbsolutePath();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private static Settings settings;
    private static App app;
    private static Jdbi superuser;

    @BeforeAll
    static void startAServerOverALogOfItsOwn() throws IOException {
        deleteTree(DATA_DIR);
        EmbeddedPostgres pg = TestServer.get().postgres();
        pg.ensureDatabase("zamin_checkpoints");
        String at = "@127.0.0.1:" + pg.port() + "/zamin_checkpoints";
        settings = Settings.fromEnvironment(Map.of(
                "ZAMIN_PORT", "0",
                "ZAMIN_DATA_DIR", DATA_DIR.toString(),
                "ZAMIN_DEMO", "false",
                "DATABASE_URL", "postgresql://" + pg.appUser() + ":" + pg.appPassword() + at,
                "DATABASE_OWNER_URL", "postgresql://" + pg.user() + ":" + pg.password() + at));
        app = App.start(settings, Database.open(settings), true);
        superuser = Jdbi.create(pg.jdbcUrl("zamin_checkpoints"), pg.user(), pg.password());
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void aChainRewrittenAndRehashedBySuperuserIsCaughtByTheSignedCheckpoints() throws Exception {
        DecisionLog log = new DecisionLog(app.database().jdbi());
        long first = log.append(entry("1"));
        long target = log.append(entry("2"));
        log.append(entry("3"));
        var signed = app.checkpointLog().orElseThrow();
        assertTrue(app.checkpointLog().isEmpty(), "an unchanged head is not signed twice");

        // The key was made at first start, readable by its owner alone; the checkpoint went to the file too.
        Path keyFile = DATA_DIR.resolve(LogSigningKey.FILE_NAME);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
        assertTrue(Files.readString(DecisionCheckpoints.fileIn(DATA_DIR)).contains(signed.signature()));

        // Untouched: everything verifies, against the checkpoint.
        assertEquals(0, verifyLog(Optional.empty()).status(), "an untouched log passes");
        JsonNode published = get("/api/decisions/checkpoints");
        assertSignedByThePublishedKey(published);
        Path saved = DATA_DIR.resolve("saved-checkpoints.json");
        Files.writeString(saved, published.toString());
        JsonNode verdict = get("/api/decisions/verify");
        assertTrue(verdict.get("valid").asBoolean(), verdict.toString());
        assertEquals(1, verdict.get("checkpoints").asInt(), verdict.toString());
        assertEquals(signed.chainPos(), verdict.get("checkpointedEntries").asLong());

        log.append(entry("4"));
        var second = app.checkpointLog().orElseThrow();
        assertEquals(signed.chainPos() + 1, second.chainPos());

        // The superuser rewrites entry 2 and recomputes every hash from there on, in SQL.
        rewriteAndRehash(target);
        assertTrue(log.verify().valid(), "the rewritten chain is consistent in itself: the chain alone is fooled");

        VerifyRun cli = verifyLog(Optional.empty());
        assertEquals(1, cli.status(), cli.output());
        assertTrue(cli.output().contains("signed checkpoint at chain position " + signed.chainPos()), cli.output());
        verdict = get("/api/decisions/verify");
        assertFalse(verdict.get("valid").asBoolean(), verdict.toString());
        assertTrue(verdict.get("problem").asText().contains("signed checkpoint"), verdict.toString());
        assertEquals(signed.seq(), verdict.get("firstBrokenSeq").asLong());

        // A rewritten log is never signed.
        log.append(entry("5"));
        assertTrue(app.checkpointLog().isEmpty(), "the server refuses to vouch for a head after a rewrite");

        // Removing the checkpoints from the database does not help: the file outside it, and a saved copy of the
        // published list, still hold them.
        superuser.useHandle(h -> {
            h.execute("ALTER TABLE decision_checkpoint DISABLE TRIGGER decision_checkpoint_no_update_delete");
            h.execute("DELETE FROM decision_checkpoint");
            h.execute("ALTER TABLE decision_checkpoint ENABLE TRIGGER decision_checkpoint_no_update_delete");
        });
        cli = verifyLog(Optional.empty());
        assertEquals(1, cli.status(), cli.output());
        assertTrue(cli.output().contains("signed checkpoint"), cli.output());
        cli = verifyLog(Optional.of(saved));
        assertEquals(1, cli.status(), cli.output());
        verdict = get("/api/decisions/verify");
        assertFalse(verdict.get("valid").asBoolean(), "the server checks its own file: " + verdict);
    }

    @Test
    void aForgedCheckpointInTheDatabaseFailsVerification() {
        var pg = TestServer.get().postgres();
        pg.ensureDatabase("zamin_forged_checkpoint");
        Path dir = DATA_DIR.resolve("forged");
        String at = "@127.0.0.1:" + pg.port() + "/zamin_forged_checkpoint";
        Settings own = Settings.fromEnvironment(Map.of(
                "ZAMIN_DATA_DIR", dir.toString(),
                "DATABASE_URL", "postgresql://" + pg.appUser() + ":" + pg.appPassword() + at,
                "DATABASE_OWNER_URL", "postgresql://" + pg.user() + ":" + pg.password() + at));
        try (Database db = Database.open(own)) {
            DecisionLog log = new DecisionLog(db.jdbi());
            log.append(entry("f1"));
            log.seal();
            var quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
            assertEquals(0, ZaminCommand.VerifyLog.verify(own, Optional.empty(), quiet));
            String keyId = LogSigningKey.load(Optional.empty(), dir).keyId();
            // The service's role may add a checkpoint row, but cannot sign one.
            db.jdbi().useHandle(h -> h.createUpdate("INSERT INTO decision_checkpoint (chain_pos, seq, head_hash, "
                    + "signed_at, key_id, signature) SELECT chain_pos, seq, hash, now(), :keyId, "
                    + "decode(repeat('00', 64), 'hex') FROM decision WHERE chain_pos IS NOT NULL "
                    + "ORDER BY chain_pos DESC LIMIT 1").bind("keyId", keyId).execute());
            var out = new ByteArrayOutputStream();
            var printed = new PrintStream(out, true, StandardCharsets.UTF_8);
            assertEquals(1, ZaminCommand.VerifyLog.verify(own, Optional.empty(), printed));
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("is not signed by key"), out.toString());
        }
    }

    private static Decision entry(String subject) {
        return Decision.of(Actor.SYSTEM, "parcel.status_changed", "parcel", subject)
                .withTransition("AVAILABLE", "RESERVED").withReason("checkpoint test");
    }

    /** What a superuser can do in SQL: change an entry, then unseal it and everything after it and seal them again. */
    private static void rewriteAndRehash(long seq) {
        superuser.useHandle(h -> {
            h.execute("ALTER TABLE decision DISABLE TRIGGER decision_no_update_delete");
            h.execute("UPDATE decision SET reason = CASE WHEN seq = ? THEN 'nothing to see' ELSE reason END, "
                    + "chain_pos = NULL, prev_hash = NULL, hash = NULL "
                    + "WHERE chain_pos >= (SELECT chain_pos FROM decision WHERE seq = ?)", seq, seq);
            h.execute("ALTER TABLE decision ENABLE TRIGGER decision_no_update_delete");
            h.createQuery("SELECT decision_seal()").mapTo(Integer.class).one();
        });
    }

    private static void assertSignedByThePublishedKey(JsonNode published) throws Exception {
        assertEquals("Ed25519", published.get("algorithm").asText());
        var key = KeyFactory.getInstance("Ed25519").generatePublic(
                new X509EncodedKeySpec(Base64.getDecoder().decode(published.get("publicKey").asText())));
        JsonNode c = published.get("checkpoints").get(0);
        String message = "zamin decision-log checkpoint v1\n" + c.get("chainPos").asLong() + "\n"
                + c.get("seq").asLong() + "\n" + c.get("hash").asText() + "\n" + c.get("signedAt").asText() + "\n";
        Signature s = Signature.getInstance("Ed25519");
        s.initVerify(key);
        s.update(message.getBytes(StandardCharsets.UTF_8));
        assertTrue(s.verify(Base64.getDecoder().decode(c.get("signature").asText())), "anyone can check: " + c);
    }

    private record VerifyRun(int status, String output) {}

    private static VerifyRun verifyLog(Optional<Path> checkpoints) {
        var out = new ByteArrayOutputStream();
        var printed = new PrintStream(out, true, StandardCharsets.UTF_8);
        int status = ZaminCommand.VerifyLog.verify(settings, checkpoints, printed);
        return new VerifyRun(status, out.toString(StandardCharsets.UTF_8));
    }

    private static JsonNode get(String path) throws IOException, InterruptedException {
        var response = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return Http.JSON.readTree(response.body());
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
