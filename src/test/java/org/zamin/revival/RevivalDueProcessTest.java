package org.zamin.revival;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.zamin.testing.Http;
import org.zamin.testing.TestAllocations;
import org.zamin.testing.TestEstates;
import org.zamin.testing.TestServer;
import org.zamin.testing.TestUsers;

/**
 * The two halves of issue 18 together, over real HTTP and PostGIS: the staged due process (warnings and their cure
 * periods, R__idle_due_process.sql) and the revival desk (diagnosis, the working group's plan with agencies, the
 * stopped clock, R__idle_revival.sql). A warned unit's plan has an agency's item missed: the holder's clock stops, the
 * warning's cure period ends that many days later, and an early reclaim or next warning is refused by the service and
 * by the database; the public register shows the delay government-caused; the holder's items met, the unit is REVIVED
 * with its plot back in production. And the revival statistics' "under a plan" counts the working group's approved
 * plans only.
 */
class RevivalDueProcessTest {

    private static final String AUTH = "Authorization";

    private record Setup(TestEstates.Estate estate, TestUsers.User officer, TestUsers.User investor, long parcel,
            long allocation, long caseId, int province) {}

    private static LocalDate today() {
        return LocalDate.now(TestServer.get().clock());
    }

    /** An allocation signed 20 months ago with no milestone reached: the officer's scan opens its case. */
    private static Setup setup(TestEstates.Estate estate, String plot, int x) {
        long parcel = estate.addParcel(TestServer.get().ownerJdbi(), plot, estate.rect(x, 100, x + 200, 300),
                "AVAILABLE");
        var officer = TestUsers.officer(estate.code());
        var investor = TestUsers.investor();
        TestServer.get().jdbi().useHandle(h -> h.createUpdate("UPDATE users SET name = 'Parvin Dueprocessholder', "
                + "organisation = 'Dueprocessholder Firm' WHERE id = :id").bind("id", investor.id()).execute());
        long allocation = TestAllocations.create(estate, investor.id(), List.of(parcel), today().minusMonths(20), false);
        var scan = Http.post("/api/idle-scan?asOf=" + today(), null, AUTH, officer.bearer());
        assertEquals(200, scan.status(), scan.body());
        long caseId = one("SELECT id FROM idle_case WHERE allocation_id = " + allocation + " AND closed_at IS NULL");
        int province = (int) one("SELECT province_id FROM estate WHERE id = " + estate.id());
        return new Setup(estate, officer, investor, parcel, allocation, caseId, province);
    }

    private static long one(String sql) {
        return TestServer.get().jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    private static String text(String sql) {
        return TestServer.get().jdbi().withHandle(h -> h.createQuery(sql).mapTo(String.class).one());
    }

    private static LocalDate day(String sql, LocalDate asOf) {
        return TestServer.get().jdbi().withHandle(h -> h.createQuery(sql).bind("day", asOf).mapTo(LocalDate.class)
                .one());
    }

    private static void advance(int days, TestUsers.User... users) {
        TestServer.get().clock().advance(Duration.ofDays(days));
        TestUsers.renewTokens(users);
    }

    private static JsonNode plan(Setup s) {
        var r = Http.get("/api/allocations/" + s.allocation() + "/revival", AUTH, s.investor().bearer());
        assertEquals(200, r.status(), r.body());
        try {
            return Http.JSON.readTree(r.json().get("plan").asText());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long itemId(JsonNode plan, String agency) {
        for (JsonNode i : plan) {
            if (i.get("agency").asText().equals(agency)) {
                return i.get("id").asLong();
            }
        }
        throw new AssertionError("no " + agency + " item in " + plan);
    }

    /** The unit's one row in the public register (everyone, no login), with no personal data of the holder. */
    private static JsonNode registerRow(Setup s) {
        var r = Http.get("/api/idle-register?estate=" + s.estate().code());
        assertEquals(200, r.status(), r.body());
        for (String personal : List.of("Dueprocessholder", s.investor().email())) {
            assertFalse(r.body().contains(personal), personal + " in the register: " + r.body());
        }
        for (JsonNode f : r.json().get("features")) {
            if (f.get("properties").get("caseId").asLong() == s.caseId()) {
                return f.get("properties");
            }
        }
        throw new AssertionError("case " + s.caseId() + " not in the register: " + r.body());
    }

    /** Runs {@code sql} for the case on {@code day} directly in the database; returns its refusal. */
    private static String refusedInSql(String sql, long caseId, LocalDate day) {
        var e = assertThrows(RuntimeException.class, () -> TestServer.get().jdbi().useHandle(h ->
                h.createUpdate(sql).bind("id", caseId).bind("day", day).execute()));
        return e.getMessage();
    }

    /** Runs {@code sql} for the case on {@code day} directly and rolls it back; returns the rows it changed. */
    private static int acceptedInSql(String sql, long caseId, LocalDate day) {
        return TestServer.get().jdbi().withHandle(h -> {
            h.begin();
            try {
                return h.createUpdate(sql).bind("id", caseId).bind("day", day).execute();
            } finally {
                h.rollback();
            }
        });
    }

    private static final String NEXT_WARNING_IN_SQL = "INSERT INTO idle_warning (case_id, stage, stages, issued_on, "
            + "cure_days, cure_until, issued_at) SELECT :id, max(stage) + 1, 3, :day, 45, CAST(:day AS date) + 45, "
            + "now() FROM idle_warning WHERE case_id = :id";
    private static final String RECLAIM_IN_SQL = "UPDATE idle_case SET state = 'RECLAIMED', "
            + "closed_at = CAST(:day AS date) + time '12:00', updated_at = CAST(:day AS date) + time '12:00' "
            + "WHERE id = :id";
    private static final String CURE_END = "SELECT idle_warning_cure_end(w, :day) FROM idle_warning w "
            + "WHERE w.case_id = %d ORDER BY w.stage DESC LIMIT 1";

    @Test
    void anAgencysMissedItemMovesTheWarningsCureEndTheDatabaseRefusesAnEarlyStepAndTheUnitIsRevived() {
        var estate = TestEstates.create(TestServer.get().ownerJdbi());
        var s = setup(estate, "D1", 100);
        var admin = TestUsers.admin();
        String cases = "/api/idle-cases/" + s.caseId();
        LocalDate t0 = today();

        // warning 1 of 3: cure period of 90 days
        var warned = Http.post(cases + "/notice", Map.of("reason", "no construction"), AUTH, s.officer().bearer());
        assertEquals(200, warned.status(), warned.body());
        assertEquals(t0.plusDays(90).toString(), warned.json().get("replyDeadline").asText());
        assertEquals("WARNING_1", registerRow(s).get("stage").asText());

        // an adviser's diagnosis, then the working group's plan: the power company's item and the holder's
        assertEquals(200, Http.post("/api/advisers/" + s.officer().id(), Map.of("adviser", true), AUTH,
                admin.bearer()).status());
        var diagnosed = Http.post(cases + "/diagnoses", Map.of("causes", List.of("UTILITIES", "BANK_DEBT"),
                "evidence", "No three-phase power; the bank froze the credit line.", "recommendation", "REVIVE"),
                AUTH, s.officer().bearer());
        assertEquals(201, diagnosed.status(), diagnosed.body());
        var session = Http.post("/api/working-group/sessions", Map.of("provinceId", s.province(),
                "members", List.of("Deputy governor", "Power company"), "caseIds", List.of(s.caseId())), AUTH,
                s.officer().bearer());
        assertEquals(201, session.status(), session.body());
        var approved = Http.post("/api/working-group/sessions/" + session.json().get("id").asLong() + "/agenda/"
                + s.caseId() + "/decision", Map.of("decision", "APPROVE_PLAN", "items", List.of(
                        Map.of("description", "Connect three-phase power", "agency", "POWER",
                                "dueOn", t0.plusDays(10).toString()),
                        Map.of("description", "Settle the bank arrears", "agency", "HOLDER",
                                "dueOn", t0.plusDays(30).toString()))), AUTH, s.officer().bearer());
        assertEquals(200, approved.status(), approved.body());
        assertEquals("REVIVAL_PLAN", text("SELECT state FROM idle_case WHERE id = " + s.caseId()));
        assertFalse(registerRow(s).get("governmentCaused").asBoolean());
        String cureEnd = CURE_END.formatted(s.caseId());
        assertEquals(t0.plusDays(90), day(cureEnd, t0));

        // day 20: the power company is 10 days late (days 11 to 20): the holder's clock stopped for 10 days, and the
        // warning's cure period with it; still stopped, the cure end moves on day by day
        advance(20, s.officer(), s.investor(), admin);
        assertEquals(t0.plusDays(100), day(cureEnd, today()));
        assertEquals(t0.plusDays(99), day(cureEnd, today().minusDays(1)));
        var seen = Http.get("/api/allocations/" + s.allocation() + "/revival", AUTH, s.investor().bearer()).json();
        assertTrue(seen.get("governmentCaused").asBoolean(), seen.toString());
        assertEquals(10, seen.get("stoppedDays").asInt(), seen.toString());
        var met = Http.post(cases + "/plan-items/" + itemId(plan(s), "POWER") + "/met", Map.of("on", today().toString()),
                AUTH, s.officer().bearer());
        assertEquals(200, met.status(), met.body());
        // met on day 20: the 10 days count once, the warning itself is unchanged (as served)
        assertEquals(t0.plusDays(100), day(cureEnd, today()));
        assertEquals(t0.plusDays(100), day(cureEnd, today().plusDays(200)));
        assertEquals(t0.plusDays(90).toString(), text("SELECT cure_until::text FROM idle_warning WHERE case_id = "
                + s.caseId()));

        // day 95: the holder's item (day 30, day 40 after the stopped clock) is missed, but the cure period runs to
        // day 100: reclaim is refused by the service and by the database, and so is warning 2
        advance(75, s.officer(), s.investor(), admin);
        LocalDate cure = t0.plusDays(100);
        Http.assertError(Http.post(cases + "/reclaim", Map.of("reason", "the plan is missed"), AUTH,
                s.officer().bearer()), 409, "cure_period_not_ended", cure.toString());
        String reclaim = refusedInSql(RECLAIM_IN_SQL, s.caseId(), today());
        assertTrue(reclaim.contains("cure period runs until " + cure), reclaim);
        assertTrue(refusedInSql(RECLAIM_IN_SQL, s.caseId(), cure).contains("cure period runs until " + cure));
        String warning = refusedInSql(NEXT_WARNING_IN_SQL, s.caseId(), cure);
        assertTrue(warning.contains("may be issued after " + cure), warning);
        // the day after the cure end, both would be accepted (rolled back here)
        assertEquals(1, acceptedInSql(NEXT_WARNING_IN_SQL, s.caseId(), cure.plusDays(1)));
        assertEquals(1, acceptedInSql(RECLAIM_IN_SQL, s.caseId(), cure.plusDays(1)));
        assertEquals("REVIVAL_PLAN", text("SELECT state FROM idle_case WHERE id = " + s.caseId()));
        assertEquals(1, one("SELECT count(*) FROM idle_warning WHERE case_id = " + s.caseId()));

        // the holder's items met, the licence and an active inspection: REVIVED, the plot back in production
        var holderMet = Http.post(cases + "/plan-items/" + itemId(plan(s), "HOLDER") + "/met",
                Map.of("on", today().toString()), AUTH, s.officer().bearer());
        assertEquals(200, holderMet.status(), holderMet.body());
        for (String kind : List.of("POSSESSION", "BUILDING_PERMIT", "CONSTRUCTION_START", "CONSTRUCTION_COMPLETION",
                "OPERATING_LICENCE")) {
            var m = Http.post("/api/allocations/" + s.allocation() + "/milestones", Map.of("kind", kind,
                    "achievedOn", today().toString()), AUTH, s.officer().bearer());
            assertEquals(201, m.status(), m.body());
        }
        var inspected = Http.post("/api/allocations/" + s.allocation() + "/inspections", Map.of("finding", "ACTIVE",
                "notes", "the line runs two shifts"), AUTH, s.officer().bearer());
        assertEquals(201, inspected.status(), inspected.body());
        var revived = Http.post(cases + "/revive", Map.of("reason", "back in production"), AUTH, s.officer().bearer());
        assertEquals(200, revived.status(), revived.body());
        assertEquals("REVIVED", text("SELECT state FROM idle_case WHERE id = " + s.caseId()));
        // back in production: the plot's public status, no idle flag, the allocation active, and a new scan finds
        // nothing to open
        assertEquals("IN_PRODUCTION", text("SELECT status FROM parcel WHERE id = " + s.parcel()));
        assertEquals(0, one("SELECT count(*) FROM parcel WHERE idle_since IS NOT NULL AND id = " + s.parcel()));
        assertEquals("ACTIVE", text("SELECT status FROM allocation WHERE id = " + s.allocation()));
        assertEquals("IN_PRODUCTION", Http.get("/api/parcels/" + s.parcel()).json().get("properties").get("status")
                .asText());
        assertEquals(200, Http.post("/api/idle-scan?asOf=" + today(), null, AUTH, s.officer().bearer()).status());
        assertEquals(0, one("SELECT count(*) FROM idle_case WHERE closed_at IS NULL AND allocation_id = "
                + s.allocation()));
        // the public register: an open case is read as of the database's day (now()), which this suite's clock runs
        // ahead of; a closed one as of its closing day, the service's
        JsonNode row = registerRow(s);
        assertEquals("REVIVED", row.get("outcome").asText());
        assertEquals("REVIVED", row.get("stage").asText());
        assertTrue(row.get("governmentCaused").asBoolean(), "the register shows the delay government-caused");
        assertEquals(today().toString(), row.get("closedOn").asText());
        String log = Http.get("/api/decisions?subjectType=idle_case&subjectId=" + s.caseId()).body();
        for (String action : List.of("idle_case.notice_served", "idle_case.diagnosed", "working_group.decided",
                "idle_case.revival_plan", "idle_case.plan_item_met", "idle_case.revived")) {
            assertTrue(log.contains(action), action + " on the decision log: " + log);
        }
    }

    @Test
    void v751PutsBackAWarningTheOldTriggerLengthenedAndLeavesItsHistoryGuardOn() throws Exception {
        var estate = TestEstates.create(TestServer.get().ownerJdbi());
        var s = setup(estate, "V1", 700);
        var warned = Http.post("/api/idle-cases/" + s.caseId() + "/notice", Map.of("reason", "idle"), AUTH,
                s.officer().bearer());
        assertEquals(200, warned.status(), warned.body());
        String served = text("SELECT cure_until::text FROM idle_warning WHERE case_id = " + s.caseId());
        // what the dropped trigger revival_item_extend_cure did when an agency's item was met 10 days late
        TestServer.get().jdbi().useHandle(h -> h.execute("UPDATE idle_warning SET cure_until = cure_until + 10 "
                + "WHERE case_id = " + s.caseId()));
        assertEquals(LocalDate.parse(served).plusDays(10).toString(),
                text("SELECT cure_until::text FROM idle_warning WHERE case_id = " + s.caseId()));
        String migration;
        try (var in = getClass().getResourceAsStream("/db/migration/V751__idle_warning_cure_repair.sql")) {
            migration = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        TestServer.get().ownerJdbi().useHandle(h -> {
            try (var statement = h.getConnection().createStatement()) {
                statement.execute(migration);
            }
        });
        assertEquals(served, text("SELECT cure_until::text FROM idle_warning WHERE case_id = " + s.caseId()),
                "the warning as served");
        var e = assertThrows(RuntimeException.class, () -> TestServer.get().jdbi().useHandle(h -> h.execute(
                "UPDATE idle_warning SET cure_until = cure_until - 1 WHERE case_id = " + s.caseId())));
        assertTrue(e.getMessage().contains("is history"), "the guard is on again: " + e.getMessage());
    }

    @Test
    void underAPlanCountsTheWorkingGroupsApprovedPlansOnly() {
        var estate = TestEstates.create(TestServer.get().ownerJdbi());
        var byOfficer = setup(estate, "P1", 100);
        var byGroup = setup(estate, "P2", 400);
        var planner = TestUsers.planner();
        int year = java.time.OffsetDateTime.now(TestServer.get().clock()).withOffsetSameInstant(ZoneOffset.UTC)
                .getYear();
        long start = underPlan(planner, year);
        long lastYear = underPlan(planner, year - 1);
        List<Map<String, String>> items = List.of(Map.of("description", "Restart the line", "agency", "HOLDER",
                "dueOn", today().plusDays(30).toString()));

        // an officer's revival plan without the working group does not count
        var officers = Http.post("/api/idle-cases/" + byOfficer.caseId() + "/revival-plan", Map.of("items", items),
                AUTH, byOfficer.officer().bearer());
        assertEquals(200, officers.status(), officers.body());
        assertEquals("REVIVAL_PLAN", text("SELECT state FROM idle_case WHERE id = " + byOfficer.caseId()));
        assertEquals(start, underPlan(planner, year), "an officer's plan is not the working group's");

        // the working group: a bank referral does not count, its approved plan does
        var session = Http.post("/api/working-group/sessions", Map.of("provinceId", byGroup.province(),
                "members", List.of("Deputy governor"), "caseIds", List.of(byOfficer.caseId(), byGroup.caseId())), AUTH,
                byGroup.officer().bearer());
        assertEquals(201, session.status(), session.body());
        String agenda = "/api/working-group/sessions/" + session.json().get("id").asLong() + "/agenda/";
        var referred = Http.post(agenda + byOfficer.caseId() + "/decision", Map.of("decision", "REFER_TO_BANK",
                "bankName", "Bank Melli", "facilityRials", 4_000_000_000L), AUTH, byGroup.officer().bearer());
        assertEquals(200, referred.status(), referred.body());
        assertEquals(start, underPlan(planner, year));
        var approved = Http.post(agenda + byGroup.caseId() + "/decision", Map.of("decision", "APPROVE_PLAN",
                "items", items), AUTH, byGroup.officer().bearer());
        assertEquals(200, approved.status(), approved.body());
        assertEquals(start + 1, underPlan(planner, year), "the working group's approved plan counts");
        assertEquals(lastYear, underPlan(planner, year - 1), "the year before is not moved");
    }

    /** "Under a plan" of the test estates' province (TST) in the revival statistics for {@code year}. */
    private static long underPlan(TestUsers.User planner, int year) {
        var r = Http.get("/api/revival-stats?year=" + year, AUTH, planner.bearer());
        assertEquals(200, r.status(), r.body());
        for (JsonNode p : r.json().get("provinces")) {
            if (p.get("province").asText().equals("TST")) {
                return p.get("underPlan").asLong();
            }
        }
        return 0;
    }
}
