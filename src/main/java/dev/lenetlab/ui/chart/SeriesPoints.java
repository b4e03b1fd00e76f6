package dev.lenetlab.ui.chart;

import java.util.Arrays;

/**
 * What a chart draws for one curve: the finite points only (so no NaN or infinity ever reaches an
 * axis), smoothed with {@link Ema}, then decimated with {@link Decimator}. Pure computation, testable
 * without a screen.
 *
 * @param x    iterations of the kept points
 * @param y    their (smoothed) values
 * @param rawY their values before smoothing, for the hover text
 */
public record SeriesPoints(double[] x, double[] y, double[] rawY) {

    public int size() {
        return x.length;
    }

    /** Filters, smooths and decimates {@code (x, y)} to at most {@code maxPoints}. */
    public static SeriesPoints of(double[] x, double[] y, double smoothing, int maxPoints) {
        int n = 0;
        double[] fx = new double[x.length];
        double[] fy = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                fx[n] = x[i];
                fy[n] = y[i];
                n++;
            }
        }
        fx = Arrays.copyOf(fx, n);
        fy = Arrays.copyOf(fy, n);
        double[] smooth = Ema.smooth(fy, smoothing);
        int[] keep = Decimator.lttb(fx, smooth, maxPoints);
        double[] kx = new double[keep.length];
        double[] ky = new double[keep.length];
        double[] kr = new double[keep.length];
        for (int i = 0; i < keep.length; i++) {
            kx[i] = fx[keep[i]];
            ky[i] = smooth[keep[i]];
            kr[i] = fy[keep[i]];
        }
        return new SeriesPoints(kx, ky, kr);
    }
}
