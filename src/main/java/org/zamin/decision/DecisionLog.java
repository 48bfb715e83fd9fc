package org.zamin.decision;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.zamin.db.SqlResource;

/** Appends to, reads and verifies the hash-chained decision log (the chaining itself is a database trigger). */
public final class DecisionLog {

    private static final String APPEND = SqlResource.load("decision/append");
    private static final String APPEND_MANY = SqlResource.load("decision/append_many");
    private static final String PUBLIC_LIST = SqlResource.load("decision/public_list");
    private static final String CHAIN = SqlResource.load("decision/chain");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Jdbi jdbi;
    private final Clock clock;

    public DecisionLog(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** Appends inside the caller's transaction, so the entry commits or rolls back with the change it records. */
    public long append(Handle h, Decision d) {
        return h.createQuery(APPEND)
                .bind("occurredAt", OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
                .bind("actorId", d.actor().userId().orElse(null))
                .bind("actorRole", d.actor().role())
                .bind("action", d.action())
                .bind("subjectType", d.subjectType())
                .bind("subjectId", d.subjectId())
                .bind("estateCode", d.estateCode().orElse(null))
                .bindArray("parcelIds", Long.class, d.parcelIds())
                .bind("fromState", d.fromState().orElse(null))
                .bind("toState", d.toState().orElse(null))
                .bind("reason", d.reason().orElse(null))
                .bind("publicDetails", json(d.publicDetails()))
                .bind("privateDetails", json(d.privateDetails()))
                .mapTo(Long.class)
                .one();
    }

    /**
     * Appends many entries inside the caller's transaction in one statement, in list order (a scan that opens tens
     * of thousands of cases would otherwise pay one round trip per entry). Returns how many were appended.
     */
    public int appendAll(Handle h, List<Decision> ds) {
        if (ds.isEmpty()) {
            return 0;
        }
        int n = ds.size();
        Long[] actorIds = new Long[n];
        String[][] text = new String[11][n];
        for (int i = 0; i < n; i++) {
            Decision d = ds.get(i);
            actorIds[i] = d.actor().userId().orElse(null);
            text[0][i] = d.actor().role();
            text[1][i] = d.action();
            text[2][i] = d.subjectType();
            text[3][i] = d.subjectId();
            text[4][i] = d.estateCode().orElse(null);
            text[5][i] = d.parcelIds().stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
            text[6][i] = d.fromState().orElse(null);
            text[7][i] = d.toState().orElse(null);
            text[8][i] = d.reason().orElse(null);
            text[9][i] = json(d.publicDetails());
            text[10][i] = json(d.privateDetails());
        }
        return h.createUpdate(APPEND_MANY)
                .bind("occurredAt", OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
                .bindArray("actorIds", Long.class, (Object[]) actorIds)
                .bindArray("actorRoles", String.class, (Object[]) text[0])
                .bindArray("actions", String.class, (Object[]) text[1])
                .bindArray("subjectTypes", String.class, (Object[]) text[2])
                .bindArray("subjectIds", String.class, (Object[]) text[3])
                .bindArray("estateCodes", String.class, (Object[]) text[4])
                .bindArray("parcelIds", String.class, (Object[]) text[5])
                .bindArray("fromStates", String.class, (Object[]) text[6])
                .bindArray("toStates", String.class, (Object[]) text[7])
                .bindArray("reasons", String.class, (Object[]) text[8])
                .bindArray("publicDetails", String.class, (Object[]) text[9])
                .bindArray("privateDetails", String.class, (Object[]) text[10])
                .execute();
    }

    /** Appends in a transaction of its own. */
    public long append(Decision d) {
        return jdbi.inTransaction(h -> append(h, d));
    }

    /** What anyone may filter the public log by; absent means any. */
    public record Query(Optional<String> estate, Optional<Long> parcel, Optional<String> subjectType,
            Optional<String> subjectId, Optional<Long> before, int limit) {}

    /** The public fields of matching entries, newest first, as JSON ({@code decisions}, {@code nextBefore}). */
    public String listPublic(Query q) {
        return jdbi.withHandle(h -> h.createQuery(PUBLIC_LIST)
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
        return jdbi.inTransaction(h -> h.createQuery("SELECT decision_seal()").mapTo(Integer.class).one());
    }

    /**
     * The verifier's verdict: how many sealed entries were checked, the head hash, the seq of the first broken
     * entry and what is wrong with it, and how many entries were still waiting to be sealed.
     */
    public record Verification(boolean valid, long entries, String headHash, Optional<Long> firstBrokenSeq,
            Optional<String> problem, long pending) {}

    /**
     * Seals what is waiting, then walks the whole chain, recomputing every SHA-256 here (not in the database)
     * from the canonical text and the previous hash, and checking that chain positions have no gaps.
     */
    public Verification verify() {
        seal();
        return jdbi.withHandle(h -> {
            long pending = h.createQuery("SELECT count(*) FROM decision WHERE hash IS NULL").mapTo(Long.class).one();
            MessageDigest sha256 = sha256();
            byte[] expectedPrev = new byte[32];
            long expectedPos = 1;
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
                    if (problem != null) {
                        return new Verification(false, expectedPos - 1, HexFormat.of().formatHex(expectedPrev),
                                Optional.of(seq), Optional.of(problem), pending);
                    }
                    expectedPrev = hash;
                    expectedPos++;
                }
            }
            return new Verification(true, expectedPos - 1, HexFormat.of().formatHex(expectedPrev), Optional.empty(),
                    Optional.empty(), pending);
        });
    }

    private static String json(Map<String, Object> details) {
        try {
            return JSON.writeValueAsString(details);
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
