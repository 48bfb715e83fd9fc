package org.zamin.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * CORS for the public read endpoints only (the GET routes the access table declares public: {@code /ogc/**},
 * {@code /tiles/**}, the public map's API): another site's web map may read them. A request from an allowed origin
 * gets {@code Access-Control-Allow-Origin}; a preflight ({@code OPTIONS} asking for GET or HEAD) is answered 204.
 * Never {@code Access-Control-Allow-Credentials}, and {@code Authorization} is not an allowed header: a browser on
 * another site reads these routes as a visitor, never with someone's cookie or token. Signed-in and writing routes
 * get no CORS header at all, so browsers keep refusing other sites there ({@link CrossSite} still refuses their
 * writes).
 */
public final class Cors implements Filter {

    static final String METHODS = "GET, HEAD, OPTIONS";
    static final String ALLOWED_HEADERS = "Accept, Accept-Language, If-None-Match, Range";
    static final String EXPOSED_HEADERS = "Content-Crs, Content-Range, Accept-Ranges, ETag, Link";
    static final String MAX_AGE_S = "600";

    private final List<String> origins;
    private final List<Pattern> publicReads;

    /**
     * @param origins     {@code *} or the allowed origins ({@code https://maps.example.org})
     * @param publicReads the public GET routes' path patterns ({@code /ogc/collections/{collectionId}})
     */
    public Cors(List<String> origins, Collection<String> publicReads) {
        this.origins = List.copyOf(origins);
        this.publicReads = publicReads.stream().map(Cors::pattern).toList();
    }

    /** A Javalin path pattern as a regular expression: a {@code {name}} is one path segment. */
    static Pattern pattern(String path) {
        StringBuilder regex = new StringBuilder();
        for (String part : path.split("(?=\\{)|(?<=})")) {
            regex.append(part.startsWith("{") && part.endsWith("}") ? "[^/]+" : Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }

    /** Whether a path is one of the public read routes. */
    public boolean isPublicRead(String path) {
        return publicReads.stream().anyMatch(p -> p.matcher(path).matches());
    }

    /** The {@code Access-Control-Allow-Origin} value for a request's origin, or null when it is not allowed. */
    String allowOrigin(String origin) {
        if (origins.contains("*")) {
            return "*";
        }
        return origin != null && origins.contains(origin.strip()) ? origin.strip() : null;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        HttpServletResponse res = (HttpServletResponse) response;
        String path = req.getRequestURI();
        String method = req.getMethod();
        String origin = req.getHeader("Origin");
        if (origin == null || !isPublicRead(path)) {
            chain.doFilter(request, response);
            return;
        }
        String allow = allowOrigin(origin);
        if (!origins.contains("*")) {
            res.addHeader("Vary", "Origin");
        }
        if (method.equals("OPTIONS") && req.getHeader("Access-Control-Request-Method") != null) {
            preflight(req, res, allow);
            return;
        }
        if (allow != null && (method.equals("GET") || method.equals("HEAD"))) {
            res.setHeader("Access-Control-Allow-Origin", allow);
            res.setHeader("Access-Control-Expose-Headers", EXPOSED_HEADERS);
        }
        chain.doFilter(request, response);
    }

    /** 204 with the CORS answer when a GET or HEAD from an allowed origin is asked for; 204 without it otherwise. */
    private static void preflight(HttpServletRequest req, HttpServletResponse res, String allow) {
        String asked = req.getHeader("Access-Control-Request-Method").strip().toUpperCase(Locale.ROOT);
        if (allow != null && (asked.equals("GET") || asked.equals("HEAD"))) {
            res.setHeader("Access-Control-Allow-Origin", allow);
            res.setHeader("Access-Control-Allow-Methods", METHODS);
            res.setHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS);
            res.setHeader("Access-Control-Max-Age", MAX_AGE_S);
        }
        res.setStatus(204);
    }
}
