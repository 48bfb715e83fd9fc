package org.zamin.investor;

import io.javalin.http.Context;
import org.zamin.account.Auth;
import org.zamin.account.CurrentUser;
import org.zamin.http.JsonBody;
import org.zamin.http.Params;

/**
 * {@code POST /api/me/identity} and {@code /api/me/deposit} (an investor's own), {@code GET /api/me/standing}, and
 * {@code POST /api/investors/{id}/verify} (staff).
 */
public final class InvestorRoutes {

    private final InvestorService investors;
    private final Auth auth;

    public InvestorRoutes(InvestorService investors, Auth auth) {
        this.investors = investors;
        this.auth = auth;
    }

    record IdentityRequest(String nationalId) {}

    public void standing(Context ctx) {
        CurrentUser user = auth.require(ctx);
        ctx.header("Cache-Control", "no-store");
        ctx.json(investors.standing(user.id()));
    }

    public void setIdentity(Context ctx) {
        CurrentUser user = auth.require(ctx);
        IdentityRequest r = JsonBody.read(ctx, IdentityRequest.class);
        ctx.json(investors.setIdentity(user, r.nationalId()));
    }

    public void payDeposit(Context ctx) {
        CurrentUser user = auth.require(ctx);
        boolean paidNow = investors.payDeposit(user);
        ctx.status(paidNow ? 201 : 200).json(investors.standing(user.id()));
    }

    public void verifyDocuments(Context ctx) {
        CurrentUser staff = auth.require(ctx);
        ctx.json(investors.verifyDocuments(staff, Params.id(ctx, "id")));
    }
}
