package org.zamin.account;

import io.github.bucket4j.ConsumptionProbe;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import org.zamin.domain.TooMany;

/**
 * Slows down password guessing without locking the real user out (in memory, per server process; every refusal is
 * a {@link TooMany} that says how long to wait):
 * <ul>
 *   <li>per client address (the real client's, see {@code http.ClientAddress}): at most
 *       {@value #ATTEMPTS_PER_ADDRESS} sign-in and sign-up attempts a minute (Bucket4j);</li>
 *   <li>per account and address: {@value #FAILURES_PER_ACCOUNT_AND_ADDRESS} failed sign-ins, then one more every
 *       three minutes (Bucket4j), so one client's guessing stops without touching anyone else;</li>
 *   <li>per account, from every address together: after {@value #FREE_ACCOUNT_FAILURES} failures each further one
 *       makes the account wait twice as long as the last (2 s, 4 s, 8 s …) after it but never more than
 *       {@link #MAX_ACCOUNT_DELAY}; the count is forgotten {@link #ACCOUNT_MEMORY} after the last failure and at a
 *       successful sign-in. Guessing from many addresses is slowed to one guess per few minutes, while the real
 *       user waits at most that long: there is no lock-out.</li>
 * </ul>
 */
public final class LoginLimiter {

    static final int ATTEMPTS_PER_ADDRESS = 60;
    static final int FAILURES_PER_ACCOUNT_AND_ADDRESS = 5;
    static final Duration ACCOUNT_AND_ADDRESS_REFILL = Duration.ofMinutes(15);
    static final int FREE_ACCOUNT_FAILURES = 5;
    static final Duration FIRST_ACCOUNT_DELAY = Duration.ofSeconds(2);
    static final Duration MAX_ACCOUNT_DELAY = Duration.ofMinutes(5);
    static final Duration ACCOUNT_MEMORY = Duration.ofMinutes(30);

    private final Clock clock;
    private final RateBuckets attemptsByAddress;
    private final RateBuckets failuresByAccountAndAddress;
    private final ConcurrentHashMap<String, AccountFailures> failuresByAccount = new ConcurrentHashMap<>();

    public LoginLimiter(Clock clock) {
        this(clock, ATTEMPTS_PER_ADDRESS);
    }

    /** With {@code attemptsPerAddress} sign-in and sign-up attempts a minute per address ({@code ZAMIN_SIGNIN_ATTEMPTS_PER_MINUTE}). */
    public LoginLimiter(Clock clock, int attemptsPerAddress) {
        this.clock = clock;
        this.attemptsByAddress = RateBuckets.quota(clock, attemptsPerAddress, Duration.ofMinutes(1));
        this.failuresByAccountAndAddress = RateBuckets.trickle(clock, FAILURES_PER_ACCOUNT_AND_ADDRESS,
                ACCOUNT_AND_ADDRESS_REFILL);
    }

    /** The failures of one account from every address: how many, and when the last one was. */
    private record AccountFailures(int count, Instant last) {

        /** How long the account waits after its last failure before the next attempt is checked. */
        Duration delay() {
            if (count < FREE_ACCOUNT_FAILURES) {
                return Duration.ZERO;
            }
            int doublings = Math.min(count - FREE_ACCOUNT_FAILURES, 20);
            Duration grown = FIRST_ACCOUNT_DELAY.multipliedBy(1L << doublings);
            return grown.compareTo(MAX_ACCOUNT_DELAY) > 0 ? MAX_ACCOUNT_DELAY : grown;
        }
    }

    /** Counts a sign-in or sign-up attempt from {@code address}; 429 past the per-address rate. */
    void attempt(String address) {
        ConsumptionProbe probe = attemptsByAddress.get(address).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw tooMany(Duration.ofNanos(probe.getNanosToWaitForRefill()));
        }
    }

    /**
     * Starts a password check of {@code email} from {@code address}: 429 when this account may not be tried now, from
     * this address or (slowed down) from anywhere. Otherwise the attempt counts as a failure of the account until
     * {@link #succeeded} says otherwise, so guesses sent together are spaced out like guesses sent one by one.
     */
    void beginPasswordCheck(String email, String address) {
        var pair = failuresByAccountAndAddress.find(key(email, address));
        if (pair != null) {
            var estimate = pair.estimateAbilityToConsume(1);
            if (!estimate.canBeConsumed()) {
                throw tooMany(Duration.ofNanos(estimate.getNanosToWaitForRefill()));
            }
        }
        Instant now = clock.instant();
        forgetWhenFull(failuresByAccount);
        Duration[] wait = {Duration.ZERO};
        failuresByAccount.compute(account(email), (k, old) -> {
            if (old == null || old.last().plus(ACCOUNT_MEMORY).isBefore(now)) {
                return new AccountFailures(1, now);
            }
            wait[0] = Duration.between(now, old.last().plus(old.delay()));
            return waits(wait[0]) ? old : new AccountFailures(old.count() + 1, now);
        });
        if (waits(wait[0])) {
            throw tooMany(wait[0]);
        }
    }

    /**
     * Records a failed sign-in of {@code email} from {@code address}. The account already counted it; its wait runs
     * from now, when the answer goes out, however long the password check took.
     */
    void failed(String email, String address) {
        failuresByAccountAndAddress.get(key(email, address)).tryConsume(1);
        Instant now = clock.instant();
        failuresByAccount.computeIfPresent(account(email), (k, old) -> new AccountFailures(old.count(), now));
    }

    /** A successful sign-in clears the account's failures. */
    void succeeded(String email, String address) {
        failuresByAccountAndAddress.forget(key(email, address));
        failuresByAccount.remove(account(email));
    }

    private static boolean waits(Duration wait) {
        return !wait.isNegative() && !wait.isZero();
    }

    private static String account(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }

    private static String key(String email, String address) {
        return account(email) + "|" + address;
    }

    private static TooMany tooMany(Duration wait) {
        return new TooMany("rate_limited", "too many sign-in attempts; try again in "
                + TooMany.wholeSeconds(wait) + " s", wait);
    }

    private static void forgetWhenFull(ConcurrentHashMap<String, ?> map) {
        if (map.size() > RateBuckets.MAX_KEYS) {
            map.clear(); // a flood of distinct keys: forgetting is safer than running out of memory
        }
    }
}
