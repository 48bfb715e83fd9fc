package org.zamin.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.zamin.testing.Http;
import org.zamin.testing.TestEstates;
import org.zamin.testing.TestServer;
import org.zamin.testing.TestUsers;

/**
 * The month-by-month history of {@code GET /api/stats}, read from the monthly snapshots and the kept tallies, equals
 * the full recount (the replay of the whole decision log) after a random stream of holds, approvals, idle cases and
 * reclaims across month boundaries: some back-dated into months already taken, some as the test clock moves month
 * by month with the periodic sweep taking each month as it closes, and a real hold through the API at the end.
 */
class HistorySnapshotTest {

    private static final TestUsers.User PLANNER = TestUsers.planner();

    private final Jdbi jdbi = TestServer.get().jdbi();

    /** One logged event: a plot's new status from an instant on. */
    private record Event(long plot, Instant at, String status) {}

    @Test
    void historyFromSnapshotsEqualsTheFullRecountAcrossMonthBoundaries() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        String why = "seed " + seed;
        TestEstates.Estate e = TestEstates.create(jdbi);
        List<Long> plots = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            plots.add(e.addParcel(jdbi, "H" + i, e.rect(90 * i, 0, 90 * i + 80, 40 + random.nextInt(50)), "AVAILABLE"));
        }
        long untouched = plots.remove(plots.size() - 1); // held for real at the end
        Map<Long, String> status = new LinkedHashMap<>();
        plots.forEach(p -> status.put(p, "AVAILABLE"));
        List<Event> events = new ArrayList<>();
        TestServer.get().app().sweepHolds();

        // Three past months, back-dated into months the sweep may already have taken.
        YearMonth current = YearMonth.from(now());
        YearMonth start = current.minusMonths(3);
        for (YearMonth m = start; m.isBefore(current); m = m.plusMonths(1)) {
            for (int k = 0; k < 6; k++) {
                Instant at = m.atDay(1 + 4 * k + random.nextInt(4)).atTime(10, random.nextInt(60)).toInstant(ZoneOffset.UTC);
                step(plots.get(random.nextInt(plots.size())), at, status, events, e);
            }
            TestServer.get().app().sweepHolds();
        }
        // Three month boundaries crossed by the clock; events as they happen; the sweep at random moments.
        for (int month = 0; month < 3; month++) {
            YearMonth next = YearMonth.from(now()).plusMonths(1);
            OffsetDateTime target = next.atDay(2 + random.nextInt(5)).atTime(12, 0).atOffset(ZoneOffset.UTC);
            TestServer.get().clock().advance(Duration.between(now(), target));
            TestUsers.renewTokens(PLANNER);
            for (int k = 0; k < 5; k++) {
                if (random.nextBoolean()) {
                    TestServer.get().app().sweepHolds();
                }
                Instant at = now().toInstant().minusSeconds(600 - 100L * k);
                step(plots.get(random.nextInt(plots.size())), at, status, events, e);
            }
        }
        // The plots are where the log says they are; one more plot held for real (its entry is the database's now,
        // which may lie in a month already taken when the clock runs ahead).
        TestServer.get().ownerJdbi().useHandle(h -> status.forEach((p, s) -> h.execute(
                "UPDATE parcel SET status = ? WHERE id = ?", s, p)));
        TestServer.get().app().sweepHolds();
        YearMonth databaseMonth = YearMonth.from(jdbi.withHandle(h -> h.createQuery("SELECT now()")
                .mapTo(OffsetDateTime.class).one()).withOffsetSameInstant(ZoneOffset.UTC));
        assertTrue(taken(databaseMonth), "the sweep took " + databaseMonth + ", closed by the clock that runs ahead");
        TestUsers.User investor = TestUsers.investors(1).get(0);
        TestUsers.renewTokens(investor);
        Http.Response held = Http.post("/api/reservations", Map.of("parcelIds", List.of(untouched), "activity", "1079",
                "investment", 50_000_000_000L, "jobs", 40, "knowledgeBased", true), "Authorization", investor.bearer(),
                "Idempotency-Key", UUID.randomUUID().toString());
        assertEquals(201, held.status(), held.body());
        Instant heldAt = jdbi.withHandle(h -> h.createQuery("SELECT max(occurred_at) FROM decision "
                + "WHERE action = 'reservation.held' AND parcel_ids @> ARRAY[CAST(:p AS bigint)]").bind("p", untouched)
                .mapTo(OffsetDateTime.class).one()).toInstant();
        events.add(new Event(untouched, heldAt, "RESERVED"));
        YearMonth heldMonth = YearMonth.from(heldAt.atOffset(ZoneOffset.UTC));
        assertTrue(heldMonth.isBefore(YearMonth.from(now())), "the clock runs ahead of the database");
        assertTrue(!taken(heldMonth), "a late entry drops the snapshot of its month (" + heldMonth + ")");

        // Read while months are missing (replayed on the fly), then after the sweep took them again.
        assertHistoryIsTheRecount(e, plots, untouched, events, start, why);
        TestServer.get().app().sweepHolds();
        for (YearMonth m = start; m.isBefore(YearMonth.from(now())); m = m.plusMonths(1)) {
            assertTrue(taken(m), "the sweep took " + m);
        }
        assertHistoryIsTheRecount(e, plots, untouched, events, start, why);
    }

    private boolean taken(YearMonth m) {
        return jdbi.withHandle(h -> h.createQuery("SELECT EXISTS (SELECT 1 FROM history_snapshot_month "
                + "WHERE month = CAST(:m AS date))").bind("m", m + "-01").mapTo(Boolean.class).one());
    }

    /** The answer's history from {@code start} on equals the replay and the stream's own account, month by month. */
    private void assertHistoryIsTheRecount(TestEstates.Estate e, List<Long> plots, long untouched, List<Event> events,
            YearMonth start, String why) {
        OffsetDateTime now = now();
        YearMonth last = YearMonth.from(now);
        JsonNode history = Http.get("/api/stats?groupBy=estate&months=12&estate=" + e.code(), "Authorization",
                PLANNER.bearer()).json().get("history");
        Map<String, Map<String, double[]>> recount = new TreeMap<>();
        new HistorySnapshots(jdbi, TestServer.get().clock()).recount(start.toString(), now, List.of(e.code()))
                .forEach(c -> recount.computeIfAbsent(c.month(), k -> new TreeMap<>())
                        .put(c.status(), new double[] {c.plots(), c.areaM2()}));
        int compared = 0;
        for (JsonNode entry : history) {
            YearMonth m = YearMonth.parse(entry.get("month").asText());
            if (m.isBefore(start)) {
                continue;
            }
            Map<String, double[]> want = recount.get(m.toString());
            Map<String, double[]> got = new TreeMap<>();
            entry.get("byStatus").fields().forEachRemaining(f -> got.put(f.getKey(),
                    new double[] {f.getValue().get("plots").asLong(), f.getValue().get("areaM2").asDouble()}));
            assertEquals(want.keySet(), got.keySet(), m + " " + why);
            for (String s : want.keySet()) {
                assertEquals(want.get(s)[0], got.get(s)[0], m + " " + s + " plots " + why);
                assertEquals(want.get(s)[1], got.get(s)[1], 0.11, m + " " + s + " area " + why);
            }
            // And both are what the stream says: each plot's status at the month's end.
            Instant end = m.equals(last) ? now.toInstant() : m.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
            Map<String, Integer> expected = new TreeMap<>();
            List<Long> all = new ArrayList<>(plots);
            all.add(untouched);
            for (long p : all) {
                String s = "AVAILABLE";
                for (Event ev : events) {
                    if (ev.plot() == p && ev.at().isBefore(end)) {
                        s = ev.status();
                    }
                }
                expected.merge(s, 1, Integer::sum);
            }
            Map<String, Integer> counted = new TreeMap<>();
            got.forEach((s, v) -> counted.put(s, (int) v[0]));
            assertEquals(expected, counted, m + " " + why);
            compared++;
        }
        assertTrue(compared >= 6, "compared " + compared + " months");
    }

    /** The plot's next step (hold, approval, lapse, idle case, notice, reclaim, construction, production), logged at {@code at}. */
    private void step(long plot, Instant at, Map<Long, String> status, List<Event> events, TestEstates.Estate e) {
        String from = status.get(plot);
        String[] next = switch (from) {
            case "AVAILABLE" -> new String[] {"reservation.held", "RESERVED"};
            case "RESERVED" -> at.getEpochSecond() % 3 == 0 ? new String[] {"reservation.expired", "AVAILABLE"}
                    : new String[] {"reservation.approved", "ALLOCATED"};
            case "ALLOCATED" -> at.getEpochSecond() % 2 == 0 ? new String[] {"idle_case.opened", "IDLE"}
                    : new String[] {"parcel.status_changed", "UNDER_CONSTRUCTION"};
            case "UNDER_CONSTRUCTION" -> new String[] {"parcel.status_changed", "IN_PRODUCTION"};
            case "IN_PRODUCTION" -> new String[] {"idle_case.opened", "IDLE"};
            case "IDLE" -> new String[] {"idle_case.notice_served", "RECLAIMING"};
            default -> new String[] {"idle_case.reclaimed", "AVAILABLE"};
        };
        String to = next[0].equals("parcel.status_changed") ? next[1] : null;
        TestServer.get().ownerJdbi().useHandle(h -> h.createUpdate("INSERT INTO decision (occurred_at, actor_role, "
                        + "action, subject_type, subject_id, estate_code, parcel_ids, to_state) VALUES (:at, 'system', "
                        + ":action, 'parcel', :subject, :estate, :parcels, :to)")
                .bind("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC)).bind("action", next[0])
                .bind("subject", Long.toString(plot)).bind("estate", e.code())
                .bind("parcels", new Long[] {plot}).bind("to", to).execute());
        status.put(plot, next[1]);
        events.add(new Event(plot, at, next[1]));
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(TestServer.get().clock()).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
