package org.zamin.idle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.zamin.account.CurrentUser;
import org.zamin.account.Role;
import org.zamin.decision.DecisionLog;
import org.zamin.domain.Invalid;
import org.zamin.testing.Http;
import org.zamin.testing.TestAllocations;
import org.zamin.testing.TestEstates;
import org.zamin.testing.TestServer;
import org.zamin.testing.TestUsers;

/**
 * Issue 13, finding 1: an officer of one estate ran the idle scan as of {@code +99999-01-01} and opened cases in
 * every estate. A scan covers the caller's estates only (an admin's all), never a day after today outside demo
 * mode (the test server is not in demo mode), and a day that is not one is a 422, never a 500.
 */
class IdleScanScopeTest {

    private static final String AUTH = "Authorization";

    private record Estate(TestEstates.Estate estate, long parcel, long allocation) {}

    /** An estate with one allocation that has been idle long enough for the scan to open a case today. */
    private static Estate idleEstate() {
        var ts = TestServer.get();
        var estate = TestEstates.create(ts.ownerJdbi());
        long parcel = estate.addParcel(ts.ownerJdbi(), "S1", estate.rect(100, 100, 300, 300), "AVAILABLE");
        long allocation = TestAllocations.create(estate, TestUsers.investor().id(), List.of(parcel),
                today().minusMonths(20), false);
        return new Estate(estate, parcel, allocation);
    }

    private static LocalDate today() {
        return LocalDate.now(TestServer.get().clock());
    }

    private static Http.Response scan(TestUsers.User user, String asOf) {
        return Http.post("/api/idle-scan?asOf=" + asOf, null, AUTH, user.bearer());
    }

    private static long casesOf(long allocation) {
        return TestServer.get().jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM idle_case WHERE allocation_id = :a").bind("a", allocation).mapTo(Long.class).one());
    }

    /** Cases this user's scans opened in this estate, as the decision log records them. */
    private static long openedBy(TestUsers.User user, TestEstates.Estate estate) {
        return TestServer.get().jdbi().withHandle(h -> h.createQuery("""
                SELECT count(*) FROM decision
                 WHERE action = 'idle_case.opened' AND actor_id = :user AND estate_code = :estate""")
                .bind("user", user.id()).bind("estate", estate.code()).mapTo(Long.class).one());
    }

    private static String parcelStatus(long id) {
        return TestServer.get().jdbi().withHandle(h -> h.createQuery("SELECT status FROM parcel WHERE id = :id")
                .bind("id", id).mapTo(String.class).one());
    }

    @Test
    void anOfficersScanOpensCasesOnlyInTheEstatesTheyManage() {
        var mine = idleEstate();
        var theirs = idleEstate();
        var officer = TestUsers.officer(mine.estate().code());
        var r = scan(officer, today().toString());
        assertEquals(200, r.status(), r.body());
        assertEquals(1, openedBy(officer, mine.estate()), "the officer's own estate is scanned");
        assertEquals("IDLE", parcelStatus(mine.parcel()));
        assertEquals(0, openedBy(officer, theirs.estate()), "another estate's allocation is left alone");
        assertEquals("ALLOCATED", parcelStatus(theirs.parcel()));
    }

    @Test
    void anAdminsScanCoversEveryEstate() {
        var one = idleEstate();
        var two = idleEstate();
        var admin = TestUsers.admin();
        var r = scan(admin, today().toString());
        assertEquals(200, r.status(), r.body());
        assertEquals(1, openedBy(admin, one.estate()));
        assertEquals(1, openedBy(admin, two.estate()));
    }

    @Test
    void aScanAsOfADayAfterTodayIsRefusedAndOpensNothing() {
        var mine = idleEstate();
        var officer = TestUsers.officer(mine.estate().code());
        Http.assertError(scan(officer, "%2B99999-01-01"), 422, "as_of_in_future", "+99999-01-01");
        Http.assertError(scan(officer, today().plusDays(1).toString()), 422, "as_of_in_future", "today");
        Http.assertError(scan(TestUsers.admin(), today().plusYears(3).toString()), 422, "as_of_in_future", "today");
        assertEquals(0, casesOf(mine.allocation()), "nothing was opened");
        assertEquals("ALLOCATED", parcelStatus(mine.parcel()));
    }

    @Test
    void anAsOfThatIsNotADayOrOutOfRangeIsA422NeverA500() {
        var mine = idleEstate();
        var officer = TestUsers.officer(mine.estate().code());
        Http.assertError(scan(officer, "yesterday"), 422, "invalid_date", "YYYY-MM-DD");
        Http.assertError(scan(officer, "2025-02-30"), 422, "invalid_date", "YYYY-MM-DD");
        Http.assertError(scan(officer, "%2B999999999-12-31"), 422, "as_of_in_future", "today");
        Http.assertError(scan(officer, "-999999999-01-01"), 422, "invalid_as_of", "between");
        assertEquals(0, casesOf(mine.allocation()), "nothing was opened");
    }

    @Test
    void aScanDayInPersianDigitsIsTheSameDay() {
        var mine = idleEstate();
        var officer = TestUsers.officer(mine.estate().code());
        String persian = today().toString().chars()
                .mapToObj(c -> Character.isDigit(c) ? String.valueOf((char) ('۰' + (c - '0'))) : String.valueOf((char) c))
                .reduce("", String::concat);
        var r = scan(officer, java.net.URLEncoder.encode(persian, java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(200, r.status(), r.body());
        assertEquals(today().toString(), r.json().get("asOf").asText());
        assertTrue(casesOf(mine.allocation()) == 1, "the officer's estate was scanned");
    }

    @Test
    void inDemoModeAScanMayLookAheadButOnlyOverTheOfficersEstates() {
        var ts = TestServer.get();
        var mine = idleEstate();
        var theirs = idleEstate();
        var officer = TestUsers.officer(mine.estate().code());
        var user = new CurrentUser(officer.id(), officer.email(), Role.OFFICER, Set.of(mine.estate().code()));
        var scan = new IdleScan(ts.jdbi(), new DecisionLog(ts.jdbi()), ts.clock());
        LocalDate ahead = today().plusYears(2);
        var refused = assertThrows(Invalid.class, () -> scan.runFor(user, ahead, false));
        assertEquals("as_of_in_future", refused.code());
        var demo = scan.runFor(user, ahead, true);
        assertEquals(ahead, demo.asOf());
        assertEquals(1, openedBy(officer, mine.estate()), "the demo look-ahead opens the officer's estate's case");
        assertEquals(0, openedBy(officer, theirs.estate()), "and no other estate's");
        assertEquals("invalid_as_of", assertThrows(Invalid.class,
                () -> scan.runFor(user, today().plusYears(101), true)).code());
    }
}
