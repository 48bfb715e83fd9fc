package org.zamin.idle;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.zamin.allocation.AllocationAccess;
import org.zamin.allocation.ContractRepository;
import org.zamin.allocation.ContractService;
import org.zamin.allocation.ContractStatus;
import org.zamin.decision.Actor;
import org.zamin.decision.Decision;
import org.zamin.decision.DecisionLog;
import org.zamin.inbox.Message;
import org.zamin.inbox.Notifier;
import org.zamin.parcel.ParcelStatus;
import org.zamin.parcel.ParcelStatusWriter;

/**
 * What an {@link OfficerAction} works with, inside the case's transaction: the locked case, its allocation and
 * contract, the request body, who acts and when, and the shared moves (change state, log, notify, plot status).
 */
record ActionContext(Handle h, LockedCase locked, CaseAction action, ContractRepository.Contract contract,
        IdleCaseService.ActionBody body, Actor actor, LocalDate today, OffsetDateTime now, DecisionLog log,
        Notifier notifier, ContractService contracts) {

    long caseId() {
        return locked.id();
    }

    AllocationAccess allocation() {
        return locked.allocation();
    }

    /** The officer's reason, stripped; null when none was given. */
    String reason() {
        return body.reason() == null ? null : body.reason().strip();
    }

    /** The public details every action logs: the allocation, then what the action adds. */
    Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("allocationId", allocation().allocationId());
        return details;
    }

    /** Moves the case to the action's target state; {@code close} for a decision that ends the case. */
    void moveCase(boolean close) {
        IdleCaseStore.setState(h, caseId(), action.target(), close, now);
    }

    /** The decision-log entry of the case's move, with the officer's reason and {@code details}. */
    void logMove(Map<String, Object> details) {
        log.append(h, Decision.of(actor, "idle_case." + action.target().name().toLowerCase(), "idle_case",
                Long.toString(caseId())).withEstate(allocation().estateCode()).withParcels(allocation().parcelIds())
                .withTransition(locked.state().name(), action.target().name()).withReason(reason())
                .withPublicDetails(details));
    }

    /** Tells the holder, with a link to their contract. */
    void notifyHolder(String kind, String messageKey, Map<String, Object> params) {
        Map<String, Object> all = new java.util.HashMap<>(params);
        all.put("allocation", allocation().allocationId());
        all.put("reason", reason() == null ? "" : reason());
        notifier.notify(h, allocation().investorId(), kind, Message.of(messageKey, all),
                "#/contract/" + allocation().allocationId());
    }

    /** Sets the allocation's plots to {@code status} (through the one status writer) and logs those that changed. */
    void setPlots(ParcelStatus status) {
        AllocationAccess a = allocation();
        List<Long> changed = ParcelStatusWriter.set(h, a.parcelIds(), status);
        if (!changed.isEmpty()) {
            log.append(h, Decision.of(actor, "parcel.status_changed", "allocation", Long.toString(a.allocationId()))
                    .withEstate(a.estateCode()).withParcels(changed).withTransition(null, status.name()));
        }
    }

    /** After a case closes without reclaim, the plots show what the milestones say again. */
    void restorePlots() {
        AllocationAccess a = allocation();
        contracts.followStatus(h, a, ContractStatus.publicStatus(ContractRepository.milestones(h, a.allocationId())),
                actor);
    }
}
