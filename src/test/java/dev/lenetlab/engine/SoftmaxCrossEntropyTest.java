package dev.lenetlab.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lenetlab.engine.reference.Numerics;
import dev.lenetlab.engine.reference.ReferenceSoftmaxCrossEntropy;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fused softmax cross-entropy: stable for huge logits, NaN-aware, and equal to the reference. */
class SoftmaxCrossEntropyTest {
    private static final int CLASSES = 10;

    private record Outcome(double loss, float[] gradient, int[] predictions) {}

    private static Outcome evaluate(float[] logits, int[] labels, float scale) {
        int samples = labels.length;
        float[] gradient = new float[samples * CLASSES];
        java.util.Arrays.fill(gradient, 42f); // must be overwritten
        int[] predictions = new int[samples];
        double loss = SoftmaxCrossEntropy.evaluate(logits, labels, 0, samples, CLASSES, scale, gradient, predictions);
        return new Outcome(loss, gradient, predictions);
    }

    private static float[] row(float... values) {
        float[] row = new float[CLASSES];
        System.arraycopy(values, 0, row, 0, values.length);
        return row;
    }

    @Test
    void hugeLogitsGiveFiniteExactLossAndGradient() {
        float[] logits = row(1e4f, -1e4f);
        Outcome right = evaluate(logits, new int[] {0}, 1f);
        // exp(−1e4) and exp(−2e4) underflow to 0: the loss is exactly log(1) = 0.
        assertEquals(0.0, right.loss(), 1e-12);
        assertArrayEquals(new float[CLASSES], right.gradient(), 1e-30f);
        assertEquals(0, right.predictions()[0]);

        Outcome wrong = evaluate(logits, new int[] {1}, 1f);
        assertEquals(2e4, wrong.loss(), 1e-12 * 2e4);
        assertArrayEquals(row(1f, -1f), wrong.gradient(), 1e-30f);
        assertEquals(0, wrong.predictions()[0]);

        Outcome middle = evaluate(logits, new int[] {5}, 0.5f);
        assertEquals(1e4, middle.loss(), 1e-12 * 1e4);
        float[] expected = row(0.5f);
        expected[5] = -0.5f;
        assertArrayEquals(expected, middle.gradient(), 1e-30f);
    }

    @Test
    void logitsOfPlusMinusTenThousandEverywhereStayFinite() {
        Random random = new Random(81);
        int samples = 8;
        float[] logits = new float[samples * CLASSES];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = random.nextBoolean() ? 1e4f : -1e4f;
        }
        int[] labels = TestData.labels(random, samples);
        Outcome outcome = evaluate(logits, labels, 1f / samples);
        assertTrue(Double.isFinite(outcome.loss()));
        for (float g : outcome.gradient()) {
            assertTrue(Float.isFinite(g));
        }
    }

    @Test
    void nanLogitGivesNanLossAndNoPrediction() {
        float[] logits = new float[2 * CLASSES];
        logits[3] = 2f;
        logits[CLASSES + 4] = Float.NaN;
        Outcome outcome = evaluate(logits, new int[] {3, 4}, 0.5f);
        assertTrue(Double.isNaN(outcome.loss()));
        assertEquals(3, outcome.predictions()[0], "a finite row keeps its prediction");
        assertEquals(-1, outcome.predictions()[1]);
        for (int j = 0; j < CLASSES; j++) {
            assertTrue(Float.isFinite(outcome.gradient()[CLASSES + j]), "no NaN leaks into the gradient");
        }
    }

    @Test
    void infiniteLogitIsTreatedLikeNan() {
        Outcome outcome = evaluate(row(Float.POSITIVE_INFINITY, 1f), new int[] {0}, 1f);
        assertTrue(Double.isNaN(outcome.loss()));
        assertEquals(-1, outcome.predictions()[0]);
    }

    @Test
    void predictionIsTheFirstMaximum() {
        Outcome outcome = evaluate(row(1f, 3f, 3f, -2f), new int[] {0}, 1f);
        assertEquals(1, outcome.predictions()[0]);
    }

    @Test
    void matchesTheReference() {
        Random random = new Random(82);
        int samples = 12;
        float[] logits = Numerics.uniformFloats(random, samples * CLASSES, -8, 8);
        int[] labels = TestData.labels(random, samples);
        Outcome outcome = evaluate(logits, labels, 1f / samples);
        ReferenceSoftmaxCrossEntropy.Result expected = ReferenceSoftmaxCrossEntropy.evaluate(
                Numerics.toDouble(logits), labels, samples, CLASSES);
        // The engine returns the sum; the gradient is of the mean (scale = 1/samples).
        assertEquals(expected.meanLoss(), outcome.loss() / samples, 1e-12 * expected.meanLoss());
        assertEquals(null, Numerics.compare(outcome.gradient(), 0, expected.gradient(), 1e-6));
    }
}
