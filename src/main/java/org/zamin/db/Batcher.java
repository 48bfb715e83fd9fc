package org.zamin.db;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit done by the application: items submitted from many request threads are handed to {@code work} in
 * batches, by one worker thread, in the order they arrived. While a batch is with the database the next items
 * queue up and go together, so a crowd costs one transaction per batch instead of one per request, and a lone item
 * goes at once. {@code work} must be all or nothing (one transaction) and answer one result per item, in order. When
 * a batch fails, its items are run again one at a time, so that an item that cannot be done fails alone.
 */
public final class Batcher<I, O> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Batcher.class);

    private record Pending<I, O>(I item, CompletableFuture<O> result) {}

    private final String name;
    private final int maxBatch;
    private final Function<List<I>, List<O>> work;
    private final BlockingQueue<Pending<I, O>> queue = new LinkedBlockingQueue<>();
    private final Thread worker;
    private volatile boolean closed;
    private volatile java.util.function.IntConsumer batchSizes = size -> {};

    public Batcher(String name, int maxBatch, Function<List<I>, List<O>> work) {
        this.name = name;
        this.maxBatch = maxBatch;
        this.work = work;
        this.worker = new Thread(this::run, name);
        worker.setDaemon(true);
        worker.start();
    }

    /** Runs {@code item} in the next batch and returns its result; rethrows what the work threw for it. */
    public O submit(I item) {
        if (closed) {
            throw new IllegalStateException(name + " is closed");
        }
        var pending = new Pending<I, O>(item, new CompletableFuture<>());
        queue.add(pending);
        if (closed && queue.remove(pending)) {
            throw new IllegalStateException(name + " is closed");
        }
        try {
            return pending.result().get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + name, e);
        }
    }

    private void run() {
        List<Pending<I, O>> batch = new ArrayList<>(maxBatch);
        // once closed, what is already queued is still done (a flush), then the worker ends
        while (!(closed && queue.isEmpty())) {
            try {
                Pending<I, O> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
            } catch (InterruptedException e) {
                break;
            }
            queue.drainTo(batch, maxBatch - 1);
            batchSizes.accept(batch.size());
            settle(batch);
            batch.clear();
        }
        var stopped = new IllegalStateException(name + " is closed");
        queue.forEach(p -> p.result().completeExceptionally(stopped));
    }

    private void settle(List<Pending<I, O>> batch) {
        try {
            List<O> results = work.apply(batch.stream().map(Pending::item).toList());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result().complete(results.get(i));
            }
        } catch (RuntimeException | Error e) {
            if (batch.size() == 1) {
                batch.get(0).result().completeExceptionally(e);
                return;
            }
            log.warn("{}: a batch of {} failed ({}); running its items one at a time", name, batch.size(), e.toString());
            batch.forEach(p -> settle(List.of(p)));
        }
    }

    /** Items waiting for a batch (not counting the batch with the database now): the queue's length, for metrics. */
    public int queued() {
        return queue.size();
    }

    /** Tells {@code observer} the size of every batch as it goes to the database (for metrics). */
    public void observeBatchSizes(java.util.function.IntConsumer observer) {
        this.batchSizes = observer;
    }

    /**
     * Refuses new items and waits (up to {@link #FLUSH_TIMEOUT_MS}) until the worker has done those already queued,
     * so that a request in flight at shutdown gets its answer.
     */
    @Override
    public void close() {
        closed = true;
        try {
            worker.join(FLUSH_TIMEOUT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (worker.isAlive()) {
            log.warn("{}: items still queued after {} ms; failing them", name, FLUSH_TIMEOUT_MS);
            worker.interrupt();
        }
    }

    /** How long {@link #close()} waits for the queued items to be done. */
    static final long FLUSH_TIMEOUT_MS = 10_000;
}
