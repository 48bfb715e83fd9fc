package org.zamin.allocation;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.CaseStrategy;
import org.jdbi.v3.core.mapper.MapMappers;
import org.zamin.db.SqlResource;

/**
 * The SQL of contracts: plan, milestones, evidence and extensions of one allocation. Every method runs in the
 * caller's transaction ({@link Handle}), so a change and its decision-log entry commit together.
 */
public final class ContractRepository {

    private static final String ACCESS = SqlResource.load("allocation/access");
    private static final String ACCESS_FOR_UPDATE = SqlResource.load("allocation/access_for_update");
    private static final String CONTRACT = SqlResource.load("allocation/contract");
    private static final String MILESTONES = SqlResource.load("allocation/milestones");
    private static final String EXTENSIONS = SqlResource.load("allocation/extensions");
    private static final String REPORTS = SqlResource.load("allocation/reports");
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();
    private static final String INSPECTIONS = SqlResource.load("allocation/inspections");
    private static final String READINGS = SqlResource.load("allocation/readings");
    private static final String IDLE_CASES = SqlResource.load("allocation/idle_cases");
    private static final String IDLE_CHARGES = SqlResource.load("allocation/idle_charges");
    private static final String RECORD_MILESTONE = SqlResource.load("allocation/record_milestone");
    private static final String IDLE_CASE_OPEN = SqlResource.load("allocation/idle_case_open");
    private static final String INSERT_REPORT = SqlResource.load("allocation/insert_report");
    private static final String INSERT_INSPECTION = SqlResource.load("allocation/insert_inspection");
    private static final String INSERT_REPORT_ATTACHMENT = SqlResource.load("allocation/insert_report_attachment");
    private static final String INSERT_INSPECTION_ATTACHMENT =
            SqlResource.load("allocation/insert_inspection_attachment");
    private static final String EXTENSION_PENDING = SqlResource.load("allocation/extension_pending");
    private static final String INSERT_EXTENSION = SqlResource.load("allocation/insert_extension");
    private static final String LOCK_EXTENSION = SqlResource.load("allocation/lock_extension");
    private static final String DECIDE_EXTENSION = SqlResource.load("allocation/decide_extension");
    private static final String EXTEND_DEADLINES = SqlResource.load("allocation/extend_deadlines");
    private static final String COUNT_EXTENSION = SqlResource.load("allocation/count_extension");

    private ContractRepository() {}

    /**
     * The signed contract's money terms; {@code listPrice} and {@code priceShareBp} (what the category policy charged
     * of the plots' list price) are null for contracts signed before policies (V762).
     */
    public record Contract(long allocationId, LocalDate signedOn, long price, PaymentPlan plan, int maxExtensions,
            int maxExtensionMonths, int noticeReplyDays, int extensionsGranted, Long listPrice, Integer priceShareBp) {

        public ContractTerms terms() {
            return new ContractTerms(0, 0, 0, 0, 0, maxExtensions, maxExtensionMonths, noticeReplyDays);
        }
    }

    /** An extension request as it stands, locked for its decision. */
    record ExtensionRequest(int months, String status) {}

    /** The allocation (its row locked when {@code forUpdate}), without any access check. */
    static Optional<AllocationAccess> allocation(Handle h, long id, boolean forUpdate) {
        return h.createQuery(forUpdate ? ACCESS_FOR_UPDATE : ACCESS)
                .bind("id", id)
                .map((rs, ctx) -> new AllocationAccess(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), List.of((Long[]) rs.getArray(6).getArray())))
                .findOne();
    }

    public static Optional<Contract> contract(Handle h, long allocationId) {
        return h.createQuery(CONTRACT)
                .bind("id", allocationId)
                .map((rs, ctx) -> new Contract(rs.getLong("allocation_id"), rs.getObject("signed_on", LocalDate.class),
                        rs.getLong("price"), new PaymentPlan(rs.getString("plan_code"), rs.getInt("cash_share_bp"),
                                rs.getInt("grace_months"), rs.getInt("instalment_count"), rs.getInt("interval_months"),
                                rs.getInt("forgiven_bp")),
                        rs.getInt("max_extensions"), rs.getInt("max_extension_months"), rs.getInt("notice_reply_days"),
                        rs.getInt("extensions_granted"), rs.getObject("list_price", Long.class),
                        rs.getObject("price_share_bp", Integer.class)))
                .findOne();
    }

    public static List<Milestone> milestones(Handle h, long allocationId) {
        return h.createQuery(MILESTONES)
                .bind("id", allocationId)
                .map((rs, ctx) -> new Milestone(MilestoneKind.valueOf(rs.getString(1)), rs.getObject(2, LocalDate.class),
                        Optional.ofNullable(rs.getObject(3, LocalDate.class))))
                .list().stream().sorted(Comparator.comparing(Milestone::kind)).toList();
    }

    /** The allocation's extension requests, newest first, as JSON-ready maps. */
    static List<Map<String, Object>> extensions(Handle h, long allocationId) {
        return rows(h, EXTENSIONS, allocationId);
    }

    /** The allocation's progress reports, newest first, as JSON-ready maps. */
    static List<Map<String, Object>> reports(Handle h, long allocationId) {
        return rows(h, REPORTS, allocationId);
    }

    /** The allocation's inspections, newest first, with where each photo was taken, as JSON-ready maps. */
    static List<Map<String, Object>> inspections(Handle h, long allocationId) {
        h.getConfig(MapMappers.class).setCaseChange(CaseStrategy.NOP);
        List<Map<String, Object>> out = new ArrayList<>();
        h.createQuery(INSPECTIONS).bind("id", allocationId).bind("far", PhotoPosition.FAR_METRES).mapToMap()
                .forEach(m -> {
                    var row = new LinkedHashMap<String, Object>(m);
                    row.put("photos", json((String) m.get("photos")));
                    out.add(row);
                });
        return out;
    }

    /** The allocation's last 24 monthly utility readings, as JSON-ready maps. */
    static List<Map<String, Object>> readings(Handle h, long allocationId) {
        return rows(h, READINGS, allocationId);
    }

    /** The allocation's idle cases, newest first, as JSON-ready maps. */
    static List<Map<String, Object>> idleCases(Handle h, long allocationId) {
        return rows(h, IDLE_CASES, allocationId);
    }

    /** The allocation's idle charges (idle fees, paid extension slices), oldest first, as JSON-ready maps. */
    static List<Map<String, Object>> idleCharges(Handle h, long allocationId) {
        return rows(h, IDLE_CHARGES, allocationId);
    }

    /** Records a milestone reached; false when it had already been recorded. */
    static boolean recordMilestone(Handle h, long allocationId, MilestoneKind kind, LocalDate on, long by) {
        return h.createUpdate(RECORD_MILESTONE).bind("on", on).bind("by", by).bind("id", allocationId)
                .bind("kind", kind.name()).execute() > 0;
    }

    /** Whether an open idle case (OPEN, NOTICE_SERVED, REVIVAL_PLAN) holds the allocation's plots. */
    static boolean idleCaseOpen(Handle h, long allocationId) {
        return h.createQuery(IDLE_CASE_OPEN).bind("id", allocationId).mapTo(Boolean.class).one();
    }

    static long insertReport(Handle h, long allocationId, LocalDate on, int percent, String text, long by,
            OffsetDateTime at) {
        return h.createQuery(INSERT_REPORT).bind("id", allocationId).bind("on", on).bind("percent", percent)
                .bind("text", text).bind("by", by).bind("at", at).mapTo(Long.class).one();
    }

    static long insertInspection(Handle h, long allocationId, LocalDate on, String finding, String notes, long by,
            OffsetDateTime at) {
        return h.createQuery(INSERT_INSPECTION).bind("id", allocationId).bind("on", on).bind("finding", finding)
                .bind("notes", notes).bind("by", by).bind("at", at).mapTo(Long.class).one();
    }

    static void attachToReport(Handle h, long reportId, List<ContractService.Upload> uploads) {
        attach(h, INSERT_REPORT_ATTACHMENT, reportId, uploads);
    }

    /** The inspection's photos, each with where it was taken (see {@link PhotoPosition#of}) when known. */
    static void attachToInspection(Handle h, long inspectionId, List<ContractService.Upload> uploads,
            java.util.Optional<PhotoPosition> device) {
        for (ContractService.Upload u : uploads) {
            var at = PhotoPosition.of(u.data(), device);
            h.createUpdate(INSERT_INSPECTION_ATTACHMENT).bind("owner", inspectionId).bind("name", u.fileName())
                    .bind("type", u.contentType()).bind("size", u.data().length).bind("data", u.data())
                    .bind("lon", at.map(PhotoPosition::lon).orElse(null))
                    .bind("lat", at.map(PhotoPosition::lat).orElse(null))
                    .bind("source", at.map(p -> p.source().name()).orElse(null)).execute();
        }
    }

    static boolean extensionPending(Handle h, long allocationId) {
        return h.createQuery(EXTENSION_PENDING).bind("id", allocationId).mapTo(Boolean.class).one();
    }

    static long insertExtension(Handle h, long allocationId, int months, String reason, long by, OffsetDateTime at) {
        return h.createQuery(INSERT_EXTENSION).bind("id", allocationId).bind("months", months).bind("reason", reason)
                .bind("by", by).bind("at", at).mapTo(Long.class).one();
    }

    /** The allocation's extension request {@code requestId}, locked; empty when there is none. */
    static Optional<ExtensionRequest> lockExtension(Handle h, long allocationId, long requestId) {
        return h.createQuery(LOCK_EXTENSION).bind("request", requestId).bind("id", allocationId)
                .map((rs, ctx) -> new ExtensionRequest(rs.getInt("months"), rs.getString("status"))).findOne();
    }

    static void decideExtension(Handle h, long requestId, String status, long by, OffsetDateTime at, String reason) {
        h.createUpdate(DECIDE_EXTENSION).bind("status", status).bind("by", by).bind("at", at).bind("why", reason)
                .bind("request", requestId).execute();
    }

    /** Moves every unmet milestone deadline of the allocation by {@code months} and counts the extension. */
    static void extendDeadlines(Handle h, long allocationId, int months) {
        h.createUpdate(EXTEND_DEADLINES).bind("months", months).bind("id", allocationId).execute();
        h.createUpdate(COUNT_EXTENSION).bind("id", allocationId).execute();
    }

    private static void attach(Handle h, String sql, long ownerId, List<ContractService.Upload> uploads) {
        for (ContractService.Upload u : uploads) {
            h.createUpdate(sql).bind("owner", ownerId).bind("name", u.fileName()).bind("type", u.contentType())
                    .bind("size", u.data().length).bind("data", u.data()).execute();
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the database wrote JSON that does not parse", e);
        }
    }

    /** Rows as JSON-ready maps (camelCase keys come from the SQL aliases). */
    private static List<Map<String, Object>> rows(Handle h, String sql, long id) {
        List<Map<String, Object>> out = new ArrayList<>();
        h.getConfig(MapMappers.class).setCaseChange(CaseStrategy.NOP);
        h.createQuery(sql).bind("id", id).mapToMap().forEach(m -> out.add(new LinkedHashMap<>(m)));
        return out;
    }
}
