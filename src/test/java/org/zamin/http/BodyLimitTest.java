package org.zamin.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;
import org.zamin.testing.Http;
import org.zamin.testing.TestServer;
import org.zamin.testing.TestUsers;

/**
 * Per-route body limits (issue 13, finding 7: 80 × 48 MB JSON bodies to {@code /api/tokens} ran the server out of
 * memory): an ordinary API write takes a JSON body of at most 64 kB, refused with 413 from its declared length before
 * any of it is read, or cut off where a body streamed without a length passes the limit; upload routes still take
 * files.
 */
class BodyLimitTest {

    @Test
    void aJsonBodyDeclaredOverTheLimitIsRefusedBeforeItIsSent() throws Exception {
        var user = TestUsers.investor();
        long before = tokens(user);
        // 48 MB declared, only the start of the JSON sent: the answer can come from the headers alone.
        try (RawRequest request = RawRequest.json("/api/tokens", user, 48L << 20, "{\"name\":\"")) {
            String answer = request.awaitAnswer(10_000);
            assertTrue(answer.startsWith("HTTP/1.1 413"), "answered before the body was sent: " + answer);
            assertTrue(answer.contains("\"payload_too_large\""), answer);
            assertTrue(answer.contains("64 kB"), "the message names the limit: " + answer);
            assertFalse(answer.contains("Exception"), answer);
        }
        assertEquals(before, tokens(user), "no token was made");
    }

    @Test
    void aJsonBodyStreamedWithoutALengthIsCutOffAtTheLimit() throws Exception {
        var user = TestUsers.investor();
        long before = tokens(user);
        String json = "{\"name\":\"" + "a".repeat(100_000) + "\"}";
        StringBuilder chunked = new StringBuilder();
        for (int i = 0; i < json.length(); i += 8192) {
            String chunk = json.substring(i, Math.min(json.length(), i + 8192));
            chunked.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }
        chunked.append("0\r\n\r\n");
        try (RawRequest request = RawRequest.post("/api/tokens", user, "application/json",
                "Transfer-Encoding: chunked\r\n", -1, chunked.toString())) {
            String answer = request.awaitAnswer(10_000);
            assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
            assertTrue(answer.contains("\"payload_too_large\""), answer);
        }
        assertEquals(before, tokens(user), "no token was made");
    }

    @Test
    void uploadRoutesStillTakeBodiesOverTheJsonLimit() {
        StringBuilder csv = new StringBuilder("allocation,month,electricity_kwh\n");
        for (int month = 1; csv.length() < 200_000; month++) {
            csv.append("999999999,").append(1000 + month / 12).append('-')
                    .append(String.format("%02d", month % 12 + 1)).append(",1\n");
        }
        Http.Response r = Http.send(HttpRequest.newBuilder(Http.uri("/api/utility-readings"))
                .header("Authorization", TestUsers.admin().bearer())
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv.toString())));
        assertEquals(200, r.status(), "a 200 kB CSV is read and reported on, not refused for its size: " + r.body());
    }

    private static long tokens(TestUsers.User user) {
        return TestServer.get().jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM api_token WHERE user_id = :id").bind("id", user.id()).mapTo(Long.class).one());
    }
}
