package org.zamin.account;

import io.github.bucket4j.ConsumptionProbe;
import java.time.Clock;
import java.time.Duration;
import org.zamin.domain.TooMany;

/**
 * Per-account request rates for the writes one account could use to crowd others out: at most
 * {@value #HOLDS_PER_MINUTE} hold requests ({@code POST /api/reservations}) and {@value #APPLICATIONS_PER_MINUTE}
 * round applications ({@code POST /api/offers/{id}/applications}) a minute per account by default
 * ({@code ZAMIN_HOLDS_PER_MINUTE}, {@code ZAMIN_APPLICATIONS_PER_MINUTE}; Bucket4j, in memory, per server process).
 * Past it, 429 {@code rate_limited} with {@code Retry-After}.
 */
public final class RequestLimits {

    static final int HOLDS_PER_MINUTE = 30;
    static final int APPLICATIONS_PER_MINUTE = 30;

    private final RateBuckets holds;
    private final RateBuckets applications;
    private final int holdsPerMinute;
    private final int applicationsPerMinute;

    public RequestLimits(Clock clock) {
        this(clock, HOLDS_PER_MINUTE, APPLICATIONS_PER_MINUTE);
    }

    public RequestLimits(Clock clock, int holdsPerMinute, int applicationsPerMinute) {
        this.holdsPerMinute = holdsPerMinute;
        this.applicationsPerMinute = applicationsPerMinute;
        this.holds = RateBuckets.quota(clock, holdsPerMinute, Duration.ofMinutes(1));
        this.applications = RateBuckets.quota(clock, applicationsPerMinute, Duration.ofMinutes(1));
    }

    /** Counts a hold request of {@code user}; 429 past the rate. */
    public void hold(CurrentUser user) {
        take(holds, user, holdsPerMinute, "hold requests");
    }

    /** Counts a round application (or its replacement) by {@code user}; 429 past the rate. */
    public void application(CurrentUser user) {
        take(applications, user, applicationsPerMinute, "applications");
    }

    private static void take(RateBuckets buckets, CurrentUser user, int perMinute, String what) {
        ConsumptionProbe probe = buckets.get(Long.toString(user.id())).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            Duration wait = Duration.ofNanos(probe.getNanosToWaitForRefill());
            throw new TooMany("rate_limited", "at most " + perMinute + " " + what + " a minute per account; "
                    + "try again in " + TooMany.wholeSeconds(wait) + " s", wait);
        }
    }
}
