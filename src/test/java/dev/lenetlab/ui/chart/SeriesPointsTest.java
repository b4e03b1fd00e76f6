package dev.lenetlab.ui.chart;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeriesPointsTest {

    @Test
    void nonFinitePointsNeverReachTheChart() {
        double[] x = {1, 2, 3, 4, 5};
        double[] y = {0.5, Double.NaN, 0.7, Double.NEGATIVE_INFINITY, 0.9};
        SeriesPoints p = SeriesPoints.of(x, y, 0, 1000);
        assertArrayEquals(new double[] {1, 3, 5}, p.x());
        assertArrayEquals(new double[] {0.5, 0.7, 0.9}, p.y());
        for (double v : p.y()) {
            assertTrue(Double.isFinite(v));
        }
    }

    @Test
    void smoothingChangesValuesButKeepsTheRaw() {
        double[] x = {1, 2, 3};
        double[] y = {0, 1, 0};
        SeriesPoints p = SeriesPoints.of(x, y, 0.5, 1000);
        assertArrayEquals(y, p.rawY());
        assertTrue(p.y()[1] < 1 && p.y()[1] > 0);
    }

    @Test
    void longSeriesAreDecimated() {
        int n = 25_000;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i + 1;
            y[i] = Math.exp(-i / 5000.0);
        }
        SeriesPoints p = SeriesPoints.of(x, y, 0.6, Decimator.MAX_POINTS);
        assertEquals(Decimator.MAX_POINTS, p.size());
        assertEquals(1, p.x()[0]);
        assertEquals(n, p.x()[p.size() - 1]);
    }
}
