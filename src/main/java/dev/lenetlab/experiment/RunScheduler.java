package dev.lenetlab.experiment;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Shares the machine's cores among training runs without oversubscribing them.
 *
 * <p>Policy: there is a budget of one worker thread per core. Jobs wait in a first-in, first-out
 * queue; whenever threads are free, the jobs at the head start, each with its share of the free
 * threads (split evenly among the jobs that can start now, at least one each, or the number it
 * asks for if it asks for fewer), which it keeps until it ends. So at most as many runs train at
 * once as there are cores, a run started alone gets every core, and a group launched together
 * splits them. A paused run keeps its threads.
 *
 * <p>Each job runs on its own daemon thread, one step below normal priority (as the engine's
 * workers are), so that a user interface stays ahead of training.
 */
public final class RunScheduler implements AutoCloseable {

    /** A piece of work that needs worker threads: in practice, one training run. */
    public interface Job {
        /** The worker threads the job wants, or 0 for its fair share. */
        int requestedThreads();

        /** Does the work on the calling (background) thread with {@code threads} worker threads. */
        void run(int threads);
    }

    private final int cores;
    private final Deque<Job> queue = new ArrayDeque<>();
    private final Map<Job, Integer> running = new IdentityHashMap<>();
    private final ExecutorService executor;
    private int used;
    private boolean closed;

    public RunScheduler(int cores) {
        if (cores < 1) {
            throw new IllegalArgumentException("cores must be at least 1: " + cores);
        }
        this.cores = cores;
        AtomicInteger counter = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(runnable -> {
            Thread t = new Thread(runnable, "lenetlab-run-" + counter.incrementAndGet());
            t.setDaemon(true);
            t.setPriority(Thread.NORM_PRIORITY - 1);
            return t;
        });
    }

    public int cores() {
        return cores;
    }

    /** Queues the jobs as one group (so that they start together if threads allow) and starts what fits. */
    public synchronized void submit(Collection<? extends Job> group) {
        if (closed) {
            throw new IllegalStateException("the scheduler is closed");
        }
        queue.addAll(group);
        admit();
    }

    public void submit(Job job) {
        submit(java.util.List.of(job));
    }

    /** Takes a job out of the queue before it starts; false if it has started already (or was never queued). */
    public synchronized boolean withdraw(Job job) {
        return queue.removeIf(j -> j == job);
    }

    public synchronized boolean isQueued(Job job) {
        return queue.stream().anyMatch(j -> j == job);
    }

    /** The threads a started job was given, or 0 if it is not running. */
    public synchronized int threadsOf(Job job) {
        return running.getOrDefault(job, 0);
    }

    public synchronized int runningCount() {
        return running.size();
    }

    public synchronized int queuedCount() {
        return queue.size();
    }

    public synchronized int freeThreads() {
        return cores - used;
    }

    private void admit() {
        while (!queue.isEmpty() && used < cores && !closed) {
            int free = cores - used;
            int startable = Math.min(queue.size(), free);
            int share = (free + startable - 1) / startable; // the first ones take the remainder
            Job job = queue.poll();
            int wanted = job.requestedThreads();
            int threads = wanted > 0 ? Math.min(wanted, free) : share;
            running.put(job, threads);
            used += threads;
            executor.execute(() -> {
                try {
                    job.run(threads);
                } finally {
                    release(job);
                }
            });
        }
    }

    private synchronized void release(Job job) {
        Integer threads = running.remove(job);
        if (threads != null) {
            used -= threads;
        }
        notifyAll();
        admit();
    }

    /** Waits until no job runs; true if that happened within {@code timeout}. Queued jobs do not count. */
    public synchronized boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!running.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    /**
     * Empties the queue and accepts no more jobs; running jobs go on until they end (their owners
     * stop them). Their threads are daemons, so they never hold the JVM open.
     */
    @Override
    public synchronized void close() {
        closed = true;
        queue.clear();
        executor.shutdown();
    }
}
