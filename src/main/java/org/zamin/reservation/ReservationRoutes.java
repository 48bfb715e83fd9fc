package org.zamin.reservation;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import org.zamin.account.Auth;
import org.zamin.account.CurrentUser;
import org.zamin.account.RequestLimits;
import org.zamin.account.Role;
import org.zamin.http.ApiException;
import org.zamin.http.JsonBody;
import org.zamin.http.Params;

/** {@code /api/reservations}: create (with {@code Idempotency-Key}), list, read, pay, withdraw, approve, reject. */
public final class ReservationRoutes {

    private static final int DEFAULT_LIMIT = 200;
    private static final int MAX_LIMIT = 1000;

    private final ReservationService reservations;
    private final Auth auth;
    private final RequestLimits limits;

    public ReservationRoutes(ReservationService reservations, Auth auth, RequestLimits limits) {
        this.reservations = reservations;
        this.auth = auth;
        this.limits = limits;
    }

    record RejectRequest(String reason) {}

    public void create(Context ctx) {
        CurrentUser investor = auth.require(ctx, Role.INVESTOR);
        limits.hold(investor);
        String key = ctx.header("Idempotency-Key");
        if (key == null || key.isBlank() || key.length() > 200) {
            throw ApiException.badRequest("idempotency_key_required",
                    "send an Idempotency-Key header (1 to 200 characters, e.g. a UUID) with each new reservation");
        }
        var request = JsonBody.read(ctx, ReservationService.NewReservation.class);
        var answer = reservations.create(investor, key.strip(), request);
        if (answer.replayed()) {
            ctx.header("Idempotent-Replayed", "true");
        }
        // A replay answers as the first request did: 201 Created, with the document as it was then.
        send(ctx.status(201), answer.body());
    }

    public void list(Context ctx) {
        CurrentUser user = auth.require(ctx, Role.INVESTOR, Role.OFFICER, Role.ADMIN);
        var statuses = Params.list(ctx, "status", ReservationStatus.NAMES);
        int limit = Math.max(1, Math.min(Params.integer(ctx, "limit").orElse(DEFAULT_LIMIT), MAX_LIMIT));
        send(ctx, reservations.list(user, statuses, limit));
    }

    public void get(Context ctx) {
        CurrentUser user = auth.require(ctx, Role.INVESTOR, Role.OFFICER, Role.ADMIN);
        send(ctx, reservations.get(user, Params.id(ctx, "id")));
    }

    public void pay(Context ctx) {
        CurrentUser investor = auth.require(ctx, Role.INVESTOR);
        send(ctx, reservations.pay(investor, Params.id(ctx, "id")));
    }

    public void withdraw(Context ctx) {
        CurrentUser investor = auth.require(ctx, Role.INVESTOR);
        send(ctx, reservations.withdraw(investor, Params.id(ctx, "id")));
    }

    public void approve(Context ctx) {
        CurrentUser officer = auth.require(ctx, Role.OFFICER);
        send(ctx, reservations.approve(officer, Params.id(ctx, "id")));
    }

    public void reject(Context ctx) {
        CurrentUser officer = auth.require(ctx, Role.OFFICER);
        long id = Params.id(ctx, "id");
        RejectRequest r = JsonBody.read(ctx, RejectRequest.class);
        send(ctx, reservations.reject(officer, id, r.reason()));
    }

    private static void send(Context ctx, String json) {
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("application/json").result(json.getBytes(StandardCharsets.UTF_8));
    }
}
