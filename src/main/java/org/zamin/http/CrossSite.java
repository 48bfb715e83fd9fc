package org.zamin.http;

import io.javalin.http.Context;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import org.zamin.domain.Forbidden;
import org.zamin.domain.UnsupportedType;

/**
 * Refuses what a hostile page can make a victim's browser send: a request whose {@code Origin} (or, without one,
 * {@code Sec-Fetch-Site}) names another site, and, on the sign-in endpoints, a body that is not
 * {@code application/json} (a cross-site HTML form can send {@code text/plain} or form bodies without a CORS
 * preflight, never JSON).
 */
public final class CrossSite {

    private CrossSite() {}

    /**
     * True when the browser says the request comes from another site: an {@code Origin} whose host and port differ from
     * the request's {@code Host} (or a proxy's {@code X-Forwarded-Host}), {@code Origin: null}, or, with no
     * {@code Origin}, {@code Sec-Fetch-Site} {@code cross-site} / {@code same-site}. Scripts and tools that send
     * neither header are not browsers acting for someone else.
     */
    public static boolean isCrossSite(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin != null && !origin.isBlank()) {
            Optional<String> authority = originAuthority(origin.strip());
            return authority.isEmpty() || !(authority.get().equals(hostAuthority(ctx.header("Host"), origin))
                    || authority.get().equals(hostAuthority(ctx.header("X-Forwarded-Host"), origin)));
        }
        String site = ctx.header("Sec-Fetch-Site");
        return site != null && (site.equalsIgnoreCase("cross-site") || site.equalsIgnoreCase("same-site"));
    }

    /** Throws 403 {@code cross_site_request} when {@link #isCrossSite} says so. */
    public static void refuseCrossSite(Context ctx) {
        if (isCrossSite(ctx)) {
            throw new Forbidden("cross_site_request", "requests from another site are refused (Origin "
                    + Optional.ofNullable(ctx.header("Origin")).orElse("not sent") + ")");
        }
    }

    /**
     * The sign-in endpoints ({@code /api/auth/…}): never from another site, and a body only as JSON
     * ({@link #jsonOnly}). They set the session cookie, so a cross-site request could sign a victim in as someone else.
     */
    public static void authEndpoint(Context ctx) {
        if (isSafe(ctx)) {
            return;
        }
        refuseCrossSite(ctx);
        jsonOnly(ctx);
    }

    /**
     * A state-changing request's body, when it has one, only as {@code application/json} (415
     * {@code unsupported_media_type} otherwise): the types an HTML form can send are refused.
     */
    public static void jsonOnly(Context ctx) {
        if (isSafe(ctx)) {
            return;
        }
        String type = ctx.header("Content-Type");
        boolean hasBody = ctx.contentLength() > 0 || ctx.header("Transfer-Encoding") != null;
        if ((type != null && !isJson(type)) || (type == null && hasBody)) {
            throw new UnsupportedType("unsupported_media_type", "send the body as application/json (got "
                    + (type == null ? "no Content-Type" : type.strip()) + ")");
        }
    }

    private static boolean isSafe(Context ctx) {
        String method = ctx.method().name();
        return method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
    }

    static boolean isJson(String contentType) {
        String media = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return media.equals("application/json");
    }

    /** {@code host:port} of an origin ({@code https://zamin.example} → {@code zamin.example:443}); empty if unreadable. */
    static Optional<String> originAuthority(String origin) {
        try {
            URI uri = URI.create(origin);
            if (uri.getHost() == null || uri.getScheme() == null) {
                return Optional.empty();
            }
            int port = uri.getPort() >= 0 ? uri.getPort() : defaultPort(uri.getScheme());
            return Optional.of(uri.getHost().toLowerCase(Locale.ROOT) + ":" + port);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** {@code host:port} of a {@code Host} header, the port defaulting to that of the origin's scheme. */
    static String hostAuthority(String host, String origin) {
        if (host == null || host.isBlank()) {
            return "";
        }
        String h = host.split(",", 2)[0].strip().toLowerCase(Locale.ROOT);
        int colon = h.lastIndexOf(':');
        boolean hasPort = colon > h.lastIndexOf(']') && colon > 0;
        if (hasPort) {
            return h;
        }
        String scheme = origin.regionMatches(true, 0, "https:", 0, 6) ? "https" : "http";
        return h + ":" + defaultPort(scheme);
    }

    private static int defaultPort(String scheme) {
        return scheme.equalsIgnoreCase("https") ? 443 : 80;
    }
}
