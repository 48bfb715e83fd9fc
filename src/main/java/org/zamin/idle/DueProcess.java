package org.zamin.idle;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The due-process rules of an idle case, pure: which actions each state allows, that a sub judice case is frozen,
 * that the notice is served as warnings 1..n each after the previous one's cure period, that reclaim waits for the
 * last warning's cure period (from a notice, after every stage; from a revival plan, once it is missed, and only
 * after a notice), and that a unit is revived only once the holder met every item given to them. The unmet plan
 * deadlines are the holder's items' days as moved by the stopped clock (database function
 * {@code revival_item_effective_due}): an agency's missed item never counts against the holder. A refusal is a stable
 * code; the database checks the same again (R__idle_due_process.sql, R__idle_revival.sql).
 */
public final class DueProcess {

    private DueProcess() {}

    /** The latest warning served: its stage of {@code stages}, and the last day of its cure period. */
    public record Warning(int stage, int stages, LocalDate cureEnd) {

        boolean last() {
            return stage >= stages;
        }
    }

    /** The parts of a case the rules look at. */
    public record CaseView(CaseState state, boolean subJudice, Optional<Warning> warning,
            List<LocalDate> unmetPlanDeadlines) {}

    /** Empty when {@code action} is allowed on {@code asOf}; otherwise the refusal code (all mean 409). */
    public static Optional<String> refusal(CaseView c, CaseAction action, LocalDate asOf) {
        if (c.subJudice()) {
            return Optional.of("case_sub_judice");
        }
        if (!allowed(c.state(), action)) {
            return Optional.of("illegal_transition");
        }
        boolean curing = c.warning().map(w -> !asOf.isAfter(w.cureEnd())).orElse(false);
        if (action == CaseAction.NOTICE && c.state() == CaseState.NOTICE_SERVED) {
            if (c.warning().map(Warning::last).orElse(false)) {
                return Optional.of("warnings_exhausted");
            }
            return curing ? Optional.of("cure_period_not_ended") : Optional.empty();
        }
        if (action == CaseAction.RECLAIM) {
            if (c.warning().isEmpty()) {
                return Optional.of("notice_first");
            }
            if (c.state() == CaseState.NOTICE_SERVED && !c.warning().map(Warning::last).orElse(false)) {
                return Optional.of("warnings_not_exhausted");
            }
            if (c.state() == CaseState.REVIVAL_PLAN && !planMissed(c, asOf)) {
                return Optional.of("revival_plan_not_missed");
            }
            if (curing) {
                return Optional.of("cure_period_not_ended");
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
            case NOTICE_SERVED -> action != CaseAction.REVIVE;
            case REVIVAL_PLAN -> action == CaseAction.RECLAIM || action == CaseAction.DISMISS
                    || action == CaseAction.EXTEND || action == CaseAction.REVIVE;
            default -> false;
        };
    }
}
