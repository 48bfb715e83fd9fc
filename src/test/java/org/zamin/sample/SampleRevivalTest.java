package org.zamin.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.zamin.account.AccountService;
import org.zamin.account.DemoAccounts;
import org.zamin.allocation.ContractService;
import org.zamin.decision.DecisionLog;
import org.zamin.idle.IdleCaseService;
import org.zamin.inbox.Notifier;
import org.zamin.testing.Http;
import org.zamin.testing.TestServer;
import org.zamin.testing.TestUsers;

/**
 * Demo mode's revival desk: diagnosed units, units under a plan (some with the clock stopped), bank referrals, and in
 * each sample province (Gilan, Qazvin) a unit revived through diagnosis, the working group's plan and its items met,
 * shown REVIVED in the public register and counted on the dashboard.
 */
class SampleRevivalTest {

    private static long count(String sql) {
        return TestServer.get().jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    @Test
    void theSampleHasDiagnosedUnitsUnitsUnderAPlanAndAGovernmentCausedDelay() {
        var jdbi = TestServer.get().jdbi();
        var clock = TestServer.get().clock();
        DemoAccounts.ensure(new AccountService(jdbi, clock));
        SampleAllocations.seedOnce(jdbi, new DecisionLog(jdbi), clock);
        SampleRevival.seedOnce(jdbi, new DecisionLog(jdbi), clock);
        var notifier = new Notifier(Optional.empty(), clock);
        var contracts = new ContractService(jdbi, new DecisionLog(jdbi), notifier, clock);
        var idleCases = new IdleCaseService(jdbi, new DecisionLog(jdbi), contracts, notifier, clock);
        SampleRevival.reviveOnce(jdbi, contracts, idleCases, clock);
        long revived = count("SELECT count(*) FROM idle_case WHERE state = 'REVIVED'");
        SampleRevival.reviveOnce(jdbi, contracts, idleCases, clock); // once only
        assertEquals(revived, count("SELECT count(*) FROM idle_case WHERE state = 'REVIVED'"));
        long diagnosed = count("SELECT count(DISTINCT case_id) FROM idle_diagnosis");
        long planned = count("SELECT count(*) FROM idle_case WHERE state = 'REVIVAL_PLAN'");
        SampleRevival.seedOnce(jdbi, new DecisionLog(jdbi), clock); // once only
        assertEquals(diagnosed, count("SELECT count(DISTINCT case_id) FROM idle_diagnosis"));
        assertTrue(diagnosed >= 10, "diagnosed: " + diagnosed);
        assertTrue(planned >= 3, "under a plan: " + planned);
        assertTrue(count("SELECT count(*) FROM working_group_agenda WHERE decision = 'REFER_TO_BANK'") >= 1);
        // on the service's day (the suite's clock runs ahead of the database's)
        assertTrue(count("SELECT count(*) FROM idle_case c WHERE c.state = 'REVIVAL_PLAN' AND "
                + "idle_case_government_caused(c.id, DATE '" + java.time.LocalDate.now(clock) + "')") >= 1,
                "a delay the power company caused");
        assertTrue(count("SELECT count(*) FROM idle_adviser a JOIN users u ON u.id = a.user_id "
                + "WHERE u.email = 'officer@demo.zamin.ir'") == 1, "the demo officer is an adviser");
        assertEquals(0, count("SELECT count(*) FROM idle_case c JOIN allocation_parcel ap ON ap.allocation_id = "
                + "c.allocation_id JOIN parcel p ON p.id = ap.parcel_id WHERE c.state = 'REVIVAL_PLAN' "
                + "AND p.status <> 'IDLE'"), "a unit under a plan is still idle on the map");
        long open = count("SELECT count(*) FROM idle_case c JOIN allocation a ON a.id = c.allocation_id JOIN estate e "
                + "ON e.id = a.estate_id WHERE e.code LIKE 'GIL-%' AND c.state IN ('OPEN', 'NOTICE_SERVED')");
        assertTrue(open >= 150, "SampleAllocationsTest's open cases remain: " + open);
        for (String province : List.of("GIL", "QZV")) {
            revivedUnitIn(province);
        }
    }

    /** A REVIVED unit of the province that went diagnosis → the group's plan → items met, in the register and stats. */
    private static void revivedUnitIn(String province) {
        String inProvince = "FROM idle_case c JOIN allocation a ON a.id = c.allocation_id JOIN estate e ON e.id = "
                + "a.estate_id JOIN province pr ON pr.id = e.province_id WHERE pr.code = '" + province + "' "
                + "AND e.code LIKE '" + province + "-%' ";
        assertTrue(count("SELECT count(*) " + inProvince + "AND c.state = 'REVIVED'") >= 1, province);
        long caseId = count("SELECT min(c.id) " + inProvince + "AND c.state = 'REVIVED'");
        // the path it took: diagnosed, a plan the working group approved, every item met, then revived; each logged
        assertEquals(1, count("SELECT count(*) FROM idle_diagnosis WHERE case_id = " + caseId));
        assertEquals(1, count("SELECT count(*) FROM working_group_agenda WHERE decision = 'APPROVE_PLAN' AND case_id = "
                + caseId));
        assertTrue(count("SELECT count(*) FROM revival_plan_item WHERE case_id = " + caseId) >= 4);
        assertEquals(0, count("SELECT count(*) FROM revival_plan_item WHERE met_on IS NULL AND case_id = " + caseId));
        for (String action : List.of("idle_case.diagnosed", "idle_case.revival_plan", "idle_case.plan_item_met",
                "idle_case.revived")) {
            assertTrue(count("SELECT count(*) FROM decision WHERE subject_type = 'idle_case' AND subject_id = '"
                    + caseId + "' AND action = '" + action + "'") >= 1, action + " of case " + caseId);
        }
        assertEquals(0, count("SELECT count(*) FROM idle_case c JOIN allocation_parcel ap ON ap.allocation_id = "
                + "c.allocation_id JOIN parcel p ON p.id = ap.parcel_id WHERE c.id = " + caseId
                + " AND p.status <> 'IN_PRODUCTION'"), "back in production on the map");
        // the public register shows it REVIVED
        var r = Http.get("/api/idle-register?province=" + province + "&stage=REVIVED");
        assertEquals(200, r.status(), r.body());
        boolean shown = false;
        for (JsonNode f : r.json().get("features")) {
            var p = f.get("properties");
            if (p.get("caseId").asLong() == caseId) {
                shown = true;
                assertEquals("REVIVED", p.get("outcome").asText(), p.toString());
                assertEquals("REVIVED", p.get("stage").asText(), p.toString());
            }
        }
        assertTrue(shown, "case " + caseId + " in the register: " + r.body());
        // and the dashboard counts it in the year it closed
        long year = count("SELECT extract(year FROM closed_at AT TIME ZONE 'UTC')::bigint FROM idle_case WHERE id = "
                + caseId);
        var stats = Http.get("/api/revival-stats?year=" + year, "Authorization", TestUsers.planner().bearer());
        assertEquals(200, stats.status(), stats.body());
        boolean counted = false;
        for (JsonNode p : stats.json().get("provinces")) {
            if (p.get("province").asText().equals(province)) {
                counted = p.get("revived").asLong() >= 1;
            }
        }
        assertTrue(counted, province + " revived on the dashboard: " + stats.body());
    }
}
