package org.zamin.idle;

import java.util.Map;
import org.zamin.allocation.ContractService;
import org.zamin.domain.Conflict;
import org.zamin.domain.Invalid;

/**
 * Closes the case by selling extension slices: each slice adds the rules' months to every unmet deadline, up to the
 * rules' cap over the allocation's life, priced at the rules' share of the plots' current land value per slice
 * (rounded down to the whole rial, by the database). The price is added to the contract's balance.
 */
final class SellExtension implements OfficerAction {

    @Override
    public Map<String, Object> perform(ActionContext c) {
        var rules = IdleCaseStore.rules(c.h(), c.allocation().allocationId(), c.today());
        int slices = c.body().slices();
        if (slices < 1 || slices > rules.capMonths() / rules.sliceMonths()) {
            throw new Invalid("invalid_slices", "slices must be 1 to " + rules.capMonths() / rules.sliceMonths());
        }
        long allocation = c.allocation().allocationId();
        int months = slices * rules.sliceMonths();
        int sold = IdleCaseStore.extensionMonthsSold(c.h(), allocation);
        if (sold + months > rules.capMonths()) {
            throw new Conflict("extension_cap_reached", sold + " of " + rules.capMonths()
                    + " months already sold; " + months + " more would pass the cap");
        }
        long landValue = IdleCaseStore.landValue(c.h(), allocation);
        long price = IdleCaseStore.sellExtension(c.h(), c.caseId(), allocation, landValue, rules.slicePriceBp(), slices,
                months, rules.capMonths(), c.actor().userId().orElseThrow(), c.today(), c.now());
        ContractService.extendDeadlines(c.h(), allocation, months);
        c.moveCase(true);
        Map<String, Object> details = c.details();
        details.put("slices", slices);
        details.put("months", months);
        details.put("paid", true);
        c.restorePlots();
        c.notifyHolder("idle_extended", "notice.idleExtensionSold", Map.of("months", months, "slices", slices,
                "price", price));
        c.logMove(details);
        Map<String, Object> out = new java.util.LinkedHashMap<>(details);
        out.put("landValue", landValue);
        out.put("priceBpPerSlice", rules.slicePriceBp());
        out.put("price", price);
        return out;
    }
}
