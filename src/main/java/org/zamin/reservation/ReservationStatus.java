package org.zamin.reservation;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** A reservation's life: HELD → SUBMITTED → APPROVED | REJECTED; or EXPIRED | WITHDRAWN (the database checks it too). */
public enum ReservationStatus {
    HELD, SUBMITTED, APPROVED, REJECTED, EXPIRED, WITHDRAWN;

    public static final Set<String> NAMES =
            Arrays.stream(values()).map(Enum::name).collect(Collectors.toUnmodifiableSet());

    /** HELD and SUBMITTED reservations hold their plots and count towards the investor's cap. */
    public boolean isOpen() {
        return this == HELD || this == SUBMITTED;
    }

    public boolean canBecome(ReservationStatus next) {
        return switch (this) {
            case HELD -> next == SUBMITTED || next == EXPIRED || next == WITHDRAWN;
            case SUBMITTED -> next == APPROVED || next == REJECTED || next == WITHDRAWN;
            default -> false;
        };
    }
}
