package org.zamin.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.BadMessageException;
import org.jdbi.v3.core.ConnectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zamin.domain.Conflict;
import org.zamin.domain.DomainException;
import org.zamin.domain.Forbidden;
import org.zamin.domain.Invalid;
import org.zamin.domain.Malformed;
import org.zamin.domain.NotFound;
import org.zamin.domain.NotSignedIn;
import org.zamin.domain.TooLarge;
import org.zamin.domain.TooMany;
import org.zamin.domain.UnsupportedType;

/** The one place where failures become {@code {"code", "message"}} JSON with the right status; never a stack trace. */
public final class ErrorMapper {

    private static final Logger log = LoggerFactory.getLogger(ErrorMapper.class);

    private static final Map<Integer, String> CODES_BY_STATUS = Map.ofEntries(
            Map.entry(400, "bad_request"), Map.entry(401, "unauthorized"), Map.entry(403, "forbidden"),
            Map.entry(404, "not_found"), Map.entry(405, "method_not_allowed"), Map.entry(409, "conflict"),
            Map.entry(413, "payload_too_large"), Map.entry(415, "unsupported_media_type"),
            Map.entry(422, "unprocessable"), Map.entry(429, "rate_limited"), Map.entry(503, "database_unavailable"));

    /**
     * The code and message of each status Jetty answers on its own (no handler ran): the page translates the code as
     * {@code error.<code>}, as for every other error.
     */
    private static final Map<Integer, Known> PROTOCOL_ERRORS = Map.ofEntries(
            Map.entry(400, new Known("bad_request", "the request could not be parsed")),
            Map.entry(404, new Known("not_found", "no such resource")),
            Map.entry(405, new Known("method_not_allowed", "this method is not allowed here")),
            Map.entry(408, new Known("request_timeout", "the request did not arrive in time")),
            Map.entry(413, new Known("payload_too_large", "the request is larger than the server accepts")),
            Map.entry(414, new Known("uri_too_long", "the request URI is longer than the server accepts")),
            Map.entry(415, new Known("unsupported_media_type", "this content type is not accepted here")),
            Map.entry(431, new Known("headers_too_large",
                "the request's header fields are larger than the server accepts")),
            Map.entry(500, new Known("internal_error", "an unexpected error occurred; it has been logged")),
            Map.entry(501, new Known("not_implemented", "this method is not implemented")),
            Map.entry(503, new Known("service_unavailable", "the service is not answering; try again shortly")),
            Map.entry(505, new Known("http_version_not_supported", "this HTTP version is not supported")));
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A status's stable code and its message. */
    private record Known(String code, String message) {}

    private ErrorMapper() {}

    /** Registers the exception and error handlers on the route table. */
    public static void register(RoutesConfig routes) {
        routes.exception(ApiException.class, (e, ctx) -> write(ctx, e.status(), e.code(), e.getMessage()));
        routes.exception(DomainException.class, (e, ctx) -> {
            if (e instanceof TooMany tooMany) {
                ctx.header("Retry-After", Long.toString(tooMany.retryAfterSeconds()));
            }
            write(ctx, statusOf(e), e.code(), e.getMessage());
        });
        routes.exception(HttpResponseException.class, (e, ctx) -> {
            if (e.getStatus() == 429) {
                ctx.header("Retry-After", Long.toString(TooMany.DEFAULT_RETRY_AFTER.toSeconds()));
            }
            write(ctx, e.getStatus(), CODES_BY_STATUS.getOrDefault(e.getStatus(), "error"), e.getMessage());
        });
        routes.exception(Exception.class, ErrorMapper::unexpected);
        routes.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty() || !isJson(ctx)) {
                write(ctx, 404, "not_found", "no such resource: " + ctx.path());
            }
        });
    }

    /**
     * The JSON body of an error Jetty answers itself ({@link JettyErrors}); a URI or header fields over the limit are
     * told the limit ({@code headerLimitBytes}, request line and header fields together).
     */
    static String protocolError(int status, int headerLimitBytes) {
        Known known = PROTOCOL_ERRORS.getOrDefault(status, status < 500
                ? new Known("bad_request", "the request could not be handled")
                : PROTOCOL_ERRORS.get(500));
        String message = status == 414 || status == 431
                ? known.message() + " (at most " + headerLimitBytes / 1024 + " kB)" : known.message();
        try {
            return JSON.writeValueAsString(Map.of("code", known.code(), "message", message));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The HTTP status of each kind of domain failure: the only place that knows it. */
    public static int statusOf(DomainException e) {
        if (e instanceof Malformed) {
            return 400;
        } else if (e instanceof NotSignedIn) {
            return 401;
        } else if (e instanceof Forbidden) {
            return 403;
        } else if (e instanceof NotFound) {
            return 404;
        } else if (e instanceof Conflict) {
            return 409;
        } else if (e instanceof TooLarge) {
            return 413;
        } else if (e instanceof UnsupportedType) {
            return 415;
        } else if (e instanceof Invalid) {
            return 422;
        } else if (e instanceof TooMany) {
            return 429;
        }
        throw new IllegalArgumentException("a domain failure without a status: " + e.getClass());
    }

    private static void unexpected(Exception e, Context ctx) {
        if (isOverSizeLimit(e)) {
            write(ctx, 413, "payload_too_large", "the request is larger than the server accepts");
            return;
        }
        Optional<Integer> jettyStatus = badMessageStatus(e);
        if (jettyStatus.isPresent()) {
            writeBadMessage(ctx, jettyStatus.get());
            return;
        }
        if (isDatabaseUnavailable(e)) {
            log.warn("database unavailable for {} {}: {}", ctx.method(), ctx.path(), rootCause(e).getMessage());
            write(ctx, 503, "database_unavailable", "the database is not answering; try again shortly");
            return;
        }
        log.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
        write(ctx, 500, "internal_error", "an unexpected error occurred; it has been logged");
    }

    /** Jetty's multipart parser stops a streamed upload (no declared length) at the configured total size. */
    static boolean isOverSizeLimit(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IllegalStateException && t.getMessage() != null
                    && t.getMessage().startsWith("max length exceeded")) {
                return true;
            }
        }
        return false;
    }

    /**
     * A body Jetty refused while it was read is the client's fault, not a server error: a broken multipart upload
     * (400), one that arrived slower than the minimum data rate (408), one over a size limit (413).
     */
    static Optional<Integer> badMessageStatus(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BadMessageException bad) {
                return Optional.of(bad.getCode());
            }
        }
        return Optional.empty();
    }

    private static void writeBadMessage(Context ctx, int status) {
        switch (status) {
            case 408 -> write(ctx, 408, "request_timeout", "the request body arrived too slowly; send it again");
            case 413 -> write(ctx, 413, "payload_too_large", "the request is larger than the server accepts");
            default -> write(ctx, 400, "bad_request", "the request body could not be read (malformed upload)");
        }
    }

    /** Connection failures (SQL state class 08, pool time-outs) mean the database is down, not a bug. */
    static boolean isDatabaseUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof ConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().equals("57P01")
                        || sql.getSQLState().equals("57P03"))) {
                return true;
            }
        }
        return false;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static boolean isJson(Context ctx) {
        String type = ctx.res().getContentType();
        return type != null && type.contains("json");
    }

    private static void write(Context ctx, int status, String code, String message) {
        ctx.status(status).json(Map.of("code", code, "message", message == null ? code : message,
                "requestId", RequestLog.idOf(ctx)));
    }
}
