package org.zamin.reservation;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Frees the plots of lapsed holds (reservations', and any other lapsing holds it is given, such as a round's unpaid
 * award holds) and sends the time-based reminders it is given (hold ending, instalment due, reply deadline): once at start (so holds that ended while the server was down are expired
 * before it answers) and then every {@link #INTERVAL}.
 */
public final class HoldSweeper implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HoldSweeper.class);
    public static final Duration INTERVAL = Duration.ofSeconds(15);

    private final ReservationService reservations;
    private final List<IntSupplier> others;
    private final ScheduledExecutorService scheduler;

    private HoldSweeper(ReservationService reservations, List<IntSupplier> others) {
        this.reservations = reservations;
        this.others = others;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "zamin-hold-sweeper");
            t.setDaemon(true);
            return t;
        });
    }

    /** Sweeps now, then schedules the periodic sweep; each of {@code others} lapses its own holds, answering how many. */
    public static HoldSweeper start(ReservationService reservations, IntSupplier... others) {
        HoldSweeper sweeper = new HoldSweeper(reservations, List.of(others));
        sweeper.sweep();
        sweeper.scheduler.scheduleWithFixedDelay(sweeper::sweep, INTERVAL.toMillis(), INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
        return sweeper;
    }

    /** One sweep; a failure (database down) is logged and the next sweep tries again. */
    public int sweep() {
        int swept = 0;
        try {
            swept += reservations.expireDueHolds();
        } catch (RuntimeException e) {
            log.warn("hold expiry sweep failed, will retry: {}", e.getMessage());
        }
        for (IntSupplier other : others) {
            try {
                swept += other.getAsInt();
            } catch (RuntimeException e) {
                log.warn("hold expiry sweep failed, will retry: {}", e.getMessage());
            }
        }
        return swept;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
