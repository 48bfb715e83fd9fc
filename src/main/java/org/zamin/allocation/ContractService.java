package org.zamin.allocation;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.zamin.account.CurrentUser;
import org.zamin.account.Role;
import org.zamin.decision.Actor;
import org.zamin.decision.Decision;
import org.zamin.decision.DecisionLog;
import org.zamin.http.ApiException;
import org.zamin.inbox.Notifier;
import org.zamin.parcel.ParcelStatus;
import org.zamin.parcel.ParcelStatusWriter;

/**
 * The contract of an allocation: its schedule and milestones, milestones recorded by officers (the plot's public
 * status follows), progress reports and inspections with uploads, and extensions requested and decided. Every
 * state change goes to the decision log in the same transaction.
 */
public final class ContractService {

    /** Upload limits: at most this many bytes per file and these types. */
    public static final int MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
    public static final List<String> UPLOAD_TYPES = List.of("image/jpeg", "image/png", "image/webp", "application/pdf");

    private final Jdbi jdbi;
    private final DecisionLog log;
    private final Notifier notifier;
    private final Clock clock;

    public ContractService(Jdbi jdbi, DecisionLog log, Notifier notifier, Clock clock) {
        this.jdbi = jdbi;
        this.log = log;
        this.notifier = notifier;
        this.clock = clock;
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /** The whole contract as JSON-ready data: plan, schedule, milestones, evidence, extensions, idle cases. */
    public Map<String, Object> contract(CurrentUser user, long id) {
        return jdbi.withHandle(h -> {
            var a = AllocationAccess.load(h, user, id, false);
            var c = ContractRepository.contract(h, id).orElseThrow(() -> ApiException.notFound("contract of " + id));
            var milestones = ContractRepository.milestones(h, id);
            var schedule = InstalmentSchedule.of(c.plan(), c.price(), c.signedOn());
            boolean onTime = milestones.stream().anyMatch(m -> m.kind() == MilestoneKind.OPERATING_LICENCE
                    && m.reachedOnTime());
            if (onTime) {
                schedule = schedule.withForgiveness(c.plan());
            }
            LocalDate today = today();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("allocationId", id);
            out.put("estate", a.estateCode());
            out.put("status", a.status());
            out.put("parcelIds", a.parcelIds());
            out.put("publicStatus", ContractStatus.publicStatus(milestones));
            out.put("signedOn", c.signedOn());
            out.put("price", c.price());
            out.put("plan", c.plan());
            out.put("schedule", schedule);
            out.put("dueToDate", schedule.dueBy(today, c.signedOn()));
            out.put("nextInstalment", schedule.instalments().stream().filter(i -> i.dueOn().isAfter(today))
                    .findFirst().orElse(null));
            out.put("milestones", milestones.stream().map(m -> Map.of("kind", m.kind(), "deadline", m.deadline(),
                    "achievedOn", m.achievedOn().map(Object::toString).orElse(""), "missed", m.missedBy(today))).toList());
            out.put("extensionsGranted", c.extensionsGranted());
            out.put("maxExtensions", c.maxExtensions());
            out.put("maxExtensionMonths", c.maxExtensionMonths());
            out.put("extensions", ContractRepository.rows(h, """
                    SELECT id, months, reason, status, requested_at AS "requestedAt", decided_at AS "decidedAt",
                           decision_reason AS "decisionReason"
                      FROM extension_request WHERE allocation_id = :id ORDER BY id DESC""", id));
            out.put("reports", ContractRepository.rows(h, """
                    SELECT r.id, r.reported_on::text AS "reportedOn", r.percent, r.text,
                           (SELECT count(*) FROM attachment t WHERE t.report_id = r.id) AS attachments
                      FROM progress_report r WHERE r.allocation_id = :id ORDER BY r.reported_on DESC, r.id DESC""", id));
            out.put("inspections", ContractRepository.rows(h, """
                    SELECT i.id, i.inspected_on::text AS "inspectedOn", i.finding, i.notes,
                           (SELECT count(*) FROM attachment t WHERE t.inspection_id = i.id) AS attachments
                      FROM inspection i WHERE i.allocation_id = :id ORDER BY i.inspected_on DESC, i.id DESC""", id));
            out.put("readings", ContractRepository.rows(h, """
                    SELECT to_char(month, 'YYYY-MM') AS month, electricity_kwh AS "electricityKwh", water_m3 AS "waterM3"
                      FROM utility_reading WHERE allocation_id = :id ORDER BY month DESC LIMIT 24""", id));
            out.put("idleCases", ContractRepository.rows(h, """
                    SELECT id, state, score, reply_deadline::text AS "replyDeadline", reply,
                           notice_served_at AS "noticeServedAt", sub_judice AS "subJudice"
                      FROM idle_case WHERE allocation_id = :id ORDER BY id DESC""", id));
            return out;
        });
    }

    /** Officer records that a milestone was reached on {@code on}; the plot's public status follows. */
    public Map<String, Object> recordMilestone(CurrentUser user, long id, MilestoneKind kind, LocalDate on) {
        AllocationAccess.requireStaff(user);
        if (on.isAfter(today())) {
            throw ApiException.unprocessable("date_in_future", "a milestone cannot be reached in the future");
        }
        return jdbi.inTransaction(h -> {
            var a = requireActive(AllocationAccess.load(h, user, id, true));
            int n = h.createUpdate("UPDATE milestone SET achieved_on = :on, recorded_by = :by "
                            + "WHERE allocation_id = :id AND kind = :kind AND achieved_on IS NULL")
                    .bind("on", on).bind("by", user.id()).bind("id", id).bind("kind", kind.name()).execute();
            if (n == 0) {
                throw ApiException.conflict("milestone_already_recorded", kind + " was already recorded");
            }
            log.append(h, Decision.of(Actor.user(user.id(), user.role()), "allocation.milestone_reached", "allocation",
                    Long.toString(id)).withEstate(a.estateCode()).withParcels(a.parcelIds())
                    .withPublicDetails(Map.of("milestone", kind.name(), "on", on.toString())));
            String status = ContractStatus.publicStatus(ContractRepository.milestones(h, id));
            followStatus(h, a, status, Actor.user(user.id(), user.role()));
            return Map.<String, Object>of("allocationId", id, "milestone", kind, "achievedOn", on, "publicStatus", status);
        });
    }

    /**
     * Sets the plots to the status the milestones imply, unless an open idle case holds them (IDLE, RECLAIMING);
     * logs each change.
     */
    public void followStatus(Handle h, AllocationAccess a, String status, Actor actor) {
        boolean caseOpen = h.createQuery("SELECT EXISTS (SELECT 1 FROM idle_case WHERE allocation_id = :id "
                + "AND state IN ('OPEN','NOTICE_SERVED','REVIVAL_PLAN'))").bind("id", a.allocationId())
                .mapTo(Boolean.class).one();
        if (caseOpen) {
            return;
        }
        List<Long> changed = ParcelStatusWriter.set(h, a.parcelIds(), ParcelStatus.valueOf(status));
        if (!changed.isEmpty()) {
            log.append(h, Decision.of(actor, "parcel.status_changed", "allocation", Long.toString(a.allocationId()))
                    .withEstate(a.estateCode()).withParcels(changed).withTransition(null, status));
        }
    }

    /** An upload of a report or inspection. */
    public record Upload(String fileName, String contentType, byte[] data) {}

    /** The holder (or an officer) reports progress. */
    public Map<String, Object> addReport(CurrentUser user, long id, int percent, String text, List<Upload> uploads) {
        if (percent < 0 || percent > 100) {
            throw ApiException.unprocessable("invalid_percent", "percent must be between 0 and 100");
        }
        if (text == null || text.length() > 4000) {
            throw ApiException.unprocessable("invalid_text", "a report's text is at most 4000 characters");
        }
        checkUploads(uploads);
        return jdbi.inTransaction(h -> {
            var a = requireActive(AllocationAccess.load(h, user, id, true));
            if (user.role() == Role.INVESTOR && a.investorId() != user.id()) {
                throw ApiException.notFound("allocation " + id);
            }
            long reportId = h.createQuery("INSERT INTO progress_report (allocation_id, reported_on, percent, text, "
                            + "created_by, created_at) VALUES (:id, :on, :p, :t, :by, :at) RETURNING id")
                    .bind("id", id).bind("on", today()).bind("p", percent).bind("t", text).bind("by", user.id())
                    .bind("at", OffsetDateTime.now(clock)).mapTo(Long.class).one();
            saveUploads(h, "report_id", reportId, uploads);
            log.append(h, Decision.of(Actor.user(user.id(), user.role()), "allocation.progress_reported", "allocation",
                    Long.toString(id)).withEstate(a.estateCode()).withParcels(a.parcelIds())
                    .withPublicDetails(Map.of("percent", percent, "attachments", uploads.size())));
            return Map.<String, Object>of("id", reportId, "reportedOn", today(), "percent", percent);
        });
    }

    /** An officer records an inspection. */
    public Map<String, Object> addInspection(CurrentUser user, long id, LocalDate on, String finding, String notes,
            List<Upload> uploads) {
        AllocationAccess.requireStaff(user);
        if (!List.of("ACTIVE", "PARTLY_ACTIVE", "INACTIVE").contains(finding)) {
            throw ApiException.unprocessable("invalid_finding", "finding must be ACTIVE, PARTLY_ACTIVE or INACTIVE");
        }
        if (on.isAfter(today())) {
            throw ApiException.unprocessable("date_in_future", "an inspection cannot be in the future");
        }
        checkUploads(uploads);
        return jdbi.inTransaction(h -> {
            var a = requireActive(AllocationAccess.load(h, user, id, true));
            long inspectionId = h.createQuery("INSERT INTO inspection (allocation_id, inspected_on, finding, notes, "
                            + "inspector_id, created_at) VALUES (:id, :on, :f, :n, :by, :at) RETURNING id")
                    .bind("id", id).bind("on", on).bind("f", finding).bind("n", notes == null ? "" : notes)
                    .bind("by", user.id()).bind("at", OffsetDateTime.now(clock)).mapTo(Long.class).one();
            saveUploads(h, "inspection_id", inspectionId, uploads);
            log.append(h, Decision.of(Actor.user(user.id(), user.role()), "allocation.inspected", "allocation",
                    Long.toString(id)).withEstate(a.estateCode()).withParcels(a.parcelIds())
                    .withPublicDetails(Map.of("finding", finding, "on", on.toString())));
            return Map.<String, Object>of("id", inspectionId, "inspectedOn", on, "finding", finding);
        });
    }

    /** The holder asks for an extension of {@code months}, with a reason. */
    public Map<String, Object> requestExtension(CurrentUser user, long id, int months, String reason) {
        if (reason == null || reason.isBlank()) {
            throw ApiException.unprocessable("reason_required", "an extension request needs a reason");
        }
        return jdbi.inTransaction(h -> {
            var a = requireActive(AllocationAccess.load(h, user, id, true));
            if (user.role() != Role.INVESTOR) {
                throw new ApiException(403, "forbidden", "the holder requests extensions");
            }
            var c = ContractRepository.contract(h, id).orElseThrow();
            ExtensionPolicy.refusal(c.terms(), c.extensionsGranted(), months).ifPresent(code -> {
                throw ApiException.conflict(code, "extension not possible: " + code.replace('_', ' '));
            });
            boolean pending = h.createQuery("SELECT EXISTS (SELECT 1 FROM extension_request WHERE allocation_id = :id "
                    + "AND status = 'REQUESTED')").bind("id", id).mapTo(Boolean.class).one();
            if (pending) {
                throw ApiException.conflict("extension_pending", "an extension request is already pending");
            }
            long reqId = h.createQuery("INSERT INTO extension_request (allocation_id, months, reason, requested_by, "
                            + "requested_at) VALUES (:id, :m, :r, :by, :at) RETURNING id")
                    .bind("id", id).bind("m", months).bind("r", reason.strip()).bind("by", user.id())
                    .bind("at", OffsetDateTime.now(clock)).mapTo(Long.class).one();
            log.append(h, Decision.of(Actor.user(user.id(), user.role()), "allocation.extension_requested",
                    "allocation", Long.toString(id)).withEstate(a.estateCode()).withParcels(a.parcelIds())
                    .withTransition(null, "REQUESTED").withReason(reason.strip()).withPublicDetails(Map.of("months", months)));
            notifier.notifyOfficers(h, a.estateCode(), "extension_requested", "Extension requested for allocation " + id,
                    months + " months: " + reason.strip(), "#/contract/" + id);
            return Map.<String, Object>of("id", reqId, "status", "REQUESTED", "months", months);
        });
    }

    /** An officer grants or refuses the pending request; a grant moves every unmet deadline by its months. */
    public Map<String, Object> decideExtension(CurrentUser user, long id, long requestId, boolean grant, String reason) {
        AllocationAccess.requireStaff(user);
        return jdbi.inTransaction(h -> {
            var a = requireActive(AllocationAccess.load(h, user, id, true));
            var req = h.createQuery("SELECT months, status FROM extension_request WHERE id = :r AND allocation_id = :id "
                            + "FOR UPDATE").bind("r", requestId).bind("id", id).mapToMap().findOne()
                    .orElseThrow(() -> ApiException.notFound("extension request " + requestId));
            if (!"REQUESTED".equals(req.get("status"))) {
                throw ApiException.conflict("illegal_transition", "the request was already " + req.get("status"));
            }
            int months = ((Number) req.get("months")).intValue();
            if (grant) {
                var c = ContractRepository.contract(h, id).orElseThrow();
                ExtensionPolicy.refusal(c.terms(), c.extensionsGranted(), months).ifPresent(code -> {
                    throw ApiException.conflict(code, "extension not possible: " + code.replace('_', ' '));
                });
                extendDeadlines(h, id, months);
            }
            String status = grant ? "GRANTED" : "REFUSED";
            h.createUpdate("UPDATE extension_request SET status = :s, decided_by = :by, decided_at = :at, "
                            + "decision_reason = :why WHERE id = :r")
                    .bind("s", status).bind("by", user.id()).bind("at", OffsetDateTime.now(clock))
                    .bind("why", reason).bind("r", requestId).execute();
            log.append(h, Decision.of(Actor.user(user.id(), user.role()), "allocation.extension_" + status.toLowerCase(),
                    "allocation", Long.toString(id)).withEstate(a.estateCode()).withParcels(a.parcelIds())
                    .withTransition("REQUESTED", status).withReason(reason).withPublicDetails(Map.of("months", months)));
            notifier.notifyUser(h, a.investorId(), "extension_" + status.toLowerCase(),
                    "Your extension request was " + status.toLowerCase(), reason == null ? "" : reason,
                    "#/contract/" + id);
            return Map.<String, Object>of("id", requestId, "status", status, "months", months);
        });
    }

    /** Moves every unmet milestone deadline of the allocation by {@code months} and counts the extension. */
    public static void extendDeadlines(Handle h, long allocationId, int months) {
        h.createUpdate("UPDATE milestone SET deadline = deadline + make_interval(months => :m) "
                + "WHERE allocation_id = :id AND achieved_on IS NULL").bind("m", months).bind("id", allocationId).execute();
        h.createUpdate("UPDATE allocation_contract SET extensions_granted = extensions_granted + 1 "
                + "WHERE allocation_id = :id").bind("id", allocationId).execute();
    }

    private static AllocationAccess requireActive(AllocationAccess a) {
        if (!a.active()) {
            throw ApiException.conflict("allocation_terminated", "allocation " + a.allocationId() + " is terminated");
        }
        return a;
    }

    static void checkUploads(List<Upload> uploads) {
        if (uploads.size() > 10) {
            throw ApiException.unprocessable("too_many_files", "at most 10 files per report");
        }
        for (Upload u : uploads) {
            if (u.data().length > MAX_UPLOAD_BYTES) {
                throw new ApiException(413, "file_too_large", u.fileName() + " is larger than 5 MB");
            }
            if (u.data().length == 0) {
                throw ApiException.unprocessable("empty_file", u.fileName() + " is empty");
            }
            if (!UPLOAD_TYPES.contains(u.contentType()) || !matchesType(u.data(), u.contentType())) {
                throw new ApiException(415, "unsupported_file_type", u.fileName() + ": only JPEG, PNG, WebP or PDF");
            }
        }
    }

    /** The file's first bytes must be what its declared type starts with (no renamed executables). */
    static boolean matchesType(byte[] d, String type) {
        return switch (type) {
            case "image/jpeg" -> d.length > 3 && (d[0] & 0xff) == 0xff && (d[1] & 0xff) == 0xd8 && (d[2] & 0xff) == 0xff;
            case "image/png" -> d.length > 8 && (d[0] & 0xff) == 0x89 && d[1] == 'P' && d[2] == 'N' && d[3] == 'G';
            case "image/webp" -> d.length > 12 && d[0] == 'R' && d[1] == 'I' && d[2] == 'F' && d[3] == 'F'
                    && d[8] == 'W' && d[9] == 'E' && d[10] == 'B' && d[11] == 'P';
            case "application/pdf" -> d.length > 4 && d[0] == '%' && d[1] == 'P' && d[2] == 'D' && d[3] == 'F';
            default -> false;
        };
    }

    /** {@code column} names the owner: only {@code report_id} or {@code inspection_id}, never user input. */
    private static void saveUploads(Handle h, String column, long ownerId, List<Upload> uploads) {
        if (!column.equals("report_id") && !column.equals("inspection_id")) {
            throw new IllegalArgumentException("no attachment owner column " + column);
        }
        for (Upload u : uploads) {
            h.createUpdate("INSERT INTO attachment (" + column + ", file_name, content_type, size_bytes, data) "
                            + "VALUES (:owner, :name, :type, :size, :data)")
                    .bind("owner", ownerId).bind("name", u.fileName()).bind("type", u.contentType())
                    .bind("size", u.data().length).bind("data", u.data()).execute();
        }
    }
}
