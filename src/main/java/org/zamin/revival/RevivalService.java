package org.zamin.revival;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.zamin.account.CurrentUser;
import org.zamin.account.Role;
import org.zamin.account.Visibility;
import org.zamin.allocation.AllocationAccess;
import org.zamin.decision.Actor;
import org.zamin.decision.Decision;
import org.zamin.decision.DecisionLog;
import org.zamin.domain.Conflict;
import org.zamin.domain.Forbidden;
import org.zamin.domain.Invalid;
import org.zamin.domain.NotFound;
import org.zamin.domain.Text;
import org.zamin.domain.WholeNumber;
import org.zamin.idle.CaseAction;
import org.zamin.idle.IdleCaseService;
import org.zamin.inbox.Message;
import org.zamin.inbox.Messages;
import org.zamin.inbox.Notifier;

/**
 * Revival before reclaim: an adviser's diagnosis of an idle unit, the province working group's sessions with an
 * agenda of units and a decision on each (a revival plan whose items name the agency responsible, a referral to a
 * bank for a facility, an extension, or proceeding to reclaim), and what the holder sees of it. A plan or an
 * extension is the idle case's own action ({@link IdleCaseService}), taken in the decision's transaction. Every step
 * is on the decision log.
 */
public final class RevivalService {

    /** What an adviser recommends. */
    public enum Recommendation { REVIVE, EXTEND, RECLAIM }

    /** What the working group decides for a unit. */
    public enum GroupDecision { APPROVE_PLAN, REFER_TO_BANK, EXTEND, PROCEED_TO_RECLAIM }

    private final Jdbi jdbi;
    private final DecisionLog log;
    private final IdleCaseService cases;
    private final Notifier notifier;
    private final Clock clock;

    public RevivalService(Jdbi jdbi, DecisionLog log, IdleCaseService cases, Notifier notifier, Clock clock) {
        this.jdbi = jdbi;
        this.log = log;
        this.cases = cases;
        this.notifier = notifier;
        this.clock = clock;
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private static Actor actor(CurrentUser user) {
        return Actor.user(user.id(), user.role());
    }

    /** The vocabularies the desk offers: causes and agencies (labels in the page's i18n). */
    public Map<String, Object> vocabularies() {
        return jdbi.withHandle(h -> Map.of("causes", RevivalStore.causes(h), "agencies", RevivalStore.agencies(h),
                "recommendations", List.of(Recommendation.values()), "decisions", List.of(GroupDecision.values())));
    }

    /** An admin marks an officer as an adviser, or unmarks them. */
    public Map<String, Object> markAdviser(CurrentUser admin, long userId, boolean on) {
        return jdbi.inTransaction(h -> {
            String role = RevivalStore.userRole(h, userId).orElseThrow(() -> new NotFound("user " + userId));
            if (!Role.OFFICER.name().equals(role)) {
                throw new Invalid("not_an_officer", "only officers can be advisers");
            }
            RevivalStore.markAdviser(h, userId, on, OffsetDateTime.now(clock));
            log.append(h, Decision.of(actor(admin), on ? "idle_adviser.marked" : "idle_adviser.unmarked", "user",
                    Long.toString(userId)));
            return Map.<String, Object>of("userId", userId, "adviser", on);
        });
    }

    /** The body of a diagnosis. */
    public record DiagnosisBody(List<String> causes, String evidence, String recommendation, String visitedOn) {}

    /** An adviser records a diagnosis of an open case in an estate they manage. */
    public Map<String, Object> diagnose(CurrentUser user, long caseId, DiagnosisBody body) {
        String evidence = Text.required(body.evidence(), Text.Kind.PARAGRAPH, Text.NOTE_MAX, "invalid_evidence",
                "the evidence");
        Recommendation recommendation = parse(Recommendation.class, body.recommendation(), "invalid_recommendation");
        LocalDate visitedOn = body.visitedOn() == null ? today() : date(body.visitedOn(), "invalid_visited_on");
        if (visitedOn.isAfter(today())) {
            throw new Invalid("invalid_visited_on", "the visit cannot be in the future");
        }
        if (body.causes() == null || body.causes().isEmpty()) {
            throw new Invalid("invalid_causes", "a diagnosis names at least one cause");
        }
        List<String> causes = List.copyOf(new LinkedHashSet<>(body.causes().stream()
                .map(c -> c == null ? "" : c).toList()));
        return jdbi.inTransaction(h -> {
            if (!RevivalStore.causes(h).containsAll(causes)) {
                throw new Invalid("invalid_causes", "causes must be from the list " + RevivalStore.causes(h));
            }
            var c = openCase(h, user, caseId);
            if (!RevivalStore.isAdviser(h, user.id())) {
                throw new Forbidden("not_an_adviser", "only an officer marked as an adviser records a diagnosis");
            }
            OffsetDateTime now = OffsetDateTime.now(clock);
            long id = RevivalStore.insertDiagnosis(h, caseId, user.id(), visitedOn, causes, evidence,
                    recommendation.name(), now);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("allocationId", c.allocationId());
            details.put("causes", causes);
            details.put("recommendation", recommendation.name());
            details.put("visitedOn", visitedOn.toString());
            log.append(h, Decision.of(actor(user), "idle_case.diagnosed", "idle_case", Long.toString(caseId))
                    .withEstate(c.estateCode()).withPublicDetails(details)
                    .withPrivateDetails(Map.of("evidence", evidence)));
            notifier.notify(h, c.investorId(), "idle_diagnosed", diagnosisNotice(c.allocationId(), visitedOn, causes,
                    recommendation), "#/contract/" + c.allocationId());
            Map<String, Object> out = new LinkedHashMap<>(details);
            out.put("id", id);
            out.put("caseId", caseId);
            return out;
        });
    }

    /**
     * The holder's notice of a diagnosis: the day of the visit, the causes found and the recommendation, each label in
     * English and in Persian ({@code causes}/{@code causesFa}), so that the inbox and the e-mail read in the holder's
     * language.
     */
    private static Message diagnosisNotice(long allocationId, LocalDate visitedOn, List<String> causes,
            Recommendation recommendation) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("allocation", allocationId);
        params.put("visitedOn", visitedOn.toString());
        for (String language : List.of("en", "fa")) {
            String suffix = language.equals("fa") ? "Fa" : "";
            params.put("causes" + suffix, String.join(language.equals("fa") ? "، " : ", ", causes.stream()
                    .map(cause -> Messages.text(language, "revival.cause." + cause)).toList()));
            params.put("recommendation" + suffix, Messages.text(language, "revival.recommendation."
                    + recommendation.name()));
        }
        return Message.of("notice.idleDiagnosed", params);
    }

    /** The body of a new session: its province and day, the members present and the units on its agenda. */
    public record SessionBody(Integer provinceId, String heldOn, List<String> members, List<Long> caseIds) {}

    /** Staff open a session of a province's working group with an agenda of open cases of that province. */
    public Map<String, Object> createSession(CurrentUser user, SessionBody body) {
        AllocationAccess.requireStaff(Visibility.of(user));
        if (body.provinceId() == null) {
            throw new Invalid("invalid_province", "provinceId is required");
        }
        LocalDate heldOn = body.heldOn() == null ? today() : date(body.heldOn(), "invalid_held_on");
        if (body.members() == null || body.members().isEmpty() || body.members().size() > 40) {
            throw new Invalid("invalid_members", "a session records 1 to 40 members present");
        }
        List<String> members = new ArrayList<>();
        for (String m : body.members()) {
            members.add(Text.required(m, Text.Kind.LINE, Text.NAME_MAX, "invalid_members", "a member's name"));
        }
        if (body.caseIds() == null || body.caseIds().isEmpty() || body.caseIds().size() > 100
                || body.caseIds().stream().anyMatch(java.util.Objects::isNull)) {
            throw new Invalid("invalid_agenda", "the agenda lists 1 to 100 idle cases");
        }
        List<Long> caseIds = List.copyOf(new LinkedHashSet<>(body.caseIds()));
        int province = body.provinceId();
        return jdbi.inTransaction(h -> {
            if (!RevivalStore.provinceExists(h, province)) {
                throw new Invalid("invalid_province", "no province " + province);
            }
            if (user.role() == Role.OFFICER && !RevivalStore.officerProvinces(h, user.id()).contains(province)) {
                throw new Forbidden("you manage no estate in this province");
            }
            List<String> estates = new ArrayList<>();
            for (long caseId : caseIds) {
                var c = openCase(h, user, caseId);
                if (c.provinceId() != province) {
                    throw new Invalid("invalid_agenda", "idle case " + caseId + " is not in this province");
                }
                estates.add(c.estateCode());
            }
            OffsetDateTime now = OffsetDateTime.now(clock);
            long id = RevivalStore.insertSession(h, province, heldOn, members, user.id(), now);
            for (long caseId : caseIds) {
                RevivalStore.insertAgenda(h, id, caseId);
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("provinceId", province);
            details.put("heldOn", heldOn.toString());
            details.put("members", members);
            details.put("cases", caseIds);
            log.append(h, Decision.of(actor(user), "working_group.session_held", "working_group_session",
                    Long.toString(id)).withPublicDetails(details));
            Map<String, Object> out = new LinkedHashMap<>(details);
            out.put("id", id);
            return out;
        });
    }

    /** Sessions of the provinces the caller covers, newest first. */
    public List<Map<String, Object>> sessions(CurrentUser user) {
        Visibility who = Visibility.of(user);
        AllocationAccess.requireStaff(who);
        return jdbi.withHandle(h -> RevivalStore.sessions(h, who));
    }

    /** The body of a decision; which fields count depends on the decision. */
    public record DecisionBody(String decision, String bankName, Long facilityRials, Integer months, String note,
            List<IdleCaseService.PlanItem> items) {}

    /** The working group decides on a unit of a session's agenda, once; a plan or extension acts on the case. */
    public Map<String, Object> decide(CurrentUser user, long sessionId, long caseId, DecisionBody body) {
        AllocationAccess.requireStaff(Visibility.of(user));
        GroupDecision decision = parse(GroupDecision.class, body.decision(), "invalid_decision");
        String note = Optional.of(Text.optional(body.note(), Text.Kind.PARAGRAPH, Text.REASON_MAX, "invalid_note",
                "the note")).filter(s -> !s.isEmpty()).orElse(null);
        String bank = null;
        Long facility = null;
        if (decision == GroupDecision.REFER_TO_BANK) {
            bank = Text.required(body.bankName(), Text.Kind.LINE, Text.NAME_MAX, "invalid_bank", "the bank");
            facility = body.facilityRials();
            if (facility == null || facility <= 0) {
                throw new Invalid("invalid_facility", "facilityRials is a whole number of rials above 0");
            }
        }
        String bankName = bank;
        Long facilityRials = facility;
        return jdbi.inTransaction(h -> {
            var agenda = RevivalStore.lockAgenda(h, sessionId, caseId)
                    .orElseThrow(() -> new NotFound("idle case " + caseId + " on the agenda of session " + sessionId));
            if (agenda.decision() != null) {
                throw new Conflict("already_decided", "the working group already decided on this unit");
            }
            var c = openCase(h, user, caseId);
            Map<String, Object> action = switch (decision) {
                case APPROVE_PLAN -> cases.act(h, user, caseId, CaseAction.REVIVAL_PLAN,
                        new IdleCaseService.ActionBody(note, null, null, body.items(), null));
                case EXTEND -> cases.act(h, user, caseId, CaseAction.EXTEND,
                        new IdleCaseService.ActionBody(note, null, body.months(), null, null));
                case PROCEED_TO_RECLAIM -> "OPEN".equals(c.state()) ? cases.act(h, user, caseId, CaseAction.NOTICE,
                        new IdleCaseService.ActionBody(note, null, null, null, null)) : Map.of();
                case REFER_TO_BANK -> Map.of();
            };
            if (decision == GroupDecision.APPROVE_PLAN) {
                RevivalStore.linkPlanItems(h, agenda.id(), caseId);
            }
            OffsetDateTime now = OffsetDateTime.now(clock);
            RevivalStore.decide(h, agenda.id(), decision.name(), bankName, facilityRials, note, user.id(), now);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("allocationId", c.allocationId());
            details.put("session", sessionId);
            details.put("decision", decision.name());
            details.put("members", agenda.members());
            if (facilityRials != null) {
                details.put("bankName", bankName);
                details.put("facilityRials", facilityRials);
            }
            log.append(h, Decision.of(actor(user), "working_group.decided", "idle_case", Long.toString(caseId))
                    .withEstate(c.estateCode()).withReason(note).withPublicDetails(details));
            if (decision == GroupDecision.PROCEED_TO_RECLAIM && !"OPEN".equals(c.state())) {
                // from OPEN the notice served above told the holder; a case already warned or under a plan is told here
                notifier.notify(h, c.investorId(), "idle_group_reclaim", Message.of("notice.idleGroupReclaim",
                        Map.of("allocation", c.allocationId(), "reason", note == null ? "" : note)),
                        "#/contract/" + c.allocationId());
            }
            if (decision == GroupDecision.REFER_TO_BANK) {
                notifier.notify(h, c.investorId(), "idle_bank_referral", Message.of("notice.idleBankReferral",
                        Map.of("allocation", c.allocationId(), "bank", bankName, "facility", facilityRials)),
                        "#/contract/" + c.allocationId());
            }
            Map<String, Object> out = new LinkedHashMap<>(details);
            out.put("caseId", caseId);
            out.put("state", action.getOrDefault("state", c.state()));
            return out;
        });
    }

    /** The revival side of an allocation's latest case (holder, estate staff, admin); empty when there is none. */
    public Map<String, Object> revivalOf(CurrentUser user, long allocationId) {
        return jdbi.withHandle(h -> {
            AllocationAccess.load(h, Visibility.of(user), allocationId, false);
            return RevivalStore.latestCase(h, allocationId).map(id -> RevivalStore.revival(h, id, today()))
                    .orElse(Map.of());
        });
    }

    /** An open case the caller may act on (their estates; admins all). */
    private static RevivalStore.CaseScope openCase(Handle h, CurrentUser user, long caseId) {
        var c = RevivalStore.caseScope(h, caseId).orElseThrow(() -> new NotFound("idle case " + caseId));
        if (!Visibility.of(user).seesEstate(c.estateCode())) {
            throw new Forbidden("this idle case is not in an estate you manage");
        }
        if (!List.of("OPEN", "NOTICE_SERVED", "REVIVAL_PLAN").contains(c.state())) {
            throw new Conflict("case_closed", "idle case " + caseId + " is closed (" + c.state() + ")");
        }
        return c;
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String code) {
        try {
            return Enum.valueOf(type, value == null ? "" : value);
        } catch (IllegalArgumentException e) {
            throw new Invalid(code, "expected one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    private static LocalDate date(String value, String code) {
        try {
            return LocalDate.parse(WholeNumber.latinDigits(value.strip()));
        } catch (DateTimeParseException e) {
            throw new Invalid(code, "dates are YYYY-MM-DD, got '" + value + "'");
        }
    }
}
