package org.zamin.allocation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The SQL of contracts: plan, milestones, evidence and extensions of one allocation. */
public final class ContractRepository {

    private ContractRepository() {}

    /** The signed contract's money terms. */
    public record Contract(long allocationId, LocalDate signedOn, long price, PaymentPlan plan, int maxExtensions,
            int maxExtensionMonths, int noticeReplyDays, int extensionsGranted) {

        public ContractTerms terms() {
            return new ContractTerms(0, 0, 0, 0, 0, maxExtensions, maxExtensionMonths, noticeReplyDays);
        }
    }

    public static Optional<Contract> contract(Handle h, long allocationId) {
        return h.createQuery("SELECT * FROM allocation_contract WHERE allocation_id = :id")
                .bind("id", allocationId)
                .map((rs, ctx) -> new Contract(rs.getLong("allocation_id"), rs.getObject("signed_on", LocalDate.class),
                        rs.getLong("price"), new PaymentPlan(rs.getString("plan_code"), rs.getInt("cash_share_bp"),
                                rs.getInt("grace_months"), rs.getInt("instalment_count"), rs.getInt("interval_months"),
                                rs.getInt("forgiven_bp")),
                        rs.getInt("max_extensions"), rs.getInt("max_extension_months"), rs.getInt("notice_reply_days"),
                        rs.getInt("extensions_granted")))
                .findOne();
    }

    public static List<Milestone> milestones(Handle h, long allocationId) {
        return h.createQuery("SELECT kind, deadline, achieved_on FROM milestone WHERE allocation_id = :id")
                .bind("id", allocationId)
                .map((rs, ctx) -> new Milestone(MilestoneKind.valueOf(rs.getString(1)), rs.getObject(2, LocalDate.class),
                        Optional.ofNullable(rs.getObject(3, LocalDate.class))))
                .list().stream().sorted(java.util.Comparator.comparing(Milestone::kind)).toList();
    }

    /** Rows of a simple query as JSON-ready maps (camelCase keys come from the SQL aliases). */
    public static List<Map<String, Object>> rows(Handle h, String sql, long id) {
        List<Map<String, Object>> out = new ArrayList<>();
        h.getConfig(org.jdbi.v3.core.mapper.MapMappers.class).setCaseChange(org.jdbi.v3.core.mapper.CaseStrategy.NOP);
        h.createQuery(sql).bind("id", id).mapToMap().forEach(m -> out.add(new LinkedHashMap<>(m)));
        return out;
    }

}
