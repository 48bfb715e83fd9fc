package org.zamin.reservation;

import java.time.Clock;
import java.util.UUID;

/** Accepts every payment without moving money, and marks every receipt as sandbox. */
public final class SandboxGateway implements PaymentGateway {

    private final Clock clock;

    public SandboxGateway(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Receipt charge(String purpose, long amount) {
        return new Receipt("sandbox", "SANDBOX-" + purpose + "-" + UUID.randomUUID().toString().substring(0, 8),
                amount, true, clock.instant());
    }
}
