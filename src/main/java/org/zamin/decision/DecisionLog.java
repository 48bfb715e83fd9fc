package org.zamin.decision;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.zamin.db.SqlResource;

/**
 * Appends to, reads and verifies the hash-chained decision log. Entries are written by the database function
 * {@code decision_record}, which takes their time from the transaction and their actor from the session (set here,
 * per transaction, from the {@link Actor} of the decision), and linked into the chain by {@code decision_seal}.
 */
public final class DecisionLog {

    private static final String ACT_AS = SqlResource.load("decision/act_as");
    private static final String RECORD = SqlResource.load("decision/record");
    private static final String RECORD_LEGACY = SqlResource.load("decision/record_legacy");
    private static final String SEAL = SqlResource.load("decision/seal");
    private static final String PENDING = SqlResource.load("decision/pending");
    private static final String PUBLIC_LIST = SqlResource.load("decision/public_list");
    private static final String CHAIN = SqlResource.load("decision/chain");
    private static final String HEAD = SqlResource.load("decision/head");
    private static final String SEALING_LAG = SqlResource.load("decision/sealing_lag");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REASON_KEYS = json(SystemReason.keysByText());

    private final Jdbi jdbi;

    public DecisionLog(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** How far sealing is behind: entries not yet in the chain, and the age of the oldest of them (0 when none). */
    public record SealingLag(long unsealed, double oldestAgeSeconds) {}

    /** The sealer's lag now (for metrics). */
    public SealingLag sealingLag() {
        return jdbi.withHandle(h -> h.createQuery(SEALING_LAG)
                .map((rs, ctx) -> new SealingLag(rs.getLong("unsealed"), rs.getDouble("oldest_age_seconds"))).one());
    }

    /** Appends inside the caller's transaction, so the entry commits or rolls back with the change it records. */
    public long append(Handle h, Decision d) {
        return record(h, List.of(d)).get(0);
    }

    /**
     * Appends many entries inside the caller's transaction in one statement, in list order (a scan that opens tens
     * of thousands of cases would otherwise pay one round trip per entry). Returns how many were appended.
     */
    public int appendAll(Handle h, List<Decision> ds) {
        return ds.isEmpty() ? 0 : record(h, ds).size();
    }

    /**
     * Writes the entries through {@code decision_record} (R__decision_record.sql), each run of entries by one actor
     * after telling the session who acts; answers their seq in order. Who acts is set for the transaction, so a handle
     * outside one gets a transaction of its own here (else the setting would end with its own statement).
     */
    private List<Long> record(Handle h, List<Decision> ds) {
        if (!h.isInTransaction()) {
            return h.inTransaction(t -> record(t, ds));
        }
        List<Long> seqs = new ArrayList<>(ds.size());
        int from = 0;
        while (from < ds.size()) {
            Actor actor = ds.get(from).actor();
            int to = from + 1;
            while (to < ds.size() && ds.get(to).actor().equals(actor)) {
                to++;
            }
            actAs(h, actor);
            seqs.addAll(h.createQuery(RECORD)
                    .bind("entries", json(ds.subList(from, to).stream().map(DecisionLog::entry).toList()))
                    .mapTo(Long.class)
                    .list());
            from = to;
        }
        return seqs;
    }

    /**
     * A past event migrated from the paper register: the decision it stands for and the day it happened (UTC). It is
     * appended now, recorded at the transaction's time like any entry, as a {@code legacy.imported} record whose
     * hashed public details name the event and the day ({@code event}, {@code occurredOn}).
     */
    public record Legacy(java.time.LocalDate occurredOn, Decision event) {
        public Legacy {
            java.util.Objects.requireNonNull(occurredOn, "occurredOn");
            java.util.Objects.requireNonNull(event, "event");
        }
    }

    /** The action of every legacy record; the event it stands for is in its public details. */
    public static final String LEGACY_ACTION = "legacy.imported";

    /**
     * Appends past events through the legacy import ({@code decision_record_legacy}, R__decision_legacy.sql), in list
     * order, inside the caller's transaction; the database refuses a day after today. Returns how many were appended.
     */
    public int appendLegacy(Handle h, List<Legacy> records) {
        if (records.isEmpty()) {
            return 0;
        }
        if (!h.isInTransaction()) {
            return h.inTransaction(t -> appendLegacy(t, records));
        }
        int appended = 0;
        int from = 0;
        while (from < records.size()) {
            Actor actor = records.get(from).event().actor();
            int to = from + 1;
            while (to < records.size() && records.get(to).event().actor().equals(actor)) {
                to++;
            }
            actAs(h, actor);
            appended += h.createQuery(RECORD_LEGACY)
                    .bind("entries", json(records.subList(from, to).stream().map(DecisionLog::legacyEntry).toList()))
                    .mapTo(Long.class).list().size();
            from = to;
        }
        return appended;
    }

    /** A legacy record as decision_record_legacy takes it: the event's entry under the legacy action. */
    private static Map<String, Object> legacyEntry(Legacy l) {
        Map<String, Object> e = entry(l.event());
        Map<String, Object> details = new java.util.LinkedHashMap<>(l.event().publicDetails());
        details.put("event", l.event().action());
        details.put("occurredOn", l.occurredOn().toString());
        e.put("action", LEGACY_ACTION);
        e.put("publicDetails", details);
        return e;
    }

    /** Sets who acts for the rest of the transaction (zamin.actor_id, zamin.actor_role); the database checks it. */
    private static void actAs(Handle h, Actor actor) {
        h.createQuery(ACT_AS)
                .bind("actorId", actor.userId().orElse(null))
                .bind("actorRole", actor.role())
                .mapToMap()
                .one();
    }

    /** An entry as decision_record takes it (absent parts as null); the actor and time are the database's. */
    private static Map<String, Object> entry(Decision d) {
        Map<String, Object> e = new HashMap<>();
        e.put("action", d.action());
        e.put("subjectType", d.subjectType());
        e.put("subjectId", d.subjectId());
        e.put("estateCode", d.estateCode().orElse(null));
        e.put("parcelIds", d.parcelIds());
        e.put("fromState", d.fromState().orElse(null));
        e.put("toState", d.toState().orElse(null));
        e.put("reason", d.reason().orElse(null));
        e.put("publicDetails", d.publicDetails());
        e.put("privateDetails", d.privateDetails());
        return e;
    }

    /** Appends in a transaction of its own. */
    public long append(Decision d) {
        return jdbi.inTransaction(h -> append(h, d));
    }

    /** What anyone may filter the public log by; absent means any. */
    public record Query(Optional<String> estate, Optional<Long> parcel, Optional<String> subjectType,
            Optional<String> subjectId, Optional<Long> before, int limit) {}

    /**
     * The public fields of matching entries, newest first, as JSON ({@code decisions}, {@code nextBefore}); an entry
     * whose reason the service wrote itself also carries its {@code reasonKey} (see {@link SystemReason}).
     */
    public String listPublic(Query q) {
        return jdbi.withHandle(h -> h.createQuery(PUBLIC_LIST)
                .bind("reasonKeys", REASON_KEYS)
                .bind("estate", q.estate().orElse(null))
                .bind("parcel", q.parcel().orElse(null))
                .bind("subjectType", q.subjectType().orElse(null))
                .bind("subjectId", q.subjectId().orElse(null))
                .bind("before", q.before().orElse(null))
                .bind("limit", q.limit())
                .mapTo(String.class)
                .one());
    }

    /** Links every committed, unsealed entry into the hash chain; returns how many it sealed. */
    public int seal() {
        return jdbi.inTransaction(h -> h.createQuery(SEAL).mapTo(Integer.class).one());
    }

    /** The chain's sealed head: its position and hash in hexadecimal (position 0 and zeros when nothing is sealed). */
    public record Head(long position, String hash) {}

    /**
     * Seals what is waiting inside the caller's transaction (holding the sealer's lock until it ends), then answers the
     * head: a value nobody could know before this moment (an allocation round mixes it into its lottery).
     */
    public Head sealedHead(Handle h) {
        h.createQuery(SEAL).mapTo(Integer.class).one();
        return h.createQuery(HEAD).map((rs, ctx) -> new Head(rs.getLong("chain_pos"), rs.getString("hash"))).findOne()
                .orElse(new Head(0, "00".repeat(32)));
    }

    /**
     * The verifier's verdict: how many sealed entries were checked, the head hash, the seq of the first broken
     * entry and what is wrong with it, how many entries were still waiting to be sealed, how many signed checkpoints
     * the chain was compared with and how many entries the latest of them covers.
     */
    public record Verification(boolean valid, long entries, String headHash, Optional<Long> firstBrokenSeq,
            Optional<String> problem, long pending, long checkpoints, long checkpointedEntries) {

        /** This verdict turned into a failure for {@code why} (found outside the chain walk, e.g. a bad signature). */
        Verification failing(String why) {
            return new Verification(false, entries, headHash, firstBrokenSeq, Optional.of(why), pending, checkpoints,
                    checkpointedEntries);
        }
    }

    /** {@link #verify(List)} with no signed checkpoints: the chain's own consistency only. */
    public Verification verify() {
        return verify(List.of());
    }

    /**
     * Seals what is waiting, then walks the whole chain, recomputing every SHA-256 here (not in the database)
     * from the canonical text and the previous hash, checking that chain positions have no gaps, and that the entry
     * at each signed checkpoint's position has the seq and hash the checkpoint vouches for. A chain rewritten and
     * re-hashed from some entry on is consistent in itself; it differs from every checkpoint signed after that
     * entry. The checkpoints' signatures are checked by the caller ({@link DecisionCheckpoints}).
     */
    public Verification verify(List<Checkpoint> signed) {
        seal();
        List<Checkpoint> checkpoints = signed.stream().sorted(Comparator.comparingLong(Checkpoint::chainPos)).toList();
        long covered = checkpoints.isEmpty() ? 0 : checkpoints.get(checkpoints.size() - 1).chainPos();
        return jdbi.withHandle(h -> {
            long pending = h.createQuery(PENDING).mapTo(Long.class).one();
            MessageDigest sha256 = sha256();
            byte[] expectedPrev = new byte[32];
            long expectedPos = 1;
            int nextCheckpoint = 0;
            try (var rows = h.createQuery(CHAIN).setFetchSize(1000).mapToMap().stream()) {
                for (var it = rows.iterator(); it.hasNext(); ) {
                    Map<String, Object> row = it.next();
                    long pos = ((Number) row.get("chain_pos")).longValue();
                    long seq = ((Number) row.get("seq")).longValue();
                    byte[] prev = (byte[]) row.get("prev_hash");
                    byte[] hash = (byte[]) row.get("hash");
                    String problem = null;
                    if (pos != expectedPos) {
                        problem = "chain position " + expectedPos + " is missing";
                    } else if (!Arrays.equals(prev, expectedPrev)) {
                        problem = "previous-hash link does not match the entry before it";
                    } else {
                        sha256.reset();
                        sha256.update(prev);
                        sha256.update(((String) row.get("canonical")).getBytes(StandardCharsets.UTF_8));
                        if (!Arrays.equals(sha256.digest(), hash)) {
                            problem = "content does not match its hash";
                        }
                    }
                    while (problem == null && nextCheckpoint < checkpoints.size()
                            && checkpoints.get(nextCheckpoint).chainPos() <= pos) {
                        Checkpoint c = checkpoints.get(nextCheckpoint++);
                        if (c.chainPos() != pos || c.seq() != seq || !c.hash().equals(HexFormat.of().formatHex(hash))) {
                            problem = "does not match the signed checkpoint at chain position " + pos + " (signed "
                                    + c.signedAt() + "): the log was rewritten at or before this entry";
                        }
                    }
                    if (problem != null) {
                        return new Verification(false, expectedPos - 1, HexFormat.of().formatHex(expectedPrev),
                                Optional.of(seq), Optional.of(problem), pending, nextCheckpoint, covered);
                    }
                    expectedPrev = hash;
                    expectedPos++;
                }
            }
            if (nextCheckpoint < checkpoints.size()) {
                Checkpoint c = checkpoints.get(nextCheckpoint);
                return new Verification(false, expectedPos - 1, HexFormat.of().formatHex(expectedPrev),
                        Optional.of(c.seq()), Optional.of("the chain ends at position " + (expectedPos - 1)
                                + ", before the signed checkpoint at position " + c.chainPos()
                                + ": entries were removed"), pending, nextCheckpoint, covered);
            }
            return new Verification(true, expectedPos - 1, HexFormat.of().formatHex(expectedPrev), Optional.empty(),
                    Optional.empty(), pending, checkpoints.size(), covered);
        });
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("details are not serialisable as JSON", e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
