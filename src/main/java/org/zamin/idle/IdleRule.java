package org.zamin.idle;

import java.time.LocalDate;
import java.util.Optional;

/** One idle rule: evidence against an allocation on {@code asOf}, or empty when the rule does not fire. */
public interface IdleRule {

    Optional<Evidence> evaluate(AllocationFacts facts, IdleRuleConfig config, LocalDate asOf);
}
