package org.zamin.parcel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.zamin.testing.Http.assertError;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.zamin.testing.Http;
import org.zamin.testing.TestEstates;
import org.zamin.testing.TestServer;

/** {@code GET /api/parcels} pages by key: a next link with an opaque cursor walks every match once. */
class ParcelPagingTest {

    private final Jdbi jdbi = TestServer.get().jdbi();

    @Test
    void nextLinksWalkEveryMatchOnce() {
        TestEstates.Estate e = TestEstates.create(jdbi);
        List<Long> plots = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            plots.add(e.addParcel(jdbi, "P" + i, e.rect(i * 50, 0, i * 50 + 50, 50), i % 2 == 0 ? "AVAILABLE" : "IDLE"));
        }
        JsonNode page = Http.get("/api/parcels?estate=" + e.code() + "&limit=4").json();
        assertEquals(11, page.get("numberMatched").asInt());
        assertEquals(6, page.get("countsByStatus").get("AVAILABLE").asInt());
        assertTrue(page.get("truncated").asBoolean());
        List<Long> seen = new ArrayList<>();
        int pages = 0;
        while (true) {
            page.get("features").forEach(f -> seen.add(f.get("id").asLong()));
            pages++;
            JsonNode links = page.get("links");
            if (links == null) {
                assertFalse(page.get("truncated").asBoolean());
                break;
            }
            String next = links.get(0).get("href").asText();
            assertEquals("next", links.get(0).get("rel").asText());
            assertTrue(next.startsWith("/api/parcels?") && next.contains("estate=" + e.code()) && next.contains("limit=4"), next);
            page = Http.get(next).json();
            assertNull(page.get("numberMatched"), "later pages are not counted again");
        }
        assertEquals(plots, seen);
        assertEquals(3, pages);
    }

    @Test
    void aCursorThisServerDidNotIssueIsA400() {
        for (String bad : List.of("not*base64", b64("plots:x"), b64("plots:-1"), b64("parcels:12"), b64("plots:"))) {
            assertError(Http.get("/api/parcels?cursor=" + bad), 400, "invalid_parameter", "cursor");
        }
        assertEquals(200, Http.get("/api/parcels?limit=2&cursor=" + b64("plots:1")).status());
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
