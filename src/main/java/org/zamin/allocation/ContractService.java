package org.zamin.allocation;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.zamin.account.CurrentUser;
import org.zamin.account.Visibility;
import org.zamin.decision.Actor;
import org.zamin.decision.Decision;
import org.zamin.decision.DecisionLog;
import org.zamin.domain.Conflict;
import org.zamin.domain.Forbidden;
import org.zamin.domain.Invalid;
import org.zamin.domain.NotFound;
import org.zamin.domain.Text;
import org.zamin.domain.TooLarge;
import org.zamin.domain.UnsupportedType;
import org.zamin.inbox.Message;
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

    /**
     * The whole contract as JSON-ready data: plan, schedule, milestones, evidence, extensions, idle cases and idle
     * charges.
     */
    public Map<String, Object> contract(CurrentUser user, long id) {
        return jdbi.withHandle(h -> {
            var a = AllocationAccess.load(h, Visibility.of(user), id, false);
            var c = ContractRepository.contract(h, id).orElseThrow(() -> new NotFound("contract of " + id));
            var milestones = ContractRepository.milestones(h, id);
            var schedule = schedule(c, milestones);
            LocalDate today = today();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("allocationId", id);
            out.put("estate", a.estateCode());
            out.put("status", a.status());
            out.put("parcelIds", a.parcelIds());
            out.put("publicStatus", ContractStatus.publicStatus(milestones));
            out.put("signedOn", c.signedOn());
            out.put("price", c.price());
            out.put("listPrice", c.listPrice());
            out.put("priceShareBp", c.priceShareBp());
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
            out.put("extensions", ContractRepository.extensions(h, id));
            out.put("reports", ContractRepository.reports(h, id));
            out.put("inspections", ContractRepository.inspections(h, id));
            out.put("readings", ContractRepository.readings(h, id));
            out.put("idleCases", ContractRepository.idleCases(h, id));
            out.put("idleCharges", ContractRepository.idleCharges(h, id));
            return out;
        });
    }

    /**
     * The schedule of allocation {@code allocationId} as it stands: the plan's, with the forgiven share taken off
     * once the operating licence came on time.
     */
    public static InstalmentSchedule schedule(Handle h, long allocationId) {
        var c = ContractRepository.contract(h, allocationId)
                .orElseThrow(() -> new NotFound("contract of " + allocationId));
        return schedule(c, ContractRepository.milestones(h, allocationId));
    }

    /** The day the contract was signed: the cash share (instalment 0) is due then. */
    public static LocalDate signedOn(Handle h, long allocationId) {
        return ContractRepository.contract(h, allocationId)
                .orElseThrow(() -> new NotFound("contract of " + allocationId)).signedOn();
    }

    private static InstalmentSchedule schedule(ContractRepository.Contract c, List<Milestone> milestones) {
        var schedule = InstalmentSchedule.of(c.plan(), c.price(), c.signedOn());
        boolean onTime = milestones.stream().anyMatch(m -> m.kind() == MilestoneKind.OPERATING_LICENCE
                && m.reachedOnTime());
        return onTime ? schedule.withForgiveness(c.plan()) : schedule;
    }

    /** Officer records that a milestone was reached on {@code on}; the plot's public status follows. */
    public Map<String, Object> recordMilestone(CurrentUser user, long id, MilestoneKind kind, LocalDate on) {
        AllocationAccess.requireStaff(Visibility.of(user));
        if (on.isAfter(today())) {
            throw new Invalid("date_in_future", "a milestone cannot be reached in the future");
        }
        return jdbi.inTransaction(h -> {
            var a = requireActive(AllocationAccess.load(h, Visibility.of(user), id, true));
            if (!ContractRepository.recordMilestone(h, id, kind, on, user.id())) {
                throw new Conflict("milestone_already_recorded", kind + " was already recorded");
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
        if (ContractRepository.idleCaseOpen(h, a.allocationId())) {
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

    /**
     * The holder reports progress; the report records them as its author. Anyone else is refused (403 for staff of
     * the estate, 404 for whoever may not see the allocation), so no one writes in the holder's name.
     */
    public Map<String, Object> addReport(CurrentUser user, long id, int percent, String text, List<Upload> uploads) {
        if (percent < 0 || percent > 100) {
            throw new Invalid("invalid_percent", "percent must be between 0 and 100");
        }
        String report = Text.optional(text, Text.Kind.PARAGRAPH, Text.NOTE_MAX, "invalid_text", "a report's text");
        checkUploads(uploads);
        return jdbi.inTransaction(h -> {
            var who = Visibility.of(user);
            var a = requireActive(AllocationAccess.load(h, who, id, true));
            if (!who.isOwner(a.investorId())) {
                throw new Forbidden("only the holder reports progress on an allocation");
            }
            long reportId = ContractRepository.insertReport(h, id, today(), percent, report, user.id(),
                    OffsetDateTime.now(clock));
            ContractRepository.attachToReport(h, reportId, uploads);
            log.append(h, Decision.of(Actor.user(user.id(), user.role()), "allocation.progress_reported", "allocation",
                    Long.toString(id)).withEstate(a.estateCode()).withParcels(a.parcelIds())
                    .withPublicDetails(Map.of("percent", percent, "attachments", uploads.size())));
            return Map.<String, Object>of("id", reportId, "reportedOn", today(), "percent", percent);
        });
    }

    /**
     * An officer records an inspection with its photos; each photo is placed by its EXIF position or else by the
     * officer's {@code device} position, if given.
     */
    public Map<String, Object> addInspection(CurrentUser user, long id, LocalDate on, String finding, String notes,
            List<Upload> uploads, Optional<PhotoPosition> device) {
        AllocationAccess.requireStaff(Visibility.of(user));
        if (!List.of("ACTIVE", "PARTLY_ACTIVE", "INACTIVE").contains(finding)) {
            throw new Invalid("invalid_finding", "finding must be ACTIVE, PARTLY_ACTIVE or INACTIVE");
        }
        if (on.isAfter(today())) {
            throw new Invalid("date_in_future", "an inspection cannot be in the future");
        }
        String notesText = Text.optional(notes, Text.Kind.PARAGRAPH, Text.NOTE_MAX, "invalid_notes",
                "the inspection notes");
        checkUploads(uploads);
        return jdbi.inTransaction(h -> {
            var a = requireActive(AllocationAccess.load(h, Visibility.of(user), id, true));
            long inspectionId = ContractRepository.insertInspection(h, id, on, finding, notesText,
                    user.id(), OffsetDateTime.now(clock));
            ContractRepository.attachToInspection(h, inspectionId, uploads, device);
            log.append(h, Decision.of(Actor.user(user.id(), user.role()), "allocation.inspected", "allocation",
                    Long.toString(id)).withEstate(a.estateCode()).withParcels(a.parcelIds())
                    .withPublicDetails(Map.of("finding", finding, "on", on.toString())));
            return Map.<String, Object>of("id", inspectionId, "inspectedOn", on, "finding", finding);
        });
    }

    /** The holder asks for an extension of {@code months}, with a reason. */
    public Map<String, Object> requestExtension(CurrentUser user, long id, int months, String reason) {
        if (months < 1 || months > ExtensionPolicy.MAX_MONTHS) {
            throw new Invalid("invalid_months", "months must be a whole number from 1 to " + ExtensionPolicy.MAX_MONTHS);
        }
        String why = Text.reason(reason, Text.NOTE_MAX);
        return jdbi.inTransaction(h -> {
            var who = Visibility.of(user);
            var a = requireActive(AllocationAccess.load(h, who, id, true));
            if (!who.isOwner(a.investorId())) {
                throw new Forbidden("the holder requests extensions");
            }
            var c = ContractRepository.contract(h, id).orElseThrow();
            ExtensionPolicy.refusal(c.terms(), c.extensionsGranted(), months).ifPresent(code -> {
                throw new Conflict(code, "extension not possible: " + code.replace('_', ' '));
            });
            if (ContractRepository.extensionPending(h, id)) {
                throw new Conflict("extension_pending", "an extension request is already pending");
            }
            long reqId = ContractRepository.insertExtension(h, id, months, why, user.id(),
                    OffsetDateTime.now(clock));
            log.append(h, Decision.of(Actor.user(user.id(), user.role()), "allocation.extension_requested",
                    "allocation", Long.toString(id)).withEstate(a.estateCode()).withParcels(a.parcelIds())
                    .withTransition(null, "REQUESTED").withReason(why).withPublicDetails(Map.of("months", months)));
            notifier.notifyOfficers(h, a.estateCode(), "extension_requested", Message.of("notice.extensionRequested",
                    Map.of("allocation", id, "months", months, "reason", why)), "#/contract/" + id);
            return Map.<String, Object>of("id", reqId, "status", "REQUESTED", "months", months);
        });
    }

    /** An officer grants or refuses the pending request; a grant moves every unmet deadline by its months. */
    public Map<String, Object> decideExtension(CurrentUser user, long id, long requestId, boolean grant,
            String reasonGiven) {
        AllocationAccess.requireStaff(Visibility.of(user));
        String given = Text.optional(reasonGiven, Text.Kind.PARAGRAPH, Text.REASON_MAX, "invalid_reason", "the reason");
        String reason = given.isEmpty() ? null : given;
        return jdbi.inTransaction(h -> {
            var a = requireActive(AllocationAccess.load(h, Visibility.of(user), id, true));
            var req = ContractRepository.lockExtension(h, id, requestId)
                    .orElseThrow(() -> new NotFound("extension request " + requestId));
            if (!"REQUESTED".equals(req.status())) {
                throw new Conflict("illegal_transition", "the request was already " + req.status());
            }
            int months = req.months();
            if (grant) {
                var c = ContractRepository.contract(h, id).orElseThrow();
                ExtensionPolicy.refusal(c.terms(), c.extensionsGranted(), months).ifPresent(code -> {
                    throw new Conflict(code, "extension not possible: " + code.replace('_', ' '));
                });
                extendDeadlines(h, id, months);
            }
            String status = grant ? "GRANTED" : "REFUSED";
            ContractRepository.decideExtension(h, requestId, status, user.id(), OffsetDateTime.now(clock), reason);
            log.append(h, Decision.of(Actor.user(user.id(), user.role()), "allocation.extension_" + status.toLowerCase(),
                    "allocation", Long.toString(id)).withEstate(a.estateCode()).withParcels(a.parcelIds())
                    .withTransition("REQUESTED", status).withReason(reason).withPublicDetails(Map.of("months", months)));
            notifier.notify(h, a.investorId(), "extension_" + status.toLowerCase(),
                    Message.of(grant ? "notice.extensionGranted" : "notice.extensionRefused", Map.of("allocation", id,
                            "months", months, "reason", reason == null ? "" : reason)), "#/contract/" + id);
            return Map.<String, Object>of("id", requestId, "status", status, "months", months);
        });
    }

    /** Moves every unmet milestone deadline of the allocation by {@code months} and counts the extension. */
    public static void extendDeadlines(Handle h, long allocationId, int months) {
        ContractRepository.extendDeadlines(h, allocationId, months);
    }

    private static AllocationAccess requireActive(AllocationAccess a) {
        if (!a.active()) {
            throw new Conflict("allocation_terminated", "allocation " + a.allocationId() + " is terminated");
        }
        return a;
    }

    static void checkUploads(List<Upload> uploads) {
        if (uploads.size() > 10) {
            throw new Invalid("too_many_files", "at most 10 files per report");
        }
        for (Upload u : uploads) {
            Text.required(u.fileName(), Text.Kind.LINE, Text.FILE_NAME_MAX, "invalid_file_name", "a file's name");
            if (u.data().length > MAX_UPLOAD_BYTES) {
                throw new TooLarge("file_too_large", u.fileName() + " is larger than 5 MB");
            }
            if (u.data().length == 0) {
                throw new Invalid("empty_file", u.fileName() + " is empty");
            }
            if (!UPLOAD_TYPES.contains(u.contentType()) || !matchesType(u.data(), u.contentType())) {
                throw new UnsupportedType("unsupported_file_type", u.fileName() + ": only JPEG, PNG, WebP or PDF");
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
}
