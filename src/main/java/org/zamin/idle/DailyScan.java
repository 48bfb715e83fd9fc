package org.zamin.idle;

import java.time.Clock;
import java.time.LocalDate;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zamin.decision.Actor;
import org.zamin.domain.Conflict;

/**
 * The scan inside the server: a few minutes after start, then every 24 hours. The scan's advisory lock means
 * that with several servers only one scans; the others find the lock taken and skip.
 */
public final class DailyScan implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DailyScan.class);

    private final ScheduledExecutorService executor;

    private DailyScan(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    public static DailyScan start(IdleScan scan, Clock clock, long initialDelayMinutes) {
        ScheduledExecutorService ex = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "zamin-idle-scan");
            t.setDaemon(true);
            return t;
        });
        ex.scheduleAtFixedRate(() -> {
            try {
                scan.run(LocalDate.now(clock), Actor.SYSTEM);
            } catch (Conflict e) {
                log.info("daily idle scan skipped: {}", e.getMessage());
            } catch (RuntimeException e) {
                log.warn("daily idle scan failed", e);
            }
        }, initialDelayMinutes, TimeUnit.DAYS.toMinutes(1), TimeUnit.MINUTES);
        return new DailyScan(ex);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
