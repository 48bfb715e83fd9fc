package org.zamin.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.zamin.account.AccountService;
import org.zamin.account.DemoAccounts;
import org.zamin.decision.DecisionLog;
import org.zamin.testing.TestServer;

/** The sample's taken plots get contracts, and the scan opens idle cases for the IDLE ones (demo mode's first start). */
class SampleAllocationsTest {

    @Test
    void sampleHasAllocationsInEveryStageAndOpenIdleCases() {
        var jdbi = TestServer.get().jdbi();
        var clock = TestServer.get().clock();
        DemoAccounts.ensure(new AccountService(jdbi, clock));
        SampleAllocations.seedOnce(jdbi, new DecisionLog(jdbi), clock);
        SampleAllocations.seedOnce(jdbi, new DecisionLog(jdbi), clock); // once only
        var stages = jdbi.withHandle(h -> h.createQuery("""
                SELECT count(DISTINCT p.status) FROM allocation_parcel ap JOIN parcel p ON p.id = ap.parcel_id
                  JOIN estate e ON e.id = p.estate_id WHERE e.code LIKE 'GIL-%'""").mapTo(Integer.class).one());
        assertEquals(6, stages, "ALLOCATED, UNDER_CONSTRUCTION, IN_PRODUCTION, IDLE, RECLAIMING, AVAILABLE (reclaimed)");
        // staged due process: every stage is in the idle register
        var registerStages = jdbi.withHandle(h -> h.createQuery("""
                SELECT DISTINCT stage FROM idle_register WHERE estate LIKE 'GIL-%'""").mapTo(String.class).set());
        for (String stage : java.util.List.of("OPEN", "WARNING_1", "WARNING_2", "WARNING_3", "EXTENDED", "RECLAIMED")) {
            assertTrue(registerStages.contains(stage), stage + " in " + registerStages);
        }
        int fees = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM idle_charge WHERE kind = 'IDLE_FEE' "
                + "AND amount > 0").mapTo(Integer.class).one());
        assertTrue(fees > 0, "sample idle fees");
        int open = jdbi.withHandle(h -> h.createQuery("""
                SELECT count(*) FROM idle_case c JOIN allocation a ON a.id = c.allocation_id JOIN estate e
                  ON e.id = a.estate_id WHERE e.code LIKE 'GIL-%' AND c.state IN ('OPEN', 'NOTICE_SERVED')""")
                .mapTo(Integer.class).one());
        assertTrue(open >= 150, "idle and reclaiming sample plots have open cases: " + open);
        int wronglyIdle = jdbi.withHandle(h -> h.createQuery("""
                SELECT count(*) FROM idle_case c JOIN allocation_parcel ap ON ap.allocation_id = c.allocation_id
                  JOIN allocation a ON a.id = c.allocation_id JOIN estate e ON e.id = a.estate_id
                 WHERE e.code LIKE 'GIL-%' AND c.state = 'OPEN'
                   AND c.opened_as_of IS NOT NULL AND NOT (c.evidence::text LIKE '%INACTIVE%'
                        OR c.evidence::text LIKE '%MISSED%')""").mapTo(Integer.class).one());
        assertEquals(0, wronglyIdle);
    }
}
