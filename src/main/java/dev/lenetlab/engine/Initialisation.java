package dev.lenetlab.engine;

/**
 * Weight-initialisation scheme matched to a layer's activation function.
 *
 * <p>Both schemes draw weights with zero mean and a variance chosen so that the variance of the
 * signal (forward) and of the gradient (backward) stays roughly constant from layer to layer, which
 * keeps a deep stack from exploding or vanishing at the start of training. They differ in what they
 * assume about the activation:
 *
 * <ul>
 *   <li>{@link #GLOROT} assumes an activation that is symmetric around zero and roughly linear
 *       there (tanh, and sigmoid once its offset and slope are absorbed), so it passes the whole
 *       variance through;
 *   <li>{@link #HE} assumes a ReLU-like activation that zeroes (or nearly zeroes) the negative
 *       half of its input, which halves the variance at every layer; it doubles the weight variance
 *       to compensate.
 * </ul>
 *
 * <p>The rule used by {@link Activation#initialisation()}: GLOROT for the saturating, symmetric
 * activations (sigmoid, tanh); HE for every ReLU-like activation (ReLU, leaky ReLU, ELU, SiLU,
 * GELU, Mish), whose negative side is zero or small and bounded.
 */
public enum Initialisation {

    /**
     * Glorot/Xavier initialisation (Glorot &amp; Bengio, 2010): variance
     * {@code 2 / (fanIn + fanOut)}, i.e. uniform on ±√(6 / (fanIn + fanOut)) or normal with that
     * variance. Suited to symmetric, saturating activations.
     */
    GLOROT,

    /**
     * He/Kaiming initialisation (He et al., 2015): variance {@code 2 / fanIn}, i.e. normal with
     * standard deviation √(2 / fanIn) or uniform on ±√(6 / fanIn). The factor 2 compensates for
     * the half of the pre-activations that a ReLU-like activation suppresses.
     */
    HE
}
