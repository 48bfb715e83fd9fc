package org.zamin.reservation;

import java.time.Instant;
import java.util.Optional;

/**
 * Where money is paid. The default is {@link SandboxGateway}; a real gateway implements the same calls. A payer
 * either is charged at once ({@link #charge}) or pays on the gateway's own page: the server {@link #open opens} a
 * session with the amount and a return URL, the payer confirms or cancels there, and the server records the payment
 * only when the gateway's {@link #status} says it was confirmed.
 */
public interface PaymentGateway {

    /** A gateway's receipt: who took the money, its reference, and whether it was only a sandbox payment. */
    record Receipt(String gateway, String reference, long amount, boolean sandbox, Instant paidAt) {}

    /** A payment the payer confirms or cancels on the gateway's page: its token and the page's address. */
    record Session(String token, String payUrl) {}

    /** Where a session stands at the gateway. */
    enum State { OPEN, CONFIRMED, CANCELLED }

    /** The gateway's word on a session: its state and, once confirmed, the receipt. */
    record Status(State state, Optional<Receipt> receipt) {}

    /** Charges {@code amount} (smallest currency unit) for a reservation's deposit, or throws. */
    default Receipt charge(long reservationId, long amount) {
        return charge(String.valueOf(reservationId), amount);
    }

    /** Charges {@code amount} for what {@code purpose} names (a reservation's id, "D" + an investor's id for the
     * open-offer deposit), or throws. */
    Receipt charge(String purpose, long amount);

    /** Opens a session for {@code amount} of what {@code purpose} names; the payer returns to {@code returnUrl}. */
    default Session open(String purpose, long amount, String returnUrl) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " takes no payments on its own page");
    }

    /** What the gateway says about the session {@code token}: the only source of "paid". */
    default Status status(String token) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " takes no payments on its own page");
    }
}
