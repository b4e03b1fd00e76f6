package dev.lenetlab.engine.reference;

import dev.lenetlab.engine.Shape;

/**
 * One layer of the double-precision reference: direct loops, single-threaded, no im2col, no state.
 * It exists to check the fast float engine, so it favours being obviously right over being fast.
 *
 * <p>Data are laid out as in the engine: a chunk of samples NCHW in one flat array, and the
 * layer's parameters are a slice of one flat parameter array starting at {@code offset}.
 */
public interface ReferenceLayer {

    Shape inputShape();

    Shape outputShape();

    default int parameterCount() {
        return 0;
    }

    /** Returns {@code layer(in)} for {@code samples} samples. */
    double[] forward(double[] parameters, int offset, double[] in, int samples);

    /**
     * Back-propagates {@code gradOut}: overwrites this layer's slice
     * {@code [offset, offset + parameterCount())} of {@code gradParameters} and returns the
     * gradient with respect to {@code in}. Needs only the forward input, never cached state, so
     * finite-difference checks can call it on any input.
     */
    double[] backward(double[] parameters, int offset, double[] in, double[] gradOut, int samples,
                      double[] gradParameters);
}
