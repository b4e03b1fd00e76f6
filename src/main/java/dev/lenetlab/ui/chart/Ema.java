package dev.lenetlab.ui.chart;

/**
 * The smoothing TensorBoard applies to scalar curves: an exponential moving average, debiased so
 * that the first points are not pulled towards zero. {@code smoothed[i] = m_i / (1 − w^n_i)} with
 * {@code m_i = w·m_(i−1) + (1 − w)·y_i}, n_i the finite points so far. A weight of 0 leaves the
 * data as it is. Non-finite inputs are skipped: they stay non-finite in the output and do not
 * disturb the average.
 */
public final class Ema {
    private Ema() {}

    public static double[] smooth(double[] y, double weight) {
        if (!(weight >= 0 && weight < 1)) {
            throw new IllegalArgumentException("weight must be in [0, 1): " + weight);
        }
        double[] out = new double[y.length];
        double last = 0;
        int n = 0;
        double debiasBase = 1;
        for (int i = 0; i < y.length; i++) {
            if (!Double.isFinite(y[i])) {
                out[i] = y[i];
                continue;
            }
            if (weight == 0) {
                out[i] = y[i];
                continue;
            }
            last = last * weight + (1 - weight) * y[i];
            n++;
            debiasBase *= weight;
            out[i] = last / (1 - debiasBase);
        }
        return out;
    }
}
