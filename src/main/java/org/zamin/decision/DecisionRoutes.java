package org.zamin.decision;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.zamin.http.Params;

/**
 * {@code GET /api/decisions} (the public log), {@code GET /api/decisions/verify} (anyone may check the chain against
 * the signed checkpoints) and {@code GET /api/decisions/checkpoints} (the signed checkpoints and the public key).
 */
public final class DecisionRoutes {

    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;

    /**
     * How long a verdict is reused while the signed checkpoints stay as they were. Verifying walks the whole chain, so
     * anyone could otherwise make the server re-read the entire log on every request; the log page and scripts only
     * need a recent verdict.
     */
    static final Duration VERDICT_TTL = Duration.ofSeconds(30);

    private final DecisionLog log;
    private final DecisionCheckpoints checkpoints;
    private Verdict lastVerdict;

    /** A verdict, the log's state it judged and when, on the monotonic clock (an operational cache, not domain time). */
    private record Verdict(DecisionLog.Verification verification, String state, long atNanos) {}

    public DecisionRoutes(DecisionLog log, DecisionCheckpoints checkpoints) {
        this.log = log;
        this.checkpoints = checkpoints;
    }

    public void list(Context ctx) {
        var query = new DecisionLog.Query(
                Params.text(ctx, "estate"),
                Params.longValue(ctx, "parcel"),
                Params.text(ctx, "subjectType"),
                Params.text(ctx, "subjectId"),
                Params.longValue(ctx, "before"),
                limit(ctx));
        ctx.contentType("application/json").result(log.listPublic(query).getBytes(StandardCharsets.UTF_8));
    }

    public void verify(Context ctx) {
        ctx.json(recentVerdict());
    }

    public void checkpoints(Context ctx) {
        ctx.json(checkpoints.published(limit(ctx)));
    }

    private static int limit(Context ctx) {
        return Math.max(1, Math.min(Params.integer(ctx, "limit").orElse(DEFAULT_LIMIT), MAX_LIMIT));
    }

    private synchronized DecisionLog.Verification recentVerdict() {
        long now = System.nanoTime();
        String state = checkpoints.state();
        if (lastVerdict == null || !lastVerdict.state().equals(state)
                || now - lastVerdict.atNanos() >= VERDICT_TTL.toNanos()) {
            lastVerdict = new Verdict(checkpoints.verify(), state, now);
        }
        return lastVerdict.verification();
    }
}
