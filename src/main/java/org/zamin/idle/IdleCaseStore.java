package org.zamin.idle;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.CaseStrategy;
import org.jdbi.v3.core.mapper.MapMappers;
import org.zamin.account.Visibility;
import org.zamin.db.SqlResource;

/** The idle-case queries and writes of due process, over {@code sql/idle/*.sql}; values always bound. */
final class IdleCaseStore {

    private static final String CASES = SqlResource.load("idle/cases");
    private static final String LOCK_CASE = SqlResource.load("idle/lock_case");
    private static final String UNMET_PLAN = SqlResource.load("idle/unmet_plan");
    private static final String INSERT_PLAN_ITEM = SqlResource.load("idle/insert_plan_item");
    private static final String SET_STATE = SqlResource.load("idle/set_state");
    private static final String TERMINATE_ALLOCATION = SqlResource.load("idle/terminate_allocation");
    private static final String REPLY = SqlResource.load("idle/reply");
    private static final String SUB_JUDICE = SqlResource.load("idle/sub_judice");
    private static final String PLAN_ITEM_MET = SqlResource.load("idle/plan_item_met");
    private static final String FREED_UTILITIES = SqlResource.load("idle/freed_utilities");
    private static final String FREED_AREA = SqlResource.load("idle/freed_area");
    private static final String LAST_WARNING = SqlResource.load("idle/last_warning");
    private static final String RULES_ON = SqlResource.load("idle/rules_on");
    private static final String INSERT_WARNING = SqlResource.load("idle/insert_warning");
    private static final String REPLY_WARNING = SqlResource.load("idle/reply_warning");
    private static final String FEE_FROM = SqlResource.load("idle/fee_from");
    private static final String INSERT_FEE = SqlResource.load("idle/insert_fee");
    private static final String INSERT_EXTENSION = SqlResource.load("idle/insert_extension");
    private static final String EXTENSION_MONTHS = SqlResource.load("idle/extension_months");
    private static final String LAND_VALUE = SqlResource.load("idle/land_value");
    private static final String AGENCY_KNOWN = SqlResource.load("idle/agency_known");
    private static final String PRODUCTION_EVIDENCE = SqlResource.load("idle/production_evidence");

    private IdleCaseStore() {}

    /** A case row as locked: its allocation and what due process looks at. */
    record CaseRow(long allocationId, CaseState state, boolean subJudice, Optional<LocalDate> replyDeadline,
            boolean replied) {}

    /** The cases {@code estates} cover (all for {@code admin}), highest score first, at most 1000. */
    static List<Map<String, Object>> cases(Handle h, Visibility who, Optional<String> state, boolean openOnly,
            LocalDate today) {
        h.getConfig(MapMappers.class).setCaseChange(CaseStrategy.NOP);
        return h.createQuery(CASES).bind("today", today).bind("scoped", who.estateScoped())
                .bindArray("estates", String.class, who.estateCodesOrEmpty())
                .bind("state", state.orElse(null)).bind("openOnly", openOnly).mapToMap().list();
    }

    /** Locks case {@code id} for the rest of the transaction. */
    static Optional<CaseRow> lock(Handle h, long id) {
        return h.createQuery(LOCK_CASE).bind("id", id)
                .map((rs, ctx) -> new CaseRow(rs.getLong("allocation_id"), CaseState.valueOf(rs.getString("state")),
                        rs.getBoolean("sub_judice"), Optional.ofNullable(rs.getObject("reply_deadline",
                                LocalDate.class)), rs.getBoolean("replied")))
                .findOne();
    }

    /** The holder's unmet plan items' due days as of {@code asOf} (moved by the days the clock was stopped). */
    static List<LocalDate> unmetPlan(Handle h, long caseId, LocalDate asOf) {
        return h.createQuery(UNMET_PLAN).bind("id", caseId).bind("asOf", asOf).mapTo(LocalDate.class).list();
    }

    /** True when an agency ({@code vocabulary_revival_agency}) has this code. */
    static boolean agencyKnown(Handle h, String code) {
        return h.createQuery(AGENCY_KNOWN).bind("code", code).mapTo(Boolean.class).one();
    }

    /** What shows a unit back in production: the operating licence, then an active inspection or metered use. */
    record ProductionEvidence(boolean licensed, boolean activeInspection, boolean meteredUse) {}

    static ProductionEvidence productionEvidence(Handle h, long caseId) {
        return h.createQuery(PRODUCTION_EVIDENCE).bind("id", caseId).map((rs, ctx) -> new ProductionEvidence(
                rs.getBoolean("licensed"), rs.getBoolean("active_inspection"), rs.getBoolean("metered_use"))).one();
    }

    /** The case's latest warning, its cure end as seen on {@code asOf}. */
    static Optional<DueProcess.Warning> lastWarning(Handle h, long caseId, LocalDate asOf) {
        return h.createQuery(LAST_WARNING).bind("id", caseId).bind("asOf", asOf)
                .map((rs, ctx) -> new DueProcess.Warning(rs.getInt("stage"), rs.getInt("stages"),
                        rs.getObject("cure_end", LocalDate.class)))
                .findOne();
    }

    /** The due-process rules in force on {@code day} for the allocation's estate class. */
    static DueProcessRules rules(Handle h, long allocationId, LocalDate day) {
        return h.createQuery(RULES_ON).bind("allocation", allocationId).bind("day", day)
                .map((rs, ctx) -> new DueProcessRules(List.of((Integer[]) rs.getArray("cure_days").getArray()),
                        rs.getInt("idle_fee_bp_per_year"), rs.getInt("extension_slice_months"),
                        rs.getInt("extension_cap_months"), rs.getInt("extension_slice_price_bp")))
                .one();
    }

    /** Serves warning {@code stage} of {@code stages}; returns the last day of its cure period. */
    static LocalDate serveWarning(Handle h, long caseId, int stage, int stages, int cureDays, long by,
            LocalDate issuedOn, OffsetDateTime now) {
        return h.createQuery(INSERT_WARNING).bind("id", caseId).bind("stage", stage).bind("stages", stages)
                .bind("issuedOn", issuedOn).bind("cureDays", cureDays).bind("by", by).bind("now", now)
                .mapTo(LocalDate.class).one();
    }

    /** The day the next idle fee of the case starts from. */
    static LocalDate feeFrom(Handle h, long caseId) {
        return h.createQuery(FEE_FROM).bind("id", caseId).mapTo(LocalDate.class).one();
    }

    /** Charges the idle fee for [from, to); returns its amount in rials. */
    static long chargeFee(Handle h, long caseId, long allocationId, long price, int rateBp, LocalDate from,
            LocalDate to, long by, OffsetDateTime now) {
        return h.createQuery(INSERT_FEE).bind("id", caseId).bind("allocation", allocationId).bind("base", price)
                .bind("rateBp", rateBp).bind("from", from).bind("to", to).bind("by", by).bind("now", now)
                .mapTo(Long.class).one();
    }

    /** Sells extension slices; returns their price in rials. */
    static long sellExtension(Handle h, long caseId, long allocationId, long landValue, int rateBp, int slices,
            int months, int capMonths, long by, LocalDate today, OffsetDateTime now) {
        return h.createQuery(INSERT_EXTENSION).bind("id", caseId).bind("allocation", allocationId)
                .bind("base", landValue).bind("rateBp", rateBp).bind("slices", slices).bind("months", months)
                .bind("cap", capMonths).bind("by", by).bind("today", today).bind("now", now)
                .mapTo(Long.class).one();
    }

    static int extensionMonthsSold(Handle h, long allocationId) {
        return h.createQuery(EXTENSION_MONTHS).bind("allocation", allocationId).mapTo(Integer.class).one();
    }

    static long landValue(Handle h, long allocationId) {
        return h.createQuery(LAND_VALUE).bind("allocation", allocationId).mapTo(Long.class).one();
    }

    static void addPlanItem(Handle h, long caseId, String description, LocalDate dueOn, String agency) {
        h.createUpdate(INSERT_PLAN_ITEM).bind("caseId", caseId).bind("description", description)
                .bind("dueOn", dueOn).bind("agency", agency).execute();
    }

    /** Moves the case to {@code state}; {@code close} also closes it (a decision). */
    static void setState(Handle h, long caseId, CaseState state, boolean close, OffsetDateTime now) {
        h.createUpdate(SET_STATE).bind("state", state.name()).bind("close", close).bind("now", now)
                .bind("id", caseId).execute();
    }

    static void terminateAllocation(Handle h, long allocationId) {
        h.createUpdate(TERMINATE_ALLOCATION).bind("id", allocationId).execute();
    }

    /** The holder's reply, on the case and on the warning it answers. */
    static void reply(Handle h, long caseId, String reply, OffsetDateTime now) {
        h.createUpdate(REPLY).bind("reply", reply).bind("now", now).bind("id", caseId).execute();
        h.createUpdate(REPLY_WARNING).bind("reply", reply).bind("now", now).bind("id", caseId).execute();
    }

    static void subJudice(Handle h, long caseId, boolean on, OffsetDateTime now) {
        h.createUpdate(SUB_JUDICE).bind("on", on).bind("now", now).bind("id", caseId).execute();
    }

    /** Marks an open plan item of the case met; false when there is none. */
    static boolean planItemMet(Handle h, long caseId, long itemId, LocalDate on) {
        return h.createUpdate(PLAN_ITEM_MET).bind("on", on).bind("itemId", itemId).bind("caseId", caseId)
                .execute() > 0;
    }

    /**
     * The land and utility capacity a reclaim frees: the plots' area, and for each utility they are connected to,
     * the estate's capacity in proportion to their share of the connected area (plots have no metered demand).
     */
    static Map<String, Object> freedCapacity(Handle h, long allocationId) {
        List<Map<String, Object>> utilities = new ArrayList<>();
        h.createQuery(FREED_UTILITIES).bind("id", allocationId).map((rs, ctx) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("utility", rs.getString(1));
            m.put("unit", rs.getString(2));
            m.put("capacity", rs.getBigDecimal(3));
            return m;
        }).forEach(utilities::add);
        double area = h.createQuery(FREED_AREA).bind("id", allocationId).mapTo(Double.class).one();
        return Map.of("freedAreaM2", Math.round(area * 10) / 10.0, "freedUtilities", utilities);
    }
}
