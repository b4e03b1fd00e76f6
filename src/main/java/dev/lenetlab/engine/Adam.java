package dev.lenetlab.engine;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Map;

/**
 * Adam (Kingma &amp; Ba) with bias correction, as PyTorch's {@code Adam} computes it. Weight decay
 * is the classic L2 term added to the gradient ({@code d = g + λw}), not AdamW's decoupled decay.
 * At step t (1 for the first):
 *
 * <pre>
 *   m ← β₁·m + (1 − β₁)·d
 *   v ← β₂·v + (1 − β₂)·d²
 *   w ← w − (μ / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)
 * </pre>
 *
 * The moments are float arrays; the step size μ/(1 − β₁ᵗ) and √(1 − β₂ᵗ) are computed in double
 * once per step, then the element-wise work runs in float in PyTorch's order of operations
 * (its {@code m.lerp_} form of the first line can differ in the last bit).
 */
public final class Adam extends AbstractOptimizer {
    private final double learningRate;
    private final float weightDecay;
    private final double beta1;
    private final double beta2;
    private final float epsilon;
    private float[] firstMoment;
    private float[] secondMoment;

    public Adam(int parameterCount, double learningRate, double weightDecay, double beta1, double beta2,
                double epsilon) {
        super(OptimizerKind.ADAM, parameterCount, settings(learningRate, weightDecay, beta1, beta2, epsilon));
        this.learningRate = learningRate;
        this.weightDecay = (float) weightDecay;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = (float) epsilon;
        this.firstMoment = new float[parameterCount];
        this.secondMoment = new float[parameterCount];
    }

    private static Map<String, Object> settings(double learningRate, double weightDecay, double beta1,
                                                double beta2, double epsilon) {
        Map<String, Object> settings = baseSettings(OptimizerParameter.LEARNING_RATE.check(learningRate),
                OptimizerParameter.WEIGHT_DECAY.check(weightDecay));
        settings.put(OptimizerParameter.BETA1.key(), OptimizerParameter.BETA1.check(beta1));
        settings.put(OptimizerParameter.BETA2.key(), OptimizerParameter.BETA2.check(beta2));
        settings.put(OptimizerParameter.ADAM_EPSILON.key(), OptimizerParameter.ADAM_EPSILON.check(epsilon));
        return settings;
    }

    @Override
    void update(float[] parameters, float[] gradient, long step) {
        double t = step + 1;
        float stepSize = (float) (learningRate / (1 - Math.pow(beta1, t)));
        float correction2Root = (float) Math.sqrt(1 - Math.pow(beta2, t));
        float b1 = (float) beta1;
        float oneMinusB1 = (float) (1 - beta1);
        float b2 = (float) beta2;
        float oneMinusB2 = (float) (1 - beta2);
        float[] m = firstMoment;
        float[] v = secondMoment;
        for (int i = 0; i < parameters.length; i++) {
            float w = parameters[i];
            float d = weightDecay == 0f ? gradient[i] : gradient[i] + weightDecay * w;
            float mi = b1 * m[i] + oneMinusB1 * d;
            float vi = b2 * v[i] + oneMinusB2 * d * d;
            m[i] = mi;
            v[i] = vi;
            float denominator = (float) Math.sqrt(vi) / correction2Root + epsilon;
            parameters[i] = w - stepSize * (mi / denominator);
        }
    }

    @Override
    void writePayload(DataOutput out) throws IOException {
        writeFloats(out, firstMoment, 0, firstMoment.length);
        writeFloats(out, secondMoment, 0, secondMoment.length);
    }

    @Override
    Runnable readPayload(DataInput in) throws IOException {
        float[] m = readFloats(in, parameterCount());
        float[] v = readFloats(in, parameterCount());
        return () -> {
            firstMoment = m;
            secondMoment = v;
        };
    }
}
