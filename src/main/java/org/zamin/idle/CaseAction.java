package org.zamin.idle;

/** What an officer may do to a case, as named in the route {@code POST /api/idle-cases/{id}/{action}}. */
public enum CaseAction {
    NOTICE("notice", CaseState.NOTICE_SERVED),
    REVIVAL_PLAN("revival-plan", CaseState.REVIVAL_PLAN),
    EXTEND("extend", CaseState.EXTENDED),
    RECLAIM("reclaim", CaseState.RECLAIMED),
    DISMISS("dismiss", CaseState.DISMISSED),
    REVIVE("revive", CaseState.REVIVED);

    private final String path;
    private final CaseState target;

    CaseAction(String path, CaseState target) {
        this.path = path;
        this.target = target;
    }

    public String path() {
        return path;
    }

    public CaseState target() {
        return target;
    }

    public static java.util.Optional<CaseAction> fromPath(String p) {
        for (CaseAction a : values()) {
            if (a.path.equals(p)) {
                return java.util.Optional.of(a);
            }
        }
        return java.util.Optional.empty();
    }
}
