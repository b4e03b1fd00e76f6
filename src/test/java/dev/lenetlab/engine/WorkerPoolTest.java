package dev.lenetlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** WorkerPool: every chunk exactly once, one chunk at a time per worker slot, failures reach the caller. */
class WorkerPoolTest {

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {1, 2, 3})
    void everyChunkRunsExactlyOnceOnAValidWorker(int threads) {
        try (WorkerPool pool = new WorkerPool(threads)) {
            for (int chunks : new int[] {0, 1, 2, 3, 7, 200}) {
                AtomicIntegerArray runs = new AtomicIntegerArray(chunks);
                AtomicBoolean badWorker = new AtomicBoolean();
                pool.run(chunks, (chunk, worker) -> {
                    runs.incrementAndGet(chunk);
                    if (worker < 0 || worker >= threads) {
                        badWorker.set(true);
                    }
                });
                for (int c = 0; c < chunks; c++) {
                    assertEquals(1, runs.get(c), "chunk " + c + " of " + chunks);
                }
                assertFalse(badWorker.get(), "worker index out of range");
            }
        }
    }

    /** Callers index per-worker buffers by the worker number: two chunks must never share one at once. */
    @Test
    void aWorkerSlotRunsOneChunkAtATime() {
        int threads = 3;
        try (WorkerPool pool = new WorkerPool(threads)) {
            AtomicBoolean[] busy = new AtomicBoolean[threads];
            for (int w = 0; w < threads; w++) {
                busy[w] = new AtomicBoolean();
            }
            AtomicBoolean overlap = new AtomicBoolean();
            pool.run(300, (chunk, worker) -> {
                if (!busy[worker].compareAndSet(false, true)) {
                    overlap.set(true);
                }
                Thread.onSpinWait();
                busy[worker].set(false);
            });
            assertFalse(overlap.get());
        }
    }

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {1, 3})
    void anExceptionInAChunkReachesTheCaller(int threads) {
        try (WorkerPool pool = new WorkerPool(threads)) {
            IllegalStateException failure = new IllegalStateException("chunk 5 failed");
            RuntimeException thrown = assertThrows(RuntimeException.class, () -> pool.run(20, (chunk, worker) -> {
                if (chunk == 5) {
                    throw failure;
                }
            }));
            assertSame(failure, thrown);
            // The pool is still usable afterwards.
            AtomicInteger runs = new AtomicInteger();
            pool.run(10, (chunk, worker) -> runs.incrementAndGet());
            assertEquals(10, runs.get());
        }
    }

    @Test
    void anErrorInAChunkReachesTheCaller() {
        try (WorkerPool pool = new WorkerPool(2)) {
            Error failure = new AssertionError("boom");
            Error thrown = assertThrows(Error.class, () -> pool.run(8, (chunk, worker) -> {
                if (chunk == 3) {
                    throw failure;
                }
            }));
            assertSame(failure, thrown);
        }
    }

    /**
     * A failure on a helper thread (not the calling one) must come back too. Chunks 0 and 1 wait for
     * each other, so they run on two different workers at once; whichever is not worker 0 throws.
     */
    @Test
    void anExceptionOnAHelperThreadReachesTheCaller() {
        try (WorkerPool pool = new WorkerPool(2)) {
            CountDownLatch bothStarted = new CountDownLatch(2);
            IllegalArgumentException failure = new IllegalArgumentException("helper failed");
            AtomicBoolean helperThrew = new AtomicBoolean();
            RuntimeException thrown = assertThrows(RuntimeException.class, () -> pool.run(2, (chunk, worker) -> {
                bothStarted.countDown();
                try {
                    assertTrue(bothStarted.await(10, TimeUnit.SECONDS), "chunks 0 and 1 never ran together");
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                if (worker != 0) {
                    helperThrew.set(true);
                    throw failure;
                }
            }));
            assertTrue(helperThrew.get());
            assertSame(failure, thrown);
        }
    }

    /** run() rethrows only after the other workers have stopped: nothing still writes into caller buffers. */
    @Test
    void aFailureIsRethrownOnlyAfterTheOtherWorkersStopped() {
        try (WorkerPool pool = new WorkerPool(2)) {
            AtomicInteger running = new AtomicInteger();
            CountDownLatch helperStarted = new CountDownLatch(1);
            RuntimeException failure = new RuntimeException("caller chunk failed");
            assertThrows(RuntimeException.class, () -> pool.run(2, (chunk, worker) -> {
                running.incrementAndGet();
                try {
                    if (worker == 0) {
                        // Wait for the helper to be inside its chunk, then fail while it still works.
                        helperStarted.await(10, TimeUnit.SECONDS);
                        throw failure;
                    }
                    helperStarted.countDown();
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                } finally {
                    running.decrementAndGet();
                }
            }));
            assertEquals(0, running.get(), "a chunk was still running when run() threw");
        }
    }

    @Test
    void rejectsFewerThanOneThread() {
        assertThrows(IllegalArgumentException.class, () -> new WorkerPool(0));
    }
}
