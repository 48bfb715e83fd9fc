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
import org.zamin.db.SqlResource;

/** The account queries: users, officers' estates, sessions and API tokens (secrets only ever as hashes). */
public final class AccountRepository {

    private static final String USER_BY_EMAIL = SqlResource.load("account/user_by_email");
    private static final String INSERT_USER = SqlResource.load("account/insert_user");
    private static final String UNKNOWN_ESTATES = SqlResource.load("account/unknown_estates");
    private static final String LINK_ESTATES = SqlResource.load("account/link_estates");
    private static final String EMAIL_EXISTS = SqlResource.load("account/email_exists");
    private static final String PROFILE = SqlResource.load("account/profile");
    private static final String INSERT_SESSION = SqlResource.load("account/insert_session");
    private static final String DELETE_SESSION = SqlResource.load("account/delete_session");
    private static final String DELETE_EXPIRED_SESSIONS = SqlResource.load("account/delete_expired_sessions");
    private static final String USER_BY_SESSION = SqlResource.load("account/user_by_session");
    private static final String USER_BY_TOKEN = SqlResource.load("account/user_by_token");
    private static final String TOUCH_TOKEN = SqlResource.load("account/touch_token");
    private static final String INSERT_TOKEN = SqlResource.load("account/insert_token");
    private static final String DEMO_OFFICER_ESTATES = SqlResource.load("account/demo_officer_estates");

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
        return jdbi.withHandle(h -> h.createQuery(USER_BY_EMAIL)
                .bind("email", email)
                .map((rs, ctx) -> new StoredUser(user(rs), rs.getString("password_hash")))
                .findOne());
    }

    /** Inserts a user (and an officer's estates) in the caller's transaction; returns its id. */
    long insertUser(Handle h, String email, String name, String organisation, String passwordHash, Role role,
            Instant now) {
        return h.createQuery(INSERT_USER)
                .bind("email", email).bind("name", name).bind("organisation", organisation)
                .bind("hash", passwordHash).bind("role", role.name()).bind("now", utc(now))
                .mapTo(Long.class).one();
    }

    /** Links an officer to estates; returns the codes that name no estate (nothing is linked then). */
    List<String> unknownEstates(Handle h, List<String> codes) {
        return h.createQuery(UNKNOWN_ESTATES)
                .bindArray("codes", String.class, codes).mapTo(String.class).list();
    }

    void linkEstates(Handle h, long userId, List<String> codes) {
        h.createUpdate(LINK_ESTATES)
                .bind("user", userId).bindArray("codes", String.class, codes).execute();
    }

    boolean emailExists(Handle h, String email) {
        return h.createQuery(EMAIL_EXISTS)
                .bind("email", email).mapTo(Boolean.class).one();
    }

    Optional<Profile> profile(long userId) {
        return jdbi.withHandle(h -> h.createQuery(PROFILE)
                .bind("id", userId)
                .map((rs, ctx) -> {
                    CurrentUser u = user(rs);
                    return new Profile(u.id(), u.email(), rs.getString("name"), rs.getString("organisation"), u.role(),
                            u.estateCodes().stream().sorted().toList());
                })
                .findOne());
    }

    void insertSession(byte[] idHash, long userId, String csrfToken, Instant now, Instant expires) {
        jdbi.useHandle(h -> h.createUpdate(INSERT_SESSION)
                .bind("hash", idHash).bind("user", userId).bind("now", utc(now)).bind("expires", utc(expires))
                .bind("csrf", csrfToken).execute());
    }

    void deleteSession(byte[] idHash) {
        jdbi.useHandle(h -> h.createUpdate(DELETE_SESSION)
                .bind("hash", idHash).execute());
    }

    int deleteExpiredSessions(Instant now) {
        return jdbi.withHandle(h -> h.createUpdate(DELETE_EXPIRED_SESSIONS)
                .bind("now", utc(now)).execute());
    }

    Optional<Presented> bySession(byte[] idHash, Instant now) {
        return jdbi.withHandle(h -> h.createQuery(USER_BY_SESSION)
                .bind("hash", idHash).bind("now", utc(now))
                .map((rs, ctx) -> new Presented(user(rs), rs.getString("csrf_token"), null, null))
                .findOne());
    }

    Optional<Presented> byToken(byte[] tokenHash) {
        return jdbi.withHandle(h -> h.createQuery(USER_BY_TOKEN)
                .bind("hash", tokenHash)
                .map((rs, ctx) -> {
                    var lastUsed = rs.getObject("last_used_at", OffsetDateTime.class);
                    return new Presented(user(rs), null, rs.getLong("token_id"),
                            lastUsed == null ? null : lastUsed.toInstant());
                })
                .findOne());
    }

    void touchToken(long tokenId, Instant now) {
        jdbi.useHandle(h -> h.createUpdate(TOUCH_TOKEN)
                .bind("id", tokenId).bind("now", utc(now)).execute());
    }

    long insertToken(byte[] tokenHash, long userId, String name, Instant now) {
        return jdbi.withHandle(h -> h.createQuery(INSERT_TOKEN)
                .bind("hash", tokenHash).bind("user", userId).bind("name", name).bind("now", utc(now))
                .mapTo(Long.class).one());
    }

    /** The estates the demo officer manages. */
    List<String> demoOfficerEstates() {
        return jdbi.withHandle(h -> h.createQuery(DEMO_OFFICER_ESTATES).mapTo(String.class).list());
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
