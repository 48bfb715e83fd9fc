package org.zamin.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Who sees what: an investor their own, an officer their estates', an admin all, a planner and a visitor none. */
class VisibilityTest {

    private static final Visibility INVESTOR = Visibility.of(new CurrentUser(7, "i@x.ir", Role.INVESTOR, Set.of()));
    private static final Visibility OFFICER =
            Visibility.of(new CurrentUser(8, "o@x.ir", Role.OFFICER, Set.of("GIL-RASHT", "GIL-ANZALI")));
    private static final Visibility PLANNER = Visibility.of(new CurrentUser(9, "p@x.ir", Role.PLANNER, Set.of()));
    private static final Visibility ADMIN = Visibility.of(new CurrentUser(10, "a@x.ir", Role.ADMIN, Set.of()));
    private static final Visibility VISITOR = Visibility.of(Optional.empty());

    @Test
    void anInvestorSeesOnlyTheirOwnRecords() {
        assertTrue(INVESTOR.seesRecord(7, "GIL-RASHT"));
        assertFalse(INVESTOR.seesRecord(70, "GIL-RASHT"));
        assertFalse(INVESTOR.seesEstate("GIL-RASHT"));
        assertFalse(INVESTOR.isStaff());
        assertEquals(7L, INVESTOR.ownerIdOrNull());
        assertFalse(INVESTOR.estateScoped());
        assertNull(INVESTOR.estateCodesOrNull());
    }

    @Test
    void anOfficerSeesTheEstatesTheyManageAndOwnsNothing() {
        assertTrue(OFFICER.seesRecord(70, "GIL-RASHT"));
        assertFalse(OFFICER.seesRecord(70, "TEH-SHAMS"));
        assertFalse(OFFICER.isOwner(8));
        assertTrue(OFFICER.isStaff());
        assertTrue(OFFICER.actsOnEstates());
        assertNull(OFFICER.ownerIdOrNull());
        assertTrue(OFFICER.estateScoped());
        assertEquals(List.of("GIL-ANZALI", "GIL-RASHT"), OFFICER.estateCodesOrNull().stream().sorted().toList());
    }

    @Test
    void anAdminSeesEveryEstateUnscoped() {
        assertTrue(ADMIN.seesRecord(70, "TEH-SHAMS"));
        assertTrue(ADMIN.seesAllEstates());
        assertNull(ADMIN.ownerIdOrNull());
        assertFalse(ADMIN.estateScoped());
        assertNull(ADMIN.estateCodesOrNull());
    }

    @Test
    void plannersAndVisitorsSeeNoOnesRecordsAndTheirSqlScopeIsEmpty() {
        for (Visibility v : List.of(PLANNER, VISITOR)) {
            assertFalse(v.seesRecord(9, "GIL-RASHT"));
            assertFalse(v.seesRecord(0, "GIL-RASHT"));
            assertNull(v.ownerIdOrNull());
            assertTrue(v.estateScoped(), "an empty estate scope, so a query returns nothing");
            assertEquals(List.of(), v.estateCodesOrNull());
        }
        assertTrue(PLANNER.isStaff());
        assertFalse(PLANNER.actsOnEstates());
        assertTrue(VISITOR.isVisitor());
        assertFalse(VISITOR.isStaff());
    }

    @Test
    void onlyOfficersCarryEstates() {
        var admin = new Visibility(Role.ADMIN, 1, Set.of("GIL-RASHT"));
        assertEquals(Set.of(), admin.estateCodes());
    }
}
