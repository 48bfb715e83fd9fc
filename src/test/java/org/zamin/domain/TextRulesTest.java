package org.zamin.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.zamin.testing.Http;
import org.zamin.testing.TestEstates;
import org.zamin.testing.TestServer;
import org.zamin.testing.TestUsers;

/**
 * One rule for text, held twice: every sample the Java rule ({@link Text}) accepts, the database's CHECK constraints
 * (V550) accept, and every sample it refuses they refuse — for a line (a user's name), prose (a rejection's reason)
 * and a plot number, at the length limits too.
 */
class TextRulesTest {

    private static final List<String> SAMPLES = List.of("A-1", "B7/12", "پلاک-۷", "Ali Rezaei & Sons", "a\tb",
            "a\nb", "a\r\nb", "a\u0001b", "a\u001fb", "a\u007fb", "a\u0085b", "a\u009fb", "a\u00a0b", "a\u2028b",
            "a\u202ab", "a\u202eb", "a\u2066b", "a\u2069b", "a\u200fb", "<b>x</b>", "a\"b", "a'b", "a`b", "a\\b",
            " a", "a ", "😀 emoji", "x".repeat(32), "x".repeat(33), "😀".repeat(32), "😀".repeat(33), "x".repeat(200),
            "x".repeat(201), "x".repeat(2000), "x".repeat(2001));

    @Test
    void theDatabaseAcceptsExactlyWhatTheServiceAccepts() {
        long reservation = aReservation();
        List<String> disagreements = new ArrayList<>();
        TestServer.get().ownerJdbi().useHandle(h -> {
            for (String sample : SAMPLES) {
                compare(h, disagreements, sample, Text.Kind.LINE, Text.NAME_MAX,
                        "UPDATE users SET name = :v WHERE id = (SELECT min(id) FROM users)");
                compare(h, disagreements, sample, Text.Kind.PARAGRAPH, Text.REASON_MAX,
                        "UPDATE reservation SET reason = :v WHERE id = " + reservation);
                compare(h, disagreements, sample, Text.Kind.IDENTIFIER, Text.PLOT_NUMBER_MAX,
                        "UPDATE parcel SET plot_number = :v WHERE id = (SELECT min(id) FROM parcel)");
            }
        });
        assertTrue(disagreements.isEmpty(), String.join("\n", disagreements));
    }

    @Test
    void aNulByteAndALoneSurrogateAreNeverText() {
        for (Text.Kind kind : Text.Kind.values()) {
            assertTrue(Text.problem("a\u0000b", kind, 100).isPresent(), kind.name());
            assertTrue(Text.problem("a\ud800b", kind, 100).isPresent(), kind.name());
        }
        var e = assertThrows(Invalid.class, () -> Text.required("Ali\u0000", Text.Kind.LINE, 200, "invalid_name",
                "name"));
        assertEquals("invalid_name", e.code());
        assertEquals("reason_required", assertThrows(Invalid.class, () -> Text.reason("  ", 10)).code());
        assertEquals("invalid_reason", assertThrows(Invalid.class, () -> Text.reason("x\u202e", 10)).code());
        assertEquals("", Text.optional(null, Text.Kind.LINE, 10, "c", "f"));
        assertEquals("kept", Text.optional("  kept ", Text.Kind.LINE, 10, "c", "f"));
    }

    /** A reservation of a fresh plot, made through the API, whose reason the comparison writes. */
    private static long aReservation() {
        var estate = TestEstates.create(TestServer.get().ownerJdbi());
        long plot = estate.addParcel(TestServer.get().ownerJdbi(), "T-1", estate.rect(0, 0, 100, 100), "AVAILABLE");
        var r = Http.post("/api/reservations", Map.of("parcelIds", List.of(plot), "activity", "1079", "investment", 1000,
                "jobs", 1), "Authorization", TestUsers.investor().bearer(), "Idempotency-Key", UUID.randomUUID().toString());
        assertEquals(201, r.status(), r.body());
        return r.json().get("id").asLong();
    }

    /** Whether the database takes {@code sample} where {@code update} writes it; rolled back either way. */
    private static void compare(Handle h, List<String> disagreements, String sample, Text.Kind kind, int max,
            String update) {
        boolean java = Text.problem(sample, kind, max).isEmpty();
        boolean database;
        h.begin();
        try {
            h.createUpdate(update).bind("v", sample).execute();
            database = true;
        } catch (RuntimeException e) {
            database = false;
        } finally {
            h.rollback();
        }
        if (java != database) {
            disagreements.add(kind + " " + escaped(sample) + ": Java " + (java ? "accepts" : "refuses") + ", database "
                    + (database ? "accepts" : "refuses"));
        }
    }

    private static String escaped(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().limit(40).forEach(c -> b.append(c < 0x20 || c > 0x7e ? String.format("\\u%04X", c)
                : String.valueOf((char) c)));
        return b + (s.length() > 40 ? "… (" + s.codePointCount(0, s.length()) + " characters)" : "");
    }
}
