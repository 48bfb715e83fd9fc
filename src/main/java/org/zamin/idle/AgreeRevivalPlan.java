package org.zamin.idle;

import java.util.Map;
import org.zamin.domain.Invalid;

/**
 * Agrees a revival plan with the holder: dated items, each given to the agency responsible (the holder by default),
 * that the next scans watch; the holder missing one allows reclaim, an agency missing one stops the clock.
 */
final class AgreeRevivalPlan implements OfficerAction {

    @Override
    public Map<String, Object> perform(ActionContext c) {
        var items = c.body().items();
        if (items == null || items.isEmpty()) {
            throw new Invalid("plan_items_required", "a revival plan needs items");
        }
        for (IdleCaseService.PlanItem item : items) {
            if (item.description() == null || item.description().isBlank() || item.due() == null
                    || !item.due().isAfter(c.today())) {
                throw new Invalid("invalid_plan_item", "each item needs a description and a due day after today");
            }
            String agency = item.agency() == null ? "HOLDER" : item.agency();
            if (!IdleCaseStore.agencyKnown(c.h(), agency)) {
                throw new Invalid("invalid_agency", "unknown agency '" + agency + "'");
            }
            IdleCaseStore.addPlanItem(c.h(), c.caseId(), item.description().strip(), item.due(), agency);
        }
        c.moveCase(false);
        Map<String, Object> details = c.details();
        details.put("items", items.size());
        c.notifyHolder("idle_revival_plan", "notice.idleRevivalPlan",
                Map.of("items", items.size(), "firstDueOn", items.get(0).due().toString()));
        c.logMove(details);
        return details;
    }
}
