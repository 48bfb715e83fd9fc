package org.zamin.reservation;

import java.time.Instant;

/** Where deposits are paid. The default is {@link SandboxGateway}; a real gateway implements the same call. */
public interface PaymentGateway {

    /** A gateway's receipt: who took the money, its reference, and whether it was only a sandbox payment. */
    record Receipt(String gateway, String reference, long amount, boolean sandbox, Instant paidAt) {}

    /** Charges {@code amount} (smallest currency unit) for a reservation's deposit, or throws. */
    default Receipt charge(long reservationId, long amount) {
        return charge(String.valueOf(reservationId), amount);
    }

    /** Charges {@code amount} for what {@code purpose} names (a reservation's id, "D" + an investor's id for the
     * open-offer deposit), or throws. */
    Receipt charge(String purpose, long amount);
}
