package dev.lenetlab.engine.reference;

import dev.lenetlab.engine.Shape;

/**
 * Convolution (cross-correlation) by its definition: for every output element, a sum over input
 * channels and kernel taps, taps that fall in the zero padding skipped. Weights
 * {@code [out][in][k][k]}, then the {@code out} biases, as in the engine's Conv2d.
 */
public final class ReferenceConv2d implements ReferenceLayer {
    private final Shape input;
    private final Shape output;
    private final int kernel;
    private final int stride;
    private final int padding;

    public ReferenceConv2d(Shape input, int outChannels, int kernel, int stride, int padding) {
        this.input = input;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        int h = (input.height() + 2 * padding - kernel) / stride + 1;
        int w = (input.width() + 2 * padding - kernel) / stride + 1;
        this.output = new Shape(outChannels, h, w);
    }

    @Override
    public Shape inputShape() {
        return input;
    }

    @Override
    public Shape outputShape() {
        return output;
    }

    private int weightCount() {
        return output.channels() * input.channels() * kernel * kernel;
    }

    @Override
    public int parameterCount() {
        return weightCount() + output.channels();
    }

    private int weightIndex(int offset, int oc, int ic, int ky, int kx) {
        return offset + ((oc * input.channels() + ic) * kernel + ky) * kernel + kx;
    }

    private int inputIndex(int s, int c, int y, int x) {
        return ((s * input.channels() + c) * input.height() + y) * input.width() + x;
    }

    private int outputIndex(int s, int c, int y, int x) {
        return ((s * output.channels() + c) * output.height() + y) * output.width() + x;
    }

    @Override
    public double[] forward(double[] parameters, int offset, double[] in, int samples) {
        double[] out = new double[samples * output.size()];
        int bias = offset + weightCount();
        for (int s = 0; s < samples; s++) {
            for (int oc = 0; oc < output.channels(); oc++) {
                for (int oy = 0; oy < output.height(); oy++) {
                    for (int ox = 0; ox < output.width(); ox++) {
                        double sum = parameters[bias + oc];
                        for (int ic = 0; ic < input.channels(); ic++) {
                            for (int ky = 0; ky < kernel; ky++) {
                                int iy = oy * stride - padding + ky;
                                if (iy < 0 || iy >= input.height()) {
                                    continue;
                                }
                                for (int kx = 0; kx < kernel; kx++) {
                                    int ix = ox * stride - padding + kx;
                                    if (ix < 0 || ix >= input.width()) {
                                        continue;
                                    }
                                    sum += parameters[weightIndex(offset, oc, ic, ky, kx)] * in[inputIndex(s, ic, iy, ix)];
                                }
                            }
                        }
                        out[outputIndex(s, oc, oy, ox)] = sum;
                    }
                }
            }
        }
        return out;
    }

    @Override
    public double[] backward(double[] parameters, int offset, double[] in, double[] gradOut, int samples,
                             double[] gradParameters) {
        double[] gradIn = new double[samples * input.size()];
        java.util.Arrays.fill(gradParameters, offset, offset + parameterCount(), 0.0);
        int bias = offset + weightCount();
        for (int s = 0; s < samples; s++) {
            for (int oc = 0; oc < output.channels(); oc++) {
                for (int oy = 0; oy < output.height(); oy++) {
                    for (int ox = 0; ox < output.width(); ox++) {
                        double g = gradOut[outputIndex(s, oc, oy, ox)];
                        gradParameters[bias + oc] += g;
                        for (int ic = 0; ic < input.channels(); ic++) {
                            for (int ky = 0; ky < kernel; ky++) {
                                int iy = oy * stride - padding + ky;
                                if (iy < 0 || iy >= input.height()) {
                                    continue;
                                }
                                for (int kx = 0; kx < kernel; kx++) {
                                    int ix = ox * stride - padding + kx;
                                    if (ix < 0 || ix >= input.width()) {
                                        continue;
                                    }
                                    int w = weightIndex(offset, oc, ic, ky, kx);
                                    int i = inputIndex(s, ic, iy, ix);
                                    gradParameters[w] += g * in[i];
                                    gradIn[i] += g * parameters[w];
                                }
                            }
                        }
                    }
                }
            }
        }
        return gradIn;
    }
}
