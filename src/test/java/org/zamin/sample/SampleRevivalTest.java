package org.zamin.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.zamin.account.AccountService;
import org.zamin.account.DemoAccounts;
import org.zamin.decision.DecisionLog;
import org.zamin.testing.TestServer;

/** Demo mode's revival desk: diagnosed units, units under a plan (some with the clock stopped), bank referrals. */
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
    }
}
