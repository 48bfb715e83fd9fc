package org.zamin.idle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpRequest;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.zamin.testing.Http;
import org.zamin.testing.TestAllocations;
import org.zamin.testing.TestEstates;
import org.zamin.testing.TestServer;
import org.zamin.testing.TestUsers;

/**
 * Issue 13, finding 4: an officer imported utility readings for another estate's allocation (200, imported). An
 * officer writes readings only for allocations in the estates they manage: one row for another estate refuses the
 * whole file with 403 and nothing is written, strict or not; admins import for any estate.
 */
class ReadingsScopeTest {

    private static long allocationIn(TestEstates.Estate estate) {
        var ts = TestServer.get();
        long parcel = estate.addParcel(ts.ownerJdbi(), "R1", estate.rect(100, 100, 300, 300), "AVAILABLE");
        return TestAllocations.create(estate, TestUsers.investor().id(), List.of(parcel),
                LocalDate.now(ts.clock()).minusMonths(6), false);
    }

    private static String csv(long... allocations) {
        String month = YearMonth.from(LocalDate.now(TestServer.get().clock())).minusMonths(1).toString();
        StringBuilder b = new StringBuilder("allocation,month,electricity_kwh,water_m3\n");
        for (long a : allocations) {
            b.append(a).append(',').append(month).append(",1200,30\n");
        }
        return b.toString();
    }

    private static Http.Response send(String query, String csv, TestUsers.User user) {
        return Http.send(HttpRequest.newBuilder(Http.uri("/api/utility-readings" + query))
                .header("Authorization", user.bearer()).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv)));
    }

    private static long readings(long allocation) {
        return TestServer.get().jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM utility_reading WHERE allocation_id = :a").bind("a", allocation)
                .mapTo(Long.class).one());
    }

    @Test
    void readingsForAnotherEstatesAllocationAreRefusedAndNothingIsWritten() {
        var mine = TestEstates.create(TestServer.get().ownerJdbi());
        var theirs = TestEstates.create(TestServer.get().ownerJdbi());
        long own = allocationIn(mine);
        long other = allocationIn(theirs);
        var officer = TestUsers.officer(mine.code());
        Http.assertError(send("", csv(own, other), officer), 403, "forbidden", "allocation " + other);
        Http.assertError(send("?strict=true", csv(other), officer), 403, "forbidden", "not in an estate you manage");
        assertEquals(0, readings(own), "the officer's own row is not written either");
        assertEquals(0, readings(other));
    }

    @Test
    void officersImportForTheirEstateAndAdminsForAny() {
        var mine = TestEstates.create(TestServer.get().ownerJdbi());
        var theirs = TestEstates.create(TestServer.get().ownerJdbi());
        long own = allocationIn(mine);
        long other = allocationIn(theirs);
        var r = send("", csv(own), TestUsers.officer(mine.code()));
        assertEquals(200, r.status(), r.body());
        assertEquals(1, readings(own));
        var admin = send("", csv(own, other), TestUsers.admin());
        assertEquals(200, admin.status(), admin.body());
        assertEquals(2, admin.json().get("imported").asInt());
        assertEquals(1, readings(other));
    }
}
