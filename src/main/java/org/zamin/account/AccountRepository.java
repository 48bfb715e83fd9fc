package org.zamin.account;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** The account queries: users, officers' estates, sessions and API tokens (secrets only ever as hashes). */
public final class AccountRepository {

    private static final String USER_COLUMNS = """
            u.id, u.email, u.role,
            ARRAY(SELECT e.code FROM officer_estate oe JOIN estate e ON e.id = oe.estate_id
                   WHERE oe.user_id = u.id ORDER BY e.code) AS estates""";

    private final Jdbi jdbi;

    public AccountRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** A stored account with its password hash, for sign-in. */
    record StoredUser(CurrentUser user, String passwordHash) {}

    /** A user's profile as {@code GET /api/me} shows it. */
    public record Profile(long id, String email, String name, String organisation, Role role, List<String> estates) {}

    /** The session or token a request presented, resolved. */
    record Presented(CurrentUser user, String csrfToken, Long tokenId, Instant lastUsed) {}

    Optional<StoredUser> findByEmail(String email) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + USER_COLUMNS + ", u.password_hash FROM users u "
                        + "WHERE lower(u.email) = lower(:email)")
                .bind("email", email)
                .map((rs, ctx) -> new StoredUser(user(rs), rs.getString("password_hash")))
                .findOne());
    }

    /** Inserts a user (and an officer's estates) in the caller's transaction; returns its id. */
    long insertUser(Handle h, String email, String name, String organisation, String passwordHash, Role role,
            Instant now) {
        return h.createQuery("""
                INSERT INTO users (email, name, organisation, password_hash, role, created_at)
                VALUES (:email, :name, :organisation, :hash, :role, :now) RETURNING id""")
                .bind("email", email).bind("name", name).bind("organisation", organisation)
                .bind("hash", passwordHash).bind("role", role.name()).bind("now", utc(now))
                .mapTo(Long.class).one();
    }

    /** Links an officer to estates; returns the codes that name no estate (nothing is linked then). */
    List<String> unknownEstates(Handle h, List<String> codes) {
        return h.createQuery("SELECT c FROM unnest(CAST(:codes AS text[])) c WHERE NOT EXISTS "
                        + "(SELECT 1 FROM estate e WHERE e.code = c) ORDER BY c")
                .bindArray("codes", String.class, codes).mapTo(String.class).list();
    }

    void linkEstates(Handle h, long userId, List<String> codes) {
        h.createUpdate("INSERT INTO officer_estate (user_id, estate_id) SELECT :user, e.id FROM estate e "
                        + "WHERE e.code = ANY(CAST(:codes AS text[])) ON CONFLICT DO NOTHING")
                .bind("user", userId).bindArray("codes", String.class, codes).execute();
    }

    boolean emailExists(Handle h, String email) {
        return h.createQuery("SELECT EXISTS (SELECT 1 FROM users WHERE lower(email) = lower(:email))")
                .bind("email", email).mapTo(Boolean.class).one();
    }

    Optional<Profile> profile(long userId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + USER_COLUMNS + ", u.name, u.organisation FROM users u "
                        + "WHERE u.id = :id")
                .bind("id", userId)
                .map((rs, ctx) -> {
                    CurrentUser u = user(rs);
                    return new Profile(u.id(), u.email(), rs.getString("name"), rs.getString("organisation"), u.role(),
                            u.estateCodes().stream().sorted().toList());
                })
                .findOne());
    }

    void insertSession(byte[] idHash, long userId, String csrfToken, Instant now, Instant expires) {
        jdbi.useHandle(h -> h.createUpdate("""
                INSERT INTO user_session (id_hash, user_id, created_at, expires_at, csrf_token)
                VALUES (:hash, :user, :now, :expires, :csrf)""")
                .bind("hash", idHash).bind("user", userId).bind("now", utc(now)).bind("expires", utc(expires))
                .bind("csrf", csrfToken).execute());
    }

    void deleteSession(byte[] idHash) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM user_session WHERE id_hash = :hash")
                .bind("hash", idHash).execute());
    }

    int deleteExpiredSessions(Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM user_session WHERE expires_at <= :now")
                .bind("now", utc(now)).execute());
    }

    Optional<Presented> bySession(byte[] idHash, Instant now) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + USER_COLUMNS + ", s.csrf_token FROM user_session s "
                        + "JOIN users u ON u.id = s.user_id WHERE s.id_hash = :hash AND s.expires_at > :now")
                .bind("hash", idHash).bind("now", utc(now))
                .map((rs, ctx) -> new Presented(user(rs), rs.getString("csrf_token"), null, null))
                .findOne());
    }

    Optional<Presented> byToken(byte[] tokenHash) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + USER_COLUMNS + ", t.id AS token_id, t.last_used_at "
                        + "FROM api_token t JOIN users u ON u.id = t.user_id "
                        + "WHERE t.token_hash = :hash AND t.revoked_at IS NULL")
                .bind("hash", tokenHash)
                .map((rs, ctx) -> {
                    var lastUsed = rs.getObject("last_used_at", OffsetDateTime.class);
                    return new Presented(user(rs), null, rs.getLong("token_id"),
                            lastUsed == null ? null : lastUsed.toInstant());
                })
                .findOne());
    }

    void touchToken(long tokenId, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE api_token SET last_used_at = :now WHERE id = :id")
                .bind("id", tokenId).bind("now", utc(now)).execute());
    }

    long insertToken(byte[] tokenHash, long userId, String name, Instant now) {
        return jdbi.withHandle(h -> h.createQuery("""
                INSERT INTO api_token (token_hash, user_id, name, created_at) VALUES (:hash, :user, :name, :now)
                RETURNING id""")
                .bind("hash", tokenHash).bind("user", userId).bind("name", name).bind("now", utc(now))
                .mapTo(Long.class).one());
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static CurrentUser user(ResultSet rs) throws SQLException {
        Array estates = rs.getArray("estates");
        Set<String> codes = estates == null ? Set.of() : Set.copyOf(Arrays.asList((String[]) estates.getArray()));
        return new CurrentUser(rs.getLong("id"), rs.getString("email"), Role.valueOf(rs.getString("role")), codes);
    }
}
