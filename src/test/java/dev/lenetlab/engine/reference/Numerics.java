package dev.lenetlab.engine.reference;

import java.util.Random;

/** Conversions, random test data and the error measures the engine tests compare with. */
public final class Numerics {
    private Numerics() {}

    public static double[] toDouble(float[] values) {
        return toDouble(values, 0, values.length);
    }

    public static double[] toDouble(float[] values, int from, int length) {
        double[] out = new double[length];
        for (int i = 0; i < length; i++) {
            out[i] = values[from + i];
        }
        return out;
    }

    /** Uniform in [lo, hi). */
    public static float[] uniformFloats(Random random, int length, double lo, double hi) {
        float[] out = new float[length];
        for (int i = 0; i < length; i++) {
            out[i] = (float) (lo + (hi - lo) * random.nextDouble());
        }
        return out;
    }

    /** Uniform in [lo, hi). */
    public static double[] uniformDoubles(Random random, int length, double lo, double hi) {
        double[] out = new double[length];
        for (int i = 0; i < length; i++) {
            out[i] = lo + (hi - lo) * random.nextDouble();
        }
        return out;
    }

    /**
     * Element-wise relative error |a − b| / max(1e-8, |a| + |b|): symmetric, bounded by 1, and
     * 0 when both are exactly 0 (a ReLU's dead side), where a plain |a − b| / |b| would divide by 0.
     */
    public static double relativeError(double a, double b) {
        return Math.abs(a - b) / Math.max(1e-8, Math.abs(a) + Math.abs(b));
    }

    /**
     * ‖fast − reference‖₂ / ‖reference‖₂ over {@code reference.length} elements of {@code fast}
     * from {@code fastOffset}; the norm of the difference itself when the reference is all zeros.
     */
    public static double normRelativeError(float[] fast, int fastOffset, double[] reference) {
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < reference.length; i++) {
            double d = fast[fastOffset + i] - reference[i];
            diff += d * d;
            norm += reference[i] * reference[i];
        }
        return norm == 0 ? Math.sqrt(diff) : Math.sqrt(diff / norm);
    }

    public static double normRelativeError(double[] values, double[] reference) {
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < reference.length; i++) {
            double d = values[i] - reference[i];
            diff += d * d;
            norm += reference[i] * reference[i];
        }
        return norm == 0 ? Math.sqrt(diff) : Math.sqrt(diff / norm);
    }

    public static double maxAbs(double[] values) {
        double max = 0;
        for (double v : values) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }

    /**
     * Checks a float result against the double reference: norm-wise relative error below
     * {@code tolerance}, and every element within {@code tolerance · (|ref| + max|ref|)} (relative
     * for large entries, absolute at the vector's scale for entries that are nearly 0 by
     * cancellation, where a float sum cannot be relatively accurate). Returns null when it passes,
     * else a message naming the worst element.
     */
    public static String compare(float[] fast, int fastOffset, double[] reference, double tolerance) {
        double normError = normRelativeError(fast, fastOffset, reference);
        double scale = maxAbs(reference);
        int worst = -1;
        double worstExcess = 1;
        for (int i = 0; i < reference.length; i++) {
            double error = Math.abs(fast[fastOffset + i] - reference[i]);
            double allowed = tolerance * (Math.abs(reference[i]) + scale);
            // !(error <= allowed) also catches NaN.
            if (!(error <= allowed) && (worst < 0 || error / allowed > worstExcess)) {
                worst = i;
                worstExcess = error / allowed;
            }
        }
        if (normError < tolerance && worst < 0) {
            return null;
        }
        return String.format("norm-wise relative error %.3g (tolerance %.1g)%s", normError, tolerance,
                worst < 0 ? "" : String.format("; element %d is %s, reference %s", worst,
                        fast[fastOffset + worst], reference[worst]));
    }
}
