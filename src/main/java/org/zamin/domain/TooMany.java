package org.zamin.domain;

import java.time.Duration;

/** A rate limit was reached; the caller may try again after {@link #retryAfter()}. */
public final class TooMany extends DomainException {

    /** What a limit that cannot say better tells the caller to wait. */
    public static final Duration DEFAULT_RETRY_AFTER = Duration.ofMinutes(1);

    private final Duration retryAfter;

    public TooMany(String code, String message) {
        this(code, message, DEFAULT_RETRY_AFTER);
    }

    public TooMany(String code, String message, Duration retryAfter) {
        super(code, message);
        this.retryAfter = retryAfter.isNegative() ? Duration.ZERO : retryAfter;
    }

    /** How long to wait before the request may succeed. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** {@link #retryAfter()} in whole seconds, rounded up, at least 1 (the {@code Retry-After} header's unit). */
    public long retryAfterSeconds() {
        return wholeSeconds(retryAfter);
    }

    /** A wait in whole seconds, rounded up, at least 1. */
    public static long wholeSeconds(Duration wait) {
        long seconds = wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
