package dev.lenetlab.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed set of worker threads that run numbered chunks of work. Which thread runs which chunk is
 * left to chance; callers make results independent of it by giving each chunk its own output slot
 * and combining slots in chunk order. The calling thread works too, as worker 0, so a pool of one
 * thread starts no thread at all.
 *
 * <p>Workers are daemon threads one step below normal priority, so that a user interface stays
 * ahead of training.
 */
public final class WorkerPool implements AutoCloseable {
    /** Work on one chunk, told which worker runs it (to pick that worker's buffers). */
    @FunctionalInterface
    public interface ChunkTask {
        void run(int chunk, int worker);
    }

    private final int threads;
    private final ExecutorService helpers;

    public WorkerPool(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        this.threads = threads;
        AtomicInteger counter = new AtomicInteger();
        this.helpers = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1, runnable -> {
            Thread t = new Thread(runnable, "lenetlab-worker-" + counter.incrementAndGet());
            t.setDaemon(true);
            t.setPriority(Thread.NORM_PRIORITY - 1);
            return t;
        });
    }

    /** The default thread count: the cores this JVM may use, at most {@value #MAX_THREADS}. */
    public static int availableCores() {
        return Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors());
    }

    /** The most threads a pool may have; more would only add partial gradients to reduce. */
    public static final int MAX_THREADS = 256;

    public int threads() {
        return threads;
    }

    /**
     * Runs {@code task} for every chunk in {@code [0, chunks)} and returns when all are done. The
     * first exception of any chunk is rethrown here, after the other workers have stopped. An
     * interrupt of the caller is kept for the caller to see, but does not abandon chunks in flight
     * (they write into buffers the caller owns).
     */
    public void run(int chunks, ChunkTask task) {
        int workers = Math.min(threads, chunks);
        if (workers <= 1) {
            for (int c = 0; c < chunks; c++) {
                task.run(c, 0);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>(workers - 1);
        for (int w = 1; w < workers; w++) {
            int worker = w;
            futures.add(helpers.submit(() -> drain(next, chunks, task, worker)));
        }
        Throwable failure = null;
        try {
            drain(next, chunks, task, 0);
        } catch (RuntimeException | Error e) {
            failure = e;
            next.set(chunks); // the others stop at their next chunk
        }
        boolean interrupted = false;
        for (Future<?> future : futures) {
            while (true) {
                try {
                    future.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause();
                    }
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure instanceof RuntimeException r) {
            throw r;
        }
        if (failure instanceof Error err) {
            throw err;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
    }

    private static void drain(AtomicInteger next, int chunks, ChunkTask task, int worker) {
        for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
            task.run(c, worker);
        }
    }

    @Override
    public void close() {
        if (helpers != null) {
            helpers.shutdownNow();
        }
    }
}
