package dev.lenetlab.experiment.profile;

import dev.lenetlab.engine.Fmsgd;
import dev.lenetlab.engine.OptimizerKind;
import dev.lenetlab.engine.OptimizerSpec;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Gradient descent and FMSGD on a {@link TestFunction}, in double precision (a float iterate
 * cannot get within 1e-6 of a minimiser near 1 reliably). FMSGD steps go through the engine's own
 * scalar rule, {@link Fmsgd#firstTermUpdate} and {@link Fmsgd#twoTermUpdate}, with the warm-up of
 * the specification: plain steps until the history holds K past iterates.
 */
public final class FunctionSolve {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private FunctionSolve() {}

    /** The optimizers this problem set supports. */
    public static boolean supports(OptimizerKind kind) {
        return kind == OptimizerKind.SGD || kind == OptimizerKind.FMSGD;
    }

    /**
     * Iterates from {@code start} until ‖x − x*‖∞ ≤ {@code target} (checked after every step),
     * the budget runs out, or x stops being finite.
     */
    public static Cost solve(TestFunction function, double[] start, OptimizerSpec spec, double target, long budget) {
        if (!supports(spec.kind())) {
            throw new IllegalArgumentException("--solvers: the functions problem set takes sgd and fmsgd, not "
                    + spec.kind().id());
        }
        boolean fmsgd = spec.kind() == OptimizerKind.FMSGD;
        int n = function.dimension();
        int memory = fmsgd ? spec.memoryStep() : 1;
        double lr = spec.learningRate();
        double decay = spec.weightDecay();
        double alpha = spec.alpha();
        double epsilon = spec.effectiveEpsilon();
        double[] minimiser = function.minimiser();
        double[] x = start.clone();
        double[] next = new double[n];
        double[] gradient = new double[n];
        double[][] pastX = new double[memory][n];
        double[][] pastGradient = new double[memory][n];
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        for (long k = 0; k < budget; k++) {
            function.gradient(x, gradient);
            for (int i = 0; i < n; i++) {
                gradient[i] += decay * x[i];
            }
            int slot = (int) (k % memory);
            boolean warmUp = !fmsgd || k < memory;
            for (int i = 0; i < n; i++) {
                if (warmUp) {
                    next[i] = x[i] - lr * gradient[i];
                } else if (spec.twoTerm()) {
                    next[i] = Fmsgd.twoTermUpdate(x[i], gradient[i], pastX[slot][i], pastGradient[slot][i], lr, alpha, epsilon);
                } else {
                    next[i] = Fmsgd.firstTermUpdate(x[i], gradient[i], pastX[slot][i], lr, alpha, epsilon);
                }
            }
            // the slot held x_{k−K}; it now keeps x_k (and g_k) for step k + K
            System.arraycopy(x, 0, pastX[slot], 0, n);
            System.arraycopy(gradient, 0, pastGradient[slot], 0, n);
            double[] t = x;
            x = next;
            next = t;
            double distance = 0;
            boolean finite = true;
            for (int i = 0; i < n; i++) {
                finite &= Double.isFinite(x[i]);
                distance = Math.max(distance, Math.abs(x[i] - minimiser[i]));
            }
            if (!finite) {
                return new Cost(k + 1, cpuSince(cpuStart), Cost.Status.DIVERGED);
            }
            if (distance <= target) {
                return new Cost(k + 1, cpuSince(cpuStart), Cost.Status.SOLVED);
            }
        }
        return new Cost(budget, cpuSince(cpuStart), Cost.Status.BUDGET);
    }

    /** Thread CPU seconds since {@code start}, at least a nanosecond so that a cost is never 0. */
    static double cpuSince(long start) {
        return Math.max(1, THREADS.getCurrentThreadCpuTime() - start) / 1e9;
    }
}
