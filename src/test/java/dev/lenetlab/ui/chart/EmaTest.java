package dev.lenetlab.ui.chart;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmaTest {

    @Test
    void weightZeroLeavesTheDataAsItIs() {
        double[] y = {3, 1, 4, 1, 5};
        assertArrayEquals(y, Ema.smooth(y, 0));
    }

    @Test
    void debiasingKeepsTheFirstPointWhereItIs() {
        double[] s = Ema.smooth(new double[] {10, 10, 10}, 0.9);
        // Without debiasing the first value would be 1.0 (pulled towards zero).
        assertEquals(10, s[0], 1e-12);
        assertEquals(10, s[1], 1e-12);
        assertEquals(10, s[2], 1e-12);
    }

    @Test
    void matchesTensorBoardsFormula() {
        double w = 0.6;
        double[] y = {1, 2, 3};
        double m1 = (1 - w) * 1;
        double m2 = w * m1 + (1 - w) * 2;
        double m3 = w * m2 + (1 - w) * 3;
        double[] expected = {m1 / (1 - w), m2 / (1 - w * w), m3 / (1 - w * w * w)};
        assertArrayEquals(expected, Ema.smooth(y, w), 1e-12);
    }

    @Test
    void nonFinitePointsAreSkippedAndDoNotPoisonTheAverage() {
        double[] s = Ema.smooth(new double[] {1, Double.NaN, 1, Double.POSITIVE_INFINITY, 1}, 0.8);
        assertEquals(1, s[0], 1e-12);
        assertTrue(Double.isNaN(s[1]));
        assertEquals(1, s[2], 1e-12);
        assertTrue(Double.isInfinite(s[3]));
        assertEquals(1, s[4], 1e-12);
    }

    @Test
    void smoothingDampsNoise() {
        double[] y = new double[200];
        for (int i = 0; i < y.length; i++) {
            y[i] = i % 2 == 0 ? 1 : -1;
        }
        double[] s = Ema.smooth(y, 0.9);
        for (int i = 50; i < y.length; i++) {
            assertTrue(Math.abs(s[i]) < 0.2, "smoothed " + s[i]);
        }
    }

    @Test
    void weightMustBeBelowOne() {
        assertThrows(IllegalArgumentException.class, () -> Ema.smooth(new double[] {1}, 1));
        assertThrows(IllegalArgumentException.class, () -> Ema.smooth(new double[] {1}, -0.1));
    }
}
