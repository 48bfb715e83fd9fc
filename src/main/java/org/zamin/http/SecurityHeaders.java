package org.zamin.http;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.zamin.config.Settings;

/**
 * The one rule for the security headers every response carries (pages, static files, WebJars, API answers, tiles,
 * OGC documents and Jetty's own error answers): a Content-Security-Policy with no inline script or style, nosniff,
 * a referrer policy, a permissions policy, no framing, a same-origin opener, and HSTS over HTTPS. Jetty applies it
 * to every request before any handler runs ({@link #customize}); {@link JettyErrors} applies it to the answers Jetty
 * writes for requests it could not even parse.
 */
public final class SecurityHeaders implements HttpConfiguration.Customizer {

    /** One year, subdomains included (OWASP ASVS 5.0, 3.4.1). */
    static final String HSTS = "max-age=31536000; includeSubDomains";
    /** Powerful features the map never uses: no page of this origin, nor a frame in it, may ask for them. */
    // Geolocation for this site's own pages only: an inspector may place inspection photos by the device's position.
    static final String PERMISSIONS = "accelerometer=(), camera=(), display-capture=(), geolocation=(self), "
            + "gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=()";

    /** scheme, host (letters, digits, dots, hyphens, {placeholders}), port; then the path, query or nothing. */
    private static final Pattern TILE_URL =
            Pattern.compile("(?i)(https?)://([a-z0-9.{}-]+)(:[0-9]{1,5})?(?:[/?#].*)?");

    private final Map<String, String> always;
    private final boolean httpsPublicUrl;

    private SecurityHeaders(Map<String, String> always, boolean httpsPublicUrl) {
        this.always = Map.copyOf(always);
        this.httpsPublicUrl = httpsPublicUrl;
    }

    /** The headers for this installation: its base map's tile server is the one image source besides this one. */
    public static SecurityHeaders from(Settings settings) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Security-Policy", contentSecurityPolicy(settings.basemapUrl()));
        headers.put("X-Content-Type-Options", "nosniff");
        // the origin only, and nothing over plain HTTP: a tile server sees which site asks (its usage policies want
        // that), never which plot or page
        headers.put("Referrer-Policy", "strict-origin-when-cross-origin");
        headers.put("Permissions-Policy", PERMISSIONS);
        headers.put("X-Frame-Options", "DENY");
        headers.put("Cross-Origin-Opener-Policy", "same-origin");
        return new SecurityHeaders(headers, settings.publicUrl().map(u -> "https".equals(u.getScheme())).orElse(false));
    }

    /**
     * Scripts and styles only from files of this origin (no inline code, no eval), images also as data: URLs and from
     * the base map's tile server, nothing framed, no plugins, no {@code <base>}, forms posted only here.
     */
    static String contentSecurityPolicy(Optional<String> basemapUrl) {
        String images = "'self' data:" + basemapUrl.flatMap(SecurityHeaders::tileSource).map(s -> " " + s).orElse("");
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src " + images
                + "; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
                + "frame-ancestors 'none'";
    }

    /**
     * The CSP source of a Leaflet tile URL template: its scheme, host and port, a templated first label ({@code {s}})
     * becoming {@code *}; nothing for a template on this origin (a path); the scheme alone when the host is templated
     * elsewhere. Anything else (user info, characters a host cannot hold) is refused, so the setting cannot add a
     * directive to the policy.
     */
    static Optional<String> tileSource(String template) {
        if (template.startsWith("/") && !template.startsWith("//")) {
            return Optional.empty();
        }
        Matcher url = TILE_URL.matcher(template);
        if (!url.matches()) {
            // not echoed: a tile URL may carry an API key
            throw new IllegalArgumentException(
                    "ZAMIN_BASEMAP_URL must be an http(s) URL with a plain host, or a path on this server");
        }
        String scheme = url.group(1).toLowerCase(Locale.ROOT);
        String host = url.group(2).toLowerCase(Locale.ROOT);
        String port = url.group(3) == null ? "" : url.group(3);
        int dot = host.indexOf('.');
        String first = dot < 0 ? host : host.substring(0, dot);
        String others = dot < 0 ? "" : host.substring(dot);
        if (others.contains("{") || (first.contains("{") && !first.matches("\\{[a-z]+}"))) {
            return Optional.of(scheme + ":");
        }
        return Optional.of(scheme + "://" + (first.contains("{") ? "*" + others : host) + port);
    }

    /** The headers and their values for an answer over HTTPS ({@code secure}) or plain HTTP. */
    public Map<String, String> headers(boolean secure) {
        if (!secure && !httpsPublicUrl) {
            return always;
        }
        Map<String, String> headers = new LinkedHashMap<>(always);
        headers.put("Strict-Transport-Security", HSTS);
        return headers;
    }

    /** Puts the headers into a response's fields, replacing any of the same name. */
    public void addTo(HttpFields.Mutable fields, boolean secure) {
        headers(secure).forEach(fields::put);
    }

    /** Jetty calls this for every request it parsed, before any handler, so no answer can leave without them. */
    @Override
    public Request customize(Request request, HttpFields.Mutable responseHeaders) {
        addTo(responseHeaders, isSecure(request));
        return request;
    }

    static boolean isSecure(Request request) {
        return request.isSecure() || request.getConnectionMetaData().isSecure();
    }
}
