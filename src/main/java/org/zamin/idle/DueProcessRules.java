package org.zamin.idle;

import java.util.List;

/**
 * The staged due-process rules of an estate class in force on a day (table {@code idle_due_process_rules}): the cure
 * period of each warning stage, the idle fee (basis points of the land price per 365 days idle, 0 = off), and paid
 * extension slices (months per slice, cap of months, price in basis points of the current land value per slice).
 */
record DueProcessRules(List<Integer> cureDays, int idleFeeBpPerYear, int sliceMonths, int capMonths,
        int slicePriceBp) {

    /** How many warnings precede a reclaim. */
    int stages() {
        return cureDays.size();
    }

    /** The cure period of warning {@code stage} (1-based); a stage past the list keeps the last period. */
    int cureDays(int stage) {
        return cureDays.get(Math.min(stage, cureDays.size()) - 1);
    }
}
