package org.zamin.allocation;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;

/**
 * The deadlines and extension policy of one estate class (table {@code contract_terms}): possession within
 * {@code possessionMonths} of signing, the other milestones counted in months from possession; at most
 * {@code maxExtensions} extensions of up to {@code maxExtensionMonths} each.
 */
public record ContractTerms(int possessionMonths, int permitMonths, int constructionStartMonths,
        int completionMonths, int licenceMonths, int maxExtensions, int maxExtensionMonths, int noticeReplyDays) {

    /** The defaults of the SPEC: construction start 12 months after possession, production 36, one extension ≤ 12. */
    public static final ContractTerms DEFAULT = new ContractTerms(1, 6, 12, 30, 36, 1, 12, 30);

    /** Each milestone's deadline for a contract signed on {@code signedOn}. */
    public Map<MilestoneKind, LocalDate> deadlines(LocalDate signedOn) {
        LocalDate possession = signedOn.plusMonths(possessionMonths);
        Map<MilestoneKind, LocalDate> d = new EnumMap<>(MilestoneKind.class);
        d.put(MilestoneKind.POSSESSION, possession);
        d.put(MilestoneKind.BUILDING_PERMIT, possession.plusMonths(permitMonths));
        d.put(MilestoneKind.CONSTRUCTION_START, possession.plusMonths(constructionStartMonths));
        d.put(MilestoneKind.CONSTRUCTION_COMPLETION, possession.plusMonths(completionMonths));
        d.put(MilestoneKind.OPERATING_LICENCE, possession.plusMonths(licenceMonths));
        return d;
    }
}
