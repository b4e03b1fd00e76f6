package dev.lenetlab.engine.reference;

import dev.lenetlab.engine.Shape;

/**
 * Non-overlapping max pooling (window = stride, trailing rows and columns that do not fill a
 * window dropped). Of equal maxima the first in reading order wins and alone gets the gradient.
 */
public final class ReferenceMaxPool2d implements ReferenceLayer {
    private final Shape input;
    private final Shape output;
    private final int window;

    public ReferenceMaxPool2d(Shape input, int window) {
        this.input = input;
        this.window = window;
        this.output = new Shape(input.channels(), input.height() / window, input.width() / window);
    }

    @Override
    public Shape inputShape() {
        return input;
    }

    @Override
    public Shape outputShape() {
        return output;
    }

    /** Index into {@code in} of the winner of output element (plane, oy, ox). */
    private int winner(double[] in, int plane, int oy, int ox) {
        int best = -1;
        double max = Double.NEGATIVE_INFINITY;
        for (int dy = 0; dy < window; dy++) {
            for (int dx = 0; dx < window; dx++) {
                int i = (plane * input.height() + oy * window + dy) * input.width() + ox * window + dx;
                if (best < 0 || in[i] > max) {
                    best = i;
                    max = in[i];
                }
            }
        }
        return best;
    }

    @Override
    public double[] forward(double[] parameters, int offset, double[] in, int samples) {
        double[] out = new double[samples * output.size()];
        int o = 0;
        for (int plane = 0; plane < samples * input.channels(); plane++) {
            for (int oy = 0; oy < output.height(); oy++) {
                for (int ox = 0; ox < output.width(); ox++) {
                    out[o++] = in[winner(in, plane, oy, ox)];
                }
            }
        }
        return out;
    }

    @Override
    public double[] backward(double[] parameters, int offset, double[] in, double[] gradOut, int samples,
                             double[] gradParameters) {
        double[] gradIn = new double[samples * input.size()];
        int o = 0;
        for (int plane = 0; plane < samples * input.channels(); plane++) {
            for (int oy = 0; oy < output.height(); oy++) {
                for (int ox = 0; ox < output.width(); ox++) {
                    gradIn[winner(in, plane, oy, ox)] += gradOut[o++];
                }
            }
        }
        return gradIn;
    }
}
