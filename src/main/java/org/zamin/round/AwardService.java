package org.zamin.round;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zamin.account.CurrentUser;
import org.zamin.db.Transactions;
import org.zamin.decision.Actor;
import org.zamin.decision.Decision;
import org.zamin.decision.DecisionLog;
import org.zamin.decision.SystemReason;
import org.zamin.domain.Conflict;
import org.zamin.domain.NotFound;
import org.zamin.inbox.Message;
import org.zamin.inbox.Notifier;
import org.zamin.parcel.ParcelStatus;
import org.zamin.parcel.ParcelStatusWriter;
import org.zamin.reservation.PaymentGateway;
import org.zamin.reservation.ReservationService;

/**
 * The deposit holds of a closed round's awards. The close opens a DUE hold for each published winner, to be paid
 * through the gateway by the end of the objection window plus the offer's {@code payment_days}; the deposit is the
 * plot's price under the winner's category policy (as the offer published it; free land costs nothing) ×
 * {@link ReservationService#DEPOSIT_PER_MILLE} / 1000, as a reservation's. A paid hold is PAID and, once the
 * objection window is over (at once when paid after it, else by the sweep's {@link #allocateDue}), becomes an
 * allocation of its plot to its winner through the same database function as an approved reservation's, whose
 * contract, milestones and instalments follow the policy; the plot is ALLOCATED and the winner told. A hold unpaid at its deadline LAPSES (swept, or when its winner
 * tries to pay late) and the plot passes, on the decision log, to the next applicant in the published allocation
 * order who may use the plot and has never held a plot of the round; with nobody left it returns to AVAILABLE. The
 * published document is never rewritten: each pass-on names it by its SHA-256.
 */
public final class AwardService {

    private static final Logger log = LoggerFactory.getLogger(AwardService.class);
    private static final int SWEEP_BATCH = 200;

    private final Jdbi jdbi;
    private final DecisionLog decisions;
    private final PaymentGateway gateway;
    private final Notifier notifier;
    private final Clock clock;
    private final AwardRepository repo = new AwardRepository();
    private final RoundRepository rounds = new RoundRepository();

    public AwardService(Jdbi jdbi, DecisionLog decisions, PaymentGateway gateway, Notifier notifier, Clock clock) {
        this.jdbi = jdbi;
        this.decisions = decisions;
        this.gateway = gateway;
        this.notifier = notifier;
        this.clock = clock;
    }

    /** In the closing transaction (the offer already CLOSED): opens the winners' holds and tells each winner. */
    int openHolds(Handle h, long offerId, Instant now) {
        List<Long> ids = repo.open(h, offerId, ReservationService.DEPOSIT_PER_MILLE, now);
        for (long id : ids) {
            var hold = repo.lock(h, id).orElseThrow();
            notifyHolder(h, hold, "round_award_due", "notice.roundAwardDue");
        }
        return ids.size();
    }

    /**
     * In an amendment's transaction: makes the holds agree with the plots whose winner the amendment changed
     * ({@code changed}: plot → its new winner, null for nobody). A DUE hold on such a plot is REVOKED by the amendment
     * and its holder told; the new winner gets a DUE hold and is told; a plot nobody wins any more is AVAILABLE again,
     * a plot won anew is RESERVED. Refuses (409) to take a plot whose deposit is PAID, or one no longer AVAILABLE.
     */
    void amend(Handle h, long offerId, long amendmentId, Map<Long, Long> changed, Instant now) {
        Set<Long> held = new HashSet<>();
        List<Long> freed = new ArrayList<>();
        for (var hold : repo.live(h, offerId)) {
            if (!changed.containsKey(hold.parcelId())) {
                continue;
            }
            held.add(hold.parcelId());
            if ("PAID".equals(hold.state())) {
                throw new Conflict("award_paid", "the deposit of plot " + hold.parcelId() + " is paid: the amended "
                        + "result cannot take it from its holder");
            }
            var revoked = repo.lock(h, hold.id()).orElseThrow();
            repo.revoke(h, hold.id(), amendmentId, now);
            notifyHolder(h, revoked, "round_award_revoked", "notice.roundAwardRevoked");
            if (changed.get(hold.parcelId()) == null) {
                freed.add(hold.parcelId());
            }
        }
        List<Long> reserve = new ArrayList<>();
        for (var plot : new TreeSet<>(changed.keySet())) {
            Long winner = changed.get(plot);
            if (winner == null) {
                continue;
            }
            if (!held.contains(plot)) {
                reserve.add(plot);
            }
            long id = repo.openOne(h, offerId, plot, winner, ReservationService.DEPOSIT_PER_MILLE, now);
            notifyHolder(h, repo.lock(h, id).orElseThrow(), "round_award_due", "notice.roundAwardDue");
        }
        if (reserve.size() != ParcelStatusWriter.change(h, reserve, ParcelStatus.RESERVED, ParcelStatus.AVAILABLE)
                .size()) {
            throw new Conflict("parcel_not_available", "a plot the amended result awards is no longer AVAILABLE");
        }
        ParcelStatusWriter.change(h, freed, ParcelStatus.AVAILABLE, ParcelStatus.RESERVED);
    }

    /** The winner pays their award's deposit through the gateway → PAID; late, the hold lapses instead (409). */
    public String pay(CurrentUser investor, long offerId) {
        boolean[] lapsed = {false};
        String body;
        try {
            body = Transactions.retrying(jdbi, h -> {
                var hold = repo.lockOf(h, offerId, investor.id())
                        .orElseThrow(() -> new NotFound("award of offer " + offerId));
                if ("PAID".equals(hold.state())) {
                    throw alreadyPaid(offerId);
                }
                if ("LAPSED".equals(hold.state())) {
                    throw lapsed(offerId);
                }
                if ("REVOKED".equals(hold.state())) {
                    throw new Conflict("award_revoked", "your award in offer " + offerId
                            + " was revoked by an upheld objection's amended result");
                }
                Instant now = clock.instant();
                if (!now.isBefore(hold.payBy())) {
                    lapseIn(h, hold, now);
                    lapsed[0] = true;
                    return null;
                }
                var receipt = gateway.charge("A" + hold.id(), hold.depositAmount());
                repo.pay(h, hold.id(), receipt);
                decisions.append(h, Decision.of(Actor.user(investor.id(), investor.role()), "round_award.paid",
                                "round_award_hold", String.valueOf(hold.id()))
                        .withEstate(hold.estateCode()).withParcels(List.of(hold.parcelId()))
                        .withTransition("DUE", "PAID")
                        .withPublicDetails(Map.of("offerId", offerId, "applicationId", hold.applicationId(),
                                "depositPaid", true, "sandbox", receipt.sandbox()))
                        .withPrivateDetails(Map.of("gateway", receipt.gateway(), "receipt", receipt.reference(),
                                "amount", receipt.amount())));
                // dated no earlier than the payment it follows (the guard refuses an allocation before its deposit)
                Instant allocatedAt = receipt.paidAt().isAfter(now) ? receipt.paidAt() : now;
                if (!allocatedAt.isBefore(hold.objectionsEnd())) {
                    allocateIn(h, hold, Actor.user(investor.id(), investor.role()), allocatedAt);
                }
                return repo.json(h, hold.id(), null).get(0);
            });
        } catch (RuntimeException e) {
            String constraint = Transactions.constraint(e);
            if ("round_award_hold_paid_in_time".equals(constraint)) {
                throw lapsed(offerId);
            }
            if ("round_award_hold_settled".equals(constraint)) {
                throw alreadyPaid(offerId);
            }
            throw e;
        }
        if (lapsed[0]) {
            throw lapsed(offerId);
        }
        return body;
    }

    /** A closed round's award holds, for everyone: plot, application, state and deadlines (no receipts). */
    public String list(long offerId) {
        List<String> rows = jdbi.withHandle(h -> repo.json(h, null, offerId));
        return "{\"awards\":[" + String.join(",", rows) + "]}";
    }

    /** Lapses every DUE hold whose deadline has passed (as of the clock), passing its plot on; returns how many. */
    public int lapseDue() {
        int lapsed = 0;
        while (true) {
            List<Long> due = jdbi.withHandle(h -> repo.due(h, clock.instant(), SWEEP_BATCH));
            int before = lapsed;
            for (long id : due) {
                boolean done = Transactions.retrying(jdbi, h -> {
                    var hold = repo.lock(h, id).orElse(null);
                    Instant now = clock.instant();
                    if (hold == null || !"DUE".equals(hold.state()) || now.isBefore(hold.payBy())) {
                        return false;
                    }
                    lapseIn(h, hold, now);
                    return true;
                });
                lapsed += done ? 1 : 0;
            }
            if (due.size() < SWEEP_BATCH || lapsed == before) {
                break;
            }
        }
        if (lapsed > 0) {
            log.info("lapsed {} unpaid round award holds", lapsed);
        }
        return lapsed;
    }

    /**
     * Allocates every PAID hold whose objection window has ended (as of the clock) and that has no allocation yet;
     * returns how many. Run by the hold sweep after {@link #lapseDue}.
     */
    public int allocateDue() {
        int allocated = 0;
        while (true) {
            List<Long> due = jdbi.withHandle(h -> repo.allocatable(h, null, clock.instant(), SWEEP_BATCH));
            int before = allocated;
            for (long id : due) {
                boolean done = Transactions.retrying(jdbi, h -> {
                    var hold = repo.lock(h, id).orElse(null);
                    Instant now = clock.instant();
                    if (hold == null || repo.allocatable(h, id, now, 1).isEmpty()) {
                        return false;
                    }
                    allocateIn(h, hold, Actor.SYSTEM, now);
                    return true;
                });
                allocated += done ? 1 : 0;
            }
            if (due.size() < SWEEP_BATCH || allocated == before) {
                break;
            }
        }
        if (allocated > 0) {
            log.info("allocated the plots of {} paid round awards", allocated);
        }
        return allocated;
    }

    /**
     * A PAID hold becomes an allocation of its plot to its winner (its contract written at commit by the database, as
     * a reservation's): the plot ALLOCATED, one decision-log entry, and the winner told once (inbox and e-mail).
     */
    private void allocateIn(Handle h, AwardRepository.Hold hold, Actor actor, Instant now) {
        var made = repo.allocate(h, hold.id(), now);
        if (ParcelStatusWriter.change(h, List.of(hold.parcelId()), ParcelStatus.ALLOCATED, ParcelStatus.RESERVED)
                .size() != 1) {
            throw new Conflict("parcel_not_reserved", "plot " + hold.plotNumber() + " is no longer RESERVED for "
                    + "its award");
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("offerId", hold.offerId());
        details.put("awardHoldId", hold.id());
        details.put("applicationId", hold.applicationId());
        details.put("allocationId", made.allocationId());
        details.put("policy", made.policy());
        details.put("parcelStatus", "ALLOCATED");
        decisions.append(h, Decision.of(actor, "round_award.allocated", "allocation",
                        String.valueOf(made.allocationId()))
                .withEstate(hold.estateCode()).withParcels(List.of(hold.parcelId()))
                .withTransition("PAID", "ALLOCATED")
                .withPublicDetails(details));
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("offer", hold.offerId());
        params.put("plot", hold.plotNumber());
        params.put("allocation", made.allocationId());
        notifier.notifyOnce(h, "round_award_allocation:" + hold.id(), hold.investorId(), "round_award_allocated",
                Message.of("notice.roundAwardAllocated", params), "#/contract/" + made.allocationId());
    }

    /** Lapses a DUE hold and passes its plot to the next in line, or back to AVAILABLE; one decision-log entry. */
    private void lapseIn(Handle h, AwardRepository.Hold hold, Instant now) {
        // one pass-on at a time per round, so two lapses never offer their plots to the same applicant
        rounds.lock(h, hold.offerId()).orElseThrow();
        repo.lapse(h, hold.id(), now);
        notifyHolder(h, hold, "round_award_lapsed", "notice.roundAwardLapsed");
        var line = repo.line(h, hold.offerId());
        Optional<Long> next = nextInLine(line, hold.parcelId());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("offerId", hold.offerId());
        details.put("documentSha256", line.documentSha256());
        details.put("lapsedHoldId", hold.id());
        details.put("lapsedApplicationId", hold.applicationId());
        details.put("plot", hold.plotNumber());
        Decision entry = Decision.of(Actor.SYSTEM, "round_award.lapsed", "round_award_hold",
                        String.valueOf(hold.id()))
                .withEstate(hold.estateCode()).withParcels(List.of(hold.parcelId()))
                .withTransition("DUE", "LAPSED")
                .withReason(SystemReason.AWARD_DEPOSIT_UNPAID.text());
        if (next.isPresent()) {
            Instant payBy = now.plus(Duration.ofDays(line.paymentDays()));
            long passed = repo.pass(h, hold.id(), next.get(), ReservationService.DEPOSIT_PER_MILLE, now, payBy);
            details.put("passedToApplicationId", next.get());
            details.put("passedToHoldId", passed);
            details.put("payBy", payBy.toString());
            decisions.append(h, entry.withPublicDetails(details));
            notifyHolder(h, repo.lock(h, passed).orElseThrow(), "round_award_passed", "notice.roundAwardPassed");
        } else {
            ParcelStatusWriter.change(h, List.of(hold.parcelId()), ParcelStatus.AVAILABLE, ParcelStatus.RESERVED);
            details.put("parcelStatus", "AVAILABLE");
            decisions.append(h, entry.withPublicDetails(details));
        }
    }

    /**
     * The next in line for a plot: the first applicant in the published allocation order (qualified applicants by
     * score, then lottery rank) whose eligible ranked plots include it and who has never held a plot of the round.
     */
    static Optional<Long> nextInLine(AwardRepository.Line line, long plot) {
        return RoundDocument.parse(line.document()).result().applicants().stream()
                .filter(a -> a.order() != null && a.eligiblePlots().contains(plot) && !line.heldBy().contains(a.id()))
                .min(java.util.Comparator.comparingInt(RoundResult.Applicant::order))
                .map(RoundResult.Applicant::id);
    }

    private void notifyHolder(Handle h, AwardRepository.Hold hold, String kind, String key) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("offer", hold.offerId());
        params.put("plot", hold.plotNumber());
        params.put("amount", hold.depositAmount());
        params.put("dueOn", hold.payBy().atOffset(ZoneOffset.UTC).toLocalDate().toString());
        notifier.notify(h, hold.investorId(), kind, Message.of(key, params), "#/rounds");
    }

    private static Conflict alreadyPaid(long offerId) {
        return new Conflict("award_already_paid", "the deposit of your award in offer " + offerId + " is already paid");
    }

    private static Conflict lapsed(long offerId) {
        return new Conflict("award_lapsed", "your award in offer " + offerId
                + " lapsed: its deposit was not paid by the deadline, and the plot has passed on");
    }
}
