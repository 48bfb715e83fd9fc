package org.zamin.idle;

import java.util.Map;

/**
 * One decision an officer takes on an idle case ({@link CaseAction}), as its own class: the preconditions of its
 * body, the state change and what hangs on it, its decision-log entries and its notice to the holder. Due process
 * ({@link DueProcess}) has already allowed the action when {@link #perform} runs.
 */
interface OfficerAction {

    /** Performs the action on the locked case; returns the public details it logged. */
    Map<String, Object> perform(ActionContext c);

    /** The class that performs {@code action}. */
    static OfficerAction of(CaseAction action, IdleCaseService.ActionBody body) {
        return switch (action) {
            case NOTICE -> new ServeNotice();
            case REVIVAL_PLAN -> new AgreeRevivalPlan();
            case EXTEND -> body.slices() == null ? new ExtendDeadlines() : new SellExtension();
            case DISMISS -> new DismissCase();
            case RECLAIM -> new ReclaimPlots();
            case REVIVE -> new ReviveUnit();
        };
    }
}
