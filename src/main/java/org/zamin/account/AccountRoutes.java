package org.zamin.account;

import io.javalin.http.Context;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.zamin.domain.NotSignedIn;
import org.zamin.domain.TooMany;
import org.zamin.http.JsonBody;

/** {@code /api/auth/register|login|logout}, {@code GET /api/me} and {@code POST /api/tokens}. */
public final class AccountRoutes {

    private final AccountService accounts;
    private final Auth auth;
    private final LoginLimiter limiter;

    public AccountRoutes(AccountService accounts, Auth auth, LoginLimiter limiter) {
        this.accounts = accounts;
        this.auth = auth;
        this.limiter = limiter;
    }

    record RegisterRequest(String email, String password, String name, String organisation) {}

    record LoginRequest(String email, String password) {}

    record TokenRequest(String name) {}

    public void register(Context ctx) {
        if (!limiter.allowAttempt(ctx.ip())) {
            throw rateLimited();
        }
        RegisterRequest r = JsonBody.read(ctx, RegisterRequest.class);
        long id = accounts.createUser(r.email(), r.name(), r.organisation(), r.password(), Role.INVESTOR, List.of());
        var session = accounts.openSession(new CurrentUser(id, r.email(), Role.INVESTOR, java.util.Set.of()));
        startSession(ctx, session);
        ctx.status(201).json(me(id, session.csrfToken()));
    }

    public void login(Context ctx) {
        if (!limiter.allowAttempt(ctx.ip())) {
            throw rateLimited();
        }
        LoginRequest r = JsonBody.read(ctx, LoginRequest.class);
        if (!limiter.allowPassword(r.email(), ctx.ip())) {
            throw rateLimited();
        }
        AccountService.Session session;
        try {
            session = accounts.login(r.email(), r.password());
        } catch (NotSignedIn e) {
            limiter.failed(r.email(), ctx.ip());
            throw e;
        }
        limiter.succeeded(r.email(), ctx.ip());
        startSession(ctx, session);
        ctx.json(me(session.user().id(), session.csrfToken()));
    }

    public void logout(Context ctx) {
        auth.find(ctx); // a cookie session must prove itself with its CSRF token before it is ended
        String cookie = ctx.cookie(Auth.COOKIE);
        if (cookie != null && !cookie.isBlank()) {
            accounts.endSession(cookie);
        }
        Auth.setCookie(ctx, "", Duration.ZERO);
        ctx.status(204);
    }

    public void me(Context ctx) {
        CurrentUser user = auth.require(ctx);
        ctx.header("Cache-Control", "no-store");
        ctx.json(me(user.id(), auth.csrfToken(ctx).orElse(null)));
    }

    public void createToken(Context ctx) {
        CurrentUser user = auth.require(ctx);
        TokenRequest r = JsonBody.readOr(ctx, TokenRequest.class, new TokenRequest(null));
        ctx.header("Cache-Control", "no-store");
        ctx.status(201).json(accounts.createToken(user, r.name()));
    }

    /** Replaces any session the browser had (so a session id never survives a sign-in) with a new one. */
    private void startSession(Context ctx, AccountService.Session session) {
        String old = ctx.cookie(Auth.COOKIE);
        if (old != null && !old.isBlank()) {
            accounts.endSession(old);
        }
        Auth.setCookie(ctx, session.id(), AccountService.SESSION_LIFETIME);
    }

    private Map<String, Object> me(long userId, String csrfToken) {
        var p = accounts.profile(userId).orElseThrow(() -> new NotSignedIn("unauthorized", "please sign in"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", p.id());
        body.put("email", p.email());
        body.put("name", p.name());
        body.put("organisation", p.organisation());
        body.put("role", p.role().label());
        body.put("estates", p.estates());
        body.put("csrfToken", csrfToken);
        return body;
    }

    private static TooMany rateLimited() {
        return new TooMany("rate_limited", "too many sign-in attempts; wait a few minutes and try again");
    }
}
