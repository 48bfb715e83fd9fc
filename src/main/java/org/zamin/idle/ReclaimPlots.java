package org.zamin.idle;

import java.util.Map;
import org.zamin.decision.Decision;
import org.zamin.domain.Invalid;
import org.zamin.parcel.ParcelStatus;

/**
 * Closes the case by reclaiming the land: the allocation is terminated (logged), the plots become AVAILABLE, and
 * the log records the area and utility capacity freed.
 */
final class ReclaimPlots implements OfficerAction {

    @Override
    public Map<String, Object> perform(ActionContext c) {
        String reason = c.reason();
        if (reason == null || reason.isBlank()) {
            throw new Invalid("reason_required", "a reclaim needs a reason");
        }
        var a = c.allocation();
        c.moveCase(true);
        IdleCaseStore.terminateAllocation(c.h(), a.allocationId());
        c.log().append(c.h(), Decision.of(c.actor(), "allocation.terminated", "allocation",
                Long.toString(a.allocationId())).withEstate(a.estateCode()).withParcels(a.parcelIds())
                .withTransition("ACTIVE", "TERMINATED").withReason(reason));
        c.setPlots(ParcelStatus.AVAILABLE);
        Map<String, Object> details = c.details();
        details.putAll(IdleCaseStore.freedCapacity(c.h(), a.allocationId()));
        c.notifyHolder("idle_reclaimed", "notice.idleReclaimed", Map.of());
        c.logMove(details);
        return details;
    }
}
