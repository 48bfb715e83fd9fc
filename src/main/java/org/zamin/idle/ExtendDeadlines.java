package org.zamin.idle;

import java.util.Map;
import org.zamin.allocation.ContractService;
import org.zamin.allocation.ExtensionPolicy;
import org.zamin.domain.Conflict;

/** Closes the case by extending the contract's deadlines (within the extension policy); the plots are restored. */
final class ExtendDeadlines implements OfficerAction {

    @Override
    public Map<String, Object> perform(ActionContext c) {
        var contract = c.contract();
        int months = c.body().months() == null ? contract.maxExtensionMonths() : c.body().months();
        ExtensionPolicy.refusal(contract.terms(), contract.extensionsGranted(), months).ifPresent(code -> {
            throw new Conflict(code, "extension not possible: " + code.replace('_', ' '));
        });
        ContractService.extendDeadlines(c.h(), c.allocation().allocationId(), months);
        c.moveCase(true);
        Map<String, Object> details = c.details();
        details.put("months", months);
        c.restorePlots();
        c.notifyHolder("idle_extended", "notice.idleExtended", Map.of("months", months));
        c.logMove(details);
        return details;
    }
}
