package org.zamin.reservation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.zamin.testing.Http;
import org.zamin.testing.TestEstates;
import org.zamin.testing.TestServer;
import org.zamin.testing.TestUsers;

/** Helpers for reservation tests: a fresh estate with a row of plots, and the API calls with a bearer token. */
final class Reservations {

    private Reservations() {}

    /** A new estate with {@code n} adjacent 100 m × 100 m AVAILABLE plots in a row; returns their ids. */
    static List<Long> row(TestEstates.Estate e, int n) {
        var jdbi = TestServer.get().jdbi();
        return java.util.stream.IntStream.range(0, n)
                .mapToObj(i -> e.addParcel(jdbi, "P" + (i + 1), e.rect(100 * i, 0, 100 * (i + 1), 100), "AVAILABLE"))
                .toList();
    }

    static Map<String, Object> body(List<Long> parcels) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("parcelIds", parcels);
        b.put("activity", "1079");
        b.put("investment", 50_000_000_000L);
        b.put("jobs", 40);
        b.put("knowledgeBased", true);
        return b;
    }

    static Http.Response reserve(TestUsers.User u, List<Long> parcels) {
        return reserve(u, parcels, UUID.randomUUID().toString());
    }

    static Http.Response reserve(TestUsers.User u, List<Long> parcels, String key) {
        return Http.post("/api/reservations", body(parcels), "Authorization", u.bearer(), "Idempotency-Key", key);
    }

    static Http.Response action(TestUsers.User u, long id, String action) {
        return Http.post("/api/reservations/" + id + "/" + action, null, "Authorization", u.bearer());
    }

    static Http.Response reject(TestUsers.User u, long id, String reason) {
        return Http.post("/api/reservations/" + id + "/reject", Map.of("reason", reason), "Authorization", u.bearer());
    }

    static String parcelStatus(long id) {
        return TestServer.get().jdbi().withHandle(h -> h.createQuery("SELECT status FROM parcel WHERE id = :id")
                .bind("id", id).mapTo(String.class).one());
    }

    static long count(String sql, Object... args) {
        return TestServer.get().jdbi().withHandle(h -> {
            var q = h.createQuery(sql);
            for (int i = 0; i < args.length; i++) {
                q.bind(i, args[i]);
            }
            return q.mapTo(Long.class).one();
        });
    }
}
