package dev.lenetlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.special.Gamma;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The FMSGD rule in double on f(x) = (x − 3)², x₀ = 0, μ = 0.1: the test vectors of the
 * specification (section 4), the traps ε and the warm-up exist to avoid, and the fixed-terminal
 * Caputo method the memory step replaces.
 */
class FmsgdScalarTest {
    private static final double MU = 0.1;
    private static final double MINIMISER = 3;

    private static double gradient(double x) {
        return 2 * (x - MINIMISER);
    }

    /**
     * x₀ … x_steps of first-term FMSGD from x₀ = 0. With {@code warmUp} the first K steps are
     * plain SGD; without it the history starts as K copies of x₀ and the rule runs at once.
     */
    private static double[] fmsgd(double alpha, int memoryStep, double epsilon, int steps, boolean warmUp) {
        double[] x = new double[steps + 1];
        for (int k = 0; k < steps; k++) {
            if (warmUp && k < memoryStep) {
                x[k + 1] = x[k] - MU * gradient(x[k]);
            } else {
                double past = k >= memoryStep ? x[k - memoryStep] : x[0];
                x[k + 1] = Fmsgd.firstTermUpdate(x[k], gradient(x[k]), past, MU, alpha, epsilon);
            }
        }
        return x;
    }

    /** The same for the two-term rule; the gradient history follows the iterates. */
    private static double[] twoTermFmsgd(double alpha, int memoryStep, double epsilon, int steps) {
        double[] x = new double[steps + 1];
        for (int k = 0; k < steps; k++) {
            if (k < memoryStep) {
                x[k + 1] = x[k] - MU * gradient(x[k]);
            } else {
                double past = x[k - memoryStep];
                x[k + 1] = Fmsgd.twoTermUpdate(x[k], gradient(x[k]), past, gradient(past), MU, alpha, epsilon);
            }
        }
        return x;
    }

    @ParameterizedTest(name = "Γ(2 − {0}) = {1}")
    @CsvSource({"0.5, 0.88622692545275801", "0.9, 0.95135076986687318", "1.1, 1.0686287021193194",
            "1.5, 1.772453850905516", "1.0, 1.0"})
    void gammaMatchesTheSpecificationTable(double alpha, double gamma) {
        // |Δ| + ε = 1 leaves F = 1/Γ(2 − α).
        assertEquals(gamma, 1 / Fmsgd.memoryFactor(1, alpha, 0), 1e-15 * gamma);
        assertEquals(gamma, Gamma.gamma(2 - alpha), 1e-15 * gamma);
    }

    @Test
    void firstStepsWithoutEpsilon() {
        double[] x = fmsgd(0.9, 1, 0, 2, true);
        assertEquals(0.6, x[1], 1e-12);
        assertEquals(1.0794194931765791, x[2], 1e-12);
    }

    @Test
    void alphaBelowOneConverges() {
        double[] x = fmsgd(0.9, 1, 1e-8, 200, true);
        assertTrue(Math.abs(x[200] - MINIMISER) < 1e-6, "x200 = " + x[200]);
    }

    @Test
    void memoryStepThreeIsStillWarmingUpAtTheSecondStep() {
        double[] x = fmsgd(0.9, 3, 1e-4, 4, true);
        assertEquals(0.6, x[1], 1e-12);
        assertEquals(1.08, x[2], 1e-12);
        // Steps 0, 1, 2 are SGD (x3 = 1.08 + 0.1·3.84); step 3 is the first fractional one, Δ = x3 − x0.
        assertEquals(1.464, x[3], 1e-12);
        double sgd = x[3] - MU * gradient(x[3]);
        assertTrue(x[4] != sgd, "the fourth step must use the memory factor");
    }

    @Test
    void alphaAboveOneConvergesFast() {
        double[] x = fmsgd(1.1, 1, 1e-8, 60, true);
        assertTrue(Math.abs(x[60] - MINIMISER) < 1e-12, "x60 = " + x[60]);
    }

    @Test
    void alphaOneIsSgdBitForBit() {
        for (int memoryStep : new int[] {1, 2, 5}) {
            for (double epsilon : new double[] {0, 1e-8, 1e-4}) {
                double[] x = fmsgd(1.0, memoryStep, epsilon, 100, true);
                double sgd = 0;
                for (int k = 1; k <= 100; k++) {
                    sgd = sgd - MU * gradient(sgd);
                    assertEquals(sgd, x[k], 0.0, "K = " + memoryStep + ", ε = " + epsilon + ", step " + k);
                }
                double[] twoTerm = twoTermFmsgd(1.0, memoryStep, epsilon, 100);
                assertEquals(x[100], twoTerm[100], 0.0, "two-term, K = " + memoryStep + ", ε = " + epsilon);
            }
        }
    }

    @Test
    void withoutWarmUpTheIterateNeverMoves() {
        // History = x₀ gives Δ = 0, F = 0^0.1 = 0, so x₁ = x₀, so Δ = 0 again, forever.
        double[] frozen = fmsgd(0.9, 1, 0, 100, false);
        for (double x : frozen) {
            assertEquals(0.0, x, 0.0);
        }
        // The warm-up's SGD step makes Δ non-zero, and from there the iterate converges.
        assertTrue(Math.abs(fmsgd(0.9, 1, 0, 200, true)[200] - MINIMISER) < 1e-6);
        // For α > 1 the same start gives F = 0^(−0.1) = ∞.
        assertFalse(Double.isFinite(fmsgd(1.1, 1, 0, 1, false)[1]));
        // With ε but no warm-up, α > 1 starts with an outsized step: F = ε^(1−α)/Γ(2−α), 56 for α = 1.5, ε = 1e-4.
        double f = Fmsgd.memoryFactor(0, 1.5, 1e-4);
        assertEquals(100 / 1.772453850905516, f, 1e-9);
    }

    @Test
    void twoTermMatchesItsFormulaAndConverges() {
        double[] x = twoTermFmsgd(0.9, 1, 0, 2);
        // x₁ = 0.6 (warm-up); x₂ = x₁ − μ·0.6^0.1·[g₁/Γ(1.1) + (α−1)(g₁ − g₀)/Γ(2.1)], g₀ = −6, g₁ = −4.8.
        double expected = 0.6 - 0.1 * Math.pow(0.6, 0.1)
                * (-4.8 / 0.95135076986687318 + (0.9 - 1) * (-4.8 + 6) / (1.1 * 0.95135076986687318));
        assertEquals(expected, x[2], 1e-12);
        assertEquals(1.0903153907487741, x[2], 1e-12);
        // An unchanged gradient (zero secant) leaves the first term alone.
        assertEquals(Fmsgd.firstTermUpdate(1.3, -2, 1.1, MU, 0.7, 1e-8),
                Fmsgd.twoTermUpdate(1.3, -2, 1.1, -2, MU, 0.7, 1e-8), 1e-15);
        assertTrue(Math.abs(twoTermFmsgd(0.9, 1, 1e-8, 200)[200] - MINIMISER) < 1e-6);
        assertTrue(Math.abs(twoTermFmsgd(1.1, 1, 1e-4, 100)[100] - MINIMISER) < 1e-12);
    }

    /**
     * The Caputo derivative of (x − 3)² = x² − 6x + 9 with the fixed terminal c = 0, for 0 &lt; α &lt; 1:
     * 2x^(2−α)/Γ(3−α) − 6x^(1−α)/Γ(2−α), the full series (its third and later terms vanish).
     */
    private static double caputoGradientFromZero(double x, double alpha) {
        return 2 * Math.pow(x, 2 - alpha) / Gamma.gamma(3 - alpha) - 6 * Math.pow(x, 1 - alpha) / Gamma.gamma(2 - alpha);
    }

    @Test
    void aFixedTerminalStopsAtTheFractionalExtremeNotTheMinimiser() {
        // The demonstration of the specification: c = 0, x₀ = 1, α = 0.5, 500 iterations.
        double alpha = 0.5;
        double x = 1;
        for (int k = 0; k < 500; k++) {
            x -= MU * caputoGradientFromZero(x, alpha);
        }
        // c + (2 − α)(a − c) = 1.5 · 3 = 4.5, where the ordinary gradient is 3, far from 0.
        assertEquals(4.5, x, 1e-9);
        assertEquals(x, x - MU * caputoGradientFromZero(x, alpha), 1e-12, "a fixed point of the method");
        assertEquals(3.0, gradient(x), 1e-8);

        // The memory step (terminal = x_{k−1}) with the same α heads for 3 and never passes it.
        double[] memory = fmsgd(alpha, 1, 1e-8, 500, true);
        for (double xk : memory) {
            assertTrue(xk <= MINIMISER);
        }
        assertTrue(Math.abs(memory[500] - MINIMISER) < 0.05, "x500 = " + memory[500]);
        assertTrue(Math.abs(memory[500] - MINIMISER) < Math.abs(memory[100] - MINIMISER));
    }
}
