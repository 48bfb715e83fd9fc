package org.zamin.round;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.zamin.testing.Http;
import org.zamin.testing.TestEstates;
import org.zamin.testing.TestServer;
import org.zamin.testing.TestUsers;

/** Helpers for round tests: an estate with plots of different sizes, an offer through the API, applications. */
final class Rounds {

    private Rounds() {}

    /** A new estate with {@code n} AVAILABLE plots of different areas (about 1 to 2 ha), in a grid; their ids. */
    static List<Long> plots(TestEstates.Estate e, int n) {
        var jdbi = TestServer.get().jdbi();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double x = 200.0 * (i % 5);
            double y = 200.0 * (i / 5);
            ids.add(e.addParcel(jdbi, "R" + (i + 1), e.rect(x, y, x + 100 + 5 * i, y + 100 + (i % 3) * 20),
                    "AVAILABLE"));
        }
        return ids;
    }

    /** The test server's clock now, to the second. */
    static Instant now() {
        return TestServer.get().clock().instant().truncatedTo(ChronoUnit.SECONDS);
    }

    static void advance(Duration d) {
        TestServer.get().clock().advance(d);
    }

    /** An offer body: the window from {@code opensAt} for an hour, up to 3 ranked plots, and these rules. */
    static Map<String, Object> offer(String estate, List<Long> plots, Instant opensAt, Map<String, Object> rules) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("estate", estate);
        b.put("parcelIds", plots);
        b.put("mode", "ROUND");
        b.put("opensAt", opensAt.toString());
        b.put("closesAt", opensAt.plus(Duration.ofHours(1)).toString());
        b.put("maxRanked", 3);
        if (rules != null) {
            b.put("rules", rules);
        }
        return b;
    }

    /** Creates and publishes a round that opens in a minute and closes an hour later; answers its id. */
    static long publishedRound(TestUsers.User officer, String estate, List<Long> plots) {
        var created = Http.post("/api/offers", offer(estate, plots, now().plusSeconds(60), null), "Authorization",
                officer.bearer());
        assertEquals(201, created.status(), created.body());
        long id = created.json().get("id").asLong();
        var published = action(officer, id, "publish");
        assertEquals(200, published.status(), published.body());
        return id;
    }

    static Http.Response action(TestUsers.User u, long offer, String action) {
        return Http.post("/api/offers/" + offer + "/" + action, null, "Authorization", u.bearer());
    }

    static Map<String, Object> application(List<Long> ranking, String activity, long investment, int jobs,
            boolean knowledgeBased, int exportSharePct) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("ranking", ranking);
        b.put("activity", activity);
        b.put("investment", investment);
        b.put("jobs", jobs);
        b.put("knowledgeBased", knowledgeBased);
        b.put("exportSharePct", exportSharePct);
        return b;
    }

    static Http.Response apply(TestUsers.User investor, long offer, Object body) {
        return Http.post("/api/offers/" + offer + "/applications", body, "Authorization", investor.bearer());
    }

    /** A varied application: 1–3 plots (popular ones more often), mostly manufacturing, some retail (ineligible). */
    static Map<String, Object> randomApplication(Random random, List<Long> plots) {
        List<Long> ranking = new ArrayList<>();
        int wanted = 1 + random.nextInt(3);
        while (ranking.size() < wanted) {
            // the first eight plots are wanted three times as often as the rest
            long p = random.nextInt(4) < 3 ? plots.get(random.nextInt(Math.min(8, plots.size()))) : plots.get(random.nextInt(plots.size()));
            if (!ranking.contains(p)) {
                ranking.add(p);
            }
        }
        int kind = random.nextInt(10);
        String activity = kind == 0 ? "4711" : kind == 1 ? "5210" : "2599";
        return application(ranking, activity, 1_000_000_000L + (long) random.nextInt(300) * 1_000_000_000L,
                random.nextInt(150), random.nextBoolean(), random.nextInt(101));
    }

    /**
     * Moves past the window and closes the round; answers the published result envelope. The server's background sweep
     * closes a round at its closing time too, so it may have closed it first (then the officer's close is refused).
     */
    static JsonNode closeAndRead(TestUsers.User officer, long offer) {
        advance(Duration.ofHours(1).plusMinutes(1));
        var closed = action(officer, offer, "close");
        if (closed.status() != 200) {
            assertEquals("CLOSED", Http.get("/api/offers/" + offer).json().get("state").asText(), closed.body());
        }
        var result = Http.get("/api/offers/" + offer + "/result");
        assertEquals(200, result.status(), result.body());
        return result.json();
    }

    static String parcelStatus(long id) {
        return TestServer.get().jdbi().withHandle(h -> h.createQuery("SELECT status FROM parcel WHERE id = :id")
                .bind("id", id).mapTo(String.class).one());
    }
}
