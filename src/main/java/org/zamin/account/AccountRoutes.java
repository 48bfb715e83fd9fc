package org.zamin.account;

import io.javalin.http.Context;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.zamin.domain.NotSignedIn;
import org.zamin.http.ClientAddress;
import org.zamin.http.JsonBody;
import org.zamin.http.Params;

/**
 * {@code /api/auth/register|login|logout}, {@code GET /api/me} and {@code /api/tokens} (create, list, revoke). The
 * sign-in endpoints take only JSON from this site ({@code http.CrossSite}, registered before them).
 */
public final class AccountRoutes {

    private final AccountService accounts;
    private final Auth auth;
    private final LoginLimiter limiter;
    private final ClientAddress clients;

    public AccountRoutes(AccountService accounts, Auth auth, LoginLimiter limiter, ClientAddress clients) {
        this.accounts = accounts;
        this.auth = auth;
        this.limiter = limiter;
        this.clients = clients;
    }

    record RegisterRequest(String email, String password, String name, String organisation) {}

    record LoginRequest(String email, String password) {}

    record TokenRequest(String name, String expiresInDays) {}

    record ConfirmRequest(String token) {}

    /** 202 and the same body whether or not the address has an account; the message to the address says which. */
    public void register(Context ctx) {
        limiter.attempt(clients.of(ctx));
        RegisterRequest r = JsonBody.read(ctx, RegisterRequest.class);
        accounts.signUp(r.email(), r.name(), r.organisation(), r.password());
        ctx.header("Cache-Control", "no-store");
        ctx.status(202).json(Map.of("status", "sign_up_received",
                "message", "check your e-mail: a message to the address says how to go on (a new account is "
                        + "confirmed through the link it carries before its first sign-in)"));
    }

    /** Confirms an address through the token of its link (once, before it expires); 204. */
    public void confirm(Context ctx) {
        limiter.attempt(clients.of(ctx));
        ConfirmRequest r = JsonBody.read(ctx, ConfirmRequest.class);
        accounts.confirm(r.token());
        ctx.header("Cache-Control", "no-store");
        ctx.status(204);
    }

    public void login(Context ctx) {
        String client = clients.of(ctx);
        limiter.attempt(client);
        LoginRequest r = JsonBody.read(ctx, LoginRequest.class);
        limiter.beginPasswordCheck(r.email(), client);
        AccountService.Session session;
        try {
            session = accounts.login(r.email(), r.password());
        } catch (NotSignedIn e) {
            limiter.failed(r.email(), client);
            throw e;
        }
        limiter.succeeded(r.email(), client);
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
        TokenRequest r = JsonBody.readOr(ctx, TokenRequest.class, new TokenRequest(null, null));
        ctx.header("Cache-Control", "no-store");
        ctx.status(201).json(accounts.createToken(user, r.name(), r.expiresInDays()));
    }

    /** The caller's own unrevoked tokens (expired ones marked by {@code expiresAt}), never their secrets. */
    public void listTokens(Context ctx) {
        CurrentUser user = auth.require(ctx);
        ctx.header("Cache-Control", "no-store");
        ctx.json(Map.of("tokens", accounts.tokens(user)));
    }

    /** Revokes one of the caller's tokens at once; 404 for another's or an unknown one. */
    public void revokeToken(Context ctx) {
        CurrentUser user = auth.require(ctx);
        accounts.revokeToken(user, Params.id(ctx, "id"));
        ctx.status(204);
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
}
