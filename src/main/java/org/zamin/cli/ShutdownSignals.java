package org.zamin.cli;

import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGTERM (and SIGINT) stop the server gracefully: the JVM's shutdown hook runs {@code graceful} (requests in flight
 * finish, the jobs flush, the cluster stops). The same signal again while that runs stops at once: {@code immediate}
 * (the cluster stopped without waiting), then the process ends. The JVM alone would ignore the second signal.
 */
final class ShutdownSignals {

    private static final Logger log = LoggerFactory.getLogger(ShutdownSignals.class);

    private ShutdownSignals() {}

    static void install(Runnable graceful, Runnable immediate) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("shutting down");
            graceful.run();
            log.info("stopped cleanly");
        }, "zamin-shutdown"));
        AtomicInteger received = new AtomicInteger();
        SignalHandler handler = signal -> {
            if (received.getAndIncrement() == 0) {
                log.info("SIG{}: stopping gracefully (send it again to stop at once)", signal.getName());
                new Thread(() -> System.exit(0), "zamin-exit").start();
            } else {
                log.warn("SIG{} again: stopping at once; requests in flight are cut", signal.getName());
                immediate.run();
                Runtime.getRuntime().halt(128 + signal.getNumber());
            }
        };
        Signal.handle(new Signal("TERM"), handler);
        Signal.handle(new Signal("INT"), handler);
    }
}
