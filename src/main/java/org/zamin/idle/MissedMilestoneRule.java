package org.zamin.idle;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.zamin.allocation.Milestone;

/** Fires when a milestone's deadline has passed unreached; the evidence names the earliest one and its deadline
 * (not the days late, so that the evidence, and a re-scan, stays the same from day to day). */
public final class MissedMilestoneRule implements IdleRule {

    public static final String CODE = "MISSED_MILESTONE";

    @Override
    public Optional<Evidence> evaluate(AllocationFacts facts, IdleRuleConfig config, LocalDate asOf) {
        return facts.milestones().stream()
                .filter(m -> m.missedBy(asOf))
                .min(java.util.Comparator.comparing(Milestone::deadline))
                .map(m -> new Evidence(CODE, config.missedMilestoneWeight(), Map.of(
                        "milestone", m.kind().name(),
                        "deadline", m.deadline().toString())));
    }
}
