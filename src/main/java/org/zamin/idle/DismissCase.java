package org.zamin.idle;

import java.util.Map;

/** Closes the case with no consequence for the holder; the plots are restored. */
final class DismissCase implements OfficerAction {

    @Override
    public Map<String, Object> perform(ActionContext c) {
        c.moveCase(true);
        c.restorePlots();
        c.notifyHolder("idle_dismissed", "notice.idleDismissed", Map.of());
        Map<String, Object> details = c.details();
        c.logMove(details);
        return details;
    }
}
