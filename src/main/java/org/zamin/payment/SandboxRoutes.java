package org.zamin.payment;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import org.zamin.domain.NotFound;
import org.zamin.reservation.SandboxGateway;

/**
 * The sandbox gateway's own page ({@code #/sandbox/{token}}) reads {@code GET /api/sandbox/{token}} and answers with
 * {@code POST /api/sandbox/{token}/confirm} or {@code …/cancel}; the token is the secret, as on a real gateway's page.
 * Like a real gateway, it then tells the service (which asks it back before recording anything) and sends the payer
 * to the session's return URL.
 */
public final class SandboxRoutes {

    private final SandboxGateway sandbox;
    private final PaymentService payments;

    public SandboxRoutes(SandboxGateway sandbox, PaymentService payments) {
        this.sandbox = sandbox;
        this.payments = payments;
    }

    public void show(Context ctx) {
        ctx.json(page(sandbox.page(ctx.pathParam("token")).orElseThrow(() -> new NotFound("sandbox payment"))));
    }

    public void decide(Context ctx) {
        String action = ctx.pathParam("action");
        if (!action.equals("confirm") && !action.equals("cancel")) {
            throw new NotFound("action " + action);
        }
        String token = ctx.pathParam("token");
        var after = sandbox.decide(token, action.equals("confirm")).orElseThrow(() -> new NotFound("sandbox payment"));
        payments.settle(token);
        ctx.json(page(after));
    }

    private static Map<String, Object> page(SandboxGateway.Page p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sandbox", true);
        out.put("purpose", p.purpose());
        out.put("amount", p.amount());
        out.put("state", p.state().name());
        out.put("returnUrl", p.returnUrl() + (p.returnUrl().contains("?") ? "&" : "?") + "token=" + p.token());
        return out;
    }
}
