package org.zamin.demand;

import io.javalin.http.Context;
import org.zamin.account.Auth;
import org.zamin.http.ApiException;
import org.zamin.http.JsonBody;
import org.zamin.http.Params;

/**
 * {@code POST /api/demand} (register a standing request), {@code GET /api/demand} (the investor's own, with their
 * matches), {@code POST /api/demand/{id}/withdraw}, and {@code GET /api/stats/demand?groupBy=province|estate&months=}
 * (planners: unmet demand against available supply, with monthly history).
 */
public final class DemandRoutes {

    static final int DEFAULT_HISTORY_MONTHS = 12;
    static final int MAX_HISTORY_MONTHS = 120;

    private final DemandService demand;
    private final Auth auth;

    public DemandRoutes(DemandService demand, Auth auth) {
        this.demand = demand;
        this.auth = auth;
    }

    public void register(Context ctx) {
        var investor = auth.require(ctx);
        ctx.status(201).json(demand.register(investor, JsonBody.read(ctx, DemandRequest.class)));
    }

    public void mine(Context ctx) {
        ctx.json(java.util.Map.of("requests", demand.mine(auth.require(ctx))));
    }

    public void withdraw(Context ctx) {
        var investor = auth.require(ctx);
        ctx.json(demand.withdraw(investor, Params.id(ctx, "id")));
    }

    public void unmet(Context ctx) {
        String groupBy = Params.text(ctx, "groupBy").orElse("province");
        if (!DemandService.GROUPINGS.contains(groupBy)) {
            throw ApiException.invalidParameter("groupBy", "must be province or estate, got '" + groupBy + "'");
        }
        int months = Params.integer(ctx, "months").orElse(DEFAULT_HISTORY_MONTHS);
        if (months < 1 || months > MAX_HISTORY_MONTHS) {
            throw ApiException.invalidParameter("months", "must be from 1 to " + MAX_HISTORY_MONTHS);
        }
        ctx.json(demand.unmet(groupBy, months));
    }
}
