package org.zamin.http;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

/**
 * Sends a body held in memory as HTTP caches and range readers (GDAL's {@code /vsicurl/}) expect: a strong ETag
 * computed from the bytes sent (so the gzip variant has its own), {@code If-None-Match} → 304, gzip computed once
 * when the client accepts it ({@code Vary: Accept-Encoding}), a single {@code Range} → 206 with
 * {@code Content-Range} (416 when unsatisfiable), {@code Accept-Ranges: bytes} and an exact {@code Content-Length}.
 * Javalin's own compression is turned off for these answers, and the {@code Content-Encoding} set here keeps any
 * Jetty GzipHandler from compressing them again.
 */
public final class Representation {

    /** Bodies smaller than this are not worth a gzip header. */
    static final int MIN_GZIP_BYTES = 512;
    private static final Pattern SINGLE_RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    private final byte[] identity;
    private final String contentType;
    private final boolean compressible;
    /** Computed once by {@link #prepared()}; null when computed per answer. */
    private final byte[] gzipped;
    private final String identityEtag;
    private final String gzipEtag;

    private Representation(byte[] identity, String contentType, boolean compressible) {
        this(identity, contentType, compressible, null, null, null);
    }

    private Representation(byte[] identity, String contentType, boolean compressible, byte[] gzipped,
            String identityEtag, String gzipEtag) {
        this.identity = identity;
        this.contentType = contentType;
        this.compressible = compressible;
        this.gzipped = gzipped;
        this.identityEtag = identityEtag;
        this.gzipEtag = gzipEtag;
    }

    /** A body that may be sent gzip-compressed to clients that accept it. */
    public static Representation compressible(byte[] body, String contentType) {
        return new Representation(body, contentType, true);
    }

    /** A body sent as is (already compressed, like a zip). */
    public static Representation plain(byte[] body, String contentType) {
        return new Representation(body, contentType, false);
    }

    /**
     * The same answer with its gzip variant and both ETags computed now, for a cache that sends it many times.
     */
    public Representation prepared() {
        byte[] gz = compressible && identity.length >= MIN_GZIP_BYTES ? gzip(identity) : null;
        return new Representation(identity, contentType, compressible, gz, etag(identity),
                gz == null ? null : etag(gz));
    }

    /** The uncompressed body. */
    public byte[] body() {
        return identity;
    }

    /** The bytes this answer holds (both variants once prepared), for weighing it in a cache. */
    public int heldBytes() {
        return identity.length + (gzipped == null ? 0 : gzipped.length);
    }

    /**
     * Writes the answer. A request with a {@code Range} gets ranges of the uncompressed bytes (a range of a gzip
     * stream is of no use to a reader of the file), so its ETag is the uncompressed one.
     */
    public void send(Context ctx) {
        String range = ctx.header("Range");
        boolean gzip = compressible && range == null && identity.length >= MIN_GZIP_BYTES
                && acceptsGzip(ctx.header("Accept-Encoding"));
        byte[] body = !gzip ? identity : gzipped != null ? gzipped : gzip(identity);
        String etag = identityEtag == null ? etag(body) : gzip ? gzipEtag : identityEtag;
        ctx.disableCompression();
        ctx.header("ETag", etag).header("Accept-Ranges", "bytes");
        if (compressible) {
            ctx.header("Vary", "Accept-Encoding");
        }
        if (matches(ctx.header("If-None-Match"), etag)) {
            ctx.status(304);
            return;
        }
        ctx.contentType(contentType);
        if (gzip) {
            ctx.header("Content-Encoding", "gzip");
        }
        Optional<long[]> slice = range == null || !ifRangeHolds(ctx.header("If-Range"), etag)
                ? Optional.empty() : range(range, body.length);
        if (slice.isEmpty()) {
            ctx.header("Content-Length", Integer.toString(body.length)).result(body);
            return;
        }
        long[] r = slice.get();
        if (r[0] < 0) {
            ctx.header("Content-Range", "bytes */" + body.length);
            throw new ApiException(416, "range_not_satisfiable",
                    "the range " + range + " lies outside the " + body.length + " bytes of this answer");
        }
        int from = (int) r[0];
        int to = (int) r[1];
        ctx.status(206).header("Content-Range", "bytes " + from + "-" + to + "/" + body.length)
                .header("Content-Length", Integer.toString(to - from + 1))
                .result(java.util.Arrays.copyOfRange(body, from, to + 1));
    }

    /** The strong ETag of exactly these bytes: the first 128 bits of their SHA-256, quoted. */
    public static String etag(byte[] bytes) {
        try {
            return "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code gzip} named in {@code Accept-Encoding} without {@code q=0} (or {@code *} with a non-zero weight). */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        boolean star = false;
        for (String part : acceptEncoding.split(",")) {
            String[] p = part.trim().toLowerCase(Locale.ROOT).split(";");
            boolean zero = p.length > 1 && p[1].trim().matches("q\\s*=\\s*0(\\.0*)?");
            if (p[0].trim().equals("gzip")) {
                return !zero;
            }
            star |= p[0].trim().equals("*") && !zero;
        }
        return star;
    }

    /** {@code If-None-Match} lists this ETag (weak comparison, as RFC 9110 asks for this field) or is {@code *}. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.trim();
            if (t.equals("*") || (t.startsWith("W/") ? t.substring(2) : t).equals(etag)) {
                return true;
            }
        }
        return false;
    }

    /** No {@code If-Range}, or one naming this ETag (strong comparison; a date is not a validator here). */
    static boolean ifRangeHolds(String ifRange, String etag) {
        return ifRange == null || ifRange.trim().equals(etag);
    }

    /**
     * The first and last byte of a single {@code bytes=} range over {@code length} bytes; {@code [-1, -1]} when
     * unsatisfiable; empty when the field is not one byte range (then the whole body is sent, as RFC 9110 allows).
     */
    static Optional<long[]> range(String field, long length) {
        Matcher m = SINGLE_RANGE.matcher(field.trim());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty()) || m.group(1).length() > 18
                || m.group(2).length() > 18) {
            return Optional.empty();
        }
        if (m.group(1).isEmpty()) {
            long suffix = Long.parseLong(m.group(2));
            return Optional.of(suffix == 0 || length == 0 ? new long[] {-1, -1}
                    : new long[] {Math.max(0, length - suffix), length - 1});
        }
        long first = Long.parseLong(m.group(1));
        if (!m.group(2).isEmpty() && Long.parseLong(m.group(2)) < first) {
            return Optional.empty();
        }
        if (first >= length) {
            return Optional.of(new long[] {-1, -1});
        }
        long last = m.group(2).isEmpty() ? length - 1 : Math.min(Long.parseLong(m.group(2)), length - 1);
        return Optional.of(new long[] {first, last});
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 2 + 64);
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
