package org.zamin.idle;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.zamin.allocation.AllocationAccess;

/** A case row locked for update, with the allocation it belongs to (access checked) and its unmet plan items. */
record LockedCase(long id, CaseState state, boolean subJudice, Optional<LocalDate> replyDeadline, boolean replied,
        AllocationAccess allocation, List<LocalDate> unmetPlan) {

    /** What due process looks at. */
    DueProcess.CaseView view() {
        return new DueProcess.CaseView(state, subJudice, replyDeadline, replied, unmetPlan);
    }
}
