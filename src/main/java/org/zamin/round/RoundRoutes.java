package org.zamin.round;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.zamin.account.Auth;
import org.zamin.account.CurrentUser;
import org.zamin.account.RequestLimits;
import org.zamin.account.Visibility;
import org.zamin.http.JsonBody;
import org.zamin.http.Params;

/**
 * {@code /api/offers}: list and read offers (anyone), create, publish and close them (officers of the estate,
 * admins), apply to a round (investors), list applications, read a closed round's published result, and object to
 * it (applicants) or answer objections (officers of the estate), list the awards' deposit holds (anyone) and pay one's
 * own award's deposit (its winner).
 */
public final class RoundRoutes {

    private static final int DEFAULT_LIMIT = 200;
    private static final int MAX_LIMIT = 1000;
    private static final Set<String> STATES = Set.of("DRAFT", "PUBLISHED", "CLOSED");

    private final RoundService rounds;
    private final ObjectionService objections;
    private final AwardService awards;
    private final Auth auth;
    private final RequestLimits limits;

    public RoundRoutes(RoundService rounds, ObjectionService objections, AwardService awards, Auth auth,
            RequestLimits limits) {
        this.rounds = rounds;
        this.objections = objections;
        this.awards = awards;
        this.auth = auth;
        this.limits = limits;
    }

    public void list(Context ctx) {
        Visibility who = Visibility.of(auth.find(ctx));
        var state = Params.list(ctx, "state", STATES).stream().findFirst();
        int limit = Math.max(1, Math.min(Params.integer(ctx, "limit").orElse(DEFAULT_LIMIT), MAX_LIMIT));
        send(ctx, rounds.list(who, Params.text(ctx, "estate"), state, limit));
    }

    public void get(Context ctx) {
        send(ctx, rounds.get(Visibility.of(auth.find(ctx)), Params.id(ctx, "id")));
    }

    public void create(Context ctx) {
        CurrentUser officer = auth.require(ctx);
        var request = JsonBody.read(ctx, RoundService.NewOffer.class);
        send(ctx.status(201), rounds.create(officer, request));
    }

    public void publish(Context ctx) {
        CurrentUser officer = auth.require(ctx);
        send(ctx, rounds.publish(officer, Params.id(ctx, "id")));
    }

    public void close(Context ctx) {
        CurrentUser officer = auth.require(ctx);
        send(ctx, rounds.close(officer, Params.id(ctx, "id")));
    }

    public void apply(Context ctx) {
        CurrentUser investor = auth.require(ctx);
        limits.application(investor);
        long id = Params.id(ctx, "id");
        var request = JsonBody.read(ctx, RoundService.ApplicationRequest.class);
        var applied = rounds.apply(investor, id, request);
        send(ctx.status(applied.created() ? 201 : 200), applied.body());
    }

    public void applications(Context ctx) {
        CurrentUser user = auth.require(ctx);
        send(ctx, rounds.applications(user, Params.id(ctx, "id")));
    }

    /** The published document inside an envelope: its SHA-256 and which application is the viewer's. */
    public void result(Context ctx) {
        var r = rounds.result(auth.find(ctx), Params.id(ctx, "id"));
        send(ctx, "{\"offerId\":" + Params.id(ctx, "id") + ",\"documentSha256\":\"" + r.sha256()
                + "\",\"version\":" + r.version() + ",\"yourApplicationId\":" + r.yourApplication()
                + ",\"document\":" + r.document() + "}");
    }

    /** The published document byte for byte, as a download. */
    public void document(Context ctx) {
        long id = Params.id(ctx, "id");
        var r = rounds.result(auth.find(ctx), id);
        ctx.header("Content-Disposition", "attachment; filename=\"round-" + id + ".json\"");
        ctx.header("X-Document-SHA256", r.sha256());
        ctx.header("X-Document-Version", String.valueOf(r.version()));
        send(ctx, r.document());
    }

    public void objections(Context ctx) {
        send(ctx, objections.list(auth.find(ctx), Params.id(ctx, "id")));
    }

    public void object(Context ctx) {
        CurrentUser investor = auth.require(ctx);
        long id = Params.id(ctx, "id");
        var request = JsonBody.read(ctx, ObjectionService.NewObjection.class);
        send(ctx.status(201), objections.file(investor, id, request));
    }

    public void answerObjection(Context ctx) {
        CurrentUser officer = auth.require(ctx);
        long id = Params.id(ctx, "id");
        long objection = Params.id(ctx, "objection");
        var request = JsonBody.read(ctx, ObjectionService.Answer.class);
        send(ctx, objections.answer(officer, id, objection, request));
    }

    public void awards(Context ctx) {
        long id = Params.id(ctx, "id");
        rounds.result(auth.find(ctx), id);
        send(ctx, awards.list(id));
    }

    public void payAward(Context ctx) {
        CurrentUser investor = auth.require(ctx);
        send(ctx, awards.pay(investor, Params.id(ctx, "id")));
    }

    private static void send(Context ctx, String json) {
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("application/json").result(json.getBytes(StandardCharsets.UTF_8));
    }
}
