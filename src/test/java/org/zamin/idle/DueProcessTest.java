package org.zamin.idle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The due-process rules: transitions, warnings and their cure periods, revival plan, revival, sub judice. */
class DueProcessTest {

    private static final LocalDate DEADLINE = LocalDate.parse("2025-04-30");

    private static DueProcess.CaseView served(int stage) {
        return new DueProcess.CaseView(CaseState.NOTICE_SERVED, false,
                Optional.of(new DueProcess.Warning(stage, 3, DEADLINE)), List.of());
    }

    @Test
    void theNextWarningWaitsForTheCurePeriodAndReclaimForTheLastWarningsCurePeriod() {
        assertEquals(Optional.of("cure_period_not_ended"), DueProcess.refusal(served(1), CaseAction.NOTICE, DEADLINE));
        assertEquals(Optional.empty(), DueProcess.refusal(served(1), CaseAction.NOTICE, DEADLINE.plusDays(1)));
        assertEquals(Optional.of("warnings_not_exhausted"),
                DueProcess.refusal(served(2), CaseAction.RECLAIM, DEADLINE.plusDays(100)));
        assertEquals(Optional.of("warnings_exhausted"), DueProcess.refusal(served(3), CaseAction.NOTICE,
                DEADLINE.plusDays(1)));
        assertEquals(Optional.of("cure_period_not_ended"), DueProcess.refusal(served(3), CaseAction.RECLAIM, DEADLINE));
        assertEquals(Optional.empty(), DueProcess.refusal(served(3), CaseAction.RECLAIM, DEADLINE.plusDays(1)));
    }

    @Test
    void openCasesNeedANoticeBeforeAnythingButDismissal() {
        var open = new DueProcess.CaseView(CaseState.OPEN, false, Optional.empty(), List.of());
        assertEquals(Optional.of("illegal_transition"), DueProcess.refusal(open, CaseAction.RECLAIM, DEADLINE));
        assertEquals(Optional.empty(), DueProcess.refusal(open, CaseAction.NOTICE, DEADLINE));
        assertEquals(Optional.empty(), DueProcess.refusal(open, CaseAction.DISMISS, DEADLINE));
        var closed = new DueProcess.CaseView(CaseState.RECLAIMED, false, Optional.empty(), List.of());
        assertEquals(Optional.of("illegal_transition"), DueProcess.refusal(closed, CaseAction.DISMISS, DEADLINE));
    }

    @Test
    void aRevivalPlanIsReclaimedOnlyOnceAnItemIsMissedAndTheCurePeriodEnded() {
        var plan = new DueProcess.CaseView(CaseState.REVIVAL_PLAN, false,
                Optional.of(new DueProcess.Warning(1, 3, DEADLINE)), List.of(LocalDate.parse("2025-08-01")));
        assertEquals(Optional.of("revival_plan_not_missed"),
                DueProcess.refusal(plan, CaseAction.RECLAIM, LocalDate.parse("2025-08-01")));
        assertEquals(Optional.empty(), DueProcess.refusal(plan, CaseAction.RECLAIM, LocalDate.parse("2025-08-02")));
        var early = new DueProcess.CaseView(CaseState.REVIVAL_PLAN, false,
                Optional.of(new DueProcess.Warning(1, 3, DEADLINE)), List.of(LocalDate.parse("2025-04-01")));
        assertEquals(Optional.of("cure_period_not_ended"), DueProcess.refusal(early, CaseAction.RECLAIM, DEADLINE));
    }

    @Test
    void theWorkingGroupMayApproveAPlanForAnOpenCaseButItsReclaimStillNeedsANotice() {
        var open = new DueProcess.CaseView(CaseState.OPEN, false, Optional.empty(), List.of());
        assertEquals(Optional.empty(), DueProcess.refusal(open, CaseAction.REVIVAL_PLAN, DEADLINE));
        var planWithoutNotice = new DueProcess.CaseView(CaseState.REVIVAL_PLAN, false, Optional.empty(),
                List.of(LocalDate.parse("2025-03-01")));
        assertEquals(Optional.of("notice_first"), DueProcess.refusal(planWithoutNotice, CaseAction.RECLAIM, DEADLINE));
    }

    @Test
    void aUnitIsRevivedOnlyFromAPlanWhoseHolderItemsAreAllMet() {
        var unmet = new DueProcess.CaseView(CaseState.REVIVAL_PLAN, false, Optional.empty(),
                List.of(LocalDate.parse("2025-08-01")));
        assertEquals(Optional.of("plan_items_unmet"), DueProcess.refusal(unmet, CaseAction.REVIVE, DEADLINE));
        var met = new DueProcess.CaseView(CaseState.REVIVAL_PLAN, false, Optional.empty(), List.of());
        assertEquals(Optional.empty(), DueProcess.refusal(met, CaseAction.REVIVE, DEADLINE));
        assertEquals(Optional.of("illegal_transition"), DueProcess.refusal(served(1), CaseAction.REVIVE, DEADLINE));
        var open = new DueProcess.CaseView(CaseState.OPEN, false, Optional.empty(), List.of());
        assertEquals(Optional.of("illegal_transition"), DueProcess.refusal(open, CaseAction.REVIVE, DEADLINE));
    }

    @Test
    void subJudiceFreezesEveryAction() {
        var frozen = new DueProcess.CaseView(CaseState.NOTICE_SERVED, true,
                Optional.of(new DueProcess.Warning(3, 3, DEADLINE)), List.of());
        for (CaseAction a : CaseAction.values()) {
            assertEquals(Optional.of("case_sub_judice"), DueProcess.refusal(frozen, a, DEADLINE.plusDays(100)));
        }
    }
}
