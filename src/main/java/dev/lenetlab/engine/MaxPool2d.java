package dev.lenetlab.engine;

import java.util.Arrays;

/**
 * Non-overlapping max pooling (window = stride). Ties go to the first maximum in reading order, and
 * only that input receives the gradient: a window of equal values passes the gradient on once.
 */
public final class MaxPool2d extends Layer {
    private final int window;

    public MaxPool2d(String name, Shape input, int window) {
        super(name, input, new Shape(input.channels(), input.height() / window, input.width() / window));
        this.window = window;
    }

    @Override
    public String describe() {
        return "max pool " + window + "×" + window;
    }

    private static final class Winners implements Scratch {
        final int[] index; // per output element: the input element that won

        Winners(int size) {
            index = new int[size];
        }
    }

    @Override
    public Scratch newScratch(int maxSamples) {
        return new Winners(maxSamples * outputShape().size());
    }

    @Override
    public void forward(float[] parameters, float[] in, float[] out, int samples, Scratch scratch) {
        int[] winners = ((Winners) scratch).index;
        Shape input = inputShape();
        int inH = input.height(), inW = input.width();
        int outH = outputShape().height(), outW = outputShape().width();
        int planes = samples * input.channels();
        if (window == 2) {
            forward2x2(in, out, winners, planes, inH, inW, outH, outW);
            return;
        }
        int o = 0;
        for (int plane = 0; plane < planes; plane++) {
            int base = plane * inH * inW;
            for (int oy = 0; oy < outH; oy++) {
                for (int ox = 0; ox < outW; ox++, o++) {
                    int best = base + oy * window * inW + ox * window;
                    float max = in[best];
                    for (int dy = 0; dy < window; dy++) {
                        int row = base + (oy * window + dy) * inW + ox * window;
                        for (int dx = 0; dx < window; dx++) {
                            // Strictly greater: the first maximum wins a tie. NaN never wins, but a
                            // NaN anywhere makes the loss NaN and the run stops as diverged.
                            if (in[row + dx] > max) {
                                max = in[row + dx];
                                best = row + dx;
                            }
                        }
                    }
                    out[o] = max;
                    winners[o] = best;
                }
            }
        }
    }

    /** LeNet's case, unrolled: the generic loop spends more on loop control than on comparing. */
    private static void forward2x2(float[] in, float[] out, int[] winners, int planes, int inH, int inW,
                                   int outH, int outW) {
        int o = 0;
        for (int plane = 0; plane < planes; plane++) {
            int base = plane * inH * inW;
            for (int oy = 0; oy < outH; oy++) {
                int row = base + 2 * oy * inW;
                for (int ox = 0; ox < outW; ox++, o++) {
                    int first = row + 2 * ox;
                    // Branch-free: which input wins is a coin toss, so branches would mispredict
                    // half the time. (max − b) has its sign bit set exactly when b > max (finite
                    // values), and Math.max compiles to a branch-free select.
                    float max = in[first];
                    int best = first;
                    float b = in[first + 1];
                    best += (Float.floatToRawIntBits(max - b) >>> 31);
                    max = Math.max(max, b);
                    float c = in[first + inW];
                    int cWins = Float.floatToRawIntBits(max - c) >>> 31;
                    best += cWins * (first + inW - best);
                    max = Math.max(max, c);
                    float d = in[first + inW + 1];
                    int dWins = Float.floatToRawIntBits(max - d) >>> 31;
                    best += dWins * (first + inW + 1 - best);
                    max = Math.max(max, d);
                    out[o] = max;
                    winners[o] = best;
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
        int[] winners = ((Winners) scratch).index;
        Arrays.fill(gradIn, 0, samples * inputShape().size(), 0f);
        int outputs = samples * outputShape().size();
        for (int o = 0; o < outputs; o++) {
            gradIn[winners[o]] += gradOut[o];
        }
    }
}
