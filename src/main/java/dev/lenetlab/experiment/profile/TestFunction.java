package dev.lenetlab.experiment.profile;

import java.util.Arrays;

/**
 * A classic smooth test problem with a known minimiser, for studies that run in seconds. Each is
 * scaled so that the largest Hessian eigenvalue near the minimiser is about 1: one learning rate
 * then suits them all (gradient descent is stable below 2).
 */
public interface TestFunction {
    String name();

    int dimension();

    double value(double[] x);

    /** Writes ∇f(x) into {@code gradient}. */
    void gradient(double[] x, double[] gradient);

    double[] minimiser();

    /** f(x) = ½ Σ λᵢ (xᵢ − 1)², λ spread geometrically from 1 down to 1/condition. */
    static TestFunction quadratic(int dimension, double condition) {
        double[] eigen = new double[dimension];
        for (int i = 0; i < dimension; i++) {
            eigen[i] = dimension == 1 ? 1 : Math.pow(condition, -(double) i / (dimension - 1));
        }
        return new TestFunction() {
            public String name() {
                return "quadratic n=" + dimension + " κ=" + (long) condition;
            }

            public int dimension() {
                return dimension;
            }

            public double value(double[] x) {
                double f = 0;
                for (int i = 0; i < dimension; i++) {
                    f += 0.5 * eigen[i] * (x[i] - 1) * (x[i] - 1);
                }
                return f;
            }

            public void gradient(double[] x, double[] g) {
                for (int i = 0; i < dimension; i++) {
                    g[i] = eigen[i] * (x[i] - 1);
                }
            }

            public double[] minimiser() {
                double[] m = new double[dimension];
                Arrays.fill(m, 1);
                return m;
            }
        };
    }

    /** Rosenbrock's banana, (1 − x)² + 100(y − x²)², divided by 1,000 (its Hessian at (1, 1) peaks near 1,000). */
    static TestFunction rosenbrock() {
        return new TestFunction() {
            public String name() {
                return "rosenbrock";
            }

            public int dimension() {
                return 2;
            }

            public double value(double[] x) {
                double a = 1 - x[0];
                double b = x[1] - x[0] * x[0];
                return (a * a + 100 * b * b) / 1000;
            }

            public void gradient(double[] x, double[] g) {
                double b = x[1] - x[0] * x[0];
                g[0] = (-2 * (1 - x[0]) - 400 * x[0] * b) / 1000;
                g[1] = 200 * b / 1000;
            }

            public double[] minimiser() {
                return new double[] {1, 1};
            }
        };
    }

    /** The classic problem set: quadratics of condition 1 to 1,000 in 2 and 10 dimensions, and Rosenbrock. */
    static java.util.List<TestFunction> classicSet() {
        return java.util.List.of(quadratic(2, 1), quadratic(2, 10), quadratic(10, 10), quadratic(10, 100),
                quadratic(10, 1000), rosenbrock());
    }
}
