package dev.lenetlab.experiment;

import dev.lenetlab.engine.Activation;
import dev.lenetlab.engine.OptimizerSpec;
import dev.lenetlab.engine.Pooling;
import dev.lenetlab.experiment.data.DatasetCache;
import dev.lenetlab.experiment.data.MnistDataset;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pause holds a run between iterations without using the CPU; cancel ends it even while paused. */
class TrainingRunPauseTest {

    @Test
    void pauseResumeAndCancelWhilePaused() throws Exception {
        MnistDataset data = DatasetCache.shared().get(MnistDataset.defaultDirectory());
        RunConfig config = new RunConfig(Activation.RELU, Pooling.MAX, OptimizerSpec.defaults("sgd").withLearningRate(0.05), 16, 100_000, 1_000_000, 100, 0, 1,
                1, MnistDataset.defaultDirectory());
        TrainingRun run = new TrainingRun(config, data);
        CountDownLatch paused = new CountDownLatch(1);
        CountDownLatch resumed = new CountDownLatch(1);
        run.addListener(new TrainingListener() {
            @Override
            public void paused(int iterationsDone) {
                paused.countDown();
            }

            @Override
            public void resumed(int iterationsDone) {
                resumed.countDown();
            }
        });
        CompletableFuture<RunOutcome> outcome = CompletableFuture.supplyAsync(run::run);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (run.iterationsDone() < 5 && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        run.pause();
        assertTrue(paused.await(5, TimeUnit.SECONDS));
        int atPause = run.iterationsDone();
        double trainingAtPause = run.trainingSeconds();
        Thread.sleep(300);
        assertEquals(atPause, run.iterationsDone(), "no iteration while paused");
        assertEquals(trainingAtPause, run.trainingSeconds(), "paused time is not training time");
        run.resume();
        assertTrue(resumed.await(5, TimeUnit.SECONDS));
        while (run.iterationsDone() <= atPause + 3) {
            Thread.sleep(5);
        }
        run.pause();
        while (!run.pauseRequested()) {
            Thread.sleep(1);
        }
        Thread.sleep(100);
        run.cancel();
        RunOutcome o = outcome.get(5, TimeUnit.SECONDS);
        assertEquals(RunStatus.CANCELLED, o.status());
        assertEquals(run.iterationsDone(), o.iterationsDone());
        assertTrue(o.wallSeconds() < o.trainingSeconds() + 5);
    }
}
