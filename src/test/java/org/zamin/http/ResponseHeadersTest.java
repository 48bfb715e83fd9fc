package org.zamin.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.zamin.testing.Http;
import org.zamin.testing.RawHttp;
import org.zamin.testing.TestUsers;

/**
 * No answer leaves without the security headers: pages, scripts, stylesheets, WebJars, API answers of every status,
 * tiles, OGC documents, and the errors Jetty writes itself (a URI or header fields over its limits, a broken request
 * line), which are JSON like every other error, never Jetty's HTML page.
 */
class ResponseHeadersTest {

    @Test
    void everyKindOfAnswerCarriesTheSecurityHeaders() {
        TestUsers.User investor = TestUsers.investor();
        TestUsers.User planner = TestUsers.planner();
        checkAnswer("the map page", 200, Http.get("/"));
        checkAnswer("an HTML page", 200, Http.get("/index.html"));
        checkAnswer("a script of the page", 200, Http.get("/js/main.js"));
        checkAnswer("a stylesheet", 200, Http.get("/css/app.css"));
        checkAnswer("a translation", 200, Http.get("/i18n/fa.json"));
        checkAnswer("a WebJar file", 200, Http.get("/webjars/leaflet/1.9.4/dist/leaflet.js"));
        checkAnswer("an API answer", 200, Http.get("/api/estates"));
        checkAnswer("the health check", 200, Http.get("/health"));
        checkAnswer("a vector tile", 200, Http.get("/tiles/estates/6/40/24.mvt"));
        String etag = Http.get("/tiles/estates/6/40/24.mvt").headers().firstValue("ETag").orElseThrow();
        checkAnswer("an unchanged tile", 304, Http.get("/tiles/estates/6/40/24.mvt", "If-None-Match", etag));
        checkAnswer("an OGC document", 200, Http.get("/ogc/collections"));
        checkAnswer("OGC features", 200, Http.get("/ogc/collections/estates/items?limit=2"));
        checkAnswer("not signed in", 401, Http.get("/api/me"));
        checkAnswer("the wrong role", 403, Http.get("/api/stats", "Authorization", investor.bearer()));
        checkAnswer("an unknown record", 404, Http.get("/api/parcels/999999999"));
        checkAnswer("an unknown route", 404, Http.get("/api/no-such-route"));
        checkAnswer("an unknown static file", 404, Http.get("/js/no-such-file.js"));
        checkAnswer("an unknown WebJar file", 404, Http.get("/webjars/leaflet/1.9.4/dist/no-such-file.js"));
        checkAnswer("a method the route does not take", 405,
                Http.send(HttpRequest.newBuilder(Http.uri("/api/estates")).method("PATCH", HttpRequest.BodyPublishers.noBody())));
        checkAnswer("an invalid parameter", 400, Http.get("/tiles/parcels/3/8/0.mvt"));
        checkAnswer("unprocessable content", 422, Http.get("/api/stats?estate=NO-SUCH", "Authorization",
                planner.bearer()));
        checkRawAnswer("a body over the limit", 413, RawHttp.send(RawHttp.request("POST", "/api/tokens",
                "Content-Type: application/json", "Content-Length: 60000000")));
        checkRawAnswer("a 100 kB URI", 414, RawHttp.send(RawHttp.request("GET", "/api/parcels?q=" + "x".repeat(100_000))));
        checkRawAnswer("a 100 kB header field", 431, RawHttp.send(RawHttp.request("GET", "/api/estates",
                "X-Padding: " + "x".repeat(100_000))));
    }

    @Test
    void aUriOrHeaderFieldsOverTheLimitAreAnsweredAsJsonErrors() {
        RawHttp.Response uri = RawHttp.send(RawHttp.request("GET", "/api/parcels?q=" + "x".repeat(100_000)));
        assertJsonError(uri, 414, "uri_too_long");
        RawHttp.Response header = RawHttp.send(RawHttp.request("GET", "/", "X-Padding: " + "x".repeat(100_000)));
        assertJsonError(header, 431, "headers_too_large");
        String[] many = new String[3000];
        for (int i = 0; i < many.length; i++) {
            many[i] = "X-Field-" + i + ": value";
        }
        assertJsonError(RawHttp.send(RawHttp.request("GET", "/api/estates", many)), 431, "headers_too_large");
    }

    @Test
    void requestsJettyCannotParseAreAnsweredAsJsonErrors() {
        assertJsonError(RawHttp.send("GARBAGE"), 400, "bad_request");
        assertJsonError(RawHttp.send("GET /api/estates HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nBad Header"),
                400, "bad_request");
        assertJsonError(RawHttp.send(RawHttp.request("GET", "api/estates")), 400, "bad_request");
        assertJsonError(RawHttp.send(RawHttp.request("GET", "/api/%zz")), 400, "bad_request");
        assertJsonError(RawHttp.send("GET /api/estates HTTP/2.5\r\nHost: 127.0.0.1\r\nConnection: close"), 505,
                "http_version_not_supported");
        assertJsonError(RawHttp.send(RawHttp.request("GET", "/api/estates", "Content-Length: -5")), 400, "bad_request");
    }

    /** An answer of the expected status with every security header. */
    private static void checkAnswer(String what, int status, Http.Response answer) {
        assertEquals(status, answer.status(), what + ": " + answer.body());
        assertSecurityHeaders(what, name -> answer.headers().firstValue(name).orElse(null));
    }

    private static void checkRawAnswer(String what, int status, RawHttp.Response answer) {
        assertEquals(status, answer.status(), what + ": " + answer.body());
        assertSecurityHeaders(what, answer::header);
    }

    static void assertSecurityHeaders(String what, Function<String, String> header) {
        String csp = header.apply("Content-Security-Policy");
        assertNotNull(csp, what + ": no Content-Security-Policy");
        for (String directive : List.of("default-src 'self'", "script-src 'self'", "style-src 'self'",
                "img-src 'self' data:", "object-src 'none'", "base-uri 'none'", "form-action 'self'",
                "frame-ancestors 'none'")) {
            assertTrue(csp.contains(directive), what + ": the policy lacks " + directive + ": " + csp);
        }
        assertFalse(csp.contains("unsafe-inline") || csp.contains("unsafe-eval") || csp.contains("*"),
                what + ": the policy allows inline code or any source: " + csp);
        assertEquals("nosniff", header.apply("X-Content-Type-Options"), what);
        assertTrue(List.of("strict-origin-when-cross-origin", "no-referrer").contains(header.apply("Referrer-Policy")),
                what + ": Referrer-Policy " + header.apply("Referrer-Policy"));
        String permissions = header.apply("Permissions-Policy");
        assertTrue(permissions != null && permissions.contains("geolocation=(self)") && permissions.contains("camera=()"),
                what + ": Permissions-Policy " + permissions);
        assertEquals("DENY", header.apply("X-Frame-Options"), what);
        assertEquals("same-origin", header.apply("Cross-Origin-Opener-Policy"), what);
        assertNull(header.apply("Strict-Transport-Security"), what + ": HSTS over plain HTTP with no https public URL");
    }

    private static void assertJsonError(RawHttp.Response answer, int status, String code) {
        assertEquals(status, answer.status(), answer.body());
        assertTrue(answer.header("Content-Type").startsWith("application/json"), answer.header("Content-Type"));
        assertFalse(answer.body().contains("<") || answer.body().contains("Exception"), answer.body());
        JsonNode body = parse(answer.body());
        assertEquals(code, body.get("code").asText(), answer.body());
        assertFalse(body.get("message").asText().isBlank(), answer.body());
        assertSecurityHeaders(status + " " + code, answer::header);
    }

    private static JsonNode parse(String body) {
        try {
            return Http.JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}
