package org.zamin.idle;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.zamin.allocation.ContractRepository;
import org.zamin.decision.Actor;
import org.zamin.decision.Decision;
import org.zamin.decision.DecisionLog;
import org.zamin.domain.Conflict;
import org.zamin.inbox.Message;
import org.zamin.inbox.Notifier;

/**
 * Charges the idle fee of an open case for the days since the last charge (or since the day the case was opened
 * for) until today: price × rate (basis points per 365 days) × days ÷ 3,650,000, rounded down to the whole rial by
 * the database's generated column. The fee is added to the contract's balance, logged and told to the holder.
 */
final class ChargeIdleFee {

    Map<String, Object> perform(Handle h, LockedCase c, Actor actor, LocalDate today, OffsetDateTime now,
            DecisionLog log, Notifier notifier) {
        if (c.subJudice()) {
            throw new Conflict("case_sub_judice", "the case is sub judice");
        }
        if (!c.state().isOpen()) {
            throw new Conflict("illegal_transition", "the case is closed");
        }
        var a = c.allocation();
        var rules = IdleCaseStore.rules(h, a.allocationId(), today);
        if (rules.idleFeeBpPerYear() == 0) {
            throw new Conflict("idle_fee_off", "the estate class's rules charge no idle fee");
        }
        LocalDate from = IdleCaseStore.feeFrom(h, c.id());
        long days = ChronoUnit.DAYS.between(from, today);
        if (days < 1) {
            throw new Conflict("nothing_to_charge", "the idle fee is charged until " + from);
        }
        long price = ContractRepository.contract(h, a.allocationId()).orElseThrow().price();
        long amount = IdleCaseStore.chargeFee(h, c.id(), a.allocationId(), price, rules.idleFeeBpPerYear(), from,
                today, actor.userId().orElseThrow(), now);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("allocationId", a.allocationId());
        details.put("from", from.toString());
        details.put("to", today.toString());
        details.put("days", days);
        details.put("rateBpPerYear", rules.idleFeeBpPerYear());
        log.append(h, Decision.of(actor, "idle_case.fee_charged", "idle_case", Long.toString(c.id()))
                .withEstate(a.estateCode()).withParcels(a.parcelIds()).withPublicDetails(details)
                .withPrivateDetails(Map.of("landPrice", price, "amount", amount)));
        notifier.notify(h, a.investorId(), "idle_fee", Message.of("notice.idleFee", Map.of("allocation",
                a.allocationId(), "amount", amount, "days", days, "fromOn", from.toString(), "toOn",
                today.toString())), "#/contract/" + a.allocationId());
        Map<String, Object> out = new LinkedHashMap<>(details);
        out.put("id", c.id());
        out.put("landPrice", price);
        out.put("amount", amount);
        return out;
    }
}
