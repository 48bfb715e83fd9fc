package org.zamin.reservation;

import java.time.Instant;

/** Where deposits are paid. The default is {@link SandboxGateway}; a real gateway implements the same call. */
public interface PaymentGateway {

    /** A gateway's receipt: who took the money, its reference, and whether it was only a sandbox payment. */
    record Receipt(String gateway, String reference, long amount, boolean sandbox, Instant paidAt) {}

    /** Charges {@code amount} (smallest currency unit) for a reservation's deposit, or throws. */
    Receipt charge(long reservationId, long amount);
}
