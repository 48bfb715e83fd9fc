package org.zamin.idle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The due-process rules: transitions, reply deadline, revival plan, revival, sub judice. */
class DueProcessTest {

    private static final LocalDate DEADLINE = LocalDate.parse("2025-04-30");

    private static DueProcess.CaseView served(boolean replied) {
        return new DueProcess.CaseView(CaseState.NOTICE_SERVED, false, Optional.of(DEADLINE), replied, List.of());
    }

    @Test
    void reclaimWaitsForTheReplyDeadlineUnlessTheHolderReplied() {
        assertEquals(Optional.of("reply_deadline_not_passed"),
                DueProcess.refusal(served(false), CaseAction.RECLAIM, DEADLINE));
        assertEquals(Optional.empty(), DueProcess.refusal(served(false), CaseAction.RECLAIM, DEADLINE.plusDays(1)));
        assertEquals(Optional.empty(), DueProcess.refusal(served(true), CaseAction.RECLAIM, DEADLINE.minusDays(10)));
    }

    @Test
    void openCasesNeedANoticeBeforeAnythingButDismissal() {
        var open = new DueProcess.CaseView(CaseState.OPEN, false, Optional.empty(), false, List.of());
        assertEquals(Optional.of("illegal_transition"), DueProcess.refusal(open, CaseAction.RECLAIM, DEADLINE));
        assertEquals(Optional.empty(), DueProcess.refusal(open, CaseAction.NOTICE, DEADLINE));
        assertEquals(Optional.empty(), DueProcess.refusal(open, CaseAction.DISMISS, DEADLINE));
        var closed = new DueProcess.CaseView(CaseState.RECLAIMED, false, Optional.empty(), false, List.of());
        assertEquals(Optional.of("illegal_transition"), DueProcess.refusal(closed, CaseAction.DISMISS, DEADLINE));
    }

    @Test
    void aRevivalPlanIsReclaimedOnlyOnceAnItemIsMissed() {
        var plan = new DueProcess.CaseView(CaseState.REVIVAL_PLAN, false, Optional.of(DEADLINE), true,
                List.of(LocalDate.parse("2025-08-01")));
        assertEquals(Optional.of("revival_plan_not_missed"),
                DueProcess.refusal(plan, CaseAction.RECLAIM, LocalDate.parse("2025-08-01")));
        assertEquals(Optional.empty(), DueProcess.refusal(plan, CaseAction.RECLAIM, LocalDate.parse("2025-08-02")));
    }

    @Test
    void theWorkingGroupMayApproveAPlanForAnOpenCaseButItsReclaimStillNeedsANotice() {
        var open = new DueProcess.CaseView(CaseState.OPEN, false, Optional.empty(), false, List.of());
        assertEquals(Optional.empty(), DueProcess.refusal(open, CaseAction.REVIVAL_PLAN, DEADLINE));
        var planWithoutNotice = new DueProcess.CaseView(CaseState.REVIVAL_PLAN, false, Optional.empty(), false,
                List.of(LocalDate.parse("2025-03-01")));
        assertEquals(Optional.of("notice_first"), DueProcess.refusal(planWithoutNotice, CaseAction.RECLAIM, DEADLINE));
    }

    @Test
    void aUnitIsRevivedOnlyFromAPlanWhoseHolderItemsAreAllMet() {
        var unmet = new DueProcess.CaseView(CaseState.REVIVAL_PLAN, false, Optional.empty(), false,
                List.of(LocalDate.parse("2025-08-01")));
        assertEquals(Optional.of("plan_items_unmet"), DueProcess.refusal(unmet, CaseAction.REVIVE, DEADLINE));
        var met = new DueProcess.CaseView(CaseState.REVIVAL_PLAN, false, Optional.empty(), false, List.of());
        assertEquals(Optional.empty(), DueProcess.refusal(met, CaseAction.REVIVE, DEADLINE));
        assertEquals(Optional.of("illegal_transition"), DueProcess.refusal(served(true), CaseAction.REVIVE, DEADLINE));
        var open = new DueProcess.CaseView(CaseState.OPEN, false, Optional.empty(), false, List.of());
        assertEquals(Optional.of("illegal_transition"), DueProcess.refusal(open, CaseAction.REVIVE, DEADLINE));
    }

    @Test
    void subJudiceFreezesEveryAction() {
        var frozen = new DueProcess.CaseView(CaseState.NOTICE_SERVED, true, Optional.of(DEADLINE), true, List.of());
        for (CaseAction a : CaseAction.values()) {
            assertEquals(Optional.of("case_sub_judice"), DueProcess.refusal(frozen, a, DEADLINE.plusDays(100)));
        }
    }
}
