package org.zamin.idle;

/**
 * The idle rules of one estate class (table {@code idle_rules}): each rule's weight in the score, the electricity
 * threshold (kWh a month) and window, the months without a progress report, and the score that opens a case.
 */
public record IdleRuleConfig(int missedMilestoneWeight, int lowElectricityWeight, long electricityThresholdKwh,
        int electricityMonths, int inactiveInspectionWeight, int noReportWeight, int noReportMonths, int openScore) {

    /** The defaults seeded by migration V400. */
    public static final IdleRuleConfig DEFAULT = new IdleRuleConfig(40, 30, 1_000, 3, 30, 20, 6, 30);
}
