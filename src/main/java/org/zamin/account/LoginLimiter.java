package org.zamin.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing: at most {@value #MAX_FAILURES} failed sign-ins per address and client in
 * {@link #FAILURE_WINDOW}, and at most {@value #MAX_ATTEMPTS_PER_CLIENT} sign-in or sign-up attempts per client per
 * minute. In memory, per server process.
 */
public final class LoginLimiter {

    static final int MAX_FAILURES = 5;
    static final Duration FAILURE_WINDOW = Duration.ofMinutes(15);
    static final int MAX_ATTEMPTS_PER_CLIENT = 60;
    private static final Duration ATTEMPT_WINDOW = Duration.ofMinutes(1);
    private static final int MAX_KEYS = 100_000;

    private final Clock clock;
    private final ConcurrentHashMap<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Deque<Instant>> attempts = new ConcurrentHashMap<>();

    public LoginLimiter(Clock clock) {
        this.clock = clock;
    }

    /** Counts an attempt from {@code client} and says whether it may go ahead (false: answer 429). */
    boolean allowAttempt(String client) {
        return record(attempts, client, ATTEMPT_WINDOW, MAX_ATTEMPTS_PER_CLIENT);
    }

    /** Whether this address may still be tried from this client. */
    boolean allowPassword(String email, String client) {
        return count(failures, key(email, client), FAILURE_WINDOW) < MAX_FAILURES;
    }

    void failed(String email, String client) {
        record(failures, key(email, client), FAILURE_WINDOW, Integer.MAX_VALUE);
    }

    void succeeded(String email, String client) {
        failures.remove(key(email, client));
    }

    private static String key(String email, String client) {
        return (email == null ? "" : email.toLowerCase(Locale.ROOT)) + "|" + client;
    }

    private int count(ConcurrentHashMap<String, Deque<Instant>> map, String key, Duration window) {
        Deque<Instant> times = map.get(key);
        if (times == null) {
            return 0;
        }
        synchronized (times) {
            prune(times, clock.instant().minus(window));
            return times.size();
        }
    }

    private boolean record(ConcurrentHashMap<String, Deque<Instant>> map, String key, Duration window, int max) {
        if (map.size() > MAX_KEYS) {
            map.clear(); // a flood of distinct keys; forgetting is safer than running out of memory
        }
        Deque<Instant> times = map.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            Instant now = clock.instant();
            prune(times, now.minus(window));
            if (times.size() >= max) {
                return false;
            }
            times.addLast(now);
            return true;
        }
    }

    private static void prune(Deque<Instant> times, Instant cutoff) {
        while (!times.isEmpty() && !times.peekFirst().isAfter(cutoff)) {
            times.removeFirst();
        }
    }
}
