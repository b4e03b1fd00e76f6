package dev.lenetlab.engine;

import java.util.Arrays;

/**
 * 2-D convolution (cross-correlation, as every framework computes it) by im2col and one matrix
 * multiply per chunk of samples. The chunk's patches form one column matrix
 * {@code [inChannels·k·k] × [samples·outPositions]}, so the multiply is wide even for a layer like
 * C5 whose output is 1×1 per sample. Weights are {@code [outChannels][inChannels][k][k]}, then the
 * {@code outChannels} biases.
 */
public final class Conv2d extends Layer {
    /** Below this many positions per chunk the weight gradient uses the blocked multiply. */
    private static final int DOT_PRODUCT_MIN_WIDTH = 256;

    private final int outChannels;
    private final int kernel;
    private final int stride;
    private final int padding;
    private final int patchSize;
    private final int positions;

    public Conv2d(String name, Shape input, int outChannels, int kernel, int stride, int padding) {
        super(name, input, outputShape(input, outChannels, kernel, stride, padding));
        this.outChannels = outChannels;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        this.patchSize = input.channels() * kernel * kernel;
        this.positions = outputShape().height() * outputShape().width();
    }

    private static Shape outputShape(Shape in, int outChannels, int kernel, int stride, int padding) {
        if (kernel <= 0 || stride <= 0 || padding < 0) {
            throw new IllegalArgumentException("kernel and stride must be positive, padding non-negative");
        }
        int h = (in.height() + 2 * padding - kernel) / stride + 1;
        int w = (in.width() + 2 * padding - kernel) / stride + 1;
        if (h <= 0 || w <= 0) {
            throw new IllegalArgumentException("kernel " + kernel + " does not fit input " + in);
        }
        return new Shape(outChannels, h, w);
    }

    public int kernel() {
        return kernel;
    }

    public int stride() {
        return stride;
    }

    public int padding() {
        return padding;
    }

    @Override
    public int parameterCount() {
        return outChannels * patchSize + outChannels;
    }

    @Override
    public String describe() {
        return "conv " + kernel + "×" + kernel + (stride != 1 ? ", stride " + stride : "")
                + (padding != 0 ? ", pad " + padding : "");
    }

    @Override
    public void initialise(float[] parameters, Initialisation scheme, SeededRandom random) {
        int fanIn = patchSize;
        int fanOut = outChannels * kernel * kernel;
        float limit = (float) scheme.uniformLimit(fanIn, fanOut);
        int w = parameterOffset();
        for (int i = 0; i < outChannels * patchSize; i++) {
            parameters[w + i] = (float) ((2 * random.nextDouble() - 1) * limit);
        }
        Arrays.fill(parameters, w + outChannels * patchSize, w + parameterCount(), 0f);
    }

    private static final class Buffers implements Scratch {
        final float[] columns;   // [patchSize][samples·positions], kept for the weight gradient
        final float[] product;   // [outChannels][samples·positions]

        Buffers(int columns, int product) {
            this.columns = new float[columns];
            this.product = new float[product];
        }
    }

    @Override
    public Scratch newScratch(int maxSamples) {
        int width = maxSamples * positions;
        return new Buffers(patchSize * width, outChannels * width);
    }

    @Override
    public void forward(float[] parameters, float[] in, float[] out, int samples, Scratch scratch) {
        Buffers buffers = (Buffers) scratch;
        int width = samples * positions;
        im2col(in, samples, buffers.columns);
        int w = parameterOffset();
        Kernels.gemm().multiply(outChannels, width, patchSize,
                parameters, w, patchSize, 1,
                buffers.columns, 0, width, 1,
                buffers.product, 0, width, false);
        int bias = w + outChannels * patchSize;
        int outSize = outChannels * positions;
        for (int c = 0; c < outChannels; c++) {
            float b = parameters[bias + c];
            for (int s = 0; s < samples; s++) {
                int src = c * width + s * positions;
                int dst = s * outSize + c * positions;
                for (int p = 0; p < positions; p++) {
                    out[dst + p] = buffers.product[src + p] + b;
                }
            }
        }
    }

    @Override
    public void backward(float[] parameters, float[] in, float[] out, float[] gradOut, float[] gradIn,
                         float[] gradParameters, int samples, Scratch scratch) {
        Buffers buffers = (Buffers) scratch;
        int width = samples * positions;
        int outSize = outChannels * positions;
        float[] g = buffers.product; // reused: the forward product is no longer needed
        int w = parameterOffset();
        int bias = w + outChannels * patchSize;
        for (int c = 0; c < outChannels; c++) {
            double biasGradient = 0; // double: a sum over thousands of positions
            for (int s = 0; s < samples; s++) {
                int src = s * outSize + c * positions;
                int dst = c * width + s * positions;
                for (int p = 0; p < positions; p++) {
                    float v = gradOut[src + p];
                    g[dst + p] = v;
                    biasGradient += v;
                }
            }
            gradParameters[bias + c] = (float) biasGradient;
        }
        // dW[outChannels × patch] = g[outChannels × width] · columns[patch × width]ᵀ: a sum over the
        // chunk's positions. Over thousands of them (C1, C3) the dot-product form wins: no operand
        // to transpose. Over a few (C5: one position per sample) the blocked form does.
        if (width >= DOT_PRODUCT_MIN_WIDTH) {
            Kernels.gemm().multiplyByTranspose(outChannels, patchSize, width,
                    g, 0, width,
                    buffers.columns, 0, width,
                    gradParameters, w, patchSize, false);
        } else {
            Kernels.gemm().multiply(outChannels, patchSize, width,
                    g, 0, width, 1,
                    buffers.columns, 0, 1, width,
                    gradParameters, w, patchSize, false);
        }
        if (gradIn != null) {
            // dColumns[patch × width] = Wᵀ[patch × outChannels] · g[outChannels × width]
            float[] dColumns = buffers.columns; // reused: dW is done with it
            Kernels.gemm().multiply(patchSize, width, outChannels,
                    parameters, w, 1, patchSize,
                    g, 0, width, 1,
                    dColumns, 0, width, false);
            col2im(dColumns, samples, gradIn);
        }
    }

    /** The smallest ox ≥ 0 with ox·stride ≥ bound. */
    private int firstInside(int bound) {
        return bound <= 0 ? 0 : (bound + stride - 1) / stride;
    }

    /** Copies every receptive field into a column: row (channel, dy, dx), column (sample, y, x). */
    void im2col(float[] in, int samples, float[] columns) {
        Shape input = inputShape();
        int inH = input.height(), inW = input.width(), inSize = input.size();
        int outH = outputShape().height(), outW = outputShape().width();
        int width = samples * positions;
        RowOps rows = Kernels.rows();
        for (int ch = 0; ch < input.channels(); ch++) {
            for (int dy = 0; dy < kernel; dy++) {
                for (int dx = 0; dx < kernel; dx++) {
                    int row = ((ch * kernel + dy) * kernel + dx) * width;
                    // Output columns whose input column ox·stride − padding + dx lies inside the image.
                    int lo = Math.min(outW, firstInside(padding - dx));
                    int hi = Math.min(outW, firstInside(inW + padding - dx));
                    for (int s = 0; s < samples; s++) {
                        int plane = s * inSize + ch * inH * inW;
                        int dst = row + s * positions;
                        for (int oy = 0; oy < outH; oy++, dst += outW) {
                            int iy = oy * stride - padding + dy;
                            if (iy < 0 || iy >= inH) {
                                Arrays.fill(columns, dst, dst + outW, 0f);
                                continue;
                            }
                            int src = plane + iy * inW - padding + dx;
                            for (int ox = 0; ox < lo; ox++) { // a few columns at most: a call costs more
                                columns[dst + ox] = 0f;
                            }
                            if (stride == 1) {
                                rows.copy(in, src + lo, columns, dst + lo, hi - lo);
                            } else {
                                for (int ox = lo; ox < hi; ox++) {
                                    columns[dst + ox] = in[src + ox * stride];
                                }
                            }
                            for (int ox = Math.max(lo, hi); ox < outW; ox++) {
                                columns[dst + ox] = 0f;
                            }
                        }
                    }
                }
            }
        }
    }

    /** The adjoint of {@link #im2col}: adds every column entry back onto the input it came from. */
    void col2im(float[] columns, int samples, float[] out) {
        Shape input = inputShape();
        int inH = input.height(), inW = input.width(), inSize = input.size();
        int outH = outputShape().height(), outW = outputShape().width();
        int width = samples * positions;
        RowOps rows = Kernels.rows();
        Arrays.fill(out, 0, samples * inSize, 0f);
        for (int ch = 0; ch < input.channels(); ch++) {
            for (int dy = 0; dy < kernel; dy++) {
                for (int dx = 0; dx < kernel; dx++) {
                    int row = ((ch * kernel + dy) * kernel + dx) * width;
                    // Output columns whose input column ox·stride − padding + dx lies inside the image.
                    int lo = Math.min(outW, firstInside(padding - dx));
                    int hi = Math.min(outW, firstInside(inW + padding - dx));
                    for (int s = 0; s < samples; s++) {
                        int plane = s * inSize + ch * inH * inW;
                        int src = row + s * positions;
                        for (int oy = 0; oy < outH; oy++, src += outW) {
                            int iy = oy * stride - padding + dy;
                            if (iy < 0 || iy >= inH) {
                                continue;
                            }
                            int dst = plane + iy * inW - padding + dx;
                            if (stride == 1) {
                                rows.addTo(columns, src + lo, out, dst + lo, hi - lo);
                            } else {
                                for (int ox = lo; ox < hi; ox++) {
                                    out[dst + ox * stride] += columns[src + ox];
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
