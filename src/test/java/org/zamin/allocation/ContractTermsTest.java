package org.zamin.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Default deadlines, the public status following milestones, and the extension policy. */
class ContractTermsTest {

    @Test
    void defaultDeadlinesCountFromPossession() {
        var d = ContractTerms.DEFAULT.deadlines(LocalDate.parse("2024-01-15"));
        assertEquals(LocalDate.parse("2024-02-15"), d.get(MilestoneKind.POSSESSION));
        assertEquals(LocalDate.parse("2025-02-15"), d.get(MilestoneKind.CONSTRUCTION_START));
        assertEquals(LocalDate.parse("2027-02-15"), d.get(MilestoneKind.OPERATING_LICENCE));
    }

    @Test
    void milestoneIsMissedOnlyAfterItsDeadlineDay() {
        var m = new Milestone(MilestoneKind.CONSTRUCTION_START, LocalDate.parse("2025-02-15"), Optional.empty());
        assertFalse(m.missedBy(LocalDate.parse("2025-02-15")));
        assertTrue(m.missedBy(LocalDate.parse("2025-02-16")));
        var reached = new Milestone(MilestoneKind.CONSTRUCTION_START, LocalDate.parse("2025-02-15"),
                Optional.of(LocalDate.parse("2025-02-15")));
        assertFalse(reached.missedBy(LocalDate.parse("2030-01-01")));
        assertTrue(reached.reachedOnTime());
    }

    @Test
    void publicStatusFollowsTheMilestones() {
        LocalDate d = LocalDate.parse("2025-01-01");
        var none = new Milestone(MilestoneKind.POSSESSION, d, Optional.of(d));
        var started = new Milestone(MilestoneKind.CONSTRUCTION_START, d, Optional.of(d));
        var licensed = new Milestone(MilestoneKind.OPERATING_LICENCE, d, Optional.of(d));
        assertEquals("ALLOCATED", ContractStatus.publicStatus(List.of(none)));
        assertEquals("UNDER_CONSTRUCTION", ContractStatus.publicStatus(List.of(none, started)));
        assertEquals("IN_PRODUCTION", ContractStatus.publicStatus(List.of(none, started, licensed)));
    }

    @Test
    void oneExtensionOfUpToTwelveMonthsByDefault() {
        assertEquals(Optional.empty(), ExtensionPolicy.refusal(ContractTerms.DEFAULT, 0, 12));
        assertEquals(Optional.of("extension_too_long"), ExtensionPolicy.refusal(ContractTerms.DEFAULT, 0, 13));
        assertEquals(Optional.of("extension_too_long"), ExtensionPolicy.refusal(ContractTerms.DEFAULT, 0, 0));
        assertEquals(Optional.of("extensions_exhausted"), ExtensionPolicy.refusal(ContractTerms.DEFAULT, 1, 6));
    }
}
