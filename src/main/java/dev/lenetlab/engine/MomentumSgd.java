package dev.lenetlab.engine;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Map;

/**
 * SGD with heavy-ball or Nesterov momentum, as PyTorch's {@code SGD(momentum=m, dampening=0)}
 * computes it, in float. With {@code d = g + λw}:
 *
 * <pre>
 *   v ← m·v + d
 *   heavy ball: w ← w − μ·v
 *   Nesterov:   w ← w − μ·(d + m·v)
 * </pre>
 *
 * The velocity starts at zero, so the first step is {@code v = d}, as PyTorch's first step.
 */
public final class MomentumSgd extends AbstractOptimizer {
    private final float learningRate;
    private final float weightDecay;
    private final float momentum;
    private final boolean nesterov;
    private float[] velocity;

    public MomentumSgd(int parameterCount, double learningRate, double weightDecay, double momentum,
                       boolean nesterov) {
        super(nesterov ? OptimizerKind.NESTEROV : OptimizerKind.MOMENTUM, parameterCount,
                settings(learningRate, weightDecay, momentum));
        this.learningRate = (float) learningRate;
        this.weightDecay = (float) weightDecay;
        this.momentum = (float) momentum;
        this.nesterov = nesterov;
        this.velocity = new float[parameterCount];
    }

    private static Map<String, Object> settings(double learningRate, double weightDecay, double momentum) {
        Map<String, Object> settings = baseSettings(OptimizerParameter.LEARNING_RATE.check(learningRate),
                OptimizerParameter.WEIGHT_DECAY.check(weightDecay));
        settings.put(OptimizerParameter.MOMENTUM.key(), OptimizerParameter.MOMENTUM.check(momentum));
        return settings;
    }

    @Override
    void update(float[] parameters, float[] gradient, long step) {
        float[] v = velocity;
        for (int i = 0; i < parameters.length; i++) {
            float w = parameters[i];
            float d = weightDecay == 0f ? gradient[i] : gradient[i] + weightDecay * w;
            float vi = momentum * v[i] + d;
            v[i] = vi;
            parameters[i] = w - learningRate * (nesterov ? d + momentum * vi : vi);
        }
    }

    @Override
    void writePayload(DataOutput out) throws IOException {
        writeFloats(out, velocity, 0, velocity.length);
    }

    @Override
    Runnable readPayload(DataInput in) throws IOException {
        float[] stored = readFloats(in, parameterCount());
        return () -> velocity = stored;
    }
}
