package org.zamin.idle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.zamin.allocation.Milestone;
import org.zamin.allocation.MilestoneKind;

/** Each idle rule firing and not firing at its boundary, with inline dates. */
class IdleRulesTest {

    private static final IdleRuleConfig CONFIG = IdleRuleConfig.DEFAULT;
    private static final LocalDate SIGNED = LocalDate.parse("2024-01-10");

    private static AllocationFacts facts(String status, List<Milestone> ms, Map<YearMonth, Long> kwh,
            Optional<AllocationFacts.Inspection> inspection, Optional<LocalDate> report) {
        return new AllocationFacts(1, SIGNED, status, ms, kwh, inspection, report);
    }

    private static LocalDate d(String s) {
        return LocalDate.parse(s);
    }

    @Test
    void missedMilestoneFiresTheDayAfterTheDeadline() {
        var ms = List.of(new Milestone(MilestoneKind.POSSESSION, d("2024-02-10"), Optional.of(d("2024-02-01"))),
                new Milestone(MilestoneKind.CONSTRUCTION_START, d("2025-02-10"), Optional.empty()));
        var f = facts("ALLOCATED", ms, Map.of(), Optional.empty(), Optional.of(d("2025-02-01")));
        var rule = new MissedMilestoneRule();
        assertTrue(rule.evaluate(f, CONFIG, d("2025-02-10")).isEmpty());
        Evidence e = rule.evaluate(f, CONFIG, d("2025-02-11")).orElseThrow();
        assertEquals("CONSTRUCTION_START", e.facts().get("milestone"));
        assertEquals("2025-02-10", e.facts().get("deadline"));
        assertEquals(40, e.score());
    }

    @Test
    void lowElectricityNeedsEveryMonthOfTheWindowBelowTheThreshold() {
        var rule = new LowElectricityRule();
        Map<YearMonth, Long> low = Map.of(YearMonth.parse("2025-03"), 999L, YearMonth.parse("2025-04"), 0L,
                YearMonth.parse("2025-05"), 10L);
        // asOf in June: window is March, April, May.
        assertTrue(rule.evaluate(facts("IN_PRODUCTION", List.of(), low, Optional.empty(), Optional.empty()), CONFIG,
                d("2025-06-01")).isPresent());
        // At the threshold is not below it.
        Map<YearMonth, Long> atThreshold = new java.util.HashMap<>(low);
        atThreshold.put(YearMonth.parse("2025-03"), 1000L);
        assertTrue(rule.evaluate(facts("IN_PRODUCTION", List.of(), atThreshold, Optional.empty(), Optional.empty()),
                CONFIG, d("2025-06-30")).isEmpty());
        // In May the window (Feb–Apr) lacks February: no evidence.
        assertTrue(rule.evaluate(facts("IN_PRODUCTION", List.of(), low, Optional.empty(), Optional.empty()), CONFIG,
                d("2025-05-31")).isEmpty());
        // Not in production: the rule does not apply.
        assertTrue(rule.evaluate(facts("UNDER_CONSTRUCTION", List.of(), low, Optional.empty(), Optional.empty()),
                CONFIG, d("2025-06-01")).isEmpty());
    }

    @Test
    void inactiveInspectionFiresOnlyOnTheLastInspectionFindingInactive() {
        var rule = new InactiveInspectionRule();
        var inactive = Optional.of(new AllocationFacts.Inspection(d("2025-03-01"), "INACTIVE"));
        var partly = Optional.of(new AllocationFacts.Inspection(d("2025-03-01"), "PARTLY_ACTIVE"));
        assertTrue(rule.evaluate(facts("ALLOCATED", List.of(), Map.of(), inactive, Optional.empty()), CONFIG,
                d("2025-03-01")).isPresent());
        assertTrue(rule.evaluate(facts("ALLOCATED", List.of(), Map.of(), inactive, Optional.empty()), CONFIG,
                d("2025-02-28")).isEmpty());
        assertTrue(rule.evaluate(facts("ALLOCATED", List.of(), Map.of(), partly, Optional.empty()), CONFIG,
                d("2025-03-01")).isEmpty());
    }

    @Test
    void noProgressReportFiresAfterSixMonthsSinceTheLastReportOrSigning() {
        var rule = new NoProgressReportRule();
        var withReport = facts("UNDER_CONSTRUCTION", List.of(), Map.of(), Optional.empty(), Optional.of(d("2025-01-31")));
        assertTrue(rule.evaluate(withReport, CONFIG, d("2025-07-31")).isEmpty());
        assertTrue(rule.evaluate(withReport, CONFIG, d("2025-08-01")).isPresent());
        var none = facts("ALLOCATED", List.of(), Map.of(), Optional.empty(), Optional.empty());
        assertTrue(rule.evaluate(none, CONFIG, d("2024-07-10")).isEmpty());
        assertTrue(rule.evaluate(none, CONFIG, d("2024-07-11")).isPresent());
        var producing = facts("IN_PRODUCTION", List.of(), Map.of(), Optional.empty(), Optional.empty());
        assertTrue(rule.evaluate(producing, CONFIG, d("2030-01-01")).isEmpty());
    }

    @Test
    void assessmentSumsScoresAndOpensAtTheConfiguredScore() {
        var f = facts("ALLOCATED", List.of(), Map.of(), Optional.empty(), Optional.empty());
        var a = IdleAssessment.of(f, CONFIG, d("2024-07-11"));
        assertEquals(20, a.score());
        assertFalse(a.idle(), "20 is below the opening score of 30");
        var inactive = facts("ALLOCATED", List.of(), Map.of(),
                Optional.of(new AllocationFacts.Inspection(d("2024-07-01"), "INACTIVE")), Optional.empty());
        var b = IdleAssessment.of(inactive, CONFIG, d("2024-07-11"));
        assertEquals(50, b.score());
        assertTrue(b.idle());
        assertEquals(List.of("INACTIVE_INSPECTION", "NO_PROGRESS_REPORT"),
                b.evidence().stream().map(Evidence::rule).toList());
    }
}
