package org.zamin.http;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends downloads of any size without holding them: a body written as it is made ({@link #stream}), or a file
 * ({@link #file}). A body that turns out small (up to {@link #IN_MEMORY_BYTES}) is sent as a {@link Representation},
 * exactly as before (strong ETag, 304, gzip once, ranges); a larger one goes out as it is written (chunked, gzip on
 * the fly when accepted, no ETag). A file is sent with the ETag of its SHA-256, 304, a single range (206/416) and its
 * length. A failure once the answer has started cannot become an error answer any more: the connection is cut (no
 * final chunk), so the client sees a broken download, never a complete-looking truncated file.
 */
public final class Download {

    private static final Logger log = LoggerFactory.getLogger(Download.class);

    /** Bodies up to this size are held and sent with an ETag and a length; larger ones are streamed. */
    public static final int IN_MEMORY_BYTES = 1 << 20;

    private Download() {}

    /** Writes a body to the stream it is given. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Sends what {@code body} writes, held while small and streamed once it is larger. */
    public static void stream(Context ctx, String contentType, boolean compressible, Body body) {
        Spill out = new Spill(ctx, contentType, compressible);
        try {
            body.writeTo(out);
            out.finish();
        } catch (Throwable e) {
            if (out.live == null) {
                throw failure(e);
            }
            cut(ctx, e);
        }
    }

    /**
     * Sends {@code file} whose SHA-256 is {@code sha256} (hex): a strong ETag made from it (the same as
     * {@link Representation#etag} of the bytes), {@code If-None-Match} → 304, a single {@code Range} → 206 (416 when
     * unsatisfiable), the exact {@code Content-Length}; never compressed.
     */
    public static void file(Context ctx, Path file, String contentType, boolean compressible, String sha256) {
        String etag = "\"" + sha256.substring(0, 32) + "\"";
        ctx.disableCompression();
        ctx.header("ETag", etag).header("Accept-Ranges", "bytes");
        if (compressible) {
            ctx.header("Vary", "Accept-Encoding");
        }
        if (Representation.matches(ctx.header("If-None-Match"), etag)) {
            ctx.status(304);
            return;
        }
        ctx.contentType(contentType);
        long length;
        try {
            length = Files.size(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String range = ctx.header("Range");
        Optional<long[]> slice = range == null || !Representation.ifRangeHolds(ctx.header("If-Range"), etag)
                ? Optional.empty() : Representation.range(range, length);
        long from = 0;
        long count = length;
        if (slice.isPresent()) {
            long[] r = slice.get();
            if (r[0] < 0) {
                ctx.header("Content-Range", "bytes */" + length);
                throw new ApiException(416, "range_not_satisfiable",
                        "the range " + range + " lies outside the " + length + " bytes of this answer");
            }
            from = r[0];
            count = r[1] - r[0] + 1;
            ctx.status(206).header("Content-Range", "bytes " + r[0] + "-" + r[1] + "/" + length);
        }
        ctx.header("Content-Length", Long.toString(count));
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(from);
            OutputStream out = ctx.res().getOutputStream();
            byte[] buffer = new byte[1 << 16];
            for (long left = count; left > 0; ) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new IOException("the file ended early");
                }
                out.write(buffer, 0, n);
                left -= n;
            }
            out.flush();
        } catch (Throwable e) {
            if (!ctx.res().isCommitted()) {
                throw failure(e);
            }
            cut(ctx, e);
        }
    }

    /** A failure before anything was sent, as the error mapper takes it (an Error becomes a 500 like any bug). */
    private static RuntimeException failure(Throwable e) {
        if (e instanceof RuntimeException r) {
            return r;
        }
        return new IllegalStateException("the download failed before it started: " + e, e);
    }

    /** Ends an answer already under way as broken: the connection is closed without completing the body. */
    private static void cut(Context ctx, Throwable e) {
        if (e instanceof IOException) {
            log.info("download of {} cut: {}", ctx.path(), e.toString());
        } else {
            log.error("download of {} failed after it started; the connection was cut", ctx.path(), e);
        }
        // closing the connection's end point leaves the request to complete as usual, its last writes failing
        ServletContextRequest.getServletContextRequest(ctx.req()).getConnectionMetaData().getConnection()
                .getEndPoint().close(e);
    }

    /** Holds the first {@link #IN_MEMORY_BYTES}; past them, sends the headers and streams the rest. */
    private static final class Spill extends OutputStream {

        private final Context ctx;
        private final String contentType;
        private final boolean compressible;
        private ByteArrayOutputStream held = new ByteArrayOutputStream(8192);
        private OutputStream live;
        private GZIPOutputStream gzip;

        Spill(Context ctx, String contentType, boolean compressible) {
            this.ctx = ctx;
            this.contentType = contentType;
            this.compressible = compressible;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (live != null) {
                live.write(b, off, len);
                return;
            }
            held.write(b, off, len);
            if (held.size() > IN_MEMORY_BYTES) {
                start();
            }
        }

        private void start() throws IOException {
            ctx.disableCompression();
            ctx.status(200).contentType(contentType).header("Accept-Ranges", "bytes");
            if (compressible) {
                ctx.header("Vary", "Accept-Encoding");
            }
            OutputStream response = ctx.res().getOutputStream();
            if (compressible && Representation.acceptsGzip(ctx.header("Accept-Encoding"))) {
                ctx.header("Content-Encoding", "gzip");
                gzip = new GZIPOutputStream(response, 1 << 16);
                live = gzip;
            } else {
                live = response;
            }
            held.writeTo(live);
            held = null;
        }

        /** Sends a held body as a {@link Representation}, or ends the stream (the gzip trailer, a flush). */
        void finish() throws IOException {
            if (live == null) {
                byte[] body = held.toByteArray();
                (compressible ? Representation.compressible(body, contentType)
                        : Representation.plain(body, contentType)).send(ctx);
                return;
            }
            if (gzip != null) {
                gzip.finish();
            }
            live.flush();
        }
    }
}
