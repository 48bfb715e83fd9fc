package org.zamin.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The batcher alone: items submitted together are worked together, in order, and a failing item fails alone. */
class BatcherTest {

    @Test
    void itemsThatArriveWhileABatchRunsGoTogetherInArrivalOrder() throws Exception {
        List<List<Integer>> batches = new CopyOnWriteArrayList<>();
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (var batcher = new Batcher<Integer, Integer>("test", 10, items -> {
            batches.add(items);
            firstStarted.countDown();
            await(release);
            return items.stream().map(i -> i * 2).toList();
        })) {
            ExecutorService pool = Executors.newFixedThreadPool(5);
            Future<Integer> first = pool.submit(() -> batcher.submit(0));
            firstStarted.await();
            List<Future<Integer>> later = new ArrayList<>();
            for (int i = 1; i <= 4; i++) {
                int item = i;
                later.add(pool.submit(() -> batcher.submit(item)));
                Thread.sleep(20); // a clear arrival order
            }
            release.countDown();
            assertEquals(0, first.get());
            for (int i = 1; i <= 4; i++) {
                assertEquals(2 * i, later.get(i - 1).get());
            }
            assertEquals(List.of(List.of(0), List.of(1, 2, 3, 4)), batches);
            pool.shutdown();
        }
    }

    @Test
    void aFailingItemFailsAloneAndTheOthersOfItsBatchAreStillDone() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (var batcher = new Batcher<Integer, Integer>("test", 10, items -> {
            await(release);
            if (items.contains(13)) {
                throw new IllegalArgumentException("no 13");
            }
            return items;
        })) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            var blocker = pool.submit(() -> batcher.submit(1));
            Thread.sleep(50);
            var good = pool.submit(() -> batcher.submit(2));
            var bad = pool.submit(() -> batcher.submit(13));
            var alsoGood = pool.submit(() -> batcher.submit(3));
            Thread.sleep(50);
            release.countDown();
            assertEquals(1, blocker.get());
            assertEquals(2, good.get());
            assertEquals(3, alsoGood.get());
            var failure = assertThrows(java.util.concurrent.ExecutionException.class, bad::get);
            assertTrue(failure.getCause() instanceof IllegalArgumentException, failure.toString());
            pool.shutdown();
        }
    }

    @Test
    void aClosedBatcherRefusesNewItems() {
        var batcher = new Batcher<Integer, Integer>("test", 10, items -> items);
        assertEquals(7, batcher.submit(7));
        batcher.close();
        assertThrows(IllegalStateException.class, () -> batcher.submit(8));
    }

    @Test
    void closingFinishesTheBatchRunningAndTheItemsQueuedBehindIt() throws Exception {
        CountDownLatch working = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        var batcher = new Batcher<Integer, Integer>("test", 10, items -> {
            working.countDown();
            await(release);
            return items.stream().map(i -> i * 10).toList();
        });
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<Integer> first = pool.submit(() -> batcher.submit(1));
            await(working);
            List<Thread> waiting = new java.util.concurrent.CopyOnWriteArrayList<>();
            List<Future<Integer>> queued = new ArrayList<>();
            for (int i = 2; i <= 3; i++) {
                int item = i;
                queued.add(pool.submit(() -> {
                    waiting.add(Thread.currentThread());
                    return batcher.submit(item);
                }));
            }
            // both wait for their answer, i.e. are queued behind the running batch
            while (waiting.size() < 2 || waiting.stream().anyMatch(t -> t.getState() != Thread.State.WAITING)) {
                Thread.onSpinWait();
            }
            List<Thread> closer = new java.util.concurrent.CopyOnWriteArrayList<>();
            Future<?> closing = pool.submit(() -> {
                closer.add(Thread.currentThread());
                batcher.close();
            });
            // close() has begun: it returned, or it waits for the worker
            while (!closing.isDone() && (closer.isEmpty() || closer.get(0).getState() != Thread.State.TIMED_WAITING)) {
                Thread.onSpinWait();
            }
            assertThrows(IllegalStateException.class, () -> batcher.submit(99), "a closing batcher takes no more");
            release.countDown();
            closing.get();
            assertEquals(10, first.get());
            assertEquals(20, queued.get(0).get());
            assertEquals(30, queued.get(1).get());
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
