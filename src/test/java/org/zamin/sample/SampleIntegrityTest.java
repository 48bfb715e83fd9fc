package org.zamin.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.zamin.account.AccountService;
import org.zamin.account.DemoAccounts;
import org.zamin.decision.DecisionLog;
import org.zamin.testing.TestServer;

/** Every taken plot of the sample, as a demo installation's first start leaves it, has the record behind its status. */
class SampleIntegrityTest {

    @Test
    void everyTakenSamplePlotHasItsRecord() {
        var jdbi = TestServer.get().jdbi();
        var clock = TestServer.get().clock();
        DemoAccounts.ensure(new AccountService(jdbi, clock));
        SampleAllocations.seedOnce(jdbi, new DecisionLog(jdbi), clock);
        for (String sample : ShippedSamples.codePatterns()) {
            List<PlotRecords.Unexplained> unexplained = jdbi.withHandle(h -> PlotRecords.unexplained(h, sample));
            assertEquals(List.of(), unexplained, unexplained.size() + " " + sample + " plots have a status nothing "
                    + "explains");
            int reserved = jdbi.withHandle(h -> h.createQuery("""
                    SELECT count(*) FROM parcel p JOIN estate e ON e.id = p.estate_id
                     WHERE e.code LIKE :sample AND p.status = 'RESERVED'""").bind("sample", sample)
                    .mapTo(Integer.class).one());
            assertTrue(reserved > 0, sample + " still shows reserved plots, each under a reservation: " + reserved);
        }
    }

    @Test
    void eachProvincesDemoOfficerManagesItsSampleEstates() {
        var jdbi = TestServer.get().jdbi();
        DemoAccounts.ensure(new AccountService(jdbi, TestServer.get().clock()));
        for (String[] officer : new String[][] {{"officer@demo.zamin.ir", "GIL-"}, {"officer.qazvin@demo.zamin.ir", "QZV-"}}) {
            List<String> estates = jdbi.withHandle(h -> h.createQuery("""
                    SELECT e.code FROM officer_estate oe JOIN users u ON u.id = oe.user_id
                      JOIN estate e ON e.id = oe.estate_id WHERE u.email = :email ORDER BY 1""").bind("email", officer[0]).mapTo(String.class).list());
            assertTrue(estates.size() >= 10 && estates.stream().allMatch(e -> e.startsWith(officer[1])),
                    officer[0] + " manages " + estates);
        }
    }

    @Test
    void theCheckFindsAPlotWithNothingBehindIt() {
        var jdbi = TestServer.get().jdbi();
        var estate = org.zamin.testing.TestEstates.create(jdbi);
        long plot = estate.addParcel(jdbi, "U1", estate.rect(0, 0, 100, 100), "RESERVED");
        estate.addParcel(jdbi, "U2", estate.rect(100, 0, 200, 100), "AVAILABLE");
        var found = jdbi.withHandle(h -> PlotRecords.unexplained(h, estate.code()));
        assertEquals(List.of(plot), found.stream().map(PlotRecords.Unexplained::id).toList());
    }
}
