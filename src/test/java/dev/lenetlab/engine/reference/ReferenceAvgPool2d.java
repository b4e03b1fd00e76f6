package dev.lenetlab.engine.reference;

import dev.lenetlab.engine.Shape;

/** Non-overlapping average pooling (window = stride, incomplete trailing windows dropped). */
public final class ReferenceAvgPool2d implements ReferenceLayer {
    private final Shape input;
    private final Shape output;
    private final int window;

    public ReferenceAvgPool2d(Shape input, int window) {
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

    private int inputIndex(int plane, int y, int x) {
        return (plane * input.height() + y) * input.width() + x;
    }

    @Override
    public double[] forward(double[] parameters, int offset, double[] in, int samples) {
        double[] out = new double[samples * output.size()];
        int o = 0;
        for (int plane = 0; plane < samples * input.channels(); plane++) {
            for (int oy = 0; oy < output.height(); oy++) {
                for (int ox = 0; ox < output.width(); ox++) {
                    double sum = 0;
                    for (int dy = 0; dy < window; dy++) {
                        for (int dx = 0; dx < window; dx++) {
                            sum += in[inputIndex(plane, oy * window + dy, ox * window + dx)];
                        }
                    }
                    out[o++] = sum / (window * window);
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
                    double share = gradOut[o++] / (window * window);
                    for (int dy = 0; dy < window; dy++) {
                        for (int dx = 0; dx < window; dx++) {
                            gradIn[inputIndex(plane, oy * window + dy, ox * window + dx)] += share;
                        }
                    }
                }
            }
        }
        return gradIn;
    }
}
