package org.zamin.idle;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fires for a plot {@code IN_PRODUCTION} whose electricity was below the threshold in each of the last N complete
 * months before {@code asOf}. A month with no reading is no evidence either way, so it stops the rule firing.
 */
public final class LowElectricityRule implements IdleRule {

    public static final String CODE = "LOW_ELECTRICITY";

    @Override
    public Optional<Evidence> evaluate(AllocationFacts facts, IdleRuleConfig config, LocalDate asOf) {
        if (!"IN_PRODUCTION".equals(facts.publicStatus()) || config.electricityMonths() < 1) {
            return Optional.empty();
        }
        YearMonth current = YearMonth.from(asOf);
        List<Map<String, Object>> months = new ArrayList<>();
        for (int i = config.electricityMonths(); i >= 1; i--) {
            YearMonth month = current.minusMonths(i);
            Long kwh = facts.electricityKwh().get(month);
            if (kwh == null || kwh >= config.electricityThresholdKwh()) {
                return Optional.empty();
            }
            months.add(Map.of("month", month.toString(), "kwh", kwh));
        }
        return Optional.of(new Evidence(CODE, config.lowElectricityWeight(), Map.of(
                "thresholdKwh", config.electricityThresholdKwh(), "months", months)));
    }
}
