package dev.lenetlab.engine;

import java.util.Arrays;

/** Non-overlapping average pooling (window = stride), as in LeCun's original sub-sampling layers. */
public final class AvgPool2d extends Layer {
    private final int window;

    public AvgPool2d(String name, Shape input, int window) {
        super(name, input, new Shape(input.channels(), input.height() / window, input.width() / window));
        this.window = window;
    }

    @Override
    public String describe() {
        return "average pool " + window + "×" + window;
    }

    @Override
    public void forward(float[] parameters, float[] in, float[] out, int samples, Scratch scratch) {
        Shape input = inputShape();
        int inH = input.height(), inW = input.width();
        int outH = outputShape().height(), outW = outputShape().width();
        float scale = 1f / (window * window);
        int planes = samples * input.channels();
        int o = 0;
        for (int plane = 0; plane < planes; plane++) {
            int base = plane * inH * inW;
            for (int oy = 0; oy < outH; oy++) {
                for (int ox = 0; ox < outW; ox++, o++) {
                    float sum = 0f;
                    for (int dy = 0; dy < window; dy++) {
                        int row = base + (oy * window + dy) * inW + ox * window;
                        for (int dx = 0; dx < window; dx++) {
                            sum += in[row + dx];
                        }
                    }
                    out[o] = sum * scale;
                }
            }
        }
    }

    @Override
    public void backward(float[] parameters, float[] in, float[] out, float[] gradOut, float[] gradIn,
                         float[] gradParameters, int samples, Scratch scratch) {
        if (gradIn == null) {
            return;
        }
        Shape input = inputShape();
        int inH = input.height(), inW = input.width();
        int outH = outputShape().height(), outW = outputShape().width();
        float scale = 1f / (window * window);
        int planes = samples * input.channels();
        Arrays.fill(gradIn, 0, samples * input.size(), 0f);
        int o = 0;
        for (int plane = 0; plane < planes; plane++) {
            int base = plane * inH * inW;
            for (int oy = 0; oy < outH; oy++) {
                for (int ox = 0; ox < outW; ox++, o++) {
                    float share = gradOut[o] * scale;
                    for (int dy = 0; dy < window; dy++) {
                        int row = base + (oy * window + dy) * inW + ox * window;
                        for (int dx = 0; dx < window; dx++) {
                            gradIn[row + dx] += share;
                        }
                    }
                }
            }
        }
    }
}
