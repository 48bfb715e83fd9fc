package org.zamin.round;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.zamin.testing.Http;
import org.zamin.testing.TestEstates;
import org.zamin.testing.TestServer;
import org.zamin.testing.TestUsers;

/**
 * A round closes and publishes itself at its published closing time: the background sweep closes it as the system,
 * revealing the committed seed, exactly as an officer's close does; a round whose window is still open is left alone.
 */
class RoundAutoCloseTest {

    private final TestServer ts = TestServer.get();

    @Test
    void theSweepClosesAndPublishesARoundAtItsClosingTimeAndNotBefore() {
        var estate = TestEstates.create(ts.jdbi());
        List<Long> plots = Rounds.plots(estate, 2);
        var officer = TestUsers.officer(estate.code());
        long offer = Rounds.publishedRound(officer, estate.code(), plots);
        String commitment = Http.get("/api/offers/" + offer).json().get("seedCommitment").asText();
        Rounds.advance(Duration.ofSeconds(70));
        var investor = TestUsers.investor();
        assertEquals(201, Rounds.apply(investor, offer, Rounds.application(List.of(plots.get(0)), "2599",
                300_000_000_000L, 300, true, 50)).status());

        ts.app().sweepHolds();
        assertEquals("PUBLISHED", Http.get("/api/offers/" + offer).json().get("state").asText(),
                "the window is still open");

        Rounds.advance(Duration.ofHours(1));
        ts.app().sweepHolds();
        JsonNode closed = Http.get("/api/offers/" + offer).json();
        assertEquals("CLOSED", closed.get("state").asText(), closed.toString());
        var result = Http.get("/api/offers/" + offer + "/result");
        assertEquals(200, result.status(), result.body());
        String sha = result.json().get("documentSha256").asText();
        String document = Http.get("/api/offers/" + offer + "/result/document").body();
        var verdict = RoundVerifier.verify(document, Optional.of(sha));
        assertTrue(verdict.matches(), verdict.problems().toString());
        assertEquals(commitment, result.json().get("document").get("inputs").get("lottery").get("seedCommitment")
                .asText(), "the seed revealed is the one committed at publication");

        JsonNode entry = Http.get("/api/decisions?subjectType=offer&subjectId=" + offer).json().get("decisions")
                .get(0);
        assertEquals("offer.closed", entry.get("action").asText());
        assertEquals("system", entry.get("actorRole").asText());
        assertEquals(sha, entry.get("details").get("documentSha256").asText());
        assertEquals("RESERVED", Rounds.parcelStatus(plots.get(0)), "won");
        assertEquals("AVAILABLE", Rounds.parcelStatus(plots.get(1)), "nobody's, freed");
        assertEquals(1, Http.get("/api/offers/" + offer + "/awards").json().get("awards").size());
    }
}
