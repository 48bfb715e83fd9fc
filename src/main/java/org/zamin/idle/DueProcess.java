package org.zamin.idle;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The due-process rules of an idle case, pure: which actions each state allows, that a sub judice case is frozen,
 * that reclaim waits for the reply deadline unless the holder replied, that a revival plan is reclaimed only
 * once missed (and only after a notice), and that a unit is revived only once the holder met every item given to them.
 * The unmet plan deadlines are the holder's items' days as moved by the stopped clock (database function
 * {@code revival_item_effective_due}): an agency's missed item never counts against the holder. A refusal is a stable code; the database checks the same transitions again.
 */
public final class DueProcess {

    private DueProcess() {}

    /** The parts of a case the rules look at. */
    public record CaseView(CaseState state, boolean subJudice, Optional<LocalDate> replyDeadline, boolean replied,
            List<LocalDate> unmetPlanDeadlines) {}

    /** Empty when {@code action} is allowed on {@code asOf}; otherwise the refusal code (all mean 409). */
    public static Optional<String> refusal(CaseView c, CaseAction action, LocalDate asOf) {
        if (c.subJudice()) {
            return Optional.of("case_sub_judice");
        }
        if (!allowed(c.state(), action)) {
            return Optional.of("illegal_transition");
        }
        if (action == CaseAction.RECLAIM) {
            if (c.state() == CaseState.NOTICE_SERVED && !c.replied()
                    && c.replyDeadline().map(d -> !asOf.isAfter(d)).orElse(true)) {
                return Optional.of("reply_deadline_not_passed");
            }
            if (c.state() == CaseState.REVIVAL_PLAN && !planMissed(c, asOf)) {
                return Optional.of("revival_plan_not_missed");
            }
            if (c.replyDeadline().isEmpty()) {
                return Optional.of("notice_first");
            }
        }
        if (action == CaseAction.REVIVE && !c.unmetPlanDeadlines().isEmpty()) {
            return Optional.of("plan_items_unmet");
        }
        return Optional.empty();
    }

    /** True when a revival-plan item is past its due day and unmet. */
    public static boolean planMissed(CaseView c, LocalDate asOf) {
        return c.unmetPlanDeadlines().stream().anyMatch(asOf::isAfter);
    }

    static boolean allowed(CaseState from, CaseAction action) {
        return switch (from) {
            case OPEN -> action == CaseAction.NOTICE || action == CaseAction.DISMISS
                    || action == CaseAction.REVIVAL_PLAN;
            case NOTICE_SERVED -> action != CaseAction.NOTICE && action != CaseAction.REVIVE;
            case REVIVAL_PLAN -> action == CaseAction.RECLAIM || action == CaseAction.DISMISS
                    || action == CaseAction.EXTEND || action == CaseAction.REVIVE;
            default -> false;
        };
    }
}
