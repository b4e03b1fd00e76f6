package dev.lenetlab.experiment;

import dev.lenetlab.engine.Activation;
import dev.lenetlab.engine.OptimizerKind;
import dev.lenetlab.engine.OptimizerSpec;
import dev.lenetlab.engine.Pooling;
import dev.lenetlab.experiment.data.MnistDataset;
import dev.lenetlab.experiment.model.MnistSubset;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A snapshot taken from another thread while a run trains is the weights after exactly the
 * iteration it reports: bit for bit what a run stopped at that iteration holds.
 */
class TrainingRunSnapshotTest {

    private static RunConfig config(int iterations) {
        // momentum: every step changes every weight, and the state carries over between steps
        return new RunConfig(Activation.RELU, Pooling.MAX, OptimizerSpec.defaults(OptimizerKind.MOMENTUM)
                .withLearningRate(0.05), 16, iterations, 1_000_000, 100, 0, 5, 1, MnistDataset.defaultDirectory());
    }

    @Test
    void snapshotsTakenWhileTrainingAreTheWeightsOfTheIterationTheyReport() throws Exception {
        // the first images of MNIST: enough to train on, small enough to train twice
        MnistDataset data = MnistSubset.of(2_000, 500);
        TrainingRun run = new TrainingRun(config(300), data);
        assertNull(run.parametersSnapshot(), "nothing to copy before the run starts");
        CompletableFuture<RunOutcome> outcome = CompletableFuture.supplyAsync(run::run);
        TreeMap<Integer, float[]> taken = new TreeMap<>();
        while (!outcome.isDone()) {
            TrainingRun.Snapshot s = run.parametersSnapshot();
            if (s != null && s.iteration() > 0) {
                taken.putIfAbsent(s.iteration(), s.parameters());
            }
            Thread.sleep(1);
        }
        assertEquals(RunStatus.FINISHED, outcome.get(60, TimeUnit.SECONDS).status());
        assertTrue(taken.size() >= 3, "snapshots at " + taken.keySet());

        // three of them, spread over the run, against runs that stop at their iteration
        List<Integer> iterations = List.copyOf(taken.keySet());
        for (int iteration : new TreeSet<>(List.of(iterations.get(0), iterations.get(iterations.size() / 2),
                iterations.get(iterations.size() - 1)))) {
            assertArrayEquals(bits(weightsAfter(data, iteration)), bits(taken.get(iteration)),
                    "the snapshot of iteration " + iteration);
        }
        TrainingRun.Snapshot last = run.parametersSnapshot();
        assertEquals(300, last.iteration(), "after the run: its last iteration");
        assertArrayEquals(bits(run.finalCheckpoint().parameters()), bits(last.parameters()));
    }

    private static float[] weightsAfter(MnistDataset data, int iterations) {
        TrainingRun run = new TrainingRun(config(iterations), data);
        run.run();
        return run.finalCheckpoint().parameters();
    }

    private static int[] bits(float[] values) {
        int[] bits = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Float.floatToRawIntBits(values[i]);
        }
        return bits;
    }
}
