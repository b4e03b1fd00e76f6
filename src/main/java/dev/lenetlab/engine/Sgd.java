package dev.lenetlab.engine;

import java.io.DataInput;
import java.io.DataOutput;

/**
 * Plain mini-batch gradient descent with optional L2 weight decay: {@code w ← w − μ (g + λ w)},
 * in float. Its only state is the step count.
 */
public final class Sgd extends AbstractOptimizer {
    private final float learningRate;
    private final float weightDecay;

    /** For any parameter count: SGD keeps nothing per parameter. */
    public Sgd(double learningRate, double weightDecay) {
        this(learningRate, weightDecay, ANY_PARAMETER_COUNT);
    }

    /** Bound to {@code parameterCount}: steps and states of another size are refused. */
    public Sgd(double learningRate, double weightDecay, int parameterCount) {
        super(OptimizerKind.SGD, parameterCount, baseSettings(
                OptimizerParameter.LEARNING_RATE.check(learningRate), OptimizerParameter.WEIGHT_DECAY.check(weightDecay)));
        this.learningRate = (float) learningRate;
        this.weightDecay = (float) weightDecay;
    }

    /**
     * The update every optimizer that reduces to SGD must match bit for bit (FMSGD with α = 1
     * and its warm-up): the product {@code μ·g} in float, and no {@code λw} term at all when
     * λ = 0, so that no −0 or 0·∞ can sneak in.
     */
    @Override
    void update(float[] parameters, float[] gradient, long step) {
        if (weightDecay == 0f) {
            for (int i = 0; i < parameters.length; i++) {
                parameters[i] -= learningRate * gradient[i];
            }
        } else {
            for (int i = 0; i < parameters.length; i++) {
                parameters[i] -= learningRate * (gradient[i] + weightDecay * parameters[i]);
            }
        }
    }

    @Override
    void writePayload(DataOutput out) {
        // The header's step count is all there is.
    }

    @Override
    Runnable readPayload(DataInput in) {
        return () -> { };
    }
}
