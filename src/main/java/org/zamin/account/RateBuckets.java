package org.zamin.account;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One Bucket4j token bucket per key (a client address, an account): {@code capacity} tokens per {@code period}, on the
 * service's clock — either a fixed quota that comes back whole when the period has passed, or tokens trickling back
 * evenly over it. In memory; a flood of distinct keys empties the table rather than the heap.
 */
final class RateBuckets {

    static final int MAX_KEYS = 100_000;

    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final TimeMeter time;
    private final int capacity;
    private final Duration period;
    private final boolean evenly;

    /** {@code capacity} per {@code period}, the whole quota back at the end of each period. */
    static RateBuckets quota(Clock clock, int capacity, Duration period) {
        return new RateBuckets(clock, capacity, period, false);
    }

    /** {@code capacity} at first, then one token back every {@code period / capacity}. */
    static RateBuckets trickle(Clock clock, int capacity, Duration period) {
        return new RateBuckets(clock, capacity, period, true);
    }

    private RateBuckets(Clock clock, int capacity, Duration period, boolean evenly) {
        this.time = new ClockTimeMeter(clock);
        this.capacity = capacity;
        this.period = period;
        this.evenly = evenly;
    }

    /** The key's bucket, made full on first use. */
    Bucket get(String key) {
        if (buckets.size() > MAX_KEYS) {
            buckets.clear();
        }
        return buckets.computeIfAbsent(key, k -> Bucket.builder()
                .addLimit(limit -> evenly ? limit.capacity(capacity).refillGreedy(capacity, period)
                        : limit.capacity(capacity).refillIntervally(capacity, period))
                .withCustomTimePrecision(time)
                .build());
    }

    /** The key's bucket if it has one (a key never seen has all its tokens). */
    Bucket find(String key) {
        return buckets.get(key);
    }

    void forget(String key) {
        buckets.remove(key);
    }

    /** Bucket4j's time read from the service's clock (tests move it forward). */
    private record ClockTimeMeter(Clock clock) implements TimeMeter {

        @Override
        public long currentTimeNanos() {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }
}
