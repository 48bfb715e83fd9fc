package org.zamin.account;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import org.zamin.domain.Forbidden;
import org.zamin.domain.NotSignedIn;
import org.zamin.http.CrossSite;

/**
 * Who is asking: a browser session (cookie {@value #COOKIE}) or a personal API token ({@code Authorization: Bearer}).
 * State-changing requests authenticated by the cookie must come from this site ({@code Origin}, else
 * {@code Sec-Fetch-Site}) and carry the session's CSRF token in {@value #CSRF_HEADER}; bearer tokens are never sent
 * by a browser on its own, so they need neither.
 */
public final class Auth {

    public static final String COOKIE = "zamin_session";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final String ATTRIBUTE = "zamin.identity";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    /** A token's last use is written at most this often, so scripts do not pay a write per request. */
    private static final Duration TOKEN_TOUCH_INTERVAL = Duration.ofMinutes(1);

    /** How long {@link #accountId} remembers which account a credential names. */
    static final Duration COUNTING_MEMORY = Duration.ofSeconds(30);

    private final AccountService accounts;
    private final Cache<String, Optional<Long>> accountByCredential = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterWrite(COUNTING_MEMORY).build();

    public Auth(AccountService accounts) {
        this.accounts = accounts;
    }

    /** The resolved credentials of a request: the user, and the CSRF token when it came with the session cookie. */
    record Identity(CurrentUser user, Optional<String> csrfToken) {
        boolean viaCookie() {
            return csrfToken.isPresent();
        }
    }

    /**
     * The signed-in user, if any. For a cookie session on a state-changing request, a missing or wrong
     * {@value #CSRF_HEADER} is a 403 ({@code csrf_missing} / {@code csrf_invalid}).
     */
    public Optional<CurrentUser> find(Context ctx) {
        Optional<Identity> identity = identify(ctx);
        identity.filter(Identity::viaCookie).ifPresent(i -> checkCsrf(ctx, i.csrfToken().get()));
        return identity.map(Identity::user);
    }

    /**
     * The signed-in user, 401 when there is none. Which roles may call a route is declared in {@link RouteAccess}
     * and checked before the handler runs, so handlers only ask who is calling.
     */
    public CurrentUser require(Context ctx) {
        return find(ctx).orElseThrow(() -> new NotSignedIn("unauthorized", "please sign in"));
    }

    /**
     * The id of the account whose session or token the request carries, for counting its requests in flight, never
     * for deciding what it may do: no CSRF check, and the answer for a credential is remembered for
     * {@link #COUNTING_MEMORY} (a thousand requests at once with one token cost one lookup, not a thousand).
     */
    public Optional<Long> accountId(Context ctx) {
        Identity known = ctx.attribute(ATTRIBUTE);
        if (known != null) {
            return Optional.of(known.user().id());
        }
        return credentialDigest(ctx).flatMap(digest ->
                accountByCredential.get(digest, d -> identify(ctx).map(i -> i.user().id())));
    }

    /** The SHA-256 of the bearer token or session cookie the request presents, if any. */
    private static Optional<String> credentialDigest(Context ctx) {
        String authorization = ctx.header("Authorization");
        String credential = authorization != null ? "bearer " + authorization.strip() : ctx.cookie(COOKIE);
        return credential == null || credential.isBlank() ? Optional.empty()
                : Optional.of(HexFormat.of().formatHex(Secrets.sha256(credential)));
    }

    /** The CSRF token of the request's cookie session, if it came with one. */
    Optional<String> csrfToken(Context ctx) {
        return identify(ctx).flatMap(Identity::csrfToken);
    }

    Optional<Identity> identify(Context ctx) {
        Identity cached = ctx.attribute(ATTRIBUTE);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Identity> identity = resolve(ctx);
        identity.ifPresent(i -> ctx.attribute(ATTRIBUTE, i));
        return identity;
    }

    private Optional<Identity> resolve(Context ctx) {
        String authorization = ctx.header("Authorization");
        Instant now = accounts.clock().instant();
        if (authorization != null) {
            if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return Optional.empty();
            }
            var presented = accounts.repository().byToken(Secrets.sha256(authorization.substring(7).strip()), now);
            presented.ifPresent(p -> {
                if (p.lastUsed() == null || p.lastUsed().plus(TOKEN_TOUCH_INTERVAL).isBefore(now)) {
                    accounts.repository().touchToken(p.tokenId(), now);
                }
            });
            return presented.map(p -> new Identity(p.user(), Optional.empty()));
        }
        String cookie = ctx.cookie(COOKIE);
        if (cookie == null || cookie.isBlank()) {
            return Optional.empty();
        }
        return accounts.repository().bySession(Secrets.sha256(cookie), now)
                .map(p -> new Identity(p.user(), Optional.of(p.csrfToken())));
    }

    private static void checkCsrf(Context ctx, String expected) {
        if (SAFE_METHODS.contains(ctx.method().name())) {
            return;
        }
        CrossSite.refuseCrossSite(ctx);
        String sent = ctx.header(CSRF_HEADER);
        if (sent == null || sent.isBlank()) {
            throw new Forbidden("csrf_missing", "the " + CSRF_HEADER + " header is missing");
        }
        if (!Secrets.equal(sent.strip(), expected)) {
            throw new Forbidden("csrf_invalid", "the " + CSRF_HEADER + " header does not match the session");
        }
    }

    /** Sets the session cookie: HttpOnly, SameSite=Lax, and Secure when the request came over TLS. */
    static void setCookie(Context ctx, String value, Duration maxAge) {
        StringBuilder cookie = new StringBuilder(COOKIE).append('=').append(value)
                .append("; Path=/; HttpOnly; SameSite=Lax; Max-Age=").append(maxAge.toSeconds());
        if (overTls(ctx)) {
            cookie.append("; Secure");
        }
        ctx.header("Set-Cookie", cookie.toString());
        ctx.header("Cache-Control", "no-store");
    }

    static boolean overTls(Context ctx) {
        String forwarded = ctx.header("X-Forwarded-Proto");
        return "https".equalsIgnoreCase(ctx.scheme()) || (forwarded != null && forwarded.strip().equalsIgnoreCase("https"));
    }
}
