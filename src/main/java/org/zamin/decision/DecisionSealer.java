package org.zamin.decision;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seals new decision-log entries into the hash chain every second, so writers never wait on the chain, and signs a
 * checkpoint of the chain's head every few minutes. Several servers may run one each: the database's locks let one
 * seal, and one sign, at a time.
 */
public final class DecisionSealer implements AutoCloseable {

    /** How often the head is signed: what a rewrite of the log can hide behind is at most this much of it. */
    public static final Duration CHECKPOINT_PERIOD = Duration.ofMinutes(5);

    private static final Logger log = LoggerFactory.getLogger(DecisionSealer.class);

    private final ScheduledExecutorService scheduler;
    private final DecisionLog decisions;

    private DecisionSealer(ScheduledExecutorService scheduler, DecisionLog decisions) {
        this.scheduler = scheduler;
        this.decisions = decisions;
    }

    /** Starts sealing every {@code periodMillis} and signing a checkpoint every {@link #CHECKPOINT_PERIOD}. */
    public static DecisionSealer start(DecisionLog decisions, DecisionCheckpoints checkpoints, long periodMillis) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "decision-sealer");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(() -> quietly("sealing", decisions::seal), periodMillis, periodMillis,
                TimeUnit.MILLISECONDS);
        long checkpointMillis = CHECKPOINT_PERIOD.toMillis();
        scheduler.scheduleWithFixedDelay(() -> quietly("signing a checkpoint of", checkpoints::checkpointNow),
                checkpointMillis, checkpointMillis, TimeUnit.MILLISECONDS);
        return new DecisionSealer(scheduler, decisions);
    }

    private static void quietly(String what, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            log.warn("{} the decision log failed; will retry: {}", what, e.getMessage());
        }
    }

    /**
     * Stops the schedule, lets a seal that is running finish, and seals once more, so that no entry written before
     * the shutdown waits for the next start to enter the chain.
     */
    @Override
    public void close() {
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            scheduler.shutdownNow();
            return;
        }
        quietly("sealing", decisions::seal);
    }
}
