package dev.lenetlab.engine;

/** Plain mini-batch gradient descent with optional L2 weight decay: {@code w ← w − μ (g + λ w)}. */
public final class Sgd implements Optimizer {
    private final float learningRate;
    private final float weightDecay;

    public Sgd(double learningRate, double weightDecay) {
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be a positive number: " + learningRate);
        }
        if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
            throw new IllegalArgumentException("weight decay must be zero or positive: " + weightDecay);
        }
        this.learningRate = (float) learningRate;
        this.weightDecay = (float) weightDecay;
    }

    @Override
    public void step(float[] parameters, float[] gradient) {
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
    public String id() {
        return "sgd";
    }
}
