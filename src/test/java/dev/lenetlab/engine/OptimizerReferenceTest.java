package dev.lenetlab.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * SGD, momentum, Nesterov and Adam against values worked out by hand for three steps on a vector
 * of three, in PyTorch's conventions. The momentum cases use powers of two, so float is exact and
 * the comparison is exact too.
 */
class OptimizerReferenceTest {
    private static final float[] START = {1f, -2f, 0.25f};
    private static final float[][] GRADIENTS = {{1f, -2f, 4f}, {2f, 4f, -1f}, {0.5f, 0f, 1f}};

    /** The weights after each of the steps. */
    private static float[][] run(Optimizer optimizer, float[][] gradients) {
        float[] w = START.clone();
        float[][] after = new float[gradients.length][];
        for (int k = 0; k < gradients.length; k++) {
            optimizer.step(w, gradients[k]);
            after[k] = w.clone();
        }
        assertEquals(gradients.length, optimizer.steps());
        return after;
    }

    @Test
    void sgd() {
        // w ← w − 0.5 g
        float[][] w = run(new Sgd(0.5, 0, 3), GRADIENTS);
        assertArrayEquals(new float[] {0.5f, -1f, -1.75f}, w[0]);
        assertArrayEquals(new float[] {-0.5f, -3f, -1.25f}, w[1]);
        assertArrayEquals(new float[] {-0.75f, -3f, -1.75f}, w[2]);
    }

    @Test
    void heavyBallMomentum() {
        // μ = 0.5, m = 0.5. v₁ = g₁ = (1, −2, 4);            w₁ = w₀ − 0.5 v₁ = (0.5, −1, −1.75)
        //                   v₂ = 0.5 v₁ + g₂ = (2.5, 3, 1);    w₂ = w₁ − 0.5 v₂ = (−0.75, −2.5, −2.25)
        //                   v₃ = 0.5 v₂ + g₃ = (1.75, 1.5, 1.5); w₃ = w₂ − 0.5 v₃ = (−1.625, −3.25, −3)
        float[][] w = run(new MomentumSgd(3, 0.5, 0, 0.5, false), GRADIENTS);
        assertArrayEquals(new float[] {0.5f, -1f, -1.75f}, w[0]);
        assertArrayEquals(new float[] {-0.75f, -2.5f, -2.25f}, w[1]);
        assertArrayEquals(new float[] {-1.625f, -3.25f, -3f}, w[2]);
    }

    @Test
    void heavyBallMomentumWithWeightDecay() {
        // λ = 0.5, d = g + 0.5 w. d₁ = (1.5, −3, 4.125) = v₁;  w₁ = w₀ − 0.5 v₁ = (0.25, −0.5, −1.8125)
        // d₂ = g₂ + 0.5 w₁ = (2.125, 3.75, −1.90625); v₂ = 0.5 v₁ + d₂ = (2.875, 2.25, 0.15625)
        // w₂ = w₁ − 0.5 v₂ = (−1.1875, −1.625, −1.890625)
        float[][] w = run(new MomentumSgd(3, 0.5, 0.5, 0.5, false), new float[][] {GRADIENTS[0], GRADIENTS[1]});
        assertArrayEquals(new float[] {0.25f, -0.5f, -1.8125f}, w[0]);
        assertArrayEquals(new float[] {-1.1875f, -1.625f, -1.890625f}, w[1]);
    }

    @Test
    void nesterovMomentum() {
        // v ← m v + g, w ← w − μ (g + m v), μ = m = 0.5.
        // v₁ = (1, −2, 4);       w₁ = w₀ − 0.5 (g₁ + 0.5 v₁) = w₀ − 0.75 g₁ = (0.25, −0.5, −2.75)
        // v₂ = (2.5, 3, 1);      w₂ = w₁ − 0.5 ((2, 4, −1) + (1.25, 1.5, 0.5)) = (−1.375, −3.25, −2.5)
        // v₃ = (1.75, 1.5, 1.5); w₃ = w₂ − 0.5 ((0.5, 0, 1) + (0.875, 0.75, 0.75)) = (−2.0625, −3.625, −3.375)
        float[][] w = run(new MomentumSgd(3, 0.5, 0, 0.5, true), GRADIENTS);
        assertArrayEquals(new float[] {0.25f, -0.5f, -2.75f}, w[0]);
        assertArrayEquals(new float[] {-1.375f, -3.25f, -2.5f}, w[1]);
        assertArrayEquals(new float[] {-2.0625f, -3.625f, -3.375f}, w[2]);
    }

    @Test
    void zeroMomentumIsSgd() {
        assertArrayEquals(run(new Sgd(0.5, 0, 3), GRADIENTS)[2], run(new MomentumSgd(3, 0.5, 0, 0, false), GRADIENTS)[2]);
        assertArrayEquals(run(new Sgd(0.5, 0, 3), GRADIENTS)[2], run(new MomentumSgd(3, 0.5, 0, 0, true), GRADIENTS)[2]);
    }

    private static void assertClose(double[] expected, float[] actual) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 2e-6, "element " + i);
        }
    }

    @Test
    void adam() {
        // μ = 0.1, β₁ = 0.9, β₂ = 0.999, ε = 1e-8; worked in double.
        // t = 1: m̂ = g, v̂ = g², so w₁ = w₀ − 0.1 g/(|g| + ε) ≈ w₀ − 0.1 sign(g).
        // t = 2, element 0: m = 0.09·1 + 0.1·2 = 0.29, m̂ = 0.29/0.19 = 1.526315…;
        //   v = 0.000999 + 0.004 = 0.004999, v̂ = 0.004999/0.001999 = 2.500750…, √v̂ = 1.581376…;
        //   w₂ = 0.9 − 0.1·1.526315/1.581376 = 0.803481…
        float[][] w = run(new Adam(3, 0.1, 0, 0.9, 0.999, 1e-8), GRADIENTS);
        assertClose(new double[] {0.900000001, -1.9000000005, 0.15000000025}, w[0]);
        assertClose(new double[] {0.8034817990281663, -1.9366103530878296, 0.10305318329027302}, w[1]);
        assertClose(new double[] {0.7167250727272846, -1.964910261726301, 0.05271672664554677}, w[2]);
    }

    @Test
    void adamWeightDecayIsL2NotDecoupled() {
        // With g = 0 the L2 term alone drives Adam: d = 0.5 w, so the first step is ≈ −0.1 sign(w)
        // (AdamW would move w by only μλw = 0.05 w).
        float[][] w = run(new Adam(3, 0.1, 0.5, 0.9, 0.999, 1e-8), new float[][] {{0f, 0f, 0f}, {1f, -1f, 0f}});
        assertClose(new double[] {0.900000002, -1.900000001, 0.15000000799999935}, w[0]);
        assertClose(new double[] {0.8078140692246969, -1.80321474865892, 0.054250998986558996}, w[1]);
    }

    @Test
    void arraysOfTheWrongLengthAreRefused() {
        Optimizer adam = new Adam(3, 0.1, 0, 0.9, 0.999, 1e-8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> adam.step(new float[4], new float[4]));
        assertEquals("adam was built for 3 parameters, got 4", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> adam.step(new float[3], new float[2]));
        assertEquals("gradient has 2 values for 3 parameters", e.getMessage());
        assertEquals(0, adam.steps());
        // An Sgd built without a count takes any length, as it always has.
        Sgd sgd = new Sgd(0.1, 0);
        sgd.step(new float[5], new float[5]);
        sgd.step(new float[7], new float[7]);
        assertEquals(2, sgd.steps());
    }
}
