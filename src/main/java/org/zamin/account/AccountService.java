package org.zamin.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.zamin.domain.Conflict;
import org.zamin.domain.Invalid;
import org.zamin.domain.NotFound;
import org.zamin.domain.NotSignedIn;
import org.zamin.domain.Text;
import org.zamin.inbox.Message;
import org.zamin.inbox.Notifier;

/** Accounts: sign-up, staff accounts, sign-in and sign-out, personal API tokens. */
public final class AccountService {

    /** How long a browser session lasts from sign-in. */
    public static final Duration SESSION_LIFETIME = Duration.ofDays(7);
    /** How long an API token lasts when its creator does not say. */
    public static final int DEFAULT_TOKEN_DAYS = 90;
    /** The longest an API token may last (the database refuses more than a year). */
    public static final int MAX_TOKEN_DAYS = 365;
    private static final String TOKEN_PREFIX = "zmn_";
    /** How long an address-confirmation link works. */
    public static final Duration CONFIRMATION_LIFETIME = Duration.ofHours(48);
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AccountService.class);

    private final Jdbi jdbi;
    private final AccountRepository accounts;
    private final Notifier notifier;
    private final Clock clock;
    private final String linkBase;

    /** Without mail: sign-up notices go to the in-app inbox only (the CLI, tests). */
    public AccountService(Jdbi jdbi, Clock clock) {
        this(jdbi, clock, new Notifier(Optional.empty(), clock));
    }

    public AccountService(Jdbi jdbi, Clock clock, Notifier notifier) {
        this(jdbi, clock, notifier, "");
    }

    /** {@code linkBase}: the service's public address, which confirmation links start with ({@code ZAMIN_PUBLIC_URL}). */
    public AccountService(Jdbi jdbi, Clock clock, Notifier notifier, String linkBase) {
        this.linkBase = linkBase.endsWith("/") ? linkBase.substring(0, linkBase.length() - 1) : linkBase;
        this.jdbi = jdbi;
        this.accounts = new AccountRepository(jdbi);
        this.notifier = notifier;
        this.clock = clock;
    }

    /** A new browser session: the cookie value (shown once, stored hashed) and its CSRF token. */
    public record Session(String id, String csrfToken, CurrentUser user, Instant expires) {}

    /** A new API token: the secret (shown once, stored hashed) and its record. */
    public record NewToken(long id, String name, String token, Instant createdAt, Instant expiresAt) {}

    /**
     * Sign-up of a new investor, answered alike whether or not the address already has an account (the caller
     * learns nothing): a new address gets its account, unconfirmed, and a mail with a single-use link that confirms
     * it (no sign-in before that, so sign-in cannot tell a taken address either); an address whose account is still
     * unconfirmed gets a new link; a confirmed one is told, in that account's inbox and mail, that someone tried to
     * sign up with it. Every path costs one Argon2id hash. 422 for bad content (which says nothing about the
     * address's account).
     */
    public void signUp(String email, String name, String organisation, String password) {
        String normalEmail = validEmail(email);
        Names names = checkNewAccount(password, name, organisation);
        String hash = Passwords.hash(password);
        jdbi.useTransaction(h -> {
            Optional<Long> created = accounts.insertSignUp(h, normalEmail, names.name(), names.organisation(), hash,
                    clock.instant());
            if (created.isPresent()) {
                sendConfirmation(h, created.get(), normalEmail);
                return;
            }
            var existing = accounts.confirmationState(h, normalEmail);
            if (existing.isPresent() && !existing.get().confirmed()) {
                sendConfirmation(h, existing.get().id(), normalEmail);
            } else {
                existing.ifPresent(account -> notifier.notify(h, account.id(), "signup_existing",
                        Message.of("notice.signupExisting", Map.of("email", normalEmail)), "#/"));
            }
        });
    }

    /** A new single-use confirmation link, mailed to the address only (never to the inbox: it is a secret). */
    private void sendConfirmation(org.jdbi.v3.core.Handle h, long userId, String email) {
        String token = Secrets.random();
        Instant now = clock.instant();
        accounts.insertConfirmation(h, Secrets.sha256(token), userId, now, now.plus(CONFIRMATION_LIFETIME));
        String link = linkBase + "/#/confirm?token=" + token;
        boolean mailed = notifier.mailOnly(h, userId, Message.of("notice.confirmAddress",
                Map.of("hours", CONFIRMATION_LIFETIME.toHours(), "email", email, "link", link)));
        if (!mailed) {
            log.info("no SMTP server (ZAMIN_SMTP_URL): the confirmation link for {} is {}", email, link);
        }
    }

    /** Confirms an address through its link's token: once, before it expires; 422 {@code confirmation_invalid}. */
    public void confirm(String token) {
        if (token == null || token.isBlank() || token.length() > 200) {
            throw invalidConfirmation();
        }
        accounts.useConfirmation(Secrets.sha256(token.strip()), clock.instant())
                .orElseThrow(AccountService::invalidConfirmation);
    }

    private static Invalid invalidConfirmation() {
        return new Invalid("confirmation_invalid",
                "this confirmation link is unknown, used or expired; sign up again to get a new one");
    }

    /** Creates an account; {@code estateCodes} only for officers. 409 {@code email_taken}, 422 for bad content. */
    public long createUser(String email, String name, String organisation, String password, Role role,
            List<String> estateCodes) {
        String normalEmail = validEmail(email);
        Names names = checkNewAccount(password, name, organisation);
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
            long id = accounts.insertUser(h, normalEmail, names.name(), names.organisation(), hash, role, clock.instant());
            accounts.linkEstates(h, id, estateCodes);
            return id;
        });
    }

    /** A new account's name and organisation, checked (and the password's strength). */
    private record Names(String name, String organisation) {}

    private static Names checkNewAccount(String password, String name, String organisation) {
        String problem = Passwords.problem(password);
        if (problem != null) {
            throw new Invalid("weak_password", problem);
        }
        return new Names(Text.required(name, Text.Kind.LINE, Text.NAME_MAX, "invalid_name", "name"),
                Text.optional(organisation, Text.Kind.LINE, Text.NAME_MAX, "invalid_organisation", "organisation"));
    }

    /** True when an account with this address exists. */
    public boolean exists(String email) {
        return jdbi.withHandle(h -> accounts.emailExists(h, email));
    }

    /**
     * Checks the password and opens a session. Unknown address, unconfirmed address and wrong password fail alike
     * (401 {@code invalid_credentials}, the same body) after the same work: an account that is not found (unknown,
     * unconfirmed or disabled) is checked against a dummy hash.
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

    private Session openSession(CurrentUser user) {
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

    /**
     * A new API token for {@code user}, lasting {@code days} (a whole number, Persian digits too; default
     * {@value #DEFAULT_TOKEN_DAYS}, at most {@value #MAX_TOKEN_DAYS}).
     */
    public NewToken createToken(CurrentUser user, String name, String days) {
        String given = Text.optional(name, Text.Kind.LINE, Text.TOKEN_NAME_MAX, "invalid_token_name", "a token name");
        String label = given.isEmpty() ? "API token" : given;
        int lifetime = tokenDays(days);
        String token = TOKEN_PREFIX + Secrets.random();
        Instant now = clock.instant();
        Instant expires = now.plus(Duration.ofDays(lifetime));
        long id = accounts.insertToken(Secrets.sha256(token), user.id(), label, now, expires);
        return new NewToken(id, label, token, now, expires);
    }

    private static int tokenDays(String days) {
        if (days == null || days.isBlank()) {
            return DEFAULT_TOKEN_DAYS;
        }
        try {
            int lifetime = Integer.parseInt(days.strip()); // Character.digit reads Persian and Arabic-Indic digits
            if (lifetime >= 1 && lifetime <= MAX_TOKEN_DAYS) {
                return lifetime;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new Invalid("invalid_expiry", "a token lasts a whole number of days, 1 to " + MAX_TOKEN_DAYS + " days");
    }

    /** The user's unrevoked tokens, expired ones included (never their secrets). */
    public List<AccountRepository.TokenInfo> tokens(CurrentUser user) {
        return accounts.listTokens(user.id());
    }

    /** Revokes one of the user's own tokens at once; 404 when they have no such token. */
    public void revokeToken(CurrentUser user, long tokenId) {
        if (!accounts.revokeToken(user.id(), tokenId, clock.instant())) {
            throw new NotFound("token");
        }
    }

    /** Every account, for administrators ({@code ./zamin user list}). */
    public List<AccountRepository.Account> users() {
        return accounts.listUsers();
    }

    /** Disables an account: it cannot sign in, and its sessions and tokens end at once. 404 for an unknown address. */
    public void disable(String email) {
        accounts.setDisabled(email.strip(), clock.instant()).orElseThrow(() -> new NotFound("account " + email));
    }

    /** Enables a disabled account again (its old sessions and tokens stay ended). 404 for an unknown address. */
    public void enable(String email) {
        accounts.setDisabled(email.strip(), null).orElseThrow(() -> new NotFound("account " + email));
    }

    /** Sets a new password and ends the account's browser sessions. 422 {@code weak_password}, 404 unknown. */
    public void resetPassword(String email, String password) {
        String problem = Passwords.problem(password);
        if (problem != null) {
            throw new Invalid("weak_password", problem);
        }
        accounts.setPassword(email.strip(), Passwords.hash(password))
                .orElseThrow(() -> new NotFound("account " + email));
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
        return new NotSignedIn("invalid_credentials",
                "wrong email address or password, or the address is not confirmed yet");
    }
}
