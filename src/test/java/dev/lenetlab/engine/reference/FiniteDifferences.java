package dev.lenetlab.engine.reference;

import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/** Central finite differences, written to keep round-off well below the 1e-6 checks. */
public final class FiniteDifferences {
    /** Step: balances truncation error (∝ h²) against round-off (∝ ε/h) in double. */
    public static final double STEP = 1e-6;

    private FiniteDifferences() {}

    /**
     * d/dx_j of {@code L(x) = Σ_i weights_i · f(x)_i} for each j in {@code indices}.
     *
     * <p>The differences f(x + h)_i − f(x − h)_i are taken per output before they are weighted and
     * summed: outputs the perturbation does not reach then cancel exactly, instead of adding the
     * round-off of the whole sum to every quotient. The divisor is the step actually taken
     * ((x + h) − (x − h) as represented), not 2h.
     */
    public static double[] projectedGradient(Function<double[], double[]> f, double[] x, double[] weights,
                                             int[] indices) {
        double[] gradient = new double[indices.length];
        for (int n = 0; n < indices.length; n++) {
            int j = indices[n];
            double[] plus = x.clone();
            double[] minus = x.clone();
            plus[j] = x[j] + STEP;
            minus[j] = x[j] - STEP;
            double[] up = f.apply(plus);
            double[] down = f.apply(minus);
            double sum = 0;
            for (int i = 0; i < up.length; i++) {
                sum += weights[i] * (up[i] - down[i]);
            }
            gradient[n] = sum / (plus[j] - minus[j]);
        }
        return gradient;
    }

    /** d/dx_j of a scalar function, for each j in {@code indices}. */
    public static double[] gradient(ToDoubleFunction<double[]> f, double[] x, int[] indices) {
        double[] gradient = new double[indices.length];
        for (int n = 0; n < indices.length; n++) {
            int j = indices[n];
            double[] plus = x.clone();
            double[] minus = x.clone();
            plus[j] = x[j] + STEP;
            minus[j] = x[j] - STEP;
            gradient[n] = (f.applyAsDouble(plus) - f.applyAsDouble(minus)) / (plus[j] - minus[j]);
        }
        return gradient;
    }

    /**
     * The derivative of a scalar function at {@code x} along {@code direction}, which is zero
     * outside the coordinates under test: (f(x + h·d) − f(x − h·d)) / 2h. Compared with the
     * analytic ∇f · d it checks every coordinate the direction touches at once, and its value is of
     * the size of the whole gradient rather than of one (possibly tiny) element, so the round-off
     * of f (≈ ε·|f|/h absolute) stays far below the 1e-6 relative tolerance.
     */
    public static double directional(ToDoubleFunction<double[]> f, double[] x, double[] direction) {
        double[] plus = x.clone();
        double[] minus = x.clone();
        for (int i = 0; i < x.length; i++) {
            plus[i] = x[i] + STEP * direction[i];
            minus[i] = x[i] - STEP * direction[i];
        }
        return (f.applyAsDouble(plus) - f.applyAsDouble(minus)) / (2 * STEP);
    }

    public static int[] all(int length) {
        return java.util.stream.IntStream.range(0, length).toArray();
    }
}
