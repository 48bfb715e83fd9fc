package org.zamin.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.commons.io.input.BoundedInputStream;
import org.zamin.domain.TooLarge;

/**
 * How large a request body each route takes: {@link #JSON_BYTES} for the JSON of ordinary API writes,
 * {@link #UPLOAD_BYTES} only for the routes that take files. A declared {@code Content-Length} over the route's limit
 * is refused with 413 {@code payload_too_large} before any of the body is read; a body streamed without a length is
 * cut off where it passes the limit (Javalin's {@code maxRequestSize}, set to {@link #JSON_BYTES}, for JSON; Jetty's
 * multipart limit for file forms; {@link #uploadStream} for raw uploads).
 */
public final class BodyLimits {

    /** The largest body of an ordinary API write (JSON). */
    public static final long JSON_BYTES = 64 * 1024;
    /** The largest body of an upload route (a file, or a form with files). */
    public static final long UPLOAD_BYTES = 50L * 1024 * 1024;

    private final List<Pattern> uploadRoutes;

    /** Every route takes {@link #JSON_BYTES} except the upload routes named here by their route paths. */
    public BodyLimits(String... uploadRoutes) {
        this.uploadRoutes = Arrays.stream(uploadRoutes).map(BodyLimits::pathPattern).toList();
    }

    /** The body limit of the route at {@code path}. */
    public long limitFor(String path) {
        return uploadRoutes.stream().anyMatch(p -> p.matcher(path).matches()) ? UPLOAD_BYTES : JSON_BYTES;
    }

    /** A before-handler: a declared body longer than the route's limit is a 413 before any of it is read. */
    public void refuseDeclaredOversize(Context ctx) {
        long limit = limitFor(ctx.path());
        if (ctx.contentLength() > limit) {
            throw tooLarge(limit);
        }
    }

    /** The body of an upload route as a stream that fails with 413 where it passes {@link #UPLOAD_BYTES}. */
    public static InputStream uploadStream(Context ctx) {
        try {
            return BoundedInputStream.builder()
                    .setInputStream(ctx.bodyInputStream())
                    .setMaxCount(UPLOAD_BYTES + 1)
                    .setOnMaxCount((max, count) -> {
                        throw tooLarge(UPLOAD_BYTES);
                    })
                    .get();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TooLarge tooLarge(long limit) {
        return new TooLarge("payload_too_large", "the request body is larger than " + readable(limit)
                + ", the limit of this route");
    }

    private static String readable(long bytes) {
        return bytes >= 1024 * 1024 ? (bytes >> 20) + " MB" : (bytes >> 10) + " kB";
    }

    /** {@code /api/allocations/{id}/reports} → a pattern where each {@code {param}} is one path segment. */
    private static Pattern pathPattern(String route) {
        StringBuilder regex = new StringBuilder();
        for (String part : route.split("(?=\\{)|(?<=\\})")) {
            regex.append(part.startsWith("{") ? "[^/]+" : Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }
}
