package org.zamin.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.zamin.domain.Conflict;
import org.zamin.domain.Invalid;
import org.zamin.domain.NotSignedIn;
import org.zamin.domain.Text;

/** Accounts: sign-up, staff accounts, sign-in and sign-out, personal API tokens. */
public final class AccountService {

    /** How long a browser session lasts from sign-in. */
    public static final Duration SESSION_LIFETIME = Duration.ofDays(7);
    private static final String TOKEN_PREFIX = "zmn_";

    private final Jdbi jdbi;
    private final AccountRepository accounts;
    private final Clock clock;

    public AccountService(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.accounts = new AccountRepository(jdbi);
        this.clock = clock;
    }

    /** A new browser session: the cookie value (shown once, stored hashed) and its CSRF token. */
    public record Session(String id, String csrfToken, CurrentUser user, Instant expires) {}

    /** A new API token: the secret (shown once, stored hashed) and its record. */
    public record NewToken(long id, String name, String token, Instant createdAt) {}

    /** Creates an account; {@code estateCodes} only for officers. 409 {@code email_taken}, 422 for bad content. */
    public long createUser(String email, String name, String organisation, String password, Role role,
            List<String> estateCodes) {
        String normalEmail = validEmail(email);
        String problem = Passwords.problem(password);
        if (problem != null) {
            throw new Invalid("weak_password", problem);
        }
        String fullName = Text.required(name, Text.Kind.LINE, Text.NAME_MAX, "invalid_name", "name");
        String org = Text.optional(organisation, Text.Kind.LINE, Text.NAME_MAX, "invalid_organisation",
                "organisation");
        if (role != Role.OFFICER && !estateCodes.isEmpty()) {
            throw new Invalid("invalid_estates", "only officers are scoped to estates");
        }
        String hash = Passwords.hash(password);
        return jdbi.inTransaction(h -> {
            if (accounts.emailExists(h, normalEmail)) {
                throw new Conflict("email_taken", "an account with this email address already exists");
            }
            List<String> unknown = accounts.unknownEstates(h, estateCodes);
            if (!unknown.isEmpty()) {
                throw new Invalid("unknown_estate", "no estate with code " + String.join(", ", unknown));
            }
            long id = accounts.insertUser(h, normalEmail, fullName, org, hash, role, clock.instant());
            accounts.linkEstates(h, id, estateCodes);
            return id;
        });
    }

    /** True when an account with this address exists. */
    public boolean exists(String email) {
        return jdbi.withHandle(h -> accounts.emailExists(h, email));
    }

    /**
     * Checks the password and opens a session. Unknown address and wrong password fail alike (401
     * {@code invalid_credentials}) after the same work: an unknown address is checked against a dummy hash.
     */
    public Session login(String email, String password) {
        if (email == null || password == null || password.length() > Passwords.MAX_LENGTH
                || Text.problem(email, Text.Kind.LINE, Text.EMAIL_MAX).isPresent()) {
            Passwords.verify("", null);
            throw invalidCredentials();
        }
        var stored = accounts.findByEmail(email.strip());
        boolean ok = Passwords.verify(password, stored.map(AccountRepository.StoredUser::passwordHash).orElse(null));
        if (!ok || stored.isEmpty()) {
            throw invalidCredentials();
        }
        return openSession(stored.get().user());
    }

    Session openSession(CurrentUser user) {
        String id = Secrets.random();
        String csrf = Secrets.random();
        Instant now = clock.instant();
        Instant expires = now.plus(SESSION_LIFETIME);
        accounts.insertSession(Secrets.sha256(id), user.id(), csrf, now, expires);
        if (Math.floorMod(id.hashCode(), 100) == 0) {
            accounts.deleteExpiredSessions(now); // now and then, not on every sign-in
        }
        return new Session(id, csrf, user, expires);
    }

    /** Ends the session with this cookie value, if it exists. */
    public void endSession(String sessionId) {
        accounts.deleteSession(Secrets.sha256(sessionId));
    }

    public NewToken createToken(CurrentUser user, String name) {
        String given = Text.optional(name, Text.Kind.LINE, Text.TOKEN_NAME_MAX, "invalid_token_name", "a token name");
        String label = given.isEmpty() ? "API token" : given;
        String token = TOKEN_PREFIX + Secrets.random();
        Instant now = clock.instant();
        long id = accounts.insertToken(Secrets.sha256(token), user.id(), label, now);
        return new NewToken(id, label, token, now);
    }

    public Optional<AccountRepository.Profile> profile(long userId) {
        return accounts.profile(userId);
    }

    AccountRepository repository() {
        return accounts;
    }

    Clock clock() {
        return clock;
    }

    static String validEmail(String email) {
        String e = email == null ? "" : email.strip();
        if (Text.problem(e, Text.Kind.LINE, Text.EMAIL_MAX).isPresent() || !e.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw new Invalid("invalid_email", "not a valid email address");
        }
        return e.toLowerCase(Locale.ROOT);
    }

    private static NotSignedIn invalidCredentials() {
        return new NotSignedIn("invalid_credentials", "wrong email address or password");
    }
}
