package org.zamin.idle;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/**
 * Fires before production when more than N months have passed since the last progress report (or, with none, since
 * signing); once in production the electricity rule watches instead.
 */
public final class NoProgressReportRule implements IdleRule {

    public static final String CODE = "NO_PROGRESS_REPORT";

    @Override
    public Optional<Evidence> evaluate(AllocationFacts facts, IdleRuleConfig config, LocalDate asOf) {
        if ("IN_PRODUCTION".equals(facts.publicStatus()) || config.noReportMonths() < 1) {
            return Optional.empty();
        }
        LocalDate since = facts.lastReportOn().orElse(facts.signedOn());
        LocalDate due = since.plusMonths(config.noReportMonths());
        if (!asOf.isAfter(due)) {
            return Optional.empty();
        }
        return Optional.of(new Evidence(CODE, config.noReportWeight(), Map.of(
                "lastReportOn", facts.lastReportOn().map(LocalDate::toString).orElse("none"),
                "months", config.noReportMonths())));
    }
}
