package org.zamin.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * Issue 13, finding 4: officers and admins posted progress reports that appeared as the holder's (201), with no
 * author. Reports are the holder's alone (403 for staff, nothing written), each records its author, and the
 * database refuses a report by anyone but the holder whatever the service sends.
 */
class ProgressReportAuthorTest {

    private static final String AUTH = "Authorization";

    private record Setup(TestEstates.Estate estate, TestUsers.User investor, long allocation) {}

    private static Setup setup() {
        var ts = TestServer.get();
        var estate = TestEstates.create(ts.ownerJdbi());
        long parcel = estate.addParcel(ts.ownerJdbi(), "A1", estate.rect(100, 100, 300, 300), "AVAILABLE");
        var investor = TestUsers.investor();
        long allocation = TestAllocations.create(estate, investor.id(), List.of(parcel),
                LocalDate.now(ts.clock()).minusMonths(2), false);
        return new Setup(estate, investor, allocation);
    }

    private static Http.Response report(Setup s, TestUsers.User user) {
        return Http.post("/api/allocations/" + s.allocation() + "/reports", Map.of("percent", 30, "text", "walls up"),
                AUTH, user.bearer());
    }

    private static long reports(long allocation) {
        return TestServer.get().jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM progress_report WHERE allocation_id = :a").bind("a", allocation)
                .mapTo(Long.class).one());
    }

    @Test
    void officersAndAdminsCannotPostAProgressReportInTheHoldersName() {
        var s = setup();
        Http.assertError(report(s, TestUsers.officer(s.estate().code())), 403, "forbidden", "officer");
        Http.assertError(report(s, TestUsers.admin()), 403, "forbidden", "admin");
        Http.assertError(report(s, TestUsers.investor()), 404, "not_found", "allocation");
        assertEquals(0, reports(s.allocation()), "nothing was written");
    }

    @Test
    void theHoldersReportRecordsItsAuthor() {
        var s = setup();
        var r = report(s, s.investor());
        assertEquals(201, r.status(), r.body());
        var row = TestServer.get().jdbi().withHandle(h -> h.createQuery(
                "SELECT created_by, author_role FROM progress_report WHERE id = :id").bind("id", r.json().get("id").asLong())
                .mapToMap().one());
        assertEquals(s.investor().id(), ((Number) row.get("created_by")).longValue());
        assertEquals("investor", row.get("author_role"));
        var contract = Http.get("/api/allocations/" + s.allocation() + "/contract", AUTH, s.investor().bearer());
        assertEquals("investor", contract.json().get("reports").get(0).get("authorRole").asText(), contract.body());
    }

    @Test
    void theDatabaseRefusesAReportByAnyoneButTheHolder() {
        var s = setup();
        var officer = TestUsers.officer(s.estate().code());
        var e = assertThrows(RuntimeException.class, () -> TestServer.get().jdbi().useHandle(h -> h.createUpdate("""
                INSERT INTO progress_report (allocation_id, reported_on, percent, text, created_by, author_role, created_at)
                VALUES (:a, current_date, 50, 'by staff', :by, 'investor', now())""")
                .bind("a", s.allocation()).bind("by", officer.id()).execute()));
        assertTrue(e.getMessage().contains("progress_report_by_holder"), e.getMessage());
        assertEquals(0, reports(s.allocation()));
    }
}
