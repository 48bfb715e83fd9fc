package org.zamin.idle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.zamin.testing.Http;
import org.zamin.testing.TestAllocations;
import org.zamin.testing.TestEstates;
import org.zamin.testing.TestServer;
import org.zamin.testing.TestUsers;

/** The idle scan and due process over real HTTP and PostGIS. */
class IdleCaseApiTest {

    private static final String AUTH = "Authorization";

    private record Setup(TestEstates.Estate estate, TestUsers.User officer, TestUsers.User investor, long parcel,
            long allocation) {}

    private static Setup setup(LocalDate signedOn, boolean knowledgeBased) {
        var estate = TestEstates.create(TestServer.get().ownerJdbi());
        long parcel = estate.addParcel(TestServer.get().ownerJdbi(), "P1", estate.rect(100, 100, 300, 300), "AVAILABLE");
        var officer = TestUsers.officer(estate.code());
        var investor = TestUsers.investor();
        long allocation = TestAllocations.create(estate, investor.id(), List.of(parcel), signedOn, knowledgeBased);
        return new Setup(estate, officer, investor, parcel, allocation);
    }

    private static LocalDate today() {
        return LocalDate.now(TestServer.get().clock());
    }

    private static JsonNode scan(TestUsers.User officer, LocalDate asOf) {
        var r = Http.post("/api/idle-scan?asOf=" + asOf, null, AUTH, officer.bearer());
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    private static JsonNode caseOf(Setup s) {
        var r = Http.get("/api/idle-cases", AUTH, s.officer().bearer());
        assertEquals(200, r.status(), r.body());
        for (JsonNode c : r.json().get("cases")) {
            if (c.get("allocationId").asLong() == s.allocation()) {
                return c;
            }
        }
        return null;
    }

    private static String parcelStatus(long id) {
        return TestServer.get().jdbi().withHandle(h -> h.createQuery("SELECT status FROM parcel WHERE id = :id")
                .bind("id", id).mapTo(String.class).one());
    }

    private static LocalDate deadline(long allocation, String kind) {
        return TestServer.get().jdbi().withHandle(h -> h.createQuery(
                "SELECT deadline FROM milestone WHERE allocation_id = :a AND kind = :k")
                .bind("a", allocation).bind("k", kind).mapTo(LocalDate.class).one());
    }

    private static Http.Response act(Setup s, long caseId, String action, Object body) {
        return Http.post("/api/idle-cases/" + caseId + "/" + action, body, AUTH, s.officer().bearer());
    }

    @Test
    void missedConstructionStartOpensACaseTheDayAfterItsDeadlineAndRescansChangeNothing() {
        var s = setup(today().minusMonths(14), false);
        TestServer.get().jdbi().useHandle(h -> h.createUpdate("UPDATE milestone SET achieved_on = deadline "
                + "WHERE allocation_id = :a AND kind IN ('POSSESSION', 'BUILDING_PERMIT')").bind("a", s.allocation())
                .execute());
        LocalDate start = deadline(s.allocation(), "CONSTRUCTION_START");
        assertEquals(today().minusMonths(14).plusMonths(13), start);
        scan(s.officer(), start);
        assertEquals(null, caseOf(s), "on the deadline day only the missing report (20) counts: below 30");
        JsonNode first = scan(s.officer(), start.plusDays(1));
        assertTrue(first.get("opened").asInt() >= 1);
        JsonNode c = caseOf(s);
        assertEquals("OPEN", c.get("state").asText());
        assertEquals(60, c.get("score").asInt());
        assertTrue(c.get("evidence").asText().contains("MISSED_MILESTONE"), c.toString());
        assertTrue(c.get("evidence").asText().contains("CONSTRUCTION_START"), c.toString());
        assertEquals("IDLE", parcelStatus(s.parcel()));
        JsonNode again = scan(s.officer(), start.plusDays(1));
        assertEquals(0, again.get("opened").asInt(), again.toString());
        assertEquals(0, again.get("updated").asInt(), again.toString());
        int cases = TestServer.get().jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM idle_case WHERE allocation_id = :a").bind("a", s.allocation()).mapTo(Integer.class).one());
        assertEquals(1, cases);
    }

    @Test
    void theDatabaseRefusesASecondOpenCase() {
        var s = setup(today().minusMonths(20), false);
        scan(s.officer(), today());
        var e = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, () ->
                TestServer.get().jdbi().useHandle(h -> h.createUpdate("INSERT INTO idle_case (allocation_id, score, evidence, "
                        + "opened_as_of, opened_at, updated_at) VALUES (:a, 1, '[]', now(), now(), now())")
                        .bind("a", s.allocation()).execute()));
        assertTrue(e.getMessage().contains("idle_case_one_open"), e.getMessage());
    }

    @Test
    void fullPathNoticeReplyRevivalPlanMissedThenReclaimFreesThePlot() {
        var s = setup(today().minusMonths(20), true);
        scan(s.officer(), today());
        long caseId = caseOf(s).get("id").asLong();
        Http.assertError(act(s, caseId, "reclaim", Map.of("reason", "idle")), 409, "illegal_transition", "cannot");

        var notice = act(s, caseId, "notice", Map.of("reason", "no construction"));
        assertEquals(200, notice.status(), notice.body());
        assertEquals(today().plusDays(90).toString(), notice.json().get("replyDeadline").asText(),
                "warning 1's cure period: the rules' default 90 days");
        assertEquals("RECLAIMING", parcelStatus(s.parcel()));
        Http.assertError(act(s, caseId, "reclaim", Map.of("reason", "idle")), 409, "warnings_not_exhausted",
                "every warning");

        var inbox = Http.get("/api/inbox", AUTH, s.investor().bearer()).json();
        assertTrue(inbox.get("notifications").toString().contains("idle_notice"), inbox.toString());
        var reply = Http.post("/api/idle-cases/" + caseId + "/reply", Map.of("text", "We start building in May."),
                AUTH, s.investor().bearer());
        assertEquals(200, reply.status(), reply.body());

        var plan = act(s, caseId, "revival-plan", Map.of("items", List.of(
                Map.of("description", "Start foundations", "dueOn", today().plusDays(10).toString()))));
        assertEquals(200, plan.status(), plan.body());
        Http.assertError(act(s, caseId, "reclaim", Map.of("reason", "idle")), 409, "revival_plan_not_missed", "not");

        TestServer.get().clock().advance(Duration.ofDays(11));
        JsonNode rescan = scan(s.officer(), today());
        assertTrue(rescan.get("updated").asInt() >= 1);
        assertTrue(caseOf(s).get("evidence").asText().contains("REVIVAL_PLAN_MISSED"));
        Http.assertError(act(s, caseId, "reclaim", Map.of("reason", "idle")), 409, "cure_period_not_ended",
                "may cure until");
        TestServer.get().clock().advance(Duration.ofDays(80));
        // tokens live 90 days from the test clock's now: a fresh officer for the same estate
        s = new Setup(s.estate(), TestUsers.officer(s.estate().code()), s.investor(), s.parcel(), s.allocation());

        var reclaim = act(s, caseId, "reclaim", Map.of("reason", "revival plan missed"));
        assertEquals(200, reclaim.status(), reclaim.body());
        assertEquals("RECLAIMED", reclaim.json().get("state").asText());
        assertTrue(reclaim.json().get("freedAreaM2").asDouble() > 39_000);
        assertEquals("AVAILABLE", parcelStatus(s.parcel()));
        long allocationId = s.allocation();
        String allocationStatus = TestServer.get().jdbi().withHandle(h -> h.createQuery(
                "SELECT status FROM allocation WHERE id = :a").bind("a", allocationId).mapTo(String.class).one());
        assertEquals("TERMINATED", allocationStatus);
        var log = Http.get("/api/decisions?subjectType=idle_case&subjectId=" + caseId).json().toString();
        for (String action : List.of("idle_case.opened", "idle_case.notice_served", "idle_case.replied",
                "idle_case.revival_plan", "idle_case.reclaimed")) {
            assertTrue(log.contains(action), action + " in " + log);
        }
        assertFalse(log.contains("We start building"), "the reply is private");
        // The plot is offered again: nothing holds it any more.
        var parcel = Http.get("/api/parcels/" + s.parcel()).json();
        assertEquals("AVAILABLE", parcel.get("properties").get("status").asText());
    }

    @Test
    void aNoticeCannotShortenTheRulesCurePeriod() {
        var s = setup(today().minusMonths(20), false);
        scan(s.officer(), today());
        long caseId = caseOf(s).get("id").asLong();
        Http.assertError(act(s, caseId, "notice", Map.of("replyDays", 5)), 422, "invalid_reply_days", "90");
        assertEquals("OPEN", caseOf(s).get("state").asText());
        var r = act(s, caseId, "notice", Map.of("replyDays", 120));
        assertEquals(200, r.status(), r.body());
        assertEquals(today().plusDays(120).toString(), r.json().get("replyDeadline").asText());
    }

    @Test
    void subJudiceFreezesTheCaseUntilTheStayIsLifted() {
        var s = setup(today().minusMonths(20), false);
        scan(s.officer(), today());
        long caseId = caseOf(s).get("id").asLong();
        assertEquals(200, act(s, caseId, "sub-judice", Map.of("reason", "court stay 1403/77")).status());
        Http.assertError(act(s, caseId, "notice", null), 409, "case_sub_judice", "sub judice");
        Http.assertError(act(s, caseId, "dismiss", null), 409, "case_sub_judice", "sub judice");
        assertEquals(200, act(s, caseId, "lift-stay", null).status());
        assertEquals(200, act(s, caseId, "notice", null).status());
    }

    @Test
    void aGrantedExtensionMovesUnmetDeadlinesAndOnlyOneIsAllowed() {
        var s = setup(today().minusMonths(2), false);
        LocalDate before = deadline(s.allocation(), "CONSTRUCTION_START");
        var req = Http.post("/api/allocations/" + s.allocation() + "/extensions",
                Map.of("months", 6, "reason", "permit office backlog"), AUTH, s.investor().bearer());
        assertEquals(201, req.status(), req.body());
        long requestId = req.json().get("id").asLong();
        var grant = Http.post("/api/allocations/" + s.allocation() + "/extensions/" + requestId + "/grant",
                Map.of("reason", "documented"), AUTH, s.officer().bearer());
        assertEquals(200, grant.status(), grant.body());
        assertEquals(before.plusMonths(6), deadline(s.allocation(), "CONSTRUCTION_START"));
        Http.assertError(Http.post("/api/allocations/" + s.allocation() + "/extensions",
                Map.of("months", 3, "reason", "again"), AUTH, s.investor().bearer()), 409, "extensions_exhausted", "");
        Http.assertError(Http.post("/api/allocations/" + s.allocation() + "/extensions",
                Map.of("months", 13, "reason", "long"), AUTH, s.investor().bearer()), 409, "extension_too_long", "");
    }

    @Test
    void contractShowsTheKnowledgeBasedScheduleAndMilestonesMoveTheStatus() {
        var s = setup(today().minusMonths(2), true);
        var c = Http.get("/api/allocations/" + s.allocation() + "/contract", AUTH, s.investor().bearer());
        assertEquals(200, c.status(), c.body());
        JsonNode body = c.json();
        assertEquals("KNOWLEDGE_BASED", body.get("plan").get("code").asText());
        assertEquals(16, body.get("schedule").get("instalments").size());
        long price = body.get("price").asLong();
        long sum = body.get("schedule").get("cash").asLong();
        for (JsonNode i : body.get("schedule").get("instalments")) {
            sum += i.get("amount").asLong();
        }
        assertEquals(price, sum);
        var other = TestUsers.investor();
        Http.assertError(Http.get("/api/allocations/" + s.allocation() + "/contract", AUTH, other.bearer()), 404,
                "not_found", "allocation");
        var m = Http.post("/api/allocations/" + s.allocation() + "/milestones",
                Map.of("kind", "CONSTRUCTION_START", "achievedOn", today().toString()), AUTH, s.officer().bearer());
        assertEquals(201, m.status(), m.body());
        assertEquals("UNDER_CONSTRUCTION", parcelStatus(s.parcel()));
    }

    @Test
    void aCsvWithBadRowsImportsTheGoodOnesOrNothingWhenStrict() {
        var s = setup(today().minusMonths(6), false);
        String month = java.time.YearMonth.from(today()).minusMonths(1).toString();
        String csv = "allocation,month,electricity_kwh,water_m3\n"
                + s.allocation() + "," + month + ",1200,30\n"
                + s.allocation() + ",2025-13,5,\n"
                + "999999999," + month + ",5,1\n"
                + s.allocation() + "," + java.time.YearMonth.from(today()).minusMonths(2) + ",-4,\n";
        var strict = send("/api/utility-readings?strict=true", csv, s.officer());
        assertEquals(422, strict.status(), strict.body());
        assertEquals(0, strict.json().get("imported").asInt());
        assertEquals(0, readings(s.allocation()));
        var r = send("/api/utility-readings", csv, s.officer());
        assertEquals(200, r.status(), r.body());
        assertEquals(1, r.json().get("imported").asInt());
        var lines = r.json().get("errors").findValuesAsText("line");
        assertEquals(List.of("3", "4", "5"), lines);
        assertEquals(1, readings(s.allocation()));
    }

    private static Http.Response send(String path, String csv, TestUsers.User user) {
        return Http.send(HttpRequest.newBuilder(Http.uri(path)).header(AUTH, user.bearer())
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(csv)));
    }

    private static int readings(long allocation) {
        return TestServer.get().jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM utility_reading WHERE allocation_id = :a").bind("a", allocation)
                .mapTo(Integer.class).one());
    }
}
