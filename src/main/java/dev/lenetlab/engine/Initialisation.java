package dev.lenetlab.engine;

/**
 * How weights are drawn before training (biases start at zero). Both are uniform with the variance
 * their authors derived:
 * <ul>
 *   <li>GLOROT (Glorot and Bengio, 2010): U(±√(6/(fanIn+fanOut))), keeps activations and gradients
 *       of similar scale through saturating, zero-centred units (sigmoid, tanh).</li>
 *   <li>HE (He et al., 2015): U(±√(6/fanIn)), doubles the variance to make up for the half of a
 *       ReLU-like unit's inputs that it zeroes.</li>
 * </ul>
 */
public enum Initialisation {
    GLOROT,
    HE;

    /** The half-width of the uniform distribution for a layer with these fan-in and fan-out. */
    public double uniformLimit(int fanIn, int fanOut) {
        return switch (this) {
            case GLOROT -> Math.sqrt(6.0 / (fanIn + fanOut));
            case HE -> Math.sqrt(6.0 / fanIn);
        };
    }
}
