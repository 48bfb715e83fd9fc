package org.zamin.decision;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One state change to record: who, what ({@code action} like {@code reservation.approved}), on which subject,
 * from which state to which, and why. {@code publicDetails} are shown to everyone and must hold no personal
 * data; {@code privateDetails} are for staff.
 */
public record Decision(
        Actor actor,
        String action,
        String subjectType,
        String subjectId,
        Optional<String> estateCode,
        List<Long> parcelIds,
        Optional<String> fromState,
        Optional<String> toState,
        Optional<String> reason,
        Map<String, Object> publicDetails,
        Map<String, Object> privateDetails) {

    public Decision {
        parcelIds = List.copyOf(parcelIds);
        publicDetails = Map.copyOf(publicDetails);
        privateDetails = Map.copyOf(privateDetails);
    }

    /** A decision with only the required parts; add the rest with the {@code with…} methods. */
    public static Decision of(Actor actor, String action, String subjectType, String subjectId) {
        return new Decision(actor, action, subjectType, subjectId, Optional.empty(), List.of(), Optional.empty(),
                Optional.empty(), Optional.empty(), Map.of(), Map.of());
    }

    public Decision withEstate(String code) {
        return new Decision(actor, action, subjectType, subjectId, Optional.ofNullable(code), parcelIds, fromState,
                toState, reason, publicDetails, privateDetails);
    }

    public Decision withParcels(List<Long> ids) {
        return new Decision(actor, action, subjectType, subjectId, estateCode, ids, fromState, toState, reason,
                publicDetails, privateDetails);
    }

    public Decision withTransition(String from, String to) {
        return new Decision(actor, action, subjectType, subjectId, estateCode, parcelIds, Optional.ofNullable(from),
                Optional.ofNullable(to), reason, publicDetails, privateDetails);
    }

    public Decision withReason(String why) {
        return new Decision(actor, action, subjectType, subjectId, estateCode, parcelIds, fromState, toState,
                Optional.ofNullable(why), publicDetails, privateDetails);
    }

    public Decision withPublicDetails(Map<String, Object> details) {
        return new Decision(actor, action, subjectType, subjectId, estateCode, parcelIds, fromState, toState, reason,
                details, privateDetails);
    }

    public Decision withPrivateDetails(Map<String, Object> details) {
        return new Decision(actor, action, subjectType, subjectId, estateCode, parcelIds, fromState, toState, reason,
                publicDetails, details);
    }
}
