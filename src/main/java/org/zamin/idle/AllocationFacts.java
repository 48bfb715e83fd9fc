package org.zamin.idle;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.zamin.allocation.Milestone;

/**
 * What the idle rules look at for one allocation: signing day, the plot's public status, its milestones, monthly
 * electricity (kWh by month), the last inspection and the last progress report.
 */
public record AllocationFacts(long allocationId, LocalDate signedOn, String publicStatus, List<Milestone> milestones,
        Map<YearMonth, Long> electricityKwh, Optional<Inspection> lastInspection, Optional<LocalDate> lastReportOn) {

    /** An inspection's day and finding ({@code ACTIVE}, {@code PARTLY_ACTIVE}, {@code INACTIVE}). */
    public record Inspection(LocalDate on, String finding) {}

    public AllocationFacts {
        milestones = List.copyOf(milestones);
        electricityKwh = Map.copyOf(electricityKwh);
    }
}
