package org.zamin.allocation;

/** The milestones of a contract, in the order a holder reaches them. */
public enum MilestoneKind {
    POSSESSION, BUILDING_PERMIT, CONSTRUCTION_START, CONSTRUCTION_COMPLETION, OPERATING_LICENCE;

    /** Parses a name case-insensitively; empty for anything else. */
    public static java.util.Optional<MilestoneKind> parse(String s) {
        if (s == null) {
            return java.util.Optional.empty();
        }
        for (MilestoneKind k : values()) {
            if (k.name().equalsIgnoreCase(s.strip())) {
                return java.util.Optional.of(k);
            }
        }
        return java.util.Optional.empty();
    }
}
