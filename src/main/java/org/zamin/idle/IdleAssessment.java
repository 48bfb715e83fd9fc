package org.zamin.idle;

import java.time.LocalDate;
import java.util.List;

/** All rules applied to one allocation: the evidence found, the total score, and whether it opens a case. */
public record IdleAssessment(long allocationId, List<Evidence> evidence, int score, boolean idle) {

    /** The four rules, in the order their evidence is listed. */
    public static final List<IdleRule> RULES = List.of(new MissedMilestoneRule(), new LowElectricityRule(),
            new InactiveInspectionRule(), new NoProgressReportRule());

    public IdleAssessment {
        evidence = List.copyOf(evidence);
    }

    public static IdleAssessment of(AllocationFacts facts, IdleRuleConfig config, LocalDate asOf) {
        List<Evidence> found = RULES.stream().flatMap(r -> r.evaluate(facts, config, asOf).stream()).toList();
        int score = found.stream().mapToInt(Evidence::score).sum();
        return new IdleAssessment(facts.allocationId(), found, score, !found.isEmpty() && score >= config.openScore());
    }
}
