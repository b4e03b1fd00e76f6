package dev.lenetlab.experiment.profile;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PerformanceProfileTest {
    private static final double F = Double.NaN; // a failure

    /**
     * Four problems, three solvers, worked by hand:
     * p0: A 10, B 20, C 10 → ratios 1, 2, 1 (a tie: both count at τ = 1)
     * p1: A 30, B 15, C F  → 2, 1, fail
     * p2: A F,  B F,  C F  → all fail (no best: every solver gets r_M)
     * p3: A 8,  B 2,  C 4  → 4, 1, 2
     */
    @Test
    void handMadeTableWithTiesAndFailures() {
        double[][] costs = {{10, 20, 10}, {30, 15, F}, {F, Double.POSITIVE_INFINITY, F}, {8, 2, 4}};
        PerformanceProfile profile = PerformanceProfile.compute(List.of("A", "B", "C"), costs);
        assertArrayEquals(new double[] {1, 2, 4}, profile.taus());
        assertArrayEquals(new double[] {0.25, 0.50, 0.75}, profile.rho()[0], 1e-15, "A");
        assertArrayEquals(new double[] {0.50, 0.75, 0.75}, profile.rho()[1], 1e-15, "B");
        assertArrayEquals(new double[] {0.25, 0.50, 0.50}, profile.rho()[2], 1e-15, "C");
        assertArrayEquals(new int[] {1, 1, 2}, profile.failures());
        assertEquals(8, profile.failureRatio(), "r_M = 2 × the largest finite ratio");
        assertEquals(0.50, profile.rho(0, 3.9), 1e-15, "between breakpoints: the step's left value");
        assertEquals(0.0, profile.rho(0, 0.5), "below τ = 1 nothing counts");
        assertTrue(profile.toCsv().startsWith("tau,log2_tau,A,B,C\n1.0,0.0,0.25,0.5,0.25\n"), profile.toCsv());
    }

    @Test
    void rhoAtOneSumsToAtLeastTheSolvedProblemsAndCurvesNeverDecrease() {
        double[][] costs = {{1, 2}, {3, 3}, {5, 1}};
        PerformanceProfile profile = PerformanceProfile.compute(List.of("x", "y"), costs);
        assertEquals(1.0 + 1.0 / 3, profile.rho()[0][0] + profile.rho()[1][0], 1e-15, "the tie counts for both");
        for (double[] curve : profile.rho()) {
            for (int i = 1; i < curve.length; i++) {
                assertTrue(curve[i] >= curve[i - 1]);
            }
            assertEquals(1.0, curve[curve.length - 1], 1e-15, "no failures: every curve reaches 1");
        }
    }

    @Test
    void nonPositiveCostsAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> PerformanceProfile.compute(List.of("a"), new double[][] {{0}}));
    }
}
