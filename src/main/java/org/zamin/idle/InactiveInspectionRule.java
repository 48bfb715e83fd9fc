package org.zamin.idle;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/** Fires when the last inspection on or before {@code asOf} found the plot inactive. */
public final class InactiveInspectionRule implements IdleRule {

    public static final String CODE = "INACTIVE_INSPECTION";

    @Override
    public Optional<Evidence> evaluate(AllocationFacts facts, IdleRuleConfig config, LocalDate asOf) {
        return facts.lastInspection()
                .filter(i -> !i.on().isAfter(asOf) && "INACTIVE".equals(i.finding()))
                .map(i -> new Evidence(CODE, config.inactiveInspectionWeight(), Map.of(
                        "inspectedOn", i.on().toString(), "finding", i.finding())));
    }
}
