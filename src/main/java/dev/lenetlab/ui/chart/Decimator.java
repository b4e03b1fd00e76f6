package dev.lenetlab.ui.chart;

/**
 * Largest-Triangle-Three-Buckets downsampling (Steinarsson, 2013): keeps the first and last points
 * and, from each of {@code threshold − 2} equal buckets between them, the point that forms the
 * largest triangle with the point kept before it and the mean of the next bucket. Peaks and dips
 * survive, so a curve of 100,000 points drawn from 1,000 looks the same.
 */
public final class Decimator {
    /** Points per series that the charts draw at most. */
    public static final int MAX_POINTS = 1_000;

    private Decimator() {}

    /**
     * The indices of the points to keep, ascending. {@code x} must be ascending and all values
     * finite; when there are no more than {@code threshold} points, all are kept. {@code threshold}
     * must be at least 3.
     */
    public static int[] lttb(double[] x, double[] y, int threshold) {
        int n = x.length;
        if (y.length != n) {
            throw new IllegalArgumentException("x and y differ in length");
        }
        if (threshold < 3) {
            throw new IllegalArgumentException("threshold must be at least 3: " + threshold);
        }
        if (threshold >= n) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] kept = new int[threshold];
        int k = 0;
        kept[k++] = 0;
        double bucketSize = (double) (n - 2) / (threshold - 2);
        int a = 0;
        for (int bucket = 0; bucket < threshold - 2; bucket++) {
            int start = (int) Math.floor(bucket * bucketSize) + 1;
            int end = (int) Math.floor((bucket + 1) * bucketSize) + 1;
            int nextStart = end;
            int nextEnd = Math.min((int) Math.floor((bucket + 2) * bucketSize) + 1, n);
            double avgX = 0;
            double avgY = 0;
            if (nextStart >= nextEnd) { // the last bucket: the next "bucket" is the final point
                avgX = x[n - 1];
                avgY = y[n - 1];
            } else {
                for (int i = nextStart; i < nextEnd; i++) {
                    avgX += x[i];
                    avgY += y[i];
                }
                avgX /= nextEnd - nextStart;
                avgY /= nextEnd - nextStart;
            }
            double maxArea = -1;
            int chosen = start;
            for (int i = start; i < end; i++) {
                double area = Math.abs((x[a] - avgX) * (y[i] - y[a]) - (x[a] - x[i]) * (avgY - y[a]));
                if (area > maxArea) {
                    maxArea = area;
                    chosen = i;
                }
            }
            kept[k++] = chosen;
            a = chosen;
        }
        kept[k] = n - 1;
        return kept;
    }
}
