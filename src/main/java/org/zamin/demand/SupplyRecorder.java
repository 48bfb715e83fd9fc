package org.zamin.demand;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Records the day's available land a minute after start and then every six hours (the day's last run stands). */
public final class SupplyRecorder implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SupplyRecorder.class);

    private final ScheduledExecutorService executor;

    private SupplyRecorder(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    public static SupplyRecorder start(DemandService demand) {
        ScheduledExecutorService ex = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "zamin-supply-record");
            t.setDaemon(true);
            return t;
        });
        ex.scheduleAtFixedRate(() -> {
            try {
                demand.recordSupply();
            } catch (RuntimeException e) {
                log.warn("could not record today's available land: {}", e.getMessage());
            }
        }, 1, 6 * 60, TimeUnit.MINUTES);
        return new SupplyRecorder(ex);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
