package org.zamin.idle;

import java.util.List;
import java.util.Optional;
import org.zamin.allocation.AllocationAccess;

/**
 * A case row locked for update, with the allocation it belongs to (access checked), its latest warning and its
 * unmet plan items.
 */
record LockedCase(long id, CaseState state, boolean subJudice, Optional<DueProcess.Warning> warning, boolean replied,
        AllocationAccess allocation, List<java.time.LocalDate> unmetPlan) {

    /** What due process looks at. */
    DueProcess.CaseView view() {
        return new DueProcess.CaseView(state, subJudice, warning, unmetPlan);
    }

    /** The last day the holder may cure (and reply), when a warning was served. */
    Optional<java.time.LocalDate> cureEnd() {
        return warning.map(DueProcess.Warning::cureEnd);
    }
}
