package dev.lenetlab.experiment;

import dev.lenetlab.engine.Activation;
import dev.lenetlab.engine.OptimizerSpec;
import dev.lenetlab.engine.Pooling;
import dev.lenetlab.engine.WorkerPool;
import dev.lenetlab.experiment.data.MnistDataset;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole stack on the real bundled MNIST: ReLU, SGD, lr 0.1, batch 64, 600 iterations (about
 * 0.64 epoch) must reach at least 95 % on all 10,000 test images.
 */
class EndToEndTrainingTest {

    @Test
    void reluLeNetLearnsMnistInSixHundredIterations() throws Exception {
        MnistDataset data = MnistDataset.load(MnistDataset.defaultDirectory());
        assertEquals(60_000, data.train().count());
        assertEquals(10_000, data.test().count());

        // one evaluation, at the end, on a small slice: the figure under test is the final one on all 10,000
        RunConfig config = new RunConfig(Activation.RELU, Pooling.MAX, OptimizerSpec.defaults("sgd").withLearningRate(0.1), 64, 600, 600, 100, 0, 1,
                WorkerPool.availableCores(), MnistDataset.defaultDirectory());
        TrainingRun run = new TrainingRun(config, data);
        List<MetricsRow> rows = new ArrayList<>();
        run.addListener(new TrainingListener() {
            @Override
            public void evaluated(MetricsRow row, ConfusionMatrix sliceConfusion) {
                rows.add(row);
            }
        });
        long start = System.nanoTime();
        RunOutcome outcome = run.run();
        double seconds = (System.nanoTime() - start) / 1e9;

        assertEquals(RunStatus.FINISHED, outcome.status());
        assertEquals(600, outcome.iterationsDone());
        assertEquals(1, rows.size());
        assertEquals(600, rows.get(0).iteration());
        assertNotNull(outcome.finalTestAccuracy());
        double accuracy = outcome.finalTestAccuracy();
        assertEquals(10_000, outcome.testConfusion().total(), "evaluated on the whole test set");
        assertEquals(accuracy, outcome.testConfusion().accuracy(), 1e-12);
        assertTrue(accuracy >= 0.95, String.format(java.util.Locale.ROOT,
                "test accuracy %.4f after 600 iterations (%.1f s); expected at least 0.95", accuracy, seconds));
        assertTrue(rows.get(0).trainLoss() < 0.5, "train loss over the run: " + rows.get(0).trainLoss());
    }
}
