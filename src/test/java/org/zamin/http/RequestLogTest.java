package org.zamin.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.zamin.testing.Http;
import org.zamin.testing.TestUsers;

/** Every request has an id (the client's when sane, else a new one), echoed, in error bodies, and in its log line. */
class RequestLogTest {

    private static final java.util.regex.Pattern UUID_TEXT =
            java.util.regex.Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    @Test
    void aSaneIncomingIdIsKeptEchoedAndInTheErrorBody() {
        Http.Response r = Http.get("/api/parcels/987654321", "X-Request-Id", "edge-7f3a.01:B");
        assertEquals(404, r.status());
        assertEquals("edge-7f3a.01:B", r.headers().firstValue("X-Request-Id").orElseThrow());
        assertEquals("edge-7f3a.01:B", r.json().get("requestId").asText(), r.body());
        assertEquals("not_found", r.json().get("code").asText());
    }

    @Test
    void anInsaneIncomingIdIsReplacedByANewOne() {
        for (String bad : List.of("x".repeat(RequestLog.MAX_ID_LENGTH + 1), "two words", "a<b>", "é")) {
            Http.Response r = Http.get("/api/estates", "X-Request-Id", bad);
            assertEquals(200, r.status());
            String id = r.headers().firstValue("X-Request-Id").orElseThrow();
            assertNotEquals(bad, id);
            assertTrue(UUID_TEXT.matcher(id).matches(), id);
        }
        String a = Http.get("/api/estates").headers().firstValue("X-Request-Id").orElseThrow();
        String b = Http.get("/api/estates").headers().firstValue("X-Request-Id").orElseThrow();
        assertTrue(UUID_TEXT.matcher(a).matches() && !a.equals(b), "each request its own id: " + a + " " + b);
    }

    @Test
    void oneLogLinePerRequestWithRouteStatusIdAndAccountButNoCredential() {
        var user = TestUsers.investor();
        String id = "log-" + UUID.randomUUID();
        String log = captured(() -> Http.get("/api/parcels/987654322", "X-Request-Id", id,
                "Authorization", user.bearer()));
        List<String> lines = log.lines().filter(l -> l.contains("request_id=" + id)).toList();
        assertEquals(1, lines.size(), log);
        String line = lines.get(0);
        assertTrue(line.contains("GET /api/parcels/{id} /api/parcels/987654322 404 "), line);
        assertTrue(line.contains("account=" + user.id()), line);
        assertFalse(log.contains(user.token()), "never the token");

        String anonymous = "anon-" + UUID.randomUUID();
        String line2 = captured(() -> Http.get("/api/estates", "X-Request-Id", anonymous)).lines()
                .filter(l -> l.contains("request_id=" + anonymous)).findFirst().orElseThrow();
        assertTrue(line2.contains("GET /api/estates /api/estates 200 ") && line2.endsWith("account=-"), line2);
    }

    @Test
    void aPathCannotForgeLogLines() {
        assertEquals("/a?b?c", RequestLog.printable("/a\nb\tc"));
        assertEquals(201, RequestLog.printable("/" + "p".repeat(500)).length());
    }

    /** What slf4j-simple wrote to standard error while {@code action} ran (copied through as well). */
    private static String captured(Supplier<?> action) {
        PrintStream original = System.err;
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        System.setErr(new PrintStream(new java.io.OutputStream() {
            @Override
            public synchronized void write(int b) {
                copy.write(b);
                original.write(b);
            }

            @Override
            public synchronized void write(byte[] b, int off, int len) {
                copy.write(b, off, len);
                original.write(b, off, len);
            }
        }, true, StandardCharsets.UTF_8));
        try {
            action.get();
            // the line is written when the response has been sent: wait until it is there
            for (int i = 0; i < 100 && !copy.toString(StandardCharsets.UTF_8).contains("request_id="); i++) {
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            System.setErr(original);
        }
        return copy.toString(StandardCharsets.UTF_8);
    }
}
