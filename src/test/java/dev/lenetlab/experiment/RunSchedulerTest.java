package dev.lenetlab.experiment;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunSchedulerTest {

    /** A job that records its threads and runs until released. */
    private static final class Blocking implements RunScheduler.Job {
        final int requested;
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        volatile int threads;
        volatile int priority;
        volatile boolean daemon;

        Blocking(int requested) {
            this.requested = requested;
        }

        @Override
        public int requestedThreads() {
            return requested;
        }

        @Override
        public void run(int threads) {
            this.threads = threads;
            priority = Thread.currentThread().getPriority();
            daemon = Thread.currentThread().isDaemon();
            started.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void aRunAloneGetsEveryCoreAndRunsBelowNormalPriority() throws Exception {
        try (RunScheduler s = new RunScheduler(4)) {
            Blocking a = new Blocking(0);
            s.submit(a);
            assertTrue(a.started.await(5, TimeUnit.SECONDS));
            assertEquals(4, a.threads);
            assertEquals(Thread.NORM_PRIORITY - 1, a.priority);
            assertTrue(a.daemon);
            a.release.countDown();
            assertTrue(s.awaitIdle(Duration.ofSeconds(5)));
        }
    }

    @Test
    void aGroupSplitsTheCoresAndRunsBeyondThemWait() throws Exception {
        try (RunScheduler s = new RunScheduler(2)) {
            Blocking a = new Blocking(0);
            Blocking b = new Blocking(0);
            Blocking c = new Blocking(0);
            s.submit(List.of(a, b, c));
            assertTrue(a.started.await(5, TimeUnit.SECONDS));
            assertTrue(b.started.await(5, TimeUnit.SECONDS));
            assertEquals(1, a.threads);
            assertEquals(1, b.threads);
            assertTrue(s.isQueued(c));
            assertEquals(0, s.freeThreads());
            a.release.countDown();
            assertTrue(c.started.await(5, TimeUnit.SECONDS), "the queued run starts when threads free up");
            assertEquals(1, c.threads);
            b.release.countDown();
            c.release.countDown();
            assertTrue(s.awaitIdle(Duration.ofSeconds(5)));
            assertEquals(2, s.freeThreads());
        }
    }

    @Test
    void sharesAreEvenWithTheRemainderToTheFirst() throws Exception {
        try (RunScheduler s = new RunScheduler(8)) {
            Blocking a = new Blocking(0);
            Blocking b = new Blocking(0);
            Blocking c = new Blocking(0);
            s.submit(List.of(a, b, c));
            for (Blocking j : List.of(a, b, c)) {
                assertTrue(j.started.await(5, TimeUnit.SECONDS));
            }
            assertEquals(List.of(3, 3, 2), List.of(a.threads, b.threads, c.threads));
            List.of(a, b, c).forEach(j -> j.release.countDown());
        }
    }

    @Test
    void aRunAskingForFewerThreadsLeavesTheRestFree() throws Exception {
        try (RunScheduler s = new RunScheduler(4)) {
            Blocking a = new Blocking(1);
            s.submit(a);
            assertTrue(a.started.await(5, TimeUnit.SECONDS));
            assertEquals(1, a.threads);
            Blocking b = new Blocking(0);
            s.submit(b);
            assertTrue(b.started.await(5, TimeUnit.SECONDS));
            assertEquals(3, b.threads);
            a.release.countDown();
            b.release.countDown();
        }
    }

    @Test
    void aQueuedJobCanBeWithdrawnAndAClosedSchedulerStartsNothing() throws Exception {
        RunScheduler s = new RunScheduler(1);
        Blocking a = new Blocking(0);
        Blocking b = new Blocking(0);
        s.submit(List.of(a, b));
        assertTrue(a.started.await(5, TimeUnit.SECONDS));
        assertTrue(s.withdraw(b));
        assertFalse(s.withdraw(b));
        AtomicInteger ran = new AtomicInteger();
        s.submit(new RunScheduler.Job() {
            @Override
            public int requestedThreads() {
                return 0;
            }

            @Override
            public void run(int threads) {
                ran.incrementAndGet();
            }
        });
        s.close();
        a.release.countDown();
        assertTrue(s.awaitIdle(Duration.ofSeconds(5)));
        assertEquals(0, ran.get(), "closing empties the queue");
        assertEquals(1, b.started.getCount(), "the withdrawn job never ran");
    }
}
