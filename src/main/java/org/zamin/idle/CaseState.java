package org.zamin.idle;

import java.util.EnumSet;
import java.util.Set;

/**
 * The states of an idle case; the first three are open (at most one open case per allocation). REVIVED closes a case
 * whose unit is back in production after a revival plan.
 */
public enum CaseState {
    OPEN, NOTICE_SERVED, REVIVAL_PLAN, EXTENDED, RECLAIMED, DISMISSED, REVIVED;

    public static final Set<CaseState> OPEN_STATES = EnumSet.of(OPEN, NOTICE_SERVED, REVIVAL_PLAN);

    public boolean isOpen() {
        return OPEN_STATES.contains(this);
    }
}
