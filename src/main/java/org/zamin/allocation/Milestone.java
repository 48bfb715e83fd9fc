package org.zamin.allocation;

import java.time.LocalDate;
import java.util.Optional;

/** One milestone of a contract: its deadline and, once reached, the day it was reached. */
public record Milestone(MilestoneKind kind, LocalDate deadline, Optional<LocalDate> achievedOn) {

    /** True when the deadline has passed on {@code asOf} (the deadline day itself still counts as in time). */
    public boolean missedBy(LocalDate asOf) {
        return achievedOn.isEmpty() && asOf.isAfter(deadline);
    }

    /** True when reached, and no later than the deadline. */
    public boolean reachedOnTime() {
        return achievedOn.map(d -> !d.isAfter(deadline)).orElse(false);
    }
}
