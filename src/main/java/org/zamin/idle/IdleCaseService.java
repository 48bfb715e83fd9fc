package org.zamin.idle;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.CaseStrategy;
import org.jdbi.v3.core.mapper.MapMappers;
import org.zamin.account.CurrentUser;
import org.zamin.account.Role;
import org.zamin.allocation.AllocationAccess;
import org.zamin.allocation.ContractRepository;
import org.zamin.allocation.ContractService;
import org.zamin.allocation.ContractStatus;
import org.zamin.allocation.ExtensionPolicy;
import org.zamin.decision.Actor;
import org.zamin.decision.Decision;
import org.zamin.decision.DecisionLog;
import org.zamin.http.ApiException;
import org.zamin.inbox.Notifier;
import org.zamin.parcel.ParcelStatus;
import org.zamin.parcel.ParcelStatusWriter;

/**
 * Due process of idle cases: notice (with its reply deadline), the holder's reply, and the officer's decision —
 * revival plan, extension, dismissal or reclaim — plus sub judice. Each step checks {@link DueProcess}, is
 * checked again by the database, and is logged and notified in the same transaction.
 */
public final class IdleCaseService {

    private final Jdbi jdbi;
    private final DecisionLog log;
    private final ContractService contracts;
    private final Notifier notifier;
    private final Clock clock;

    public IdleCaseService(Jdbi jdbi, DecisionLog log, ContractService contracts, Notifier notifier, Clock clock) {
        this.jdbi = jdbi;
        this.log = log;
        this.contracts = contracts;
        this.notifier = notifier;
        this.clock = clock;
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    /** Cases an officer may see (their estates; admins all), highest score first; {@code state} filters. */
    public List<Map<String, Object>> list(CurrentUser user, Optional<String> state, boolean openOnly) {
        AllocationAccess.requireStaff(user);
        return jdbi.withHandle(h -> {
            h.getConfig(MapMappers.class).setCaseChange(CaseStrategy.NOP);
            return h.createQuery("""
                    SELECT c.id, c.allocation_id AS "allocationId", c.state, c.score, c.evidence::text AS evidence,
                           c.opened_as_of::text AS "openedAsOf", c.reply_deadline::text AS "replyDeadline",
                           c.replied_at AS "repliedAt", c.reply, c.sub_judice AS "subJudice", e.code AS estate,
                           u.name AS holder, u.organisation AS "holderOrganisation",
                           (SELECT json_agg(json_build_object('id', p.id, 'plotNumber', p.plot_number,
                                   'status', p.status, 'areaM2', round(p.area_m2::numeric, 1),
                                   'centroid', json_build_array(round(ST_X(ST_Centroid(p.geom))::numeric, 6),
                                                                round(ST_Y(ST_Centroid(p.geom))::numeric, 6))))::text
                              FROM allocation_parcel ap JOIN parcel p ON p.id = ap.parcel_id
                             WHERE ap.allocation_id = a.id) AS parcels,
                           (SELECT json_agg(json_build_object('id', pi.id, 'description', pi.description,
                                   'dueOn', pi.due_on, 'metOn', pi.met_on) ORDER BY pi.due_on)::text
                              FROM revival_plan_item pi WHERE pi.case_id = c.id) AS plan
                      FROM idle_case c
                      JOIN allocation a ON a.id = c.allocation_id
                      JOIN estate e ON e.id = a.estate_id
                      JOIN users u ON u.id = a.investor_id
                     WHERE (:admin OR e.code = ANY(CAST(:estates AS text[])))
                       AND (CAST(:state AS text) IS NULL OR c.state = :state)
                       AND (NOT :openOnly OR c.state IN ('OPEN', 'NOTICE_SERVED', 'REVIVAL_PLAN'))
                     ORDER BY c.score DESC, c.id
                     LIMIT 1000""")
                    .bind("admin", user.role() == Role.ADMIN)
                    .bindArray("estates", String.class, List.copyOf(user.estateCodes()))
                    .bind("state", state.orElse(null)).bind("openOnly", openOnly)
                    .mapToMap().list();
        });
    }

    /** A case row locked for update, with the allocation it belongs to (access checked). */
    private record Locked(long id, CaseState state, boolean subJudice, Optional<LocalDate> replyDeadline,
            boolean replied, AllocationAccess allocation, List<LocalDate> unmetPlan) {

        DueProcess.CaseView view() {
            return new DueProcess.CaseView(state, subJudice, replyDeadline, replied, unmetPlan);
        }
    }

    private Locked lock(Handle h, CurrentUser user, long caseId) {
        var row = h.createQuery("SELECT allocation_id, state, sub_judice, reply_deadline, replied_at IS NOT NULL "
                        + "FROM idle_case WHERE id = :id FOR UPDATE")
                .bind("id", caseId)
                .map((rs, ctx) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getBoolean(3),
                        rs.getObject(4, LocalDate.class), rs.getBoolean(5)})
                .findOne().orElseThrow(() -> ApiException.notFound("idle case " + caseId));
        var a = AllocationAccess.load(h, user, (Long) row[0], true);
        List<LocalDate> unmet = h.createQuery("SELECT due_on FROM revival_plan_item WHERE case_id = :id AND met_on IS NULL")
                .bind("id", caseId).mapTo(LocalDate.class).list();
        return new Locked(caseId, CaseState.valueOf((String) row[1]), (Boolean) row[2],
                Optional.ofNullable((LocalDate) row[3]), (Boolean) row[4], a, unmet);
    }

    /** The body of an officer's action; which fields count depends on the action. */
    public record ActionBody(String reason, Integer replyDays, Integer months, List<PlanItem> items) {}

    /** One item of a revival plan. */
    public record PlanItem(String description, String dueOn) {

        LocalDate due() {
            try {
                return dueOn == null ? null : LocalDate.parse(dueOn);
            } catch (java.time.format.DateTimeParseException e) {
                throw ApiException.unprocessable("invalid_plan_item", "dueOn must be YYYY-MM-DD");
            }
        }
    }

    /** Performs {@code action} on a case; 409 with the refusal code when due process does not allow it now. */
    public Map<String, Object> act(CurrentUser user, long caseId, CaseAction action, ActionBody body) {
        AllocationAccess.requireStaff(user);
        Actor actor = Actor.user(user.id(), user.role());
        return jdbi.inTransaction(h -> {
            Locked c = lock(h, user, caseId);
            LocalDate today = today();
            DueProcess.refusal(c.view(), action, today).ifPresent(code -> {
                throw ApiException.conflict(code, switch (code) {
                    case "reply_deadline_not_passed" -> "the holder may reply until " + c.replyDeadline().orElse(null);
                    case "case_sub_judice" -> "the case is sub judice (frozen by a court stay)";
                    case "revival_plan_not_missed" -> "the revival plan is not missed";
                    default -> "a " + c.state() + " case cannot be sent to " + action.target();
                });
            });
            var a = c.allocation();
            var contract = ContractRepository.contract(h, a.allocationId()).orElseThrow();
            String reason = body.reason() == null ? null : body.reason().strip();
            Map<String, Object> publicDetails = new LinkedHashMap<>();
            publicDetails.put("allocationId", a.allocationId());
            OffsetDateTime now = OffsetDateTime.now(clock);
            switch (action) {
                case NOTICE -> {
                    int days = body.replyDays() == null ? contract.noticeReplyDays() : body.replyDays();
                    if (days < 1 || days > 365) {
                        throw ApiException.unprocessable("invalid_reply_days", "replyDays must be 1 to 365");
                    }
                    LocalDate deadline = today.plusDays(days);
                    h.createUpdate("UPDATE idle_case SET state = 'NOTICE_SERVED', notice_served_at = :now, "
                                    + "reply_deadline = :d, updated_at = :now WHERE id = :id")
                            .bind("now", now).bind("d", deadline).bind("id", caseId).execute();
                    publicDetails.put("replyDeadline", deadline.toString());
                    setParcels(h, a, "RECLAIMING", actor);
                    notifier.notifyUser(h, a.investorId(), "idle_notice", "Notice: show cause for allocation "
                            + a.allocationId(), "Your plot appears idle. Reply by " + deadline
                            + (reason == null ? "" : ". " + reason), "#/contract/" + a.allocationId());
                }
                case REVIVAL_PLAN -> {
                    if (body.items() == null || body.items().isEmpty()) {
                        throw ApiException.unprocessable("plan_items_required", "a revival plan needs items");
                    }
                    for (PlanItem item : body.items()) {
                        if (item.description() == null || item.description().isBlank() || item.due() == null
                                || !item.due().isAfter(today)) {
                            throw ApiException.unprocessable("invalid_plan_item",
                                    "each item needs a description and a due day after today");
                        }
                        h.createUpdate("INSERT INTO revival_plan_item (case_id, description, due_on) VALUES (:c, :d, :due)")
                                .bind("c", caseId).bind("d", item.description().strip()).bind("due", item.due()).execute();
                    }
                    update(h, caseId, "REVIVAL_PLAN", false, now);
                    publicDetails.put("items", body.items().size());
                    notifier.notifyUser(h, a.investorId(), "idle_revival_plan", "Revival plan for allocation "
                            + a.allocationId(), body.items().size() + " items; the first is due "
                            + body.items().get(0).due(), "#/contract/" + a.allocationId());
                }
                case EXTEND -> {
                    int months = body.months() == null ? contract.maxExtensionMonths() : body.months();
                    ExtensionPolicy.refusal(contract.terms(), contract.extensionsGranted(), months).ifPresent(code -> {
                        throw ApiException.conflict(code, "extension not possible: " + code.replace('_', ' '));
                    });
                    ContractService.extendDeadlines(h, a.allocationId(), months);
                    update(h, caseId, "EXTENDED", true, now);
                    publicDetails.put("months", months);
                    restoreParcels(h, a, actor);
                    notifier.notifyUser(h, a.investorId(), "idle_extended", "Deadlines extended by " + months
                            + " months", reason == null ? "" : reason, "#/contract/" + a.allocationId());
                }
                case DISMISS -> {
                    update(h, caseId, "DISMISSED", true, now);
                    restoreParcels(h, a, actor);
                    notifier.notifyUser(h, a.investorId(), "idle_dismissed", "Idle case dismissed",
                            reason == null ? "" : reason, "#/contract/" + a.allocationId());
                }
                case RECLAIM -> {
                    if (reason == null || reason.isBlank()) {
                        throw ApiException.unprocessable("reason_required", "a reclaim needs a reason");
                    }
                    update(h, caseId, "RECLAIMED", true, now);
                    h.createUpdate("UPDATE allocation SET status = 'TERMINATED' WHERE id = :id")
                            .bind("id", a.allocationId()).execute();
                    log.append(h, Decision.of(actor, "allocation.terminated", "allocation",
                            Long.toString(a.allocationId())).withEstate(a.estateCode()).withParcels(a.parcelIds())
                            .withTransition("ACTIVE", "TERMINATED").withReason(reason));
                    setParcels(h, a, "AVAILABLE", actor);
                    var freed = freedCapacity(h, a.allocationId());
                    publicDetails.putAll(freed);
                    notifier.notifyUser(h, a.investorId(), "idle_reclaimed", "Allocation " + a.allocationId()
                            + " terminated; the plot is reclaimed", reason, "#/contract/" + a.allocationId());
                }
                default -> throw new IllegalStateException();
            }
            log.append(h, Decision.of(actor, "idle_case." + action.target().name().toLowerCase(), "idle_case",
                    Long.toString(caseId)).withEstate(a.estateCode()).withParcels(a.parcelIds())
                    .withTransition(c.state().name(), action.target().name()).withReason(reason)
                    .withPublicDetails(publicDetails));
            Map<String, Object> out = new LinkedHashMap<>(publicDetails);
            out.put("id", caseId);
            out.put("state", action.target().name());
            return out;
        });
    }

    /** The holder replies to a notice (once, until the case is decided). */
    public Map<String, Object> reply(CurrentUser user, long caseId, String text) {
        if (text == null || text.isBlank() || text.length() > 8000) {
            throw ApiException.unprocessable("invalid_reply", "a reply is 1 to 8000 characters");
        }
        return jdbi.inTransaction(h -> {
            Locked c = lock(h, user, caseId);
            if (user.role() != Role.INVESTOR || c.allocation().investorId() != user.id()) {
                throw new ApiException(403, "forbidden", "only the holder replies to a notice");
            }
            if (c.state() != CaseState.NOTICE_SERVED) {
                throw ApiException.conflict("illegal_transition", "there is no notice to reply to");
            }
            if (c.replied()) {
                throw ApiException.conflict("already_replied", "the notice was already answered");
            }
            OffsetDateTime now = OffsetDateTime.now(clock);
            h.createUpdate("UPDATE idle_case SET reply = :r, replied_at = :now, updated_at = :now WHERE id = :id")
                    .bind("r", text.strip()).bind("now", now).bind("id", caseId).execute();
            var a = c.allocation();
            log.append(h, Decision.of(Actor.user(user.id(), user.role()), "idle_case.replied", "idle_case",
                    Long.toString(caseId)).withEstate(a.estateCode()).withParcels(a.parcelIds())
                    .withPrivateDetails(Map.of("reply", text.strip())));
            notifier.notifyOfficers(h, a.estateCode(), "idle_reply", "The holder of allocation " + a.allocationId()
                    + " replied to the notice", text.strip(), "#/idle");
            return Map.<String, Object>of("id", caseId, "replied", true);
        });
    }

    /** Marks or lifts sub judice (a court stay): while marked, no action changes the case and scans leave it. */
    public Map<String, Object> subJudice(CurrentUser user, long caseId, boolean on, String reason) {
        AllocationAccess.requireStaff(user);
        return jdbi.inTransaction(h -> {
            Locked c = lock(h, user, caseId);
            if (!c.state().isOpen()) {
                throw ApiException.conflict("illegal_transition", "the case is closed");
            }
            if (c.subJudice() == on) {
                throw ApiException.conflict("unchanged", on ? "already sub judice" : "not sub judice");
            }
            h.createUpdate("UPDATE idle_case SET sub_judice = :on, updated_at = :now WHERE id = :id")
                    .bind("on", on).bind("now", OffsetDateTime.now(clock)).bind("id", caseId).execute();
            var a = c.allocation();
            log.append(h, Decision.of(Actor.user(user.id(), user.role()),
                    on ? "idle_case.sub_judice" : "idle_case.stay_lifted", "idle_case", Long.toString(caseId))
                    .withEstate(a.estateCode()).withParcels(a.parcelIds()).withReason(reason));
            return Map.<String, Object>of("id", caseId, "subJudice", on);
        });
    }

    /** An officer records that a revival-plan item was met. */
    public Map<String, Object> planItemMet(CurrentUser user, long caseId, long itemId, LocalDate on) {
        AllocationAccess.requireStaff(user);
        return jdbi.inTransaction(h -> {
            Locked c = lock(h, user, caseId);
            if (c.subJudice()) {
                throw ApiException.conflict("case_sub_judice", "the case is sub judice");
            }
            int n = h.createUpdate("UPDATE revival_plan_item SET met_on = :on WHERE id = :i AND case_id = :c "
                    + "AND met_on IS NULL").bind("on", on).bind("i", itemId).bind("c", caseId).execute();
            if (n == 0) {
                throw ApiException.notFound("open plan item " + itemId);
            }
            log.append(h, Decision.of(Actor.user(user.id(), user.role()), "idle_case.plan_item_met", "idle_case",
                    Long.toString(caseId)).withEstate(c.allocation().estateCode())
                    .withPublicDetails(Map.of("item", itemId, "on", on.toString())));
            return Map.<String, Object>of("id", itemId, "metOn", on);
        });
    }

    private static void update(Handle h, long caseId, String state, boolean close, OffsetDateTime now) {
        h.createUpdate("UPDATE idle_case SET state = :s, updated_at = :now" + (close ? ", closed_at = :now" : "")
                + " WHERE id = :id").bind("s", state).bind("now", now).bind("id", caseId).execute();
    }

    private void setParcels(Handle h, AllocationAccess a, String status, Actor actor) {
        List<Long> changed = ParcelStatusWriter.set(h, a.parcelIds(), ParcelStatus.valueOf(status));
        if (!changed.isEmpty()) {
            log.append(h, Decision.of(actor, "parcel.status_changed", "allocation", Long.toString(a.allocationId()))
                    .withEstate(a.estateCode()).withParcels(changed).withTransition(null, status));
        }
    }

    /** After a case closes without reclaim, the plots show what the milestones say again. */
    private void restoreParcels(Handle h, AllocationAccess a, Actor actor) {
        contracts.followStatus(h, a, ContractStatus.publicStatus(ContractRepository.milestones(h, a.allocationId())),
                actor);
    }

    /**
     * The land and utility capacity a reclaim frees: the plots' area, and for each utility they are connected to,
     * the estate's capacity in proportion to their share of the connected area (plots have no metered demand).
     */
    static Map<String, Object> freedCapacity(Handle h, long allocationId) {
        List<Map<String, Object>> utilities = new ArrayList<>();
        h.createQuery("""
                WITH mine AS (
                    SELECT p.* FROM allocation_parcel ap JOIN parcel p ON p.id = ap.parcel_id WHERE ap.allocation_id = :id
                ), u AS (SELECT DISTINCT unnest(utilities) AS utility FROM mine)
                SELECT u.utility,
                       (e.utilities -> u.utility ->> 'unit') AS unit,
                       round(((e.utilities -> u.utility ->> 'capacity')::numeric
                              * (SELECT sum(area_m2) FROM mine WHERE u.utility = ANY(utilities))::numeric
                              / nullif((SELECT sum(area_m2) FROM parcel q
                                         WHERE q.estate_id = e.id AND u.utility = ANY(q.utilities)), 0)::numeric), 2)
                           AS capacity
                  FROM u, estate e
                 WHERE e.id = (SELECT estate_id FROM mine LIMIT 1)
                   AND (e.utilities -> u.utility) IS NOT NULL
                 ORDER BY u.utility""").bind("id", allocationId)
                .map((rs, ctx) -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("utility", rs.getString(1));
                    m.put("unit", rs.getString(2));
                    m.put("capacity", rs.getBigDecimal(3));
                    return m;
                }).forEach(utilities::add);
        double area = h.createQuery("SELECT coalesce(sum(p.area_m2), 0) FROM allocation_parcel ap JOIN parcel p "
                + "ON p.id = ap.parcel_id WHERE ap.allocation_id = :id").bind("id", allocationId)
                .mapTo(Double.class).one();
        return Map.of("freedAreaM2", Math.round(area * 10) / 10.0, "freedUtilities", utilities);
    }
}
