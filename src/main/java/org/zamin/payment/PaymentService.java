package org.zamin.payment;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zamin.account.CurrentUser;
import org.zamin.account.Role;
import org.zamin.account.Visibility;
import org.zamin.allocation.AllocationAccess;
import org.zamin.allocation.ContractService;
import org.zamin.db.Transactions;
import org.zamin.decision.Actor;
import org.zamin.decision.Decision;
import org.zamin.decision.DecisionLog;
import org.zamin.domain.Conflict;
import org.zamin.domain.Forbidden;
import org.zamin.domain.NotFound;
import org.zamin.inbox.Message;
import org.zamin.inbox.Notifier;
import org.zamin.reservation.PaymentGateway;
import org.zamin.reservation.ReservationService;

/**
 * Paying on the gateway's page: a session is opened for a HELD reservation's deposit, or one unpaid instalment or
 * one unpaid idle charge (idle fee, paid extension) of the holder's contract; when the gateway says the payer
 * confirmed it, the payment is recorded once, with its decision-log entry (the deposit submits the reservation). Also the instalments' states, receipts, the overdue list of an
 * officer's estates and the instalment reminders.
 */
public final class PaymentService {

    private static final Logger log = LoggerFactory.getLogger(PaymentService.class);
    /** Where the gateway sends the payer back (the gateway adds {@code ?token=…}). */
    static final String RETURN_URL = "/#/payment";
    /** An unpaid instalment is DUE (and its holder reminded) this many days before its due date. */
    public static final int DUE_DAYS = 7;
    /** Allocations whose instalments are written as rows per sweep. */
    private static final int TRACK_BATCH = 200;

    private final Jdbi jdbi;
    private final DecisionLog decisions;
    private final PaymentGateway gateway;
    private final ReservationService reservations;
    private final Notifier notifier;
    private final Clock clock;

    public PaymentService(Jdbi jdbi, DecisionLog decisions, PaymentGateway gateway, ReservationService reservations,
            Notifier notifier, Clock clock) {
        this.jdbi = jdbi;
        this.decisions = decisions;
        this.gateway = gateway;
        this.reservations = reservations;
        this.notifier = notifier;
        this.clock = clock;
    }

    /** A session opened: its token, the gateway's page to send the payer to, and the amount. */
    public record Opened(String token, String payUrl, long amount) {}

    /** Opens the payment of a HELD reservation's deposit (the investor's own; a lapsed hold expires, 409). */
    public Opened openDeposit(CurrentUser investor, long reservationId) {
        var due = reservations.depositDue(investor, reservationId);
        return open(investor, "R" + reservationId, due.amount(), reservationId, null, null, null);
    }

    /** Opens the payment of instalment {@code number} (0: the cash share) of the holder's active allocation. */
    public Opened openInstalment(CurrentUser user, long allocationId, int number) {
        long amount = jdbi.inTransaction(h -> {
            requirePayingHolder(h, user, allocationId);
            track(h, allocationId);
            var row = PaymentRepository.instalments(h, allocationId).stream().filter(r -> r.number() == number)
                    .findFirst().orElseThrow(() -> new NotFound("instalment " + number + " of allocation "
                            + allocationId));
            if (row.paidAt() != null) {
                throw new Conflict("instalment_paid", "instalment " + number + " is already paid");
            }
            if (row.amount() == 0) {
                throw new Conflict("nothing_due", "instalment " + number + " was forgiven; nothing is due");
            }
            return row.amount();
        });
        return open(user, "I" + allocationId + "-" + number, amount, null, allocationId, number, null);
    }

    /**
     * Opens the payment of idle charge {@code chargeId} (an idle fee line or a paid extension, already on the
     * contract's balance) of the holder's active allocation.
     */
    public Opened openCharge(CurrentUser user, long allocationId, long chargeId) {
        long amount = jdbi.inTransaction(h -> {
            requirePayingHolder(h, user, allocationId);
            var charge = PaymentRepository.charge(h, allocationId, chargeId).orElseThrow(() -> new NotFound(
                    "idle charge " + chargeId + " of allocation " + allocationId));
            if (charge.paid()) {
                throw new Conflict("charge_paid", "idle charge " + chargeId + " is already paid");
            }
            if (charge.amount() == 0) {
                throw new Conflict("nothing_due", "idle charge " + chargeId + " is 0 rials; nothing is due");
            }
            return charge.amount();
        });
        return open(user, "C" + allocationId + "-" + chargeId, amount, null, allocationId, null, chargeId);
    }

    /** The caller is the holder of the allocation, and it is active: only then is anything of it paid. */
    private static void requirePayingHolder(Handle h, CurrentUser user, long allocationId) {
        var who = Visibility.of(user);
        var a = AllocationAccess.load(h, who, allocationId, true);
        if (!who.isOwner(a.investorId())) {
            throw new Forbidden("not_holder", "only the holder pays what is due on allocation " + allocationId);
        }
        if (!a.active()) {
            throw new Conflict("allocation_terminated", "allocation " + allocationId + " is terminated");
        }
    }

    private Opened open(CurrentUser payer, String purpose, long amount, Long reservation, Long allocation,
            Integer number, Long charge) {
        var session = gateway.open(purpose, amount, RETURN_URL);
        jdbi.useHandle(h -> PaymentRepository.insertSession(h, session.token(), gatewayName(), payer.id(),
                reservation, allocation, number, charge, amount, clock.instant()));
        return new Opened(session.token(), session.payUrl(), amount);
    }

    private String gatewayName() {
        return gateway.getClass().getSimpleName().replace("Gateway", "").toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Records what the gateway says about session {@code token}: nothing while it is open, CANCELLED when the payer
     * cancelled, and once confirmed the payment (PAID, or REFUND_DUE when what it paid for was gone or already
     * paid). A settled session is left as it is, so a second call changes nothing. Empty when there is no session.
     */
    public java.util.Optional<String> settle(String token) {
        return Transactions.retrying(jdbi, h -> {
            var s = PaymentRepository.lock(h, token).orElse(null);
            if (s == null) {
                return java.util.Optional.<String>empty();
            }
            if (!"OPEN".equals(s.state())) {
                return java.util.Optional.of(s.state());
            }
            var status = gateway.status(token);
            if (status.state() == PaymentGateway.State.CANCELLED) {
                PaymentRepository.settle(h, s.id(), "CANCELLED", null, null, null, null);
                return java.util.Optional.of("CANCELLED");
            }
            if (status.state() != PaymentGateway.State.CONFIRMED || status.receipt().isEmpty()) {
                return java.util.Optional.of("OPEN");
            }
            var receipt = status.receipt().get();
            if (receipt.amount() != s.amount()) {
                log.warn("payment session {}: the gateway confirmed {} instead of {}; not recorded", s.id(),
                        receipt.amount(), s.amount());
                return java.util.Optional.of("OPEN");
            }
            java.util.OptionalLong decision = s.reservationId() != null
                    ? reservations.depositConfirmed(h, s.reservationId(), s.payerId(), receipt)
                    : allocationPaid(h, s, receipt);
            String state = decision.isPresent() ? "PAID" : "REFUND_DUE";
            PaymentRepository.settle(h, s.id(), state, receipt.paidAt(), receipt.reference(), receipt.sandbox(),
                    decision.isPresent() ? decision.getAsLong() : null);
            return java.util.Optional.of(state);
        });
    }

    /**
     * Records the payment of an instalment or an idle charge of an allocation (once, by its active holder), its
     * decision-log entry and the holder's notice; empty when there was nothing left to pay for.
     */
    private java.util.OptionalLong allocationPaid(Handle h, PaymentRepository.Locked s, PaymentGateway.Receipt r) {
        var a = AllocationAccess.load(h, Visibility.OPERATOR, s.allocationId(), true);
        boolean charge = s.chargeId() != null;
        if (!a.active() || a.investorId() != s.payerId() || !(charge
                ? PaymentRepository.insertChargePayment(h, s.allocationId(), s.chargeId(), s.id(), s.payerId(),
                        s.amount(), r.paidAt())
                : PaymentRepository.insertInstalmentPayment(h, s.allocationId(), s.number(), s.id(), s.payerId(),
                        s.amount(), r.paidAt()))) {
            return java.util.OptionalLong.empty();
        }
        long seq = decisions.append(h, Decision.of(Actor.user(s.payerId(), Role.INVESTOR),
                        charge ? "allocation.idle_charge_paid" : "allocation.instalment_paid",
                        "allocation", Long.toString(s.allocationId())).withEstate(a.estateCode())
                .withParcels(a.parcelIds())
                .withPublicDetails(charge ? Map.of("charge", s.chargeId(), "sandbox", r.sandbox())
                        : Map.of("instalment", s.number(), "sandbox", r.sandbox()))
                .withPrivateDetails(Map.of("gateway", r.gateway(), "receipt", r.reference(), "amount", r.amount())));
        notifier.notify(h, s.payerId(), charge ? "idle_charge_paid" : "instalment_paid", charge
                ? Message.of("notice.idleChargePaid", Map.of("allocation", s.allocationId(), "amount", s.amount(),
                        "receipt", s.id()))
                : Message.of("notice.instalmentPaid", Map.of("allocation", s.allocationId(), "number", s.number(),
                        "amount", s.amount(), "receipt", s.id())),
                RETURN_URL.substring(1) + "?token=" + s.token());
        return java.util.OptionalLong.of(seq);
    }

    /**
     * The receipt of session {@code token} (after asking the gateway how it stands), for its payer or staff of its
     * estate: number, amount, date, payer, what was paid and the decision-log entry.
     */
    public Map<String, Object> receipt(CurrentUser user, String token) {
        var first = jdbi.withHandle(h -> PaymentRepository.receipt(h, token))
                .orElseThrow(() -> new NotFound("payment " + token));
        var who = Visibility.of(user);
        long payer = ((Number) first.get("payer_id")).longValue();
        if (!who.isOwner(payer) && !who.seesEstate((String) first.get("estate"))) {
            if (who.isStaff()) {
                throw new Forbidden("this payment is not in an estate you manage");
            }
            throw new NotFound("payment " + token);
        }
        settle(token);
        var row = jdbi.withHandle(h -> PaymentRepository.receipt(h, token)).orElseThrow();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("number", String.format("ZR-%08d", ((Number) row.get("id")).longValue()));
        out.put("token", row.get("token"));
        out.put("state", row.get("state"));
        out.put("amount", row.get("amount"));
        out.put("paidAt", row.get("paid_at"));
        out.put("paidOn", row.get("paid_on"));
        out.put("payer", Map.of("name", row.get("payer_name"), "organisation", row.get("payer_organisation")));
        out.put("purpose", row.get("reservation_id") != null ? "DEPOSIT"
                : row.get("charge_id") != null ? "IDLE_CHARGE" : "INSTALMENT");
        out.put("reservationId", row.get("reservation_id"));
        out.put("allocationId", row.get("allocation_id"));
        out.put("instalmentNumber", row.get("instalment_number"));
        out.put("chargeId", row.get("charge_id"));
        out.put("chargeKind", row.get("charge_kind"));
        out.put("estate", row.get("estate"));
        out.put("estateName", row.get("estate_name"));
        out.put("estateNameFa", row.get("estate_name_fa"));
        out.put("reference", row.get("reference"));
        out.put("sandbox", row.get("sandbox"));
        out.put("decisionSeq", row.get("decision_id"));
        return out;
    }

    /** The instalments of an allocation its holder or an officer of its estate sees: paid, overdue, due or upcoming. */
    public Map<String, Object> instalments(CurrentUser user, long allocationId) {
        LocalDate today = LocalDate.now(clock);
        return jdbi.inTransaction(h -> {
            var a = AllocationAccess.load(h, Visibility.of(user), allocationId, false);
            if (a.active()) {
                track(h, allocationId);
            }
            List<Map<String, Object>> list = new ArrayList<>();
            for (var r : PaymentRepository.instalments(h, allocationId)) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("number", r.number());
                m.put("dueOn", r.dueOn().toString());
                m.put("amount", r.amount());
                m.put("state", state(r, today));
                m.put("paidAt", r.paidAt() == null ? null : r.paidAt().toString());
                m.put("receipt", r.receiptToken());
                list.add(m);
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("allocationId", allocationId);
            out.put("today", today.toString());
            out.put("instalments", list);
            return out;
        });
    }

    static String state(PaymentRepository.Row r, LocalDate today) {
        if (r.paidAt() != null) {
            return "PAID";
        }
        if (r.amount() == 0) {
            return "FORGIVEN";
        }
        if (r.dueOn().isBefore(today)) {
            return "OVERDUE";
        }
        return r.dueOn().isAfter(today.plusDays(DUE_DAYS)) ? "UPCOMING" : "DUE";
    }

    /**
     * Unpaid instalments past due in the estates an officer manages (all for an admin), or in one of them, oldest
     * first; an estate the caller does not manage lists nothing.
     */
    public Map<String, Object> overdue(CurrentUser user, Optional<String> estate, int limit) {
        var who = Visibility.of(user);
        AllocationAccess.requireStaff(who);
        LocalDate today = LocalDate.now(clock);
        List<String> scope = estate.map(code -> who.seesEstate(code) ? List.of(code) : List.<String>of())
                .orElse(who.estateCodesOrNull());
        var rows = jdbi.withHandle(h -> PaymentRepository.overdue(h, today, scope, limit));
        List<Map<String, Object>> list = new ArrayList<>();
        for (var row : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("allocationId", row.get("allocation_id"));
            m.put("number", row.get("number"));
            m.put("dueOn", row.get("due_on").toString());
            m.put("amount", row.get("amount"));
            m.put("estate", row.get("estate"));
            m.put("estateName", row.get("estate_name"));
            m.put("estateNameFa", row.get("estate_name_fa"));
            m.put("holder", row.get("holder_organisation") == null || row.get("holder_organisation").toString().isBlank()
                    ? row.get("holder_name") : row.get("holder_organisation"));
            list.add(m);
        }
        return Map.of("today", today.toString(), "overdue", list);
    }

    /**
     * The instalment sweep: writes the instalments of allocations not tracked yet, then reminds each holder once of
     * an instalment due within {@link #DUE_DAYS} and once more when it is overdue; returns how many were reminded.
     */
    public int remindInstalments() {
        jdbi.useTransaction(h -> {
            for (long id : PaymentRepository.untrackedAllocations(h, TRACK_BATCH)) {
                track(h, id);
            }
        });
        LocalDate today = LocalDate.now(clock);
        return Transactions.retrying(jdbi, h -> {
            int sent = 0;
            for (var r : PaymentRepository.remindersDue(h, today, DUE_DAYS, 500)) {
                boolean overdue = "instalment_overdue".equals(r.kind());
                sent += notifier.notifyOnce(h, "instalment:" + r.allocationId() + ":" + r.number(), r.investorId(),
                        r.kind(), Message.of(overdue ? "notice.instalmentOverdue" : "notice.instalmentDue", Map.of(
                                "allocation", r.allocationId(), "number", r.number(), "amount", r.amount(),
                                "dueOn", r.dueOn().toString())), "#/contract/" + r.allocationId()) ? 1 : 0;
            }
            return sent;
        });
    }

    /** Writes the allocation's instalments as its schedule has them now (0: the cash share, due on signing). */
    private void track(Handle h, long allocationId) {
        LocalDate today = LocalDate.now(clock);
        var schedule = ContractService.schedule(h, allocationId);
        if (schedule.cash() > 0) {
            PaymentRepository.upsertInstalment(h, allocationId, 0, ContractService.signedOn(h, allocationId),
                    schedule.cash(), today);
        }
        for (var i : schedule.instalments()) {
            PaymentRepository.upsertInstalment(h, allocationId, i.number(), i.dueOn(), i.amount(), today);
        }
    }
}
