package org.zamin.decision;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seals new decision-log entries into the hash chain every second, so writers never wait on the chain. Several
 * servers may run one each: the database's lock lets one seal at a time.
 */
public final class DecisionSealer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DecisionSealer.class);

    private final ScheduledExecutorService scheduler;

    private DecisionSealer(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    /** Starts sealing every {@code periodMillis}. */
    public static DecisionSealer start(DecisionLog log, long periodMillis) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "decision-sealer");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(() -> sealQuietly(log), periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        return new DecisionSealer(scheduler);
    }

    private static void sealQuietly(DecisionLog decisions) {
        try {
            decisions.seal();
        } catch (RuntimeException e) {
            log.warn("sealing the decision log failed; will retry: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
