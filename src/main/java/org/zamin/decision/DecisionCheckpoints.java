package org.zamin.decision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zamin.db.SqlResource;

/**
 * Signed checkpoints of the decision log's head: signs the sealed head with the {@link LogSigningKey}, stores the
 * checkpoint in the database (to publish it) and appends it to a file outside the database, lists them, and verifies
 * the chain against every checkpoint from both places whose signature holds.
 */
public final class DecisionCheckpoints {

    /** The append-only file of checkpoints in the data directory, one JSON object a line. */
    public static final String FILE_NAME = "decision-checkpoints.jsonl";

    private static final Logger log = LoggerFactory.getLogger(DecisionCheckpoints.class);
    private static final String LOCK = SqlResource.load("decision/checkpoint_lock");
    private static final String HEAD = SqlResource.load("decision/head");
    private static final String LAST = SqlResource.load("decision/last_checkpoint");
    private static final String INSERT = SqlResource.load("decision/insert_checkpoint");
    private static final String LIST = SqlResource.load("decision/checkpoints");
    private static final String STATE = SqlResource.load("decision/state");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Jdbi jdbi;
    private final DecisionLog decisions;
    private final LogSigningKey key;
    private final Path file;

    public DecisionCheckpoints(Jdbi jdbi, DecisionLog decisions, LogSigningKey key, Path file) {
        this.jdbi = jdbi;
        this.decisions = decisions;
        this.key = key;
        this.file = file;
    }

    /** The data directory's checkpoint file. */
    public static Path fileIn(Path dataDir) {
        return dataDir.resolve(FILE_NAME);
    }

    /**
     * Seals what is waiting and signs the chain's head, unless it was signed already or the log is empty. Refuses
     * (empty, with an error in the server's log) to sign a head whose chain no longer holds the hash of this key's
     * previous checkpoint: a rewritten log is never vouched for.
     */
    public Optional<Checkpoint> checkpointNow() {
        decisions.seal();
        return jdbi.inTransaction(h -> {
            h.createQuery(LOCK).mapToMap().one();
            Optional<Checkpoint> head = h.createQuery(HEAD).map((rs, ctx) -> new Checkpoint(rs.getLong("chain_pos"),
                    rs.getLong("seq"), rs.getString("hash"), rs.getObject("signed_at", OffsetDateTime.class).toInstant(),
                    key.keyId(), "")).findOne();
            if (head.isEmpty() || !continuesLastCheckpoint(h, head.get())) {
                return Optional.<Checkpoint>empty();
            }
            Checkpoint unsigned = head.get();
            Checkpoint signed = new Checkpoint(unsigned.chainPos(), unsigned.seq(), unsigned.hash(), unsigned.signedAt(),
                    key.keyId(), Base64.getEncoder().encodeToString(key.sign(unsigned.message())));
            h.createUpdate(INSERT)
                    .bind("chainPos", signed.chainPos()).bind("seq", signed.seq()).bind("hash", signed.hash())
                    .bind("signedAt", OffsetDateTime.ofInstant(signed.signedAt(), java.time.ZoneOffset.UTC))
                    .bind("keyId", signed.keyId()).bind("signature", signed.signature())
                    .execute();
            appendToFile(signed);
            return Optional.of(signed);
        });
    }

    /** Whether {@code head} is new and the chain still holds this key's last checkpoint where it was signed. */
    private boolean continuesLastCheckpoint(Handle h, Checkpoint head) {
        var last = h.createQuery(LAST).bind("keyId", key.keyId()).mapToMap().findOne();
        if (last.isEmpty()) {
            return true;
        }
        long pos = ((Number) last.get().get("chain_pos")).longValue();
        if (!last.get().get("signed_hash").equals(last.get().get("current_hash"))) {
            log.error("the decision log no longer matches its signed checkpoint at chain position {}: not signing its"
                    + " head; run ./zamin verify-log", pos);
            return false;
        }
        return pos < head.chainPos();
    }

    private synchronized void appendToFile(Checkpoint c) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, JSON.writeValueAsString(fields(c)) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.SYNC);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the checkpoint file " + file, e);
        }
    }

    /** A checkpoint as the API and the file show it. */
    public static Map<String, Object> fields(Checkpoint c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("chainPos", c.chainPos());
        m.put("seq", c.seq());
        m.put("hash", c.hash());
        m.put("signedAt", c.signedAt().toString());
        m.put("keyId", c.keyId());
        m.put("signature", c.signature());
        return m;
    }

    /** The public key and the newest {@code limit} checkpoints, as {@code GET /api/decisions/checkpoints} answers. */
    public Map<String, Object> published(int limit) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("algorithm", "Ed25519");
        m.put("keyId", key.keyId());
        m.put("publicKey", key.publicKeyBase64());
        m.put("messageFormat", Checkpoint.MESSAGE_PREFIX + "\\n{chainPos}\\n{seq}\\n{hash}\\n{signedAt}\\n");
        m.put("checkpoints", stored(limit).stream().map(DecisionCheckpoints::fields).toList());
        return m;
    }

    private List<Checkpoint> stored(long limit) {
        return jdbi.withHandle(h -> h.createQuery(LIST).bind("limit", limit)
                .map((rs, ctx) -> new Checkpoint(rs.getLong("chain_pos"), rs.getLong("seq"), rs.getString("hash"),
                        rs.getObject("signed_at", OffsetDateTime.class).toInstant(), rs.getString("key_id"),
                        rs.getString("signature")))
                .list());
    }

    /** The stored checkpoints' count and newest id: a verdict reached before they changed is not reused. */
    public String state() {
        return jdbi.withHandle(h -> h.createQuery(STATE).mapTo(String.class).one());
    }

    /** {@link #verify(Path)} against the database's checkpoints and this server's checkpoint file. */
    public DecisionLog.Verification verify() {
        return verify(file);
    }

    /**
     * Verifies the chain against every checkpoint stored in the database or listed in {@code checkpointFile} (lines
     * as this class appends them, or a saved {@code GET /api/decisions/checkpoints} answer) that this key signed. A
     * checkpoint that claims this key but whose signature does not verify, or a line that is not a checkpoint, makes
     * the verdict fail too; checkpoints of other keys are left out.
     */
    public DecisionLog.Verification verify(Path checkpointFile) {
        Set<Checkpoint> all = new LinkedHashSet<>(stored(Long.MAX_VALUE));
        List<String> problems = new ArrayList<>();
        all.addAll(read(checkpointFile, problems));
        List<Checkpoint> trusted = new ArrayList<>();
        for (Checkpoint c : all) {
            if (!c.keyId().equals(key.keyId())) {
                continue;
            }
            if (signatureHolds(c)) {
                trusted.add(c);
            } else {
                problems.add("the checkpoint at chain position " + c.chainPos() + " is not signed by key " + c.keyId());
            }
        }
        DecisionLog.Verification v = decisions.verify(trusted);
        return v.valid() && !problems.isEmpty() ? v.failing(problems.get(0)) : v;
    }

    private boolean signatureHolds(Checkpoint c) {
        try {
            return key.verifies(c.message(), Base64.getDecoder().decode(c.signature()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The checkpoints a file lists (none if it does not exist); what cannot be read is added to {@code problems}. */
    private static List<Checkpoint> read(Path checkpointFile, List<String> problems) {
        if (checkpointFile == null || !Files.exists(checkpointFile)) {
            return List.of();
        }
        List<JsonNode> nodes = new ArrayList<>();
        try {
            String text = Files.readString(checkpointFile, StandardCharsets.UTF_8);
            JsonNode whole = text.isBlank() ? null : readOrNull(text);
            if (whole != null && whole.has("checkpoints")) {
                whole.get("checkpoints").forEach(nodes::add);
            } else {
                int line = 0;
                for (String l : text.split("\n")) {
                    line++;
                    if (l.isBlank()) {
                        continue;
                    }
                    JsonNode node = readOrNull(l);
                    if (node == null) {
                        problems.add(checkpointFile + " line " + line + " is not a checkpoint");
                    } else {
                        nodes.add(node);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the checkpoint file " + checkpointFile, e);
        }
        List<Checkpoint> out = new ArrayList<>();
        for (JsonNode n : nodes) {
            try {
                out.add(new Checkpoint(n.get("chainPos").asLong(), n.get("seq").asLong(), n.get("hash").asText(),
                        Instant.parse(n.get("signedAt").asText()), n.get("keyId").asText(), n.get("signature").asText()));
            } catch (RuntimeException e) {
                problems.add(checkpointFile + " holds an entry that is not a checkpoint: " + n);
            }
        }
        return out;
    }

    private static JsonNode readOrNull(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }
}
