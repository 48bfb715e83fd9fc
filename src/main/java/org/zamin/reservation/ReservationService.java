package org.zamin.reservation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zamin.account.CurrentUser;
import org.zamin.account.Visibility;
import org.zamin.db.Batcher;
import org.zamin.db.Transactions;
import org.zamin.decision.Actor;
import org.zamin.decision.Decision;
import org.zamin.decision.DecisionLog;
import org.zamin.decision.SystemReason;
import org.zamin.domain.Conflict;
import org.zamin.domain.DomainException;
import org.zamin.domain.Forbidden;
import org.zamin.domain.Invalid;
import org.zamin.domain.NotFound;
import org.zamin.domain.Text;
import org.zamin.inbox.Message;
import org.zamin.inbox.Notifier;
import org.zamin.parcel.ParcelStatus;
import org.zamin.parcel.ParcelStatusWriter;

/**
 * Reservations: an investor holds available plots (one, or several adjacent ones, all or nothing), pays the deposit,
 * and an officer of the estate approves (an allocation) or rejects (plots freed, deposit refunded). Each change and
 * the plots' status change commit together with their decision-log entry; conflicting requests are settled by row
 * locks and, in the last resort, by the one-active-reservation-per-plot index.
 */
public final class ReservationService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReservationService.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How long a hold lasts before its deposit must be paid. */
    public static final Duration HOLD = Duration.ofHours(72);
    /** Open (held or submitted) reservations one investor may have at once. */
    public static final int OPEN_CAP = 3;
    /** Plots one reservation may take together. */
    public static final int MAX_PLOTS = 10;
    /** The deposit, in per mille of the plots' land price. */
    public static final int DEPOSIT_PER_MILLE = 20;
    /** The largest planned investment one application may state, in rials (10^15; the database holds the same). */
    public static final long MAX_INVESTMENT = 1_000_000_000_000_000L;
    /** How long after an investor's hold on a plot lapsed before they may hold that plot again, by default. */
    public static final Duration DEFAULT_COOLDOWN = Duration.ofHours(24);
    /** Up to this many applications go to the database together. */
    private static final int MAX_HOLD_BATCH = 100;

    private final Jdbi jdbi;
    private final DecisionLog decisions;
    private final PaymentGateway gateway;
    private final Clock clock;
    private final Notifier notifier;
    private final Duration cooldown;
    private final ReservationRepository repo = new ReservationRepository();
    private final Batcher<ReservationRepository.HoldRequest, ReservationRepository.HoldAnswer> holds;

    /** With the cool-down after a lapsed hold ({@code ZAMIN_HOLD_COOLDOWN_HOURS}). */
    public ReservationService(Jdbi jdbi, DecisionLog decisions, PaymentGateway gateway, Notifier notifier, Clock clock,
            Duration cooldown) {
        this.cooldown = cooldown;
        this.jdbi = jdbi;
        this.notifier = notifier;
        this.decisions = decisions;
        this.gateway = gateway;
        this.clock = clock;
        this.holds = new Batcher<>("reservation-holds", MAX_HOLD_BATCH, this::holdAll);
    }

    /** Stops taking new applications. */
    @Override
    public void close() {
        holds.close();
    }

    /** Applications waiting for the hold desk's next batch (for metrics). */
    public int holdsQueued() {
        return holds.queued();
    }

    /** Tells {@code observer} how many applications each batch of the hold desk took together (for metrics). */
    public void observeHoldBatches(java.util.function.IntConsumer observer) {
        holds.observeBatchSizes(observer);
    }

    /** An application as the investor sends it. */
    public record NewReservation(List<Long> parcelIds, String activity, Long investment, Integer jobs,
            Boolean knowledgeBased) {}

    /**
     * A reservation made: {@link HoldOutcome#HELD} now, or {@link HoldOutcome#REPLAY} of the first answer to the same
     * request under the same Idempotency-Key; {@code body} is the reservation document as it was when first held.
     */
    public record Answer(HoldOutcome outcome, String body) {

        /** Whether this answer repeats an earlier one. */
        public boolean replayed() {
            return outcome == HoldOutcome.REPLAY;
        }
    }

    /**
     * Creates a HELD reservation; the same key and body again gives the same answer and no second reservation.
     * Applications that arrive together are taken together, in arrival order, in one transaction (see
     * {@link Batcher}); the rules of a hold are {@code reservation_hold_set} (R__reservation_hold.sql).
     */
    public Answer create(CurrentUser investor, String idempotencyKey, NewReservation request) {
        NewReservation r = validate(request);
        ReservationRepository.HoldAnswer answer;
        try {
            answer = holds.submit(new ReservationRepository.HoldRequest(investor.id(), idempotencyKey,
                    sha256(canonical(r)), r));
        } catch (RuntimeException e) {
            if ("reservation_parcel_one_active".equals(Transactions.constraint(e))) {
                throw new Conflict("parcel_not_available", "a requested plot was reserved by someone else");
            }
            throw e;
        }
        return switch (answer.outcome()) {
            case HELD, REPLAY -> new Answer(answer.outcome(), answer.body());
            case KEY_REUSED -> throw new Invalid("idempotency_key_reused",
                    "this Idempotency-Key was used for a different request");
            case UNAVAILABLE -> throw notAllAvailable(answer.parcels(), r.parcelIds());
            case DIFFERENT_ESTATES -> throw new Invalid("parcels_not_adjacent",
                    "plots of different estates cannot be reserved together");
            case NOT_ADJACENT -> throw new Invalid("parcels_not_adjacent",
                    "plots reserved together must form one block of neighbouring plots");
            case CAP -> throw new Conflict("reservation_cap", "you already have " + OPEN_CAP
                    + " open reservations; withdraw one or wait for a decision");
            case UNVERIFIED -> throw new Forbidden("investor_unverified", "only verified investors who paid the "
                    + "open-offer deposit may hold plots; missing: " + String.join(", ", answer.missing()));
            case COOLDOWN -> throw new Conflict("hold_cooldown", "your hold on this plot lapsed less than "
                    + cooldown.toHours() + " hours ago; you may hold it again after that");
        };
    }

    /** A batch of applications in one transaction; retried whole on a serialization failure or deadlock. */
    private List<ReservationRepository.HoldAnswer> holdAll(List<ReservationRepository.HoldRequest> requests) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return Transactions.retrying(jdbi, h -> repo.holdMany(h, requests, OPEN_CAP, DEPOSIT_PER_MILLE, now,
                now.plus(HOLD), cooldown));
    }

    /** Why plots cannot be held: an unknown id, or a plot that is not AVAILABLE. */
    private static DomainException notAllAvailable(List<ReservationRepository.PlotState> states, List<Long> requested) {
        List<Long> missing = new ArrayList<>(requested);
        states.forEach(p -> missing.remove((Long) p.id()));
        if (!missing.isEmpty()) {
            return new Invalid("unknown_parcel", "no plot with id " + missing.get(0));
        }
        return states.stream().filter(p -> !"AVAILABLE".equals(p.status())).findFirst()
                .map(taken -> (DomainException) new Conflict("parcel_not_available",
                        "plot " + taken.plotNumber() + " (id " + taken.id() + ") is " + taken.status()))
                // Every plot reads AVAILABLE again: the one we missed was freed the moment after we tried.
                .orElseGet(() -> new Conflict("parcel_not_available",
                        "a requested plot was being reserved by someone else; try again"));
    }

    /** One reservation's document, if the user may see it: not found for another investor's, forbidden for another estate's officer. */
    public String get(CurrentUser user, long id) {
        return jdbi.withHandle(h -> {
            var owner = repo.owner(h, id).orElseThrow(() -> new NotFound("reservation " + id));
            checkCanSee(Visibility.of(user), id, owner.investorId(), owner.estateCode());
            return repo.json(h, id, null, null, List.of(), 1).get(0);
        });
    }

    /** The reservations a user may see: an investor's own, an officer's estates', all for an admin. */
    public String list(CurrentUser user, List<String> statuses, int limit) {
        Visibility who = Visibility.of(user);
        if (!who.isOwner(user.id()) && !who.actsOnEstates()) {
            throw new Forbidden("planners do not see individual applications");
        }
        var rows = jdbi.withHandle(h -> repo.json(h, null, who.ownerIdOrNull(), who.estateCodesOrNull(), statuses,
                limit));
        return "{\"reservations\":[" + String.join(",", rows) + "]}";
    }

    /** Pays the deposit of a HELD reservation through the gateway → SUBMITTED. A lapsed hold expires instead (409). */
    public String pay(CurrentUser investor, long id) {
        boolean[] lapsed = {false};
        String body = Transactions.retrying(jdbi, h -> {
            var r = lockOwned(h, investor, id);
            Instant now = clock.instant();
            if (r.status() == ReservationStatus.HELD && !now.isBefore(r.holdExpiresAt())) {
                expireIn(h, r, now);
                lapsed[0] = true;
                return null;
            }
            requireTransition(r, ReservationStatus.SUBMITTED);
            submit(h, investor.id(), investor.role(), r, gateway.charge(r.id(), r.depositAmount()));
            return repo.json(h, id, null, null, List.of(), 1).get(0);
        });
        if (lapsed[0]) {
            throw new Conflict("hold_expired", "the hold on this reservation has expired; the plots are free again");
        }
        return body;
    }

    /** A deposit the investor is about to pay on the gateway's page: the reservation and its amount. */
    public record DepositDue(long reservationId, long amount) {}

    /**
     * What the investor pays for the deposit of their HELD reservation: refused unless it is theirs and HELD; a
     * lapsed hold expires instead (409).
     */
    public DepositDue depositDue(CurrentUser investor, long id) {
        boolean[] lapsed = {false};
        DepositDue due = Transactions.retrying(jdbi, h -> {
            var r = lockOwned(h, investor, id);
            Instant now = clock.instant();
            if (r.status() == ReservationStatus.HELD && !now.isBefore(r.holdExpiresAt())) {
                expireIn(h, r, now);
                lapsed[0] = true;
                return null;
            }
            requireTransition(r, ReservationStatus.SUBMITTED);
            return new DepositDue(r.id(), r.depositAmount());
        });
        if (lapsed[0]) {
            throw new Conflict("hold_expired", "the hold on this reservation has expired; the plots are free again");
        }
        return due;
    }

    /**
     * The gateway confirmed the deposit of reservation {@code id} paid by {@code payerId}, in the caller's
     * transaction: a HELD reservation becomes SUBMITTED and the decision's seq is returned; a reservation no longer
     * HELD (its hold lapsed while the payer was on the gateway's page) takes nothing, the payment is refund due, and
     * the answer is empty.
     */
    public java.util.OptionalLong depositConfirmed(Handle h, long id, long payerId, PaymentGateway.Receipt receipt) {
        var r = repo.lock(h, id).orElseThrow(() -> new NotFound("reservation " + id));
        if (r.investorId() != payerId || r.status() != ReservationStatus.HELD) {
            return java.util.OptionalLong.empty();
        }
        return java.util.OptionalLong.of(submit(h, payerId, org.zamin.account.Role.INVESTOR, r, receipt));
    }

    private long submit(Handle h, long payerId, org.zamin.account.Role role, ReservationRepository.Locked r,
            PaymentGateway.Receipt receipt) {
        repo.insertPayment(h, r.id(), receipt);
        repo.setStatus(h, r.id(), ReservationStatus.SUBMITTED, clock.instant(), null, null);
        return decisions.append(h, Decision.of(Actor.user(payerId, role), "reservation.submitted", "reservation",
                        String.valueOf(r.id())).withEstate(r.estateCode()).withParcels(r.parcelIds())
                .withTransition(r.status().name(), ReservationStatus.SUBMITTED.name())
                .withPublicDetails(Map.of("depositPaid", true, "sandbox", receipt.sandbox()))
                .withPrivateDetails(Map.of("gateway", receipt.gateway(), "receipt", receipt.reference(),
                        "amount", receipt.amount())));
    }

    /** The investor withdraws a HELD or SUBMITTED reservation: plots freed, a paid deposit marked for refund. */
    public String withdraw(CurrentUser investor, long id) {
        return Transactions.retrying(jdbi, h -> {
            var r = lockOwned(h, investor, id);
            requireTransition(r, ReservationStatus.WITHDRAWN);
            Instant now = clock.instant();
            repo.setStatus(h, r.id(), ReservationStatus.WITHDRAWN, now, null, null);
            ParcelStatusWriter.change(h, r.parcelIds(), ParcelStatus.AVAILABLE, ParcelStatus.RESERVED);
            boolean refund = repo.markRefundDue(h, r.id());
            decisions.append(h, decision(investor, "reservation.withdrawn", r, ReservationStatus.WITHDRAWN)
                    .withPublicDetails(Map.of("parcelStatus", "AVAILABLE", "refund", refund ? "DUE" : "NONE")));
            return repo.json(h, id, null, null, List.of(), 1).get(0);
        });
    }

    /** An officer of the estate approves a SUBMITTED reservation: an allocation, and the plots ALLOCATED. */
    public String approve(CurrentUser officer, long id) {
        return Transactions.retrying(jdbi, h -> {
            var r = lockManaged(h, officer, id);
            requireTransition(r, ReservationStatus.APPROVED);
            Instant now = clock.instant();
            repo.setStatus(h, r.id(), ReservationStatus.APPROVED, now, officer.id(), null);
            ParcelStatusWriter.change(h, r.parcelIds(), ParcelStatus.ALLOCATED, ParcelStatus.RESERVED);
            long allocation = repo.insertAllocation(h, r, now);
            decisions.append(h, decision(officer, "reservation.approved", r, ReservationStatus.APPROVED)
                    .withPublicDetails(Map.of("allocationId", allocation, "parcelStatus", "ALLOCATED")));
            notifier.notify(h, r.investorId(), "reservation_approved", Message.of("notice.reservationApproved",
                    Map.of("reservation", r.id(), "allocation", allocation)), "#/contract/" + allocation);
            return repo.json(h, id, null, null, List.of(), 1).get(0);
        });
    }

    /** An officer of the estate rejects a SUBMITTED reservation with a reason: plots AVAILABLE, deposit refund due. */
    public String reject(CurrentUser officer, long id, String reason) {
        String why = Text.reason(reason, Text.REASON_MAX);
        return Transactions.retrying(jdbi, h -> {
            var r = lockManaged(h, officer, id);
            requireTransition(r, ReservationStatus.REJECTED);
            Instant now = clock.instant();
            repo.setStatus(h, r.id(), ReservationStatus.REJECTED, now, officer.id(), why);
            ParcelStatusWriter.change(h, r.parcelIds(), ParcelStatus.AVAILABLE, ParcelStatus.RESERVED);
            boolean refund = repo.markRefundDue(h, r.id());
            decisions.append(h, decision(officer, "reservation.rejected", r, ReservationStatus.REJECTED)
                    .withReason(why)
                    .withPublicDetails(Map.of("parcelStatus", "AVAILABLE", "refund", refund ? "DUE" : "NONE")));
            notifier.notify(h, r.investorId(), "reservation_rejected", Message.of(refund
                    ? "notice.reservationRejectedRefund" : "notice.reservationRejected",
                    Map.of("reservation", r.id(), "reason", why)), "#/applications");
            return repo.json(h, id, null, null, List.of(), 1).get(0);
        });
    }

    /** Expires every hold whose time is up (as of the clock), freeing its plots; returns how many. */
    public int expireDueHolds() {
        int expired = 0;
        while (true) {
            List<Long> due = jdbi.withHandle(h -> repo.dueHolds(h, clock.instant(), 200));
            int before = expired;
            for (long id : due) {
                boolean done = Transactions.retrying(jdbi, h -> {
                    var r = repo.lock(h, id).orElse(null);
                    Instant now = clock.instant();
                    if (r == null || r.status() != ReservationStatus.HELD || now.isBefore(r.holdExpiresAt())) {
                        return false;
                    }
                    expireIn(h, r, now);
                    return true;
                });
                expired += done ? 1 : 0;
            }
            if (due.size() < 200 || expired == before) {
                break;
            }
        }
        if (expired > 0) {
            log.info("expired {} reservation holds", expired);
        }
        return expired;
    }

    private void expireIn(Handle h, ReservationRepository.Locked r, Instant now) {
        repo.setStatus(h, r.id(), ReservationStatus.EXPIRED, now, null, null);
        ParcelStatusWriter.change(h, r.parcelIds(), ParcelStatus.AVAILABLE, ParcelStatus.RESERVED);
        decisions.append(h, Decision.of(Actor.SYSTEM, "reservation.expired", "reservation", String.valueOf(r.id()))
                .withEstate(r.estateCode()).withParcels(r.parcelIds())
                .withTransition(r.status().name(), ReservationStatus.EXPIRED.name())
                .withReason(SystemReason.HOLD_DEPOSIT_UNPAID.text())
                .withPublicDetails(Map.of("parcelStatus", "AVAILABLE", "plots", r.plotNumbers())));
        notifier.notifyOnce(h, "reservation:" + r.id(), r.investorId(), "hold_expired",
                Message.of("notice.holdExpired", Map.of("reservation", r.id())), "#/applications");
    }

    /** How long before a hold ends its holder is reminded to pay the deposit. */
    public static final Duration HOLD_REMINDER = Duration.ofHours(24);

    /**
     * Reminds each holder whose hold ends within {@link #HOLD_REMINDER} (as of the clock) to pay, once per
     * reservation whichever server sends it; returns how many were reminded.
     */
    public int remindEndingHolds() {
        Instant now = clock.instant();
        return Transactions.retrying(jdbi, h -> {
            int sent = 0;
            for (var hold : repo.endingHolds(h, now, now.plus(HOLD_REMINDER), 500)) {
                String endsOn = hold.endsAt().atOffset(java.time.ZoneOffset.UTC).toLocalDate().toString();
                sent += notifier.notifyOnce(h, "reservation:" + hold.id(), hold.investorId(), "hold_ending",
                        Message.of("notice.holdEnding", Map.of("reservation", hold.id(), "endsOn", endsOn,
                                "hours", java.time.Duration.between(now, hold.endsAt()).toHours())),
                        "#/applications") ? 1 : 0;
            }
            return sent;
        });
    }

    private ReservationRepository.Locked lockOwned(Handle h, CurrentUser investor, long id) {
        var r = repo.lock(h, id).orElseThrow(() -> new NotFound("reservation " + id));
        if (!Visibility.of(investor).isOwner(r.investorId())) {
            throw new NotFound("reservation " + id);
        }
        return r;
    }

    private ReservationRepository.Locked lockManaged(Handle h, CurrentUser officer, long id) {
        var r = repo.lock(h, id).orElseThrow(() -> new NotFound("reservation " + id));
        if (!Visibility.of(officer).seesEstate(r.estateCode())) {
            throw new Forbidden("you do not manage estate " + r.estateCode());
        }
        return r;
    }

    private static void checkCanSee(Visibility who, long id, long investorId, String estateCode) {
        if (who.seesRecord(investorId, estateCode)) {
            return;
        }
        if (!who.isStaff()) {
            throw new NotFound("reservation " + id);
        }
        throw new Forbidden(who.actsOnEstates() ? "you do not manage estate " + estateCode
                : "planners do not see individual applications");
    }

    private static void requireTransition(ReservationRepository.Locked r, ReservationStatus to) {
        if (!r.status().canBecome(to)) {
            throw new Conflict("illegal_transition",
                    "reservation " + r.id() + " is " + r.status() + " and cannot become " + to);
        }
    }

    private static Decision decision(CurrentUser user, String action, ReservationRepository.Locked r,
            ReservationStatus to) {
        return Decision.of(Actor.user(user.id(), user.role()), action, "reservation", String.valueOf(r.id()))
                .withEstate(r.estateCode()).withParcels(r.parcelIds())
                .withTransition(r.status().name(), to.name());
    }

    static NewReservation validate(NewReservation r) {
        if (r.parcelIds() == null || r.parcelIds().isEmpty() || r.parcelIds().stream().anyMatch(id -> id == null || id <= 0)) {
            throw new Invalid("invalid_parcels", "parcelIds must list one or more plot ids");
        }
        List<Long> ids = ReservationRepository.sortedDistinct(r.parcelIds());
        if (ids.size() > MAX_PLOTS) {
            throw new Invalid("invalid_parcels", "at most " + MAX_PLOTS + " plots in one reservation");
        }
        if (r.activity() == null || !r.activity().strip().matches("[0-9]{4}")) {
            throw new Invalid("invalid_activity", "activity must be a four-digit ISIC Rev. 4 class, e.g. 1079");
        }
        if (r.investment() == null || r.investment() < 0 || r.investment() > MAX_INVESTMENT) {
            throw new Invalid("invalid_investment", "investment must be a whole amount of rials from 0 to "
                    + MAX_INVESTMENT);
        }
        if (r.jobs() == null || r.jobs() < 0 || r.jobs() > 1_000_000) {
            throw new Invalid("invalid_jobs", "jobs must be a whole number from 0 to 1,000,000");
        }
        return new NewReservation(ids, r.activity().strip(), r.investment(), r.jobs(),
                r.knowledgeBased() != null && r.knowledgeBased());
    }

    private static String canonical(NewReservation r) {
        try {
            return JSON.writeValueAsString(r);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
