package org.zamin.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small real HTTP client for tests: requests against the running server, JSON bodies parsed. */
public final class Http {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A response: status, content type, body (parsed when it is JSON) and headers. */
    public record Response(int status, String contentType, String body, java.net.http.HttpHeaders headers) {

        public Response(int status, String contentType, String body) {
            this(status, contentType, body, java.net.http.HttpHeaders.of(java.util.Map.of(), (a, b) -> true));
        }

        /** The value of a cookie this response sets, if it sets it. */
        public java.util.Optional<String> cookie(String name) {
            return headers.allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "="))
                    .map(c -> c.substring(name.length() + 1).split(";", 2)[0]).findFirst();
        }

        /** The whole Set-Cookie header for a cookie (with its attributes). */
        public java.util.Optional<String> setCookie(String name) {
            return headers.allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "=")).findFirst();
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("response is not JSON: " + body, e);
            }
        }
    }

    private Http() {}

    public static Response get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).GET());
    }

    public static Response get(String pathAndQuery, String header, String value) {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).header(header, value).GET());
    }

    public static Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = CLIENT.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(), r.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Asserts a JSON error answer: its status, its stable code, a message naming the problem, no internals. */
    public static void assertError(Response r, int status, String code, String messagePart) {
        assertEquals(status, r.status(), r.body());
        assertTrue(r.contentType().contains("json"), r.contentType());
        JsonNode body = r.json();
        assertEquals(code, body.get("code").asText(), r.body());
        assertTrue(body.get("message").asText().contains(messagePart), r.body());
        assertFalse(r.body().contains("Exception") || r.body().contains("SELECT"), "no internals leak: " + r.body());
    }

    /** POSTs a JSON body with extra headers given as name, value, name, value… */
    public static Response post(String path, Object body, String... headers) {
        return sendJson("POST", path, body, headers);
    }

    /** Sends a JSON body (null: none) with the given method and extra headers (name, value, …). */
    public static Response sendJson(String method, String path, Object body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            if (headers[i + 1] != null) {
                b.header(headers[i], headers[i + 1]);
            }
        }
        try {
            String text = body == null ? "" : body instanceof String s ? s : JSON.writeValueAsString(body);
            if (body != null) {
                b.header("Content-Type", "application/json");
            }
            return send(b.method(method, HttpRequest.BodyPublishers.ofString(text)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** GET with extra headers (name, value, …). */
    public static Response get(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            if (headers[i + 1] != null) {
                b.header(headers[i], headers[i + 1]);
            }
        }
        return send(b.GET());
    }

    public static URI uri(String pathAndQuery) {
        return URI.create(TestServer.get().baseUrl() + pathAndQuery);
    }
}
