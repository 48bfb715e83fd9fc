package org.zamin.payment;

import io.javalin.http.Context;
import java.util.Map;
import org.zamin.account.Auth;
import org.zamin.http.ApiException;
import org.zamin.http.Params;

/**
 * {@code POST /api/reservations/{id}/payment}, {@code POST /api/allocations/{id}/instalments/{number}/payment} and
 * {@code POST /api/allocations/{id}/idle-charges/{charge}/payment} (open a session on the gateway's page), {@code GET /api/allocations/{id}/instalments} (paid, due, overdue),
 * {@code GET /api/payments/{token}} (the receipt, after asking the gateway) and {@code GET /api/instalments/overdue}
 * (an officer's estates).
 */
public final class PaymentRoutes {

    private static final int MAX_INSTALMENT = 1000;

    private final PaymentService payments;
    private final Auth auth;

    public PaymentRoutes(PaymentService payments, Auth auth) {
        this.payments = payments;
        this.auth = auth;
    }

    public void payDeposit(Context ctx) {
        var user = auth.require(ctx);
        ctx.status(201).json(opened(payments.openDeposit(user, Params.id(ctx, "id"))));
    }

    public void payInstalment(Context ctx) {
        var user = auth.require(ctx);
        ctx.status(201).json(opened(payments.openInstalment(user, Params.id(ctx, "id"), number(ctx))));
    }

    public void payCharge(Context ctx) {
        var user = auth.require(ctx);
        ctx.status(201).json(opened(payments.openCharge(user, Params.id(ctx, "id"), Params.id(ctx, "charge"))));
    }

    public void instalments(Context ctx) {
        var user = auth.require(ctx);
        ctx.json(payments.instalments(user, Params.id(ctx, "id")));
    }

    public void receipt(Context ctx) {
        var user = auth.require(ctx);
        ctx.json(payments.receipt(user, ctx.pathParam("token")));
    }

    public void overdue(Context ctx) {
        var user = auth.require(ctx);
        int limit = Params.integer(ctx, "limit").orElse(200);
        if (limit < 1 || limit > 1000) {
            throw ApiException.unprocessable("invalid_limit", "limit must be from 1 to 1000");
        }
        ctx.json(payments.overdue(user, Params.text(ctx, "estate"), limit));
    }

    private static int number(Context ctx) {
        String value = Params.latinDigits(ctx.pathParam("number"));
        if (value.matches("[0-9]{1,4}") && Integer.parseInt(value) <= MAX_INSTALMENT) {
            return Integer.parseInt(value);
        }
        throw ApiException.unprocessable("invalid_number", "an instalment number is a whole number from 0, got '"
                + ctx.pathParam("number") + "'");
    }

    /** The answer of a session opened, for the page. */
    static Map<String, Object> opened(PaymentService.Opened o) {
        return Map.of("token", o.token(), "payUrl", o.payUrl(), "amount", o.amount());
    }
}
