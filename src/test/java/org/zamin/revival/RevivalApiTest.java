package org.zamin.revival;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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

/**
 * Revival before reclaim over real HTTP and PostGIS: an adviser's diagnosis, the working group's session and plan
 * with an agency's item, the stopped clock when the agency misses it, the holder's items met and the unit REVIVED
 * with its plot back in production; bad input refused with the database unchanged.
 */
class RevivalApiTest {

    private static final String AUTH = "Authorization";

    private record Setup(TestEstates.Estate estate, TestUsers.User officer, TestUsers.User investor, long parcel,
            long allocation, long caseId, int province) {}

    private static LocalDate today() {
        return LocalDate.now(TestServer.get().clock());
    }

    /** An allocation signed 20 months ago with no milestone reached: the officer's scan opens its case. */
    private static Setup setup() {
        var estate = TestEstates.create(TestServer.get().ownerJdbi());
        long parcel = estate.addParcel(TestServer.get().ownerJdbi(), "R1", estate.rect(100, 100, 300, 300), "AVAILABLE");
        var officer = TestUsers.officer(estate.code());
        var investor = TestUsers.investor();
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

    private static long decisions(String action, long caseId) {
        return one("SELECT count(*) FROM decision WHERE action = '" + action + "' AND subject_id = '" + caseId + "'");
    }

    private static JsonNode revival(Setup s, TestUsers.User who) {
        var r = Http.get("/api/allocations/" + s.allocation() + "/revival", AUTH, who.bearer());
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    private static JsonNode plan(JsonNode revival) {
        try {
            return Http.JSON.readTree(revival.get("plan").asText());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode item(JsonNode plan, String agency, String description) {
        for (JsonNode i : plan) {
            if (i.get("agency").asText().equals(agency) && i.get("description").asText().equals(description)) {
                return i;
            }
        }
        throw new AssertionError("no " + agency + " item " + description + " in " + plan);
    }

    private static String persianDigits(String latin) {
        StringBuilder b = new StringBuilder();
        for (char ch : latin.toCharArray()) {
            b.append(ch >= '0' && ch <= '9' ? (char) ('\u06F0' + (ch - '0')) : ch);
        }
        return b.toString();
    }

    private static String inbox(TestUsers.User user) {
        return Http.get("/api/inbox", AUTH, user.bearer()).body();
    }

    @Test
    void diagnosedThenPlannedAgencyMissStopsTheClockHolderMeetsItemsAndTheUnitIsRevivedInProduction() {
        var s = setup();
        var admin = TestUsers.admin();
        Map<String, Object> diagnosis = Map.of("causes", List.of("BANK_DEBT", "UTILITIES"),
                "evidence", "Hall empty; the bank froze the working-capital line; no three-phase power.",
                "recommendation", "REVIVE", "visitedOn", today().toString());
        String path = "/api/idle-cases/" + s.caseId() + "/diagnoses";

        // 1. only an officer marked as an adviser diagnoses
        Http.assertError(Http.post(path, diagnosis, AUTH, s.officer().bearer()), 403, "not_an_adviser", "adviser");
        var marked = Http.post("/api/advisers/" + s.officer().id(), Map.of("adviser", true), AUTH, admin.bearer());
        assertEquals(200, marked.status(), marked.body());
        var d = Http.post(path, diagnosis, AUTH, s.officer().bearer());
        assertEquals(201, d.status(), d.body());
        assertEquals(1, decisions("idle_case.diagnosed", s.caseId()));

        // 2. the province's working group: a session with the unit on its agenda, a plan with an agency's item
        var session = Http.post("/api/working-group/sessions", Map.of("provinceId", s.province(),
                "heldOn", today().toString(), "members", List.of("Deputy governor", "Bank Melli", "Power company"),
                "caseIds", List.of(s.caseId())), AUTH, s.officer().bearer());
        assertEquals(201, session.status(), session.body());
        long sessionId = session.json().get("id").asLong();
        String decide = "/api/working-group/sessions/" + sessionId + "/agenda/" + s.caseId() + "/decision";
        LocalDate start = today();
        var approved = Http.post(decide, Map.of("decision", "APPROVE_PLAN", "note", "Revive within two months",
                "items", List.of(
                        Map.of("description", "Connect three-phase power", "agency", "POWER",
                                "dueOn", start.plusDays(10).toString()),
                        Map.of("description", "Settle the bank arrears", "agency", "HOLDER",
                                "dueOn", start.plusDays(30).toString()),
                        Map.of("description", "Restart the line", "dueOn", start.plusDays(40).toString()))),
                AUTH, s.officer().bearer());
        assertEquals(200, approved.status(), approved.body());
        assertEquals("REVIVAL_PLAN", approved.json().get("state").asText(), "a plan straight from OPEN");
        assertEquals("REVIVAL_PLAN", text("SELECT state FROM idle_case WHERE id = " + s.caseId()));
        assertEquals(1, decisions("working_group.decided", s.caseId()));
        assertEquals(1, decisions("idle_case.revival_plan", s.caseId()));
        assertTrue(inbox(s.investor()).contains("idle_revival_plan"));
        assertEquals(3, one("SELECT count(*) FROM revival_plan_item WHERE agenda_id IS NOT NULL AND case_id = "
                + s.caseId()));
        Http.assertError(Http.post(decide, Map.of("decision", "EXTEND"), AUTH, s.officer().bearer()), 409,
                "already_decided", "already");

        // the holder sees the plan and its deadlines
        JsonNode seen = revival(s, s.investor());
        assertEquals("REVIVAL_PLAN", seen.get("state").asText());
        assertEquals(0, seen.get("stoppedDays").asInt());
        assertFalse(seen.get("governmentCaused").asBoolean());
        assertEquals(start.plusDays(30).toString(),
                item(plan(seen), "HOLDER", "Settle the bank arrears").get("effectiveDueOn").asText());

        // 3. the power company misses its item: on day 15 the clock has stopped for 5 days against the holder
        TestServer.get().clock().advance(Duration.ofDays(15));
        seen = revival(s, s.investor());
        assertTrue(seen.get("governmentCaused").asBoolean(), seen.toString());
        assertEquals(5, seen.get("stoppedDays").asInt(), seen.toString());
        JsonNode power = item(plan(seen), "POWER", "Connect three-phase power");
        assertEquals("MISSED", power.get("status").asText());
        assertEquals(start.plusDays(35).toString(),
                item(plan(seen), "HOLDER", "Settle the bank arrears").get("effectiveDueOn").asText());
        var met = Http.post("/api/idle-cases/" + s.caseId() + "/plan-items/" + power.get("id").asLong() + "/met",
                Map.of("on", today().toString()), AUTH, s.officer().bearer());
        assertEquals(200, met.status(), met.body());

        // day 33: past the holder's written due day (30) but within the stopped clock (35): not missed
        TestServer.get().clock().advance(Duration.ofDays(18));
        seen = revival(s, s.investor());
        assertEquals(5, seen.get("stoppedDays").asInt(), "the clock runs again once the agency met its item");
        assertEquals("PENDING", item(plan(seen), "HOLDER", "Settle the bank arrears").get("status").asText());
        var rescan = Http.post("/api/idle-scan?asOf=" + today(), null, AUTH, s.officer().bearer());
        assertEquals(200, rescan.status(), rescan.body());
        assertFalse(text("SELECT evidence::text FROM idle_case WHERE id = " + s.caseId())
                .contains("REVIVAL_PLAN_MISSED"), "the agency's delay is not the holder's");
        Http.assertError(Http.post("/api/idle-cases/" + s.caseId() + "/revive", Map.of(), AUTH,
                s.officer().bearer()), 409, "plan_items_unmet", "");

        // 4. the holder's items met, the licence and an active inspection: REVIVED, the plot back in production
        for (JsonNode i : plan(seen)) {
            if (i.get("agency").asText().equals("HOLDER")) {
                var ok = Http.post("/api/idle-cases/" + s.caseId() + "/plan-items/" + i.get("id").asLong() + "/met",
                        Map.of("on", today().toString()), AUTH, s.officer().bearer());
                assertEquals(200, ok.status(), ok.body());
            }
        }
        Http.assertError(Http.post("/api/idle-cases/" + s.caseId() + "/revive", Map.of(), AUTH,
                s.officer().bearer()), 409, "not_licensed", "licence");
        for (String kind : List.of("POSSESSION", "BUILDING_PERMIT", "CONSTRUCTION_START", "CONSTRUCTION_COMPLETION",
                "OPERATING_LICENCE")) {
            var m = Http.post("/api/allocations/" + s.allocation() + "/milestones", Map.of("kind", kind,
                    "achievedOn", today().toString()), AUTH, s.officer().bearer());
            assertEquals(201, m.status(), m.body());
        }
        Http.assertError(Http.post("/api/idle-cases/" + s.caseId() + "/revive", Map.of(), AUTH,
                s.officer().bearer()), 409, "no_production_evidence", "inspection");
        var inspected = Http.post("/api/allocations/" + s.allocation() + "/inspections", Map.of("finding", "ACTIVE",
                "notes", "two shifts running"), AUTH, s.officer().bearer());
        assertEquals(201, inspected.status(), inspected.body());
        var revived = Http.post("/api/idle-cases/" + s.caseId() + "/revive", Map.of("reason", "back in production"),
                AUTH, s.officer().bearer());
        assertEquals(200, revived.status(), revived.body());
        assertEquals("REVIVED", text("SELECT state FROM idle_case WHERE id = " + s.caseId()));
        assertEquals("IN_PRODUCTION", text("SELECT status FROM parcel WHERE id = " + s.parcel()));
        assertEquals(1, decisions("idle_case.revived", s.caseId()));
        assertTrue(inbox(s.investor()).contains("idle_revived"));
        assertEquals("REVIVED", revival(s, s.investor()).get("state").asText());
    }

    /** The holder's newest inbox notification of {@code kind}. */
    private static JsonNode notification(TestUsers.User user, String kind) {
        for (JsonNode n : Http.get("/api/inbox", AUTH, user.bearer()).json().get("notifications")) {
            if (n.get("kind").asText().equals(kind)) {
                return n;
            }
        }
        throw new AssertionError("no " + kind + " notification in " + inbox(user));
    }

    /** The newest mail to {@code user} whose subject contains {@code part}, waiting up to a minute for it. */
    private static jakarta.mail.Message mail(TestUsers.User user, String part) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            List<jakarta.mail.Message> mails = org.zamin.testing.Mailbox.to(user.email());
            for (int i = mails.size() - 1; i >= 0; i--) {
                if (mails.get(i).getSubject().contains(part)) {
                    return mails.get(i);
                }
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("no mail to " + user.email() + " about " + part);
            }
            Thread.sleep(100);
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"en", "fa"})
    void theHolderIsToldOfTheDiagnosisAndOfTheGroupsDecisionInTheirLanguage(String language) throws Exception {
        var s = setup();
        assertEquals(200, Http.post("/api/inbox/language", Map.of("language", language), AUTH,
                s.investor().bearer()).status());
        TestServer.get().jdbi().useHandle(h -> h.execute("INSERT INTO idle_adviser (user_id, marked_at) VALUES ("
                + s.officer().id() + ", now())"));
        LocalDate visited = today().minusDays(2);
        var d = Http.post("/api/idle-cases/" + s.caseId() + "/diagnoses", Map.of("causes", List.of("BANK_DEBT",
                "UTILITIES"), "evidence", "The hall is empty.", "recommendation", "REVIVE", "visitedOn",
                visited.toString()), AUTH, s.officer().bearer());
        assertEquals(201, d.status(), d.body());

        // the inbox keeps the key and its parameters (each label in both languages), rendered by the reader's page
        JsonNode n = notification(s.investor(), "idle_diagnosed");
        assertEquals("notice.idleDiagnosed", n.get("messageKey").asText());
        assertEquals("#/contract/" + s.allocation(), n.get("link").asText());
        assertEquals(visited.toString(), n.get("params").get("visitedOn").asText());
        assertTrue(n.get("params").get("causes").asText().contains("Bank debt"), n.toString());
        assertTrue(n.get("params").get("causesFa").asText().contains("بدهی بانکی"), n.toString());
        assertEquals("احیا", n.get("params").get("recommendationFa").asText());

        // the e-mail in the holder's language: Persian words, digits and the Jalali calendar in Persian
        boolean persian = language.equals("fa");
        var mail = mail(s.investor(), persian ? "تشخیص مشاور" : "an adviser's diagnosis");
        String subject = mail.getSubject();
        String body = org.zamin.testing.Mailbox.body(mail);
        String allocation = Long.toString(s.allocation());
        if (persian) {
            assertTrue(subject.contains(persianDigits(allocation)), subject);
            assertTrue(body.contains("بدهی بانکی یا کمبود سرمایهٔ در گردش، تأسیسات زیربنایی"), body);
            var jalali = com.ibm.icu.text.DateFormat.getDateInstance(com.ibm.icu.text.DateFormat.LONG,
                    new com.ibm.icu.util.ULocale("fa_IR@calendar=persian"));
            jalali.setTimeZone(com.ibm.icu.util.TimeZone.GMT_ZONE);
            String visitedFa = persianDigits(jalali.format(java.util.Date.from(visited.atStartOfDay(
                    java.time.ZoneOffset.UTC).toInstant())));
            assertTrue(body.contains(visitedFa), visitedFa + " in " + body);
            assertTrue(body.contains("پیشنهاد: احیا"), body);
            assertFalse(body.contains("Bank debt"), body);
        } else {
            assertEquals("Zamin: Allocation " + allocation + ": an adviser's diagnosis of your unit", subject);
            assertTrue(body.contains("Bank debt or lack of working capital, Utilities"), body);
            assertTrue(body.contains("Recommendation: Revive"), body);
            assertTrue(body.contains(visited.getDayOfMonth() + " " + visited.getMonth().getDisplayName(
                    java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH) + " " + visited.getYear()), body);
        }
        assertTrue(body.contains("#/contract/" + allocation), body);

        // the working group decides to proceed to reclaim a unit already warned: no new notice is served, so the
        // holder is told of the decision itself
        assertEquals(200, Http.post("/api/idle-cases/" + s.caseId() + "/notice", Map.of("reason", "idle"), AUTH,
                s.officer().bearer()).status());
        var session = Http.post("/api/working-group/sessions", Map.of("provinceId", s.province(),
                "members", List.of("Chair"), "caseIds", List.of(s.caseId())), AUTH, s.officer().bearer());
        assertEquals(201, session.status(), session.body());
        var decided = Http.post("/api/working-group/sessions/" + session.json().get("id").asLong() + "/agenda/"
                + s.caseId() + "/decision", Map.of("decision", "PROCEED_TO_RECLAIM", "note", "no answer to the plan"),
                AUTH, s.officer().bearer());
        assertEquals(200, decided.status(), decided.body());
        JsonNode told = notification(s.investor(), "idle_group_reclaim");
        assertEquals("notice.idleGroupReclaim", told.get("messageKey").asText());
        assertEquals("no answer to the plan", told.get("params").get("reason").asText());
        var reclaimMail = mail(s.investor(), persian ? "بازپس‌گیری رأی داد" : "proceed to reclaim");
        assertTrue(org.zamin.testing.Mailbox.body(reclaimMail).contains("no answer to the plan"));
        assertEquals(1, one("SELECT count(*) FROM idle_warning WHERE case_id = " + s.caseId()),
                "the decision serves no second warning");
    }

    @Test
    void theDatabaseRefusesRevivingACaseWhoseHolderItemsAreUnmet() {
        var s = setup();
        TestServer.get().jdbi().useHandle(h -> {
            h.execute("UPDATE idle_case SET state = 'REVIVAL_PLAN', updated_at = now() WHERE id = " + s.caseId());
            h.execute("INSERT INTO revival_plan_item (case_id, description, due_on) VALUES (" + s.caseId()
                    + ", 'Restart', current_date + 5)");
        });
        var e = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, () ->
                TestServer.get().jdbi().useHandle(h -> h.execute("UPDATE idle_case SET state = 'REVIVED', "
                        + "closed_at = now(), updated_at = now() WHERE id = " + s.caseId())));
        assertTrue(e.getMessage().contains("holder plan items not met"), e.getMessage());
    }

    @Test
    void badInputIsAPreciseJsonErrorAndChangesNothing() {
        var s = setup();
        TestServer.get().jdbi().useHandle(h -> h.execute("INSERT INTO idle_adviser (user_id, marked_at) VALUES ("
                + s.officer().id() + ", now())"));
        String path = "/api/idle-cases/" + s.caseId() + "/diagnoses";
        Http.assertError(Http.post(path, "{\"causes\": [", AUTH, s.officer().bearer()), 400, "bad_request", "");
        Http.assertError(Http.post(path, Map.of("causes", List.of("WEATHER"), "evidence", "x",
                "recommendation", "REVIVE"), AUTH, s.officer().bearer()), 422, "invalid_causes", "list");
        Http.assertError(Http.post(path, Map.of("causes", List.of("MARKET"), "evidence", "x",
                "recommendation", "SELL"), AUTH, s.officer().bearer()), 422, "invalid_recommendation", "REVIVE");
        Http.assertError(Http.post(path, Map.of("causes", List.of("MARKET"), "evidence", "x",
                "recommendation", "REVIVE", "visitedOn", today().plusDays(3).toString()), AUTH,
                s.officer().bearer()), 422, "invalid_visited_on", "future");
        assertEquals(0, one("SELECT count(*) FROM idle_diagnosis WHERE case_id = " + s.caseId()));

        Http.assertError(Http.post("/api/working-group/sessions", Map.of("provinceId", s.province(),
                "members", List.of(), "caseIds", List.of(s.caseId())), AUTH, s.officer().bearer()), 422,
                "invalid_members", "members");
        var session = Http.post("/api/working-group/sessions", Map.of("provinceId", s.province(),
                "heldOn", persianDigits(today().toString()), "members", List.of("Chair"),
                "caseIds", List.of(s.caseId())), AUTH, s.officer().bearer());
        assertEquals(201, session.status(), session.body());
        String decide = "/api/working-group/sessions/" + session.json().get("id").asLong() + "/agenda/" + s.caseId()
                + "/decision";
        Http.assertError(Http.post(decide, Map.of("decision", "APPROVE_PLAN", "items", List.of(
                Map.of("description", "Settle debts", "agency", "HOLDER", "dueOn", today().plusDays(9).toString()),
                Map.of("description", "Fix the road", "agency", "NASA", "dueOn", today().plusDays(9).toString()))),
                AUTH, s.officer().bearer()), 422, "invalid_agency", "NASA");
        Http.assertError(Http.post(decide, Map.of("decision", "REFER_TO_BANK", "bankName", "Bank Melli",
                "facilityRials", -5), AUTH, s.officer().bearer()), 422, "invalid_facility", "rials");
        Http.assertError(Http.post(decide, Map.of("decision", "REFER_TO_BANK", "bankName", "Bank Melli",
                "facilityRials", 12.5), AUTH, s.officer().bearer()), 422, "invalid_facility_rials", "whole number");
        Http.assertError(Http.post(decide, Map.of("decision", "BUY"), AUTH, s.officer().bearer()), 422,
                "invalid_decision", "APPROVE_PLAN");
        assertEquals("OPEN", text("SELECT state FROM idle_case WHERE id = " + s.caseId()));
        assertEquals(0, one("SELECT count(*) FROM revival_plan_item WHERE case_id = " + s.caseId()));
        assertEquals(0, one("SELECT count(*) FROM working_group_agenda WHERE decision IS NOT NULL AND case_id = "
                + s.caseId()));
        assertEquals(0, decisions("working_group.decided", s.caseId()));

        // a bank referral carries its facility in whole rials and reaches the holder
        var referred = Http.post(decide, Map.of("decision", "REFER_TO_BANK", "bankName", "Bank Melli",
                "facilityRials", 25_000_000_000L), AUTH, s.officer().bearer());
        assertEquals(200, referred.status(), referred.body());
        assertEquals(25_000_000_000L, one("SELECT facility_rials FROM working_group_agenda WHERE case_id = "
                + s.caseId()));
        assertTrue(inbox(s.investor()).contains("idle_bank_referral"));
    }
}
