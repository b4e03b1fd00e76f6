package dev.lenetlab.ui.chart;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DecimatorTest {

    private static double[] range(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
        }
        return x;
    }

    @Test
    void shortSeriesAreKeptWhole() {
        double[] x = range(10);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, Decimator.lttb(x, x, 1000));
    }

    @Test
    void longSeriesComeDownToTheThresholdKeepingBothEnds() {
        int n = 100_000;
        double[] x = range(n);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = Math.sin(i / 1000.0);
        }
        int[] kept = Decimator.lttb(x, y, Decimator.MAX_POINTS);
        assertEquals(Decimator.MAX_POINTS, kept.length);
        assertEquals(0, kept[0]);
        assertEquals(n - 1, kept[kept.length - 1]);
        for (int i = 1; i < kept.length; i++) {
            assertTrue(kept[i] > kept[i - 1], "indices ascend");
        }
    }

    @Test
    void aSpikeSurvives() {
        int n = 50_000;
        double[] x = range(n);
        double[] y = new double[n];
        y[31_337] = 100; // one outlier in a flat line
        int[] kept = Decimator.lttb(x, y, 500);
        assertTrue(Arrays.stream(kept).anyMatch(i -> i == 31_337), "the spike is kept");
    }

    @Test
    void keepsTheExtremesOfAnOscillation() {
        int n = 20_000;
        double[] x = range(n);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = Math.sin(2 * Math.PI * i / 2_000.0);
        }
        int[] kept = Decimator.lttb(x, y, 400);
        double max = Arrays.stream(kept).mapToDouble(i -> y[i]).max().orElseThrow();
        double min = Arrays.stream(kept).mapToDouble(i -> y[i]).min().orElseThrow();
        assertTrue(max > 0.99 && min < -0.99, "range kept: " + min + " to " + max);
    }

    @Test
    void thresholdBelowThreeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Decimator.lttb(range(10), range(10), 2));
    }
}
