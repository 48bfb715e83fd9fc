package org.zamin.decision;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.zamin.http.Params;

/** {@code GET /api/decisions} (the public log) and {@code GET /api/decisions/verify} (anyone may check the chain). */
public final class DecisionRoutes {

    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;

    /**
     * How long a verdict is reused. Verifying walks the whole chain, so anyone could otherwise make the server
     * re-read the entire log on every request; the log page and scripts only need a recent verdict.
     */
    static final Duration VERDICT_TTL = Duration.ofSeconds(30);

    private final DecisionLog log;
    private Verdict lastVerdict;

    /** A verdict and when it was reached, on the monotonic clock (an operational cache, not domain time). */
    private record Verdict(DecisionLog.Verification verification, long atNanos) {}

    public DecisionRoutes(DecisionLog log) {
        this.log = log;
    }

    public void list(Context ctx) {
        int limit = Math.max(1, Math.min(Params.integer(ctx, "limit").orElse(DEFAULT_LIMIT), MAX_LIMIT));
        var query = new DecisionLog.Query(
                Params.text(ctx, "estate"),
                Params.longValue(ctx, "parcel"),
                Params.text(ctx, "subjectType"),
                Params.text(ctx, "subjectId"),
                Params.longValue(ctx, "before"),
                limit);
        ctx.contentType("application/json").result(log.listPublic(query).getBytes(StandardCharsets.UTF_8));
    }

    public void verify(Context ctx) {
        ctx.json(recentVerdict());
    }

    private synchronized DecisionLog.Verification recentVerdict() {
        long now = System.nanoTime();
        if (lastVerdict == null || now - lastVerdict.atNanos() >= VERDICT_TTL.toNanos()) {
            lastVerdict = new Verdict(log.verify(), now);
        }
        return lastVerdict.verification();
    }
}
