package dev.lenetlab.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The array optimizer in LeNet-5 training, single-threaded on a fixed synthetic set: α = 1 is
 * SGD bit for bit, the weights stay finite over 1,000 steps across α, and the warm-up is what
 * keeps the weights from freezing.
 */
class FmsgdTrainingTest {
    private static final int SAMPLES = 160;
    private static final int BATCH = 16;

    /** 160 synthetic images whose label depends on the image, so there is something to learn. */
    private static final class Problem {
        final Network network = Network.lenet5(Activation.RELU, Pooling.MAX);
        final float[] images;
        final int[] labels = new int[SAMPLES];

        Problem() {
            Random random = new Random(401);
            images = TestData.images(random, SAMPLES);
            for (int s = 0; s < SAMPLES; s++) {
                float sum = 0;
                for (int i = 0; i < TestData.PIXELS; i++) {
                    sum += images[s * TestData.PIXELS + i];
                }
                labels[s] = Math.min(9, (int) (sum / 40));
            }
        }

        float[] initialParameters() {
            float[] parameters = network.initialParameters(402);
            TestData.randomiseBiases(network, parameters, new Random(403));
            return parameters;
        }

        /** Batches in a fixed cyclic order: step k uses samples 16k … 16k + 15 (mod 160). */
        float[] batchImages(int step) {
            int first = (step * BATCH) % SAMPLES;
            return Arrays.copyOfRange(images, first * TestData.PIXELS, (first + BATCH) * TestData.PIXELS);
        }

        int[] batchLabels(int step) {
            int first = (step * BATCH) % SAMPLES;
            return Arrays.copyOfRange(labels, first, first + BATCH);
        }
    }

    @Test
    void alphaOneGivesTheWeightsOfSgdBitForBit() {
        Problem problem = new Problem();
        int n = problem.network.parameterCount();
        record Case(int memoryStep, double weightDecay, boolean twoTerm) {}
        Case[] cases = {new Case(1, 0, false), new Case(3, 1e-4, false), new Case(2, 1e-4, true), new Case(1, 0, true)};
        try (WorkerPool pool = new WorkerPool(1)) {
            BatchProcessor processor = new BatchProcessor(problem.network, pool);
            for (Case c : cases) {
                Optimizer sgd = new Sgd(0.1, c.weightDecay());
                Optimizer fmsgd = new Fmsgd(n, 0.1, c.weightDecay(), 1.0, c.memoryStep(), 1e-8, c.twoTerm());
                float[] sgdWeights = problem.initialParameters();
                float[] fmsgdWeights = problem.initialParameters();
                float[] gradient = new float[n];
                for (int step = 0; step < 6; step++) {
                    // Each optimizer's own gradient: the two runs are whole training trajectories.
                    processor.lossAndGradient(sgdWeights, problem.batchImages(step), problem.batchLabels(step),
                            BATCH, gradient);
                    sgd.step(sgdWeights, gradient);
                    processor.lossAndGradient(fmsgdWeights, problem.batchImages(step), problem.batchLabels(step),
                            BATCH, gradient);
                    fmsgd.step(fmsgdWeights, gradient);
                    assertArrayEquals(sgdWeights, fmsgdWeights, c + ", step " + step);
                }
                assertFalse(Arrays.equals(problem.initialParameters(), fmsgdWeights), "the weights moved");
            }
        }
    }

    @ParameterizedTest(name = "α = {0}")
    @ValueSource(doubles = {0.5, 0.9, 1.1, 1.5})
    void weightsStayFiniteOverAThousandSteps(double alpha) {
        Problem problem = new Problem();
        int n = problem.network.parameterCount();
        Optimizer fmsgd = OptimizerSpec.defaults(OptimizerKind.FMSGD).withAlpha(alpha).create(n);
        float[] weights = problem.initialParameters();
        float[] gradient = new float[n];
        float[][] batchImages = new float[SAMPLES / BATCH][];
        int[][] batchLabels = new int[SAMPLES / BATCH][];
        for (int b = 0; b < batchImages.length; b++) {
            batchImages[b] = problem.batchImages(b);
            batchLabels[b] = problem.batchLabels(b);
        }
        double firstLoss = Double.NaN;
        double lastLoss = Double.NaN;
        try (WorkerPool pool = new WorkerPool(1)) {
            BatchProcessor processor = new BatchProcessor(problem.network, pool);
            for (int step = 0; step < 1000; step++) {
                int b = step % batchImages.length;
                BatchProcessor.BatchResult result =
                        processor.lossAndGradient(weights, batchImages[b], batchLabels[b], BATCH, gradient);
                assertTrue(result.finite(), "loss at step " + step + ": " + result.meanLoss());
                fmsgd.step(weights, gradient);
                if (step == 0) {
                    firstLoss = result.meanLoss();
                }
                lastLoss = result.meanLoss();
            }
        }
        for (int i = 0; i < n; i++) {
            assertTrue(Float.isFinite(weights[i]), "weight " + i + " = " + weights[i]);
        }
        assertEquals(1000, fmsgd.steps());
        assertTrue(lastLoss != firstLoss, "the loss changed: " + firstLoss + " → " + lastLoss);
    }

    /** ½‖w − t‖² in float, gradient w − t: a problem where any progress is visible. */
    private static void quadraticGradient(float[] w, float[] target, float[] gradient) {
        for (int i = 0; i < w.length; i++) {
            gradient[i] = w[i] - target[i];
        }
    }

    @Test
    void withoutTheWarmUpEveryWeightFreezes() {
        int n = 1000;
        Random random = new Random(404);
        float[] start = new float[n];
        float[] target = new float[n];
        for (int i = 0; i < n; i++) {
            start[i] = (float) random.nextGaussian();
            target[i] = (float) random.nextGaussian();
        }
        float[] gradient = new float[n];

        // The test hook: history = w₀, ε = 0. Δ = 0 at the first step, so F = 0 and w stays w₀, for ever.
        Fmsgd frozen = new Fmsgd(n, 0.1, 0, 0.9, 1, 0, false, false);
        float[] w = start.clone();
        for (int step = 0; step < 50; step++) {
            quadraticGradient(w, target, gradient);
            frozen.step(w, gradient);
        }
        assertArrayEquals(start, w, "no weight moved");

        // The same settings with the warm-up converge.
        Fmsgd warm = new Fmsgd(n, 0.1, 0, 0.9, 1, 0, false, true);
        w = start.clone();
        for (int step = 0; step < 300; step++) {
            quadraticGradient(w, target, gradient);
            warm.step(w, gradient);
        }
        for (int i = 0; i < n; i++) {
            assertEquals(target[i], w[i], 1e-4, "weight " + i);
        }

        // α > 1 without warm-up and ε: F = 0^(−0.5) = ∞ at the first step.
        Fmsgd exploding = new Fmsgd(n, 0.1, 0, 1.5, 1, 0, false, false);
        w = start.clone();
        quadraticGradient(w, target, gradient);
        exploding.step(w, gradient);
        for (float wi : w) {
            assertFalse(Float.isFinite(wi));
        }
    }
}
