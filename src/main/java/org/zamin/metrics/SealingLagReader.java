package org.zamin.metrics;

import java.time.Duration;
import java.util.Optional;
import org.zamin.decision.DecisionLog;

/**
 * Reads the sealer's lag from the database at most once per {@code memory}: the two gauges of one scrape share one
 * query, and a scrape while the database is down answers nothing instead of failing.
 */
final class SealingLagReader {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SealingLagReader.class);

    private final DecisionLog decisions;
    private final long memoryNanos;
    private Optional<DecisionLog.SealingLag> last = Optional.empty();
    private long readAt;

    SealingLagReader(DecisionLog decisions, Duration memory) {
        this.decisions = decisions;
        this.memoryNanos = memory.toNanos();
    }

    synchronized Optional<DecisionLog.SealingLag> read() {
        long now = System.nanoTime();
        if (last.isEmpty() || now - readAt > memoryNanos) {
            try {
                last = Optional.of(decisions.sealingLag());
            } catch (RuntimeException e) {
                if (last.isPresent() || readAt == 0) {
                    log.warn("cannot read the decision sealer's lag: {}", e.toString());
                }
                last = Optional.empty();
            }
            readAt = now;
        }
        return last;
    }
}
