package org.zamin.idle;

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
import org.zamin.allocation.AllocationAccess;
import org.zamin.allocation.ContractRepository;
import org.zamin.allocation.ContractService;
import org.zamin.decision.Actor;
import org.zamin.decision.Decision;
import org.zamin.decision.DecisionLog;
import org.zamin.domain.Conflict;
import org.zamin.domain.Forbidden;
import org.zamin.domain.Invalid;
import org.zamin.domain.Text;
import org.zamin.domain.NotFound;
import org.zamin.inbox.Message;
import org.zamin.inbox.Notifier;

/**
 * Due process of idle cases: the officer's actions (notice, revival plan, extension, dismissal, reclaim — one
 * {@link OfficerAction} class each), the holder's reply, sub judice and plan items met. Each step checks
 * {@link DueProcess}, is checked again by the database, and is logged and notified in the same transaction.
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
        Visibility who = Visibility.of(user);
        AllocationAccess.requireStaff(who);
        return jdbi.withHandle(h -> IdleCaseStore.cases(h, who, state, openOnly, today()));
    }

    private LockedCase lock(Handle h, CurrentUser user, long caseId) {
        var row = IdleCaseStore.lock(h, caseId).orElseThrow(() -> new NotFound("idle case " + caseId));
        var a = AllocationAccess.load(h, Visibility.of(user), row.allocationId(), true);
        return new LockedCase(caseId, row.state(), row.subJudice(), IdleCaseStore.lastWarning(h, caseId, today()),
                row.replied(), a, IdleCaseStore.unmetPlan(h, caseId, today()));
    }

    /** The body of an officer's action; which fields count depends on the action. */
    public record ActionBody(String reason, Integer replyDays, Integer months, List<PlanItem> items, Integer slices) {

        /** An empty body. */
        public static ActionBody none() {
            return new ActionBody(null, null, null, null, null);
        }

        /** The body with its texts checked and stripped: the reason, and each plan item's description. */
        ActionBody checked() {
            String given = Text.optional(reason, Text.Kind.PARAGRAPH, Text.REASON_MAX, "invalid_reason", "the reason");
            List<PlanItem> plan = items == null ? null : items.stream()
                    .map(item -> item == null ? new PlanItem(null, null, null) : item.checked()).toList();
            return new ActionBody(given.isEmpty() ? null : given, replyDays, months, plan, slices);
        }
    }

    /** One item of a revival plan; {@code agency} is responsible for it (a vocabulary code, HOLDER when null). */
    public record PlanItem(String description, String dueOn, String agency) {

        PlanItem checked() {
            if (description == null) {
                return this;
            }
            return new PlanItem(Text.optional(description, Text.Kind.PARAGRAPH, Text.PLAN_ITEM_MAX,
                    "invalid_plan_item", "a plan item's description"), dueOn, agency);
        }

        LocalDate due() {
            try {
                return dueOn == null ? null : LocalDate.parse(org.zamin.domain.WholeNumber.latinDigits(dueOn.strip()));
            } catch (java.time.format.DateTimeParseException e) {
                throw new Invalid("invalid_plan_item", "dueOn must be YYYY-MM-DD");
            }
        }
    }

    /** Performs {@code action} on a case; 409 with the refusal code when due process does not allow it now. */
    public Map<String, Object> act(CurrentUser user, long caseId, CaseAction action, ActionBody given) {
        return jdbi.inTransaction(h -> act(h, user, caseId, action, given));
    }

    /** {@link #act} inside the caller's transaction (the working group's decisions take actions with their record). */
    public Map<String, Object> act(Handle h, CurrentUser user, long caseId, CaseAction action, ActionBody given) {
        AllocationAccess.requireStaff(Visibility.of(user));
        ActionBody body = given.checked();
        Actor actor = Actor.user(user.id(), user.role());
        {
            LockedCase c = lock(h, user, caseId);
            LocalDate today = today();
            DueProcess.refusal(c.view(), action, today).ifPresent(code -> {
                throw new Conflict(code, switch (code) {
                    case "cure_period_not_ended" -> "the holder may cure until " + c.cureEnd().orElse(null);
                    case "warnings_not_exhausted" -> "every warning must be served before a reclaim";
                    case "warnings_exhausted" -> "every warning was served";
                    case "case_sub_judice" -> "the case is sub judice (frozen by a court stay)";
                    case "revival_plan_not_missed" -> "the revival plan is not missed";
                    default -> "a " + c.state() + " case cannot be sent to " + action.target();
                });
            });
            var contract = ContractRepository.contract(h, c.allocation().allocationId()).orElseThrow();
            var context = new ActionContext(h, c, action, contract, body, actor, today, OffsetDateTime.now(clock),
                    log, notifier, contracts);
            Map<String, Object> out = new LinkedHashMap<>(OfficerAction.of(action, body).perform(context));
            out.put("id", caseId);
            out.put("state", action.target().name());
            return out;
        }
    }

    /** The holder replies to a notice (once, until the case is decided). */
    public Map<String, Object> reply(CurrentUser user, long caseId, String text) {
        String reply = Text.required(text, Text.Kind.PARAGRAPH, Text.REPLY_MAX, "invalid_reply", "a reply");
        return jdbi.inTransaction(h -> {
            LockedCase c = lock(h, user, caseId);
            if (!Visibility.of(user).isOwner(c.allocation().investorId())) {
                throw new Forbidden("only the holder replies to a notice");
            }
            if (c.state() != CaseState.NOTICE_SERVED) {
                throw new Conflict("illegal_transition", "there is no notice to reply to");
            }
            if (c.replied()) {
                throw new Conflict("already_replied", "the notice was already answered");
            }
            OffsetDateTime now = OffsetDateTime.now(clock);
            IdleCaseStore.reply(h, caseId, reply, now);
            var a = c.allocation();
            log.append(h, Decision.of(Actor.user(user.id(), user.role()), "idle_case.replied", "idle_case",
                    Long.toString(caseId)).withEstate(a.estateCode()).withParcels(a.parcelIds())
                    .withPrivateDetails(Map.of("reply", reply)));
            notifier.notifyOfficers(h, a.estateCode(), "idle_reply", Message.of("notice.idleReply",
                    Map.of("allocation", a.allocationId(), "reply", reply)), "#/idle");
            return Map.<String, Object>of("id", caseId, "replied", true);
        });
    }

    /**
     * Charges the idle fee for the days since the last charge (or since the case opened) until today, on the
     * contract's land price at the rules' rate; 409 {@code idle_fee_off} when the rules have no fee.
     */
    public Map<String, Object> chargeFee(CurrentUser user, long caseId) {
        AllocationAccess.requireStaff(Visibility.of(user));
        return jdbi.inTransaction(h -> new ChargeIdleFee().perform(h, lock(h, user, caseId),
                Actor.user(user.id(), user.role()), today(), OffsetDateTime.now(clock), log, notifier));
    }

    /** Marks or lifts sub judice (a court stay): while marked, no action changes the case and scans leave it. */
    public Map<String, Object> subJudice(CurrentUser user, long caseId, boolean on, String reasonGiven) {
        AllocationAccess.requireStaff(Visibility.of(user));
        String given = Text.optional(reasonGiven, Text.Kind.PARAGRAPH, Text.REASON_MAX, "invalid_reason", "the reason");
        String reason = given.isEmpty() ? null : given;
        return jdbi.inTransaction(h -> {
            LockedCase c = lock(h, user, caseId);
            if (!c.state().isOpen()) {
                throw new Conflict("illegal_transition", "the case is closed");
            }
            if (c.subJudice() == on) {
                throw new Conflict("unchanged", on ? "already sub judice" : "not sub judice");
            }
            IdleCaseStore.subJudice(h, caseId, on, OffsetDateTime.now(clock));
            var a = c.allocation();
            log.append(h, Decision.of(Actor.user(user.id(), user.role()),
                    on ? "idle_case.sub_judice" : "idle_case.stay_lifted", "idle_case", Long.toString(caseId))
                    .withEstate(a.estateCode()).withParcels(a.parcelIds()).withReason(reason));
            return Map.<String, Object>of("id", caseId, "subJudice", on);
        });
    }

    /** An officer records that a revival-plan item was met. */
    public Map<String, Object> planItemMet(CurrentUser user, long caseId, long itemId, LocalDate on) {
        AllocationAccess.requireStaff(Visibility.of(user));
        return jdbi.inTransaction(h -> {
            LockedCase c = lock(h, user, caseId);
            if (c.subJudice()) {
                throw new Conflict("case_sub_judice", "the case is sub judice");
            }
            if (!IdleCaseStore.planItemMet(h, caseId, itemId, on)) {
                throw new NotFound("open plan item " + itemId);
            }
            log.append(h, Decision.of(Actor.user(user.id(), user.role()), "idle_case.plan_item_met", "idle_case",
                    Long.toString(caseId)).withEstate(c.allocation().estateCode())
                    .withPublicDetails(Map.of("item", itemId, "on", on.toString())));
            return Map.<String, Object>of("id", itemId, "metOn", on);
        });
    }
}
