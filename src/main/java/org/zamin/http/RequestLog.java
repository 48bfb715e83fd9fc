package org.zamin.http;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every request an id and writes one access-log line when it is answered. The id is the client's (or its
 * proxy's) {@value #HEADER} when that is sane — 1 to {@value #MAX_ID_LENGTH} letters, digits, {@code . _ : -} —
 * else a new UUID; it is echoed in the response header and in JSON error bodies ({@code requestId}). The line holds
 * method, route template, path, status, duration, request id and the account id when one signed in: never a
 * credential, a query string or a body.
 */
public final class RequestLog {

    public static final String HEADER = "X-Request-Id";
    static final int MAX_ID_LENGTH = 64;
    private static final String ATTRIBUTE = "zamin.requestId";
    private static final Pattern SANE_ID = Pattern.compile("[A-Za-z0-9._:-]{1," + MAX_ID_LENGTH + "}");
    private static final int MAX_LOGGED_PATH = 200;
    private static final Logger log = LoggerFactory.getLogger(RequestLog.class);

    /** Told of every answered request (the metrics). */
    public interface Observer {
        void answered(String method, String route, int status, double millis);
    }

    private final Function<Context, Optional<Long>> accountOf;
    private final Observer observer;

    /** {@code accountOf}: the id of the account the request's credentials name, if any (no access decision). */
    public RequestLog(Function<Context, Optional<Long>> accountOf, Observer observer) {
        this.accountOf = accountOf;
        this.observer = observer;
    }

    /** Before every handler: the request's id, taken or made, set on the response. */
    public void begin(Context ctx) {
        ctx.header(HEADER, idOf(ctx));
    }

    /** The request's id (made now if {@link #begin} did not run for it). */
    public static String idOf(Context ctx) {
        String id = ctx.attribute(ATTRIBUTE);
        if (id == null) {
            String given = ctx.header(HEADER);
            id = given != null && SANE_ID.matcher(given).matches() ? given : UUID.randomUUID().toString();
            ctx.attribute(ATTRIBUTE, id);
        }
        return id;
    }

    /** Javalin's request logger: called once per request when it has been answered. */
    public void answered(Context ctx, Float millis) {
        String route = routeOf(ctx);
        int status = ctx.statusCode();
        String account = accountOf(ctx).map(Object::toString).orElse("-");
        log.info("{} {} {} {} {}ms request_id={} account={}", ctx.method().name(), route, printable(ctx.path()),
                status, String.format(java.util.Locale.ROOT, "%.1f", millis), idOf(ctx), account);
        observer.answered(ctx.method().name(), route, status, millis);
    }

    /**
     * The matched route's template; requests no route matched are {@code static} when answered (the page's files)
     * and {@code unmatched} otherwise — never the raw path, which is the client's to vary without end.
     */
    static String routeOf(Context ctx) {
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        if (endpoint != null) {
            return endpoint.path;
        }
        return ctx.statusCode() < 400 ? "static" : "unmatched";
    }

    private Optional<Long> accountOf(Context ctx) {
        try {
            return accountOf.apply(ctx);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The path as one line of printable text, cut at {@value #MAX_LOGGED_PATH} characters: no log forging. */
    static String printable(String path) {
        String cut = path.length() > MAX_LOGGED_PATH ? path.substring(0, MAX_LOGGED_PATH) + "…" : path;
        StringBuilder out = new StringBuilder(cut.length());
        cut.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) || Character.isWhitespace(c)
                ? '?' : c));
        return out.toString();
    }
}
