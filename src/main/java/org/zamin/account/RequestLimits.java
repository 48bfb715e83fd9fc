package org.zamin.account;

import io.github.bucket4j.ConsumptionProbe;
import java.time.Clock;
import java.time.Duration;
import org.zamin.domain.TooMany;

/**
 * Per-account request rates for the writes one account could use to crowd others out: at most
 * {@value #HOLDS_PER_MINUTE} hold requests ({@code POST /api/reservations}) a minute per account (Bucket4j, in
 * memory, per server process). Past it, 429 {@code rate_limited} with {@code Retry-After}.
 */
public final class RequestLimits {

    static final int HOLDS_PER_MINUTE = 30;

    private final RateBuckets holds;

    public RequestLimits(Clock clock) {
        this.holds = RateBuckets.quota(clock, HOLDS_PER_MINUTE, Duration.ofMinutes(1));
    }

    /** Counts a hold request of {@code user}; 429 past the rate. */
    public void hold(CurrentUser user) {
        ConsumptionProbe probe = holds.get(Long.toString(user.id())).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            Duration wait = Duration.ofNanos(probe.getNanosToWaitForRefill());
            throw new TooMany("rate_limited", "at most " + HOLDS_PER_MINUTE + " hold requests a minute per account; "
                    + "try again in " + TooMany.wholeSeconds(wait) + " s", wait);
        }
    }
}
