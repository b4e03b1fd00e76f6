package dev.lenetlab.engine;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Map;
import org.apache.commons.math3.special.Gamma;

/**
 * FMSGD: fractional-order (Caputo) gradient descent with a fixed memory step K, as the project's
 * FMSGD specification defines it (where it and the paper differ, the specification stands). Per
 * parameter element, at step k (0 for the first), with {@code d = g + λw} (L2 weight decay added
 * to the gradient, as in {@link Sgd}):
 *
 * <pre>
 *   k &lt; K (warm-up):  w ← w − μ·d                                plain SGD, fills the history
 *   k ≥ K:            Δ = w_k − w_{k−K}
 *                     F = (|Δ| + ε)^(1−α) / Γ(2−α)
 *                     w ← w − μ·d·F
 *   two-term:         w ← w − μ·(|Δ| + ε)^(1−α)·[d/Γ(2−α) + (α−1)(d − d_{k−K})/Γ(3−α)]
 * </pre>
 *
 * <p>Why each piece is there: |Δ| because a negative base to a fractional power is NaN (and the
 * right-sided first term is the same expression); ε because a weight whose step was ever exactly
 * 0 would otherwise freeze for α &lt; 1 and get F = ∞ for α &gt; 1; the warm-up because a history
 * filled with w₀ gives Δ = 0 at the first step, the same trap. α = 1 gives F = 1 exactly, so the
 * weights are bit for bit those of {@link Sgd}.
 *
 * <p>The history is a ring of K past weight vectors (K × n floats; slot k mod K holds w_{k−K}
 * until step k reads it and overwrites it with w_k), and for the two-term variant a second ring of
 * past effective gradients d, whose secant (d_k − d_{k−K})/Δ approximates f″ of the objective
 * being minimised, penalty included.
 *
 * <p>The element-wise rule is {@link #firstTermUpdate} / {@link #twoTermUpdate} in double; the
 * array loop evaluates the same {@link #factor} in double per element and does the rest in float,
 * as Sgd does. That pow per element is the whole cost of the optimizer, about 1.8 ms a step for
 * LeNet-5's 61,706 parameters (SGD: under 0.01 ms); it stays {@link Math#pow} because the JIT's
 * intrinsic beat a hand-written log/exp polynomial, and α = 1 skips it.
 */
public final class Fmsgd extends AbstractOptimizer {
    private final float learningRate;
    private final float weightDecay;
    private final double epsilon;
    private final int memoryStep;
    private final boolean twoTerm;
    /** False only through the test hook: the history starts as w₀ and the fractional rule runs at once. */
    private final boolean warmUp;
    /** 1 − α; exactly 0 for α = 1, where the loops skip pow (F would be exactly 1 anyway). */
    private final double exponent;
    /** 1/Γ(2−α), computed once. */
    private final double firstCoefficient;
    /** (α−1)/Γ(3−α), the secant term's weight in the two-term variant; exactly 0 for α = 1. */
    private final double secantCoefficient;
    private float[] pastWeights;
    /** Null unless two-term. */
    private float[] pastGradients;

    /**
     * @param alpha the order, in (0, 2)
     * @param memoryStep K, from 1 to 100
     * @param epsilon ε &gt; 0; {@link OptimizerSpec#defaultEpsilon(double)} gives the default for α
     * @throws IllegalArgumentException for a value out of range, naming its command-line option
     */
    public Fmsgd(int parameterCount, double learningRate, double weightDecay, double alpha, int memoryStep,
                 double epsilon, boolean twoTerm) {
        this(parameterCount, learningRate, weightDecay, alpha, memoryStep,
                OptimizerParameter.EPSILON.check(epsilon), twoTerm, true);
    }

    /**
     * The test hook: {@code warmUp = false} fills the history with the first weights (and first
     * gradients) instead of taking K plain SGD steps, and ε = 0 is allowed, so that tests can show
     * the traps the specification guards against.
     */
    Fmsgd(int parameterCount, double learningRate, double weightDecay, double alpha, int memoryStep,
          double epsilon, boolean twoTerm, boolean warmUp) {
        super(OptimizerKind.FMSGD, parameterCount,
                settings(learningRate, weightDecay, alpha, memoryStep, epsilon, twoTerm));
        if (!(epsilon >= 0) || !Double.isFinite(epsilon)) {
            throw new IllegalArgumentException("epsilon must be zero or positive: " + epsilon);
        }
        if ((long) memoryStep * parameterCount > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a history of " + memoryStep + " × " + parameterCount
                    + " values does not fit in one array");
        }
        this.learningRate = (float) learningRate;
        this.weightDecay = (float) weightDecay;
        this.epsilon = epsilon;
        this.memoryStep = memoryStep;
        this.twoTerm = twoTerm;
        this.warmUp = warmUp;
        this.exponent = 1 - alpha;
        this.firstCoefficient = 1 / Gamma.gamma(2 - alpha);
        this.secantCoefficient = (alpha - 1) / Gamma.gamma(3 - alpha);
        this.pastWeights = new float[memoryStep * parameterCount];
        this.pastGradients = twoTerm ? new float[memoryStep * parameterCount] : null;
    }

    private static Map<String, Object> settings(double learningRate, double weightDecay, double alpha,
                                                int memoryStep, double epsilon, boolean twoTerm) {
        Map<String, Object> settings = baseSettings(OptimizerParameter.LEARNING_RATE.check(learningRate),
                OptimizerParameter.WEIGHT_DECAY.check(weightDecay));
        settings.put(OptimizerParameter.ALPHA.key(), OptimizerParameter.ALPHA.check(alpha));
        settings.put(OptimizerParameter.MEMORY_STEP.key(), OptimizerParameter.MEMORY_STEP.check(memoryStep));
        settings.put(OptimizerParameter.EPSILON.key(), epsilon);
        settings.put(OptimizerParameter.TWO_TERM.key(), twoTerm);
        return settings;
    }

    // ---------------------------------------------------------------------------------------
    // The rule in double, one scalar at a time: what tests and demonstrations drive.
    // ---------------------------------------------------------------------------------------

    /**
     * {@code (|Δ| + ε)^(1−α) · coefficient}: the one formula both the double functions and the
     * array loop evaluate (with {@code coefficient} = 1/Γ(2−α) it is F, with 1 the two-term power).
     */
    static double factor(double absDelta, double epsilon, double exponent, double coefficient) {
        return Math.pow(absDelta + epsilon, exponent) * coefficient;
    }

    /** F = (|Δ| + ε)^(1−α) / Γ(2−α), the factor the first-term rule multiplies the gradient by. */
    public static double memoryFactor(double delta, double alpha, double epsilon) {
        return factor(Math.abs(delta), epsilon, 1 - alpha, 1 / Gamma.gamma(2 - alpha));
    }

    /**
     * One first-term FMSGD step of a scalar, in double: {@code w − μ·g·(|w − wPast| + ε)^(1−α)/Γ(2−α)}.
     * No range checks: ε = 0 and any α are allowed, to show what goes wrong.
     *
     * @param w the current value w_k
     * @param gradient g_k
     * @param pastW w_{k−K}
     */
    public static double firstTermUpdate(double w, double gradient, double pastW, double learningRate,
                                         double alpha, double epsilon) {
        return w - learningRate * gradient * memoryFactor(w - pastW, alpha, epsilon);
    }

    /**
     * One two-term FMSGD step of a scalar, in double:
     * {@code w − μ·(|Δ| + ε)^(1−α)·[g/Γ(2−α) + (α−1)(g − gPast)/Γ(3−α)]}, Δ = w − wPast.
     */
    public static double twoTermUpdate(double w, double gradient, double pastW, double pastGradient,
                                       double learningRate, double alpha, double epsilon) {
        double power = factor(Math.abs(w - pastW), epsilon, 1 - alpha, 1);
        return w - learningRate * power
                * (gradient / Gamma.gamma(2 - alpha) + (alpha - 1) * (gradient - pastGradient) / Gamma.gamma(3 - alpha));
    }

    // ---------------------------------------------------------------------------------------
    // The array optimizer.
    // ---------------------------------------------------------------------------------------

    /** K, the memory step. */
    public int memoryStep() {
        return memoryStep;
    }

    public boolean twoTerm() {
        return twoTerm;
    }

    @Override
    void update(float[] parameters, float[] gradient, long step) {
        int slot = (int) (step % memoryStep) * parameters.length;
        if (!warmUp && step == 0) {
            fillHistory(parameters, gradient);
        }
        if (warmUp && step < memoryStep) {
            warmUpStep(parameters, gradient, slot);
        } else if (twoTerm && secantCoefficient != 0) {
            twoTermStep(parameters, gradient, slot);
        } else {
            firstTermStep(parameters, gradient, slot);
        }
    }

    private float effectiveGradient(float w, float g) {
        // No λw term at all when λ = 0, as in Sgd.
        return weightDecay == 0f ? g : g + weightDecay * w;
    }

    /** Plain SGD, written as Sgd writes it, recording w_k (and d_k) in slot k. */
    private void warmUpStep(float[] parameters, float[] gradient, int slot) {
        float[] weights = pastWeights;
        float[] gradients = pastGradients;
        for (int i = 0; i < parameters.length; i++) {
            float w = parameters[i];
            float d = effectiveGradient(w, gradient[i]);
            weights[slot + i] = w;
            if (gradients != null) {
                gradients[slot + i] = d;
            }
            parameters[i] = w - learningRate * d;
        }
    }

    /**
     * w ← w − μ·d·F. Also the two-term step when α = 1: its secant weight is then 0, and
     * skipping the term keeps the weights bit-identical to SGD (0·(d − d_past) could be −0 or NaN).
     */
    private void firstTermStep(float[] parameters, float[] gradient, int slot) {
        float[] weights = pastWeights;
        float[] gradients = pastGradients;
        boolean sgd = exponent == 0;
        for (int i = 0; i < parameters.length; i++) {
            float w = parameters[i];
            float d = effectiveGradient(w, gradient[i]);
            float past = weights[slot + i];
            weights[slot + i] = w;
            if (gradients != null) {
                gradients[slot + i] = d;
            }
            // α = 1: pow(x, 0)·1/Γ(1) is exactly 1 for every x, so skipping pow changes nothing but the time.
            float f = sgd ? 1f : (float) factor(Math.abs((double) w - past), epsilon, exponent, firstCoefficient);
            parameters[i] = w - learningRate * d * f;
        }
    }

    private void twoTermStep(float[] parameters, float[] gradient, int slot) {
        float[] weights = pastWeights;
        float[] gradients = pastGradients;
        float c1 = (float) firstCoefficient;
        float c2 = (float) secantCoefficient;
        for (int i = 0; i < parameters.length; i++) {
            float w = parameters[i];
            float d = effectiveGradient(w, gradient[i]);
            float past = weights[slot + i];
            float pastD = gradients[slot + i];
            weights[slot + i] = w;
            gradients[slot + i] = d;
            float power = (float) factor(Math.abs((double) w - past), epsilon, exponent, 1);
            parameters[i] = w - learningRate * power * (d * c1 + c2 * (d - pastD));
        }
    }

    /** The no-warm-up hook: every slot holds w₀ (and d₀), so the first Δ is 0. */
    private void fillHistory(float[] parameters, float[] gradient) {
        int n = parameters.length;
        for (int s = 0; s < memoryStep; s++) {
            System.arraycopy(parameters, 0, pastWeights, s * n, n);
            if (pastGradients != null) {
                for (int i = 0; i < n; i++) {
                    pastGradients[s * n + i] = effectiveGradient(parameters[i], gradient[i]);
                }
            }
        }
    }

    @Override
    void writePayload(DataOutput out) throws IOException {
        out.writeInt(memoryStep);
        out.writeBoolean(twoTerm);
        writeFloats(out, pastWeights, 0, pastWeights.length);
        if (twoTerm) {
            writeFloats(out, pastGradients, 0, pastGradients.length);
        }
    }

    @Override
    Runnable readPayload(DataInput in) throws IOException {
        int storedStep = in.readInt();
        boolean storedTwoTerm = in.readBoolean();
        if (storedStep != memoryStep || storedTwoTerm != twoTerm) {
            throw new IllegalArgumentException("the FMSGD state has memory step " + storedStep
                    + (storedTwoTerm ? ", two-term" : ", one-term") + "; this optimizer has memory step "
                    + memoryStep + (twoTerm ? ", two-term" : ", one-term"));
        }
        float[] weights = readFloats(in, pastWeights.length);
        float[] gradients = twoTerm ? readFloats(in, pastGradients.length) : null;
        return () -> {
            pastWeights = weights;
            pastGradients = gradients;
        };
    }
}
