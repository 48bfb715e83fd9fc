package org.zamin.idle;

import java.util.Map;
import org.zamin.domain.Conflict;

/**
 * Closes a revival-plan case as REVIVED: the unit is back in production. Due process has checked that the holder
 * met every item given to them (the database checks it again); the evidence of production is the operating licence
 * and, since the case opened, an active inspection or a month's electricity at the idle threshold. The plots show
 * what the milestones say again: IN_PRODUCTION.
 */
final class ReviveUnit implements OfficerAction {

    @Override
    public Map<String, Object> perform(ActionContext c) {
        var evidence = IdleCaseStore.productionEvidence(c.h(), c.caseId());
        if (!evidence.licensed()) {
            throw new Conflict("not_licensed", "the unit has no operating licence yet");
        }
        if (!evidence.activeInspection() && !evidence.meteredUse()) {
            throw new Conflict("no_production_evidence",
                    "no active inspection and no month of electricity at the threshold since the case opened");
        }
        c.moveCase(true);
        Map<String, Object> details = c.details();
        details.put("activeInspection", evidence.activeInspection());
        details.put("meteredUse", evidence.meteredUse());
        c.restorePlots();
        c.notifyHolder("idle_revived", "notice.idleRevived", Map.of());
        c.logMove(details);
        return details;
    }
}
