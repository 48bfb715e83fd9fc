package org.zamin.allocation;

import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

/** The plot's public status that a contract's reached milestones imply. */
public final class ContractStatus {

    private ContractStatus() {}

    /** {@code IN_PRODUCTION} once licensed, {@code UNDER_CONSTRUCTION} once started, else {@code ALLOCATED}. */
    public static String publicStatus(Collection<Milestone> milestones) {
        Set<MilestoneKind> reached = milestones.stream().filter(m -> m.achievedOn().isPresent())
                .map(Milestone::kind).collect(Collectors.toSet());
        if (reached.contains(MilestoneKind.OPERATING_LICENCE)) {
            return "IN_PRODUCTION";
        }
        if (reached.contains(MilestoneKind.CONSTRUCTION_START)) {
            return "UNDER_CONSTRUCTION";
        }
        return "ALLOCATED";
    }
}
