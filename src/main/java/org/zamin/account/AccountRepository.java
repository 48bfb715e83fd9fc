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
    private static final String ESTATES_LIKE = SqlResource.load("account/estates_like");
    private static final String SIGNUP_USER = SqlResource.load("account/signup_user");
    private static final String USER_ID_BY_EMAIL = SqlResource.load("account/user_id_by_email");
    private static final String LIST_TOKENS = SqlResource.load("account/list_tokens");
    private static final String REVOKE_TOKEN = SqlResource.load("account/revoke_token");
    private static final String LIST_USERS = SqlResource.load("account/list_users");
    private static final String SET_DISABLED = SqlResource.load("account/set_disabled");
    private static final String SET_PASSWORD = SqlResource.load("account/set_password");
    private static final String DELETE_USER_SESSIONS = SqlResource.load("account/delete_user_sessions");
    private static final String CONFIRMATION_STATE = SqlResource.load("account/confirmation_state");
    private static final String INSERT_CONFIRMATION = SqlResource.load("account/insert_confirmation");
    private static final String USE_CONFIRMATION = SqlResource.load("account/use_confirmation");

    private final Jdbi jdbi;

    public AccountRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** A stored account with its password hash, for sign-in. */
    record StoredUser(CurrentUser user, String passwordHash) {}

    /** A user's profile as {@code GET /api/me} shows it. */
    public record Profile(long id, String email, String name, String organisation, Role role, List<String> estates) {}

    /** A personal API token as its owner sees it listed (never its secret). */
    public record TokenInfo(long id, String name, Instant createdAt, Instant expiresAt, Instant lastUsedAt) {}

    /** An account as {@code ./zamin user list} shows it. */
    public record Account(long id, String email, String name, Role role, List<String> estates, Instant createdAt,
            Instant disabledAt) {}

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

    /** Inserts a sign-up's investor in the caller's transaction; empty when the address already has an account. */
    Optional<Long> insertSignUp(Handle h, String email, String name, String organisation, String passwordHash,
            Instant now) {
        return h.createQuery(SIGNUP_USER)
                .bind("email", email).bind("name", name).bind("organisation", organisation)
                .bind("hash", passwordHash).bind("now", utc(now))
                .mapTo(Long.class).findOne();
    }

    /** The id of the account with this address, disabled or not. */
    Optional<Long> idByEmail(Handle h, String email) {
        return h.createQuery(USER_ID_BY_EMAIL).bind("email", email).mapTo(Long.class).findOne();
    }

    /** An account with this address and whether its address is confirmed. */
    record ConfirmationState(long id, boolean confirmed) {}

    Optional<ConfirmationState> confirmationState(Handle h, String email) {
        return h.createQuery(CONFIRMATION_STATE).bind("email", email)
                .map((rs, ctx) -> new ConfirmationState(rs.getLong("id"), rs.getBoolean("confirmed"))).findOne();
    }

    void insertConfirmation(Handle h, byte[] tokenHash, long userId, Instant now, Instant expires) {
        h.createUpdate(INSERT_CONFIRMATION).bind("hash", tokenHash).bind("user", userId).bind("now", utc(now))
                .bind("expires", utc(expires)).execute();
    }

    /** Uses a confirmation token and confirms its account; the account's id, empty for an unusable token. */
    Optional<Long> useConfirmation(byte[] tokenHash, Instant now) {
        return jdbi.inTransaction(h -> h.createQuery(USE_CONFIRMATION).bind("hash", tokenHash).bind("now", utc(now))
                .mapTo(Long.class).findOne());
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

    Optional<Presented> byToken(byte[] tokenHash, Instant now) {
        return jdbi.withHandle(h -> h.createQuery(USER_BY_TOKEN)
                .bind("hash", tokenHash).bind("now", utc(now))
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

    long insertToken(byte[] tokenHash, long userId, String name, Instant now, Instant expires) {
        return jdbi.withHandle(h -> h.createQuery(INSERT_TOKEN)
                .bind("hash", tokenHash).bind("user", userId).bind("name", name).bind("now", utc(now))
                .bind("expires", utc(expires))
                .mapTo(Long.class).one());
    }

    List<TokenInfo> listTokens(long userId) {
        return jdbi.withHandle(h -> h.createQuery(LIST_TOKENS)
                .bind("user", userId)
                .map((rs, ctx) -> new TokenInfo(rs.getLong("id"), rs.getString("name"), instant(rs, "created_at"),
                        instant(rs, "expires_at"), instant(rs, "last_used_at")))
                .list());
    }

    /** Revokes one of the user's tokens; false when they have no such unrevoked token. */
    boolean revokeToken(long userId, long tokenId, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate(REVOKE_TOKEN)
                .bind("user", userId).bind("id", tokenId).bind("now", utc(now)).execute()) > 0;
    }

    List<Account> listUsers() {
        return jdbi.withHandle(h -> h.createQuery(LIST_USERS)
                .map((rs, ctx) -> {
                    CurrentUser u = user(rs);
                    return new Account(u.id(), u.email(), rs.getString("name"), u.role(),
                            u.estateCodes().stream().sorted().toList(), instant(rs, "created_at"),
                            instant(rs, "disabled_at"));
                })
                .list());
    }

    /** Disables the account (at {@code at}) or, with null, enables it; the account's id, empty if none has it. */
    Optional<Long> setDisabled(String email, Instant at) {
        return jdbi.withHandle(h -> h.createQuery(SET_DISABLED)
                .bind("email", email).bindByType("disabled_at", at == null ? null : utc(at), OffsetDateTime.class)
                .mapTo(Long.class).findOne());
    }

    /** Sets a new password hash and ends the account's sessions; the account's id, empty if none has it. */
    Optional<Long> setPassword(String email, String passwordHash) {
        return jdbi.inTransaction(h -> {
            Optional<Long> id = h.createQuery(SET_PASSWORD)
                    .bind("email", email).bind("hash", passwordHash).mapTo(Long.class).findOne();
            id.ifPresent(user -> h.createUpdate(DELETE_USER_SESSIONS).bind("user", user).execute());
            return id;
        });
    }

    /** The codes of the estates whose codes match {@code pattern} (SQL LIKE), in order. */
    List<String> estatesLike(String pattern) {
        return jdbi.withHandle(h -> h.createQuery(ESTATES_LIKE).bind("pattern", pattern).mapTo(String.class).list());
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static CurrentUser user(ResultSet rs) throws SQLException {
        Array estates = rs.getArray("estates");
        Set<String> codes = estates == null ? Set.of() : Set.copyOf(Arrays.asList((String[]) estates.getArray()));
        return new CurrentUser(rs.getLong("id"), rs.getString("email"), Role.valueOf(rs.getString("role")), codes);
    }
}
