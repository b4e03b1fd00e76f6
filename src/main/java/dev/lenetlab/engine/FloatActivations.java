package dev.lenetlab.engine;

/**
 * The float kernels of the activations the network spends its time in (ReLU, leaky ReLU, sigmoid,
 * Mish, SiLU, GELU). Each function is written twice, here element by element and in
 * {@link VectorActivations} a vector at a time, with the same operations in the same order (fused
 * multiply-adds included), so both give the same bits: an element's value never depends on
 * whether it fell in a vector's lanes or in the tail, nor on whether the Vector API is present.
 *
 * <p>The exponential is our own ({@link #exp}), for the same reason: a polynomial written here is
 * the same on every JVM and in both paths, where a library's vector exp is not.
 */
final class FloatActivations {
    /** The Vector API loops, or null when this JVM runs without the incubator module. */
    private static final ElementwiseKernel VECTOR = Kernels.elementwiseKernel();

    static final float LEAKY_SLOPE = (float) Activation.LEAKY_RELU_SLOPE;
    /** Above it Mish is x (its derivative 1) to float precision: e^−40 is far below float resolution. */
    static final float MISH_IDENTITY = 20f;
    /** 2·√(2/π) and 2·√(2/π)·0.044715: GELU's tanh approximation written as x·σ(x·(K1 + K3·x²)). */
    static final float GELU_K1 = (float) (2 * Math.sqrt(2 / Math.PI));
    static final float GELU_K3 = (float) (2 * Math.sqrt(2 / Math.PI) * 0.044715);
    static final float GELU_K3_TIMES_3 = (float) (3 * 2 * Math.sqrt(2 / Math.PI) * 0.044715);

    // exp: Cody–Waite reduction x = n·ln2 + r, |r| ≤ ln2/2, then Cephes' degree-6 polynomial for e^r.
    static final float EXP_MIN = -103.9f;  // below: e^x rounds to 0 even as a subnormal float
    static final float EXP_MAX = 88.37f;   // keeps 2^n ≤ 2^127, so the result stays finite
    static final float LOG2E = 1.44269504088896341f;
    static final float LN2_HI = 0.693359375f;
    static final float LN2_LO = -2.12194440e-4f;
    /** 1.5·2^23: adding it rounds to an integer held in the low mantissa bits. */
    static final float ROUNDING_MAGIC = 12582912f;
    static final int ROUNDING_MAGIC_BITS = 0x4B400000;
    static final float P0 = 1.9875691500e-4f;
    static final float P1 = 1.3981999507e-3f;
    static final float P2 = 8.3334519073e-3f;
    static final float P3 = 4.1665795894e-2f;
    static final float P4 = 1.6666665459e-1f;
    static final float P5 = 5.0000001201e-1f;

    private FloatActivations() {}

    /** e^x to about 2 ulp; 0 below {@link #EXP_MIN}; NaN for NaN. */
    static float exp(float x) {
        float xc = Math.min(Math.max(x, EXP_MIN), EXP_MAX);
        float t = Math.fma(xc, LOG2E, ROUNDING_MAGIC);
        float n = t - ROUNDING_MAGIC;
        float r = Math.fma(n, -LN2_HI, xc);
        r = Math.fma(n, -LN2_LO, r);
        float p = Math.fma(P0, r, P1);
        p = Math.fma(p, r, P2);
        p = Math.fma(p, r, P3);
        p = Math.fma(p, r, P4);
        p = Math.fma(p, r, P5);
        p = Math.fma(p, r * r, r) + 1f;
        // 2^n as two normal factors 2^(n>>1)·2^(n−(n>>1)), so that n down to −150 (subnormal
        // results) scales exactly before the one final rounding.
        int n2 = Float.floatToRawIntBits(t) - ROUNDING_MAGIC_BITS;
        int half = n2 >> 1;
        float scale1 = Float.intBitsToFloat((half + 127) << 23);
        float scale2 = Float.intBitsToFloat((n2 - half + 127) << 23);
        return x < EXP_MIN ? 0f : p * scale1 * scale2;
    }

    // σ(x) from m = e^−|x| ≤ 1, so nothing overflows: σ = 1/(1+m) for x ≥ 0, m/(1+m) otherwise.
    static float sigmoid(float x) {
        float m = exp(-Math.abs(x));
        float r = 1f / (1f + m);
        return x >= 0f ? r : m * r;
    }

    /** σ′ = m/(1+m)², the same for ±x, with no 1 − σ to cancel. */
    static float sigmoidDerivative(float x) {
        float m = exp(-Math.abs(x));
        float r = 1f / (1f + m);
        return m * r * r;
    }

    // Mish with n = e^x: tanh(softplus x) = w/(w+2), w = n(n+2); identity above MISH_IDENTITY.
    static float mish(float x) {
        float n = exp(Math.min(x, MISH_IDENTITY));
        float w = n * (n + 2f);
        return x * (w / (w + 2f));
    }

    /** mish′ = w/d + 4x·n(n+1)/d², d = w + 2: a sum with no cancelling subtraction. */
    static float mishDerivative(float x) {
        float n = exp(Math.min(x, MISH_IDENTITY));
        float w = n * (n + 2f);
        float d = w + 2f;
        float g = w / d + 4f * x * n * (n + 1f) / (d * d);
        return x > MISH_IDENTITY ? 1f : g;
    }

    static float silu(float x) {
        return x * sigmoid(x);
    }

    /** SiLU′ = σ + x·σ′. */
    static float siluDerivative(float x) {
        float m = exp(-Math.abs(x));
        float r = 1f / (1f + m);
        float s = x >= 0f ? r : m * r;
        return s + x * (m * r * r);
    }

    /** GELU (tanh approximation) = x·σ(u), u = x·(K1 + K3·x²): 0.5(1 + tanh(z)) is σ(2z). */
    static float gelu(float x) {
        float u = x * Math.fma(GELU_K3, x * x, GELU_K1);
        return x * sigmoid(u);
    }

    /** GELU′ = σ(u) + x·σ′(u)·u′, u′ = K1 + 3·K3·x². */
    static float geluDerivative(float x) {
        float x2 = x * x;
        float u = x * Math.fma(GELU_K3, x2, GELU_K1);
        float m = exp(-Math.abs(u));
        float r = 1f / (1f + m);
        float s = u >= 0f ? r : m * r;
        return s + x * (m * r * r) * Math.fma(GELU_K3_TIMES_3, x2, GELU_K1);
    }

    /** The array forms: the vector kernel when present, these loops otherwise (same bits). */
    static void forward(Activation activation, float[] x, float[] y, int offset, int length) {
        if (VECTOR != null) {
            VECTOR.forward(activation, x, y, offset, length);
            return;
        }
        forwardScalar(activation, x, y, offset, offset + length);
    }

    static void backward(Activation activation, float[] x, float[] gradOut, float[] gradIn, int offset, int length) {
        if (VECTOR != null) {
            VECTOR.backward(activation, x, gradOut, gradIn, offset, length);
            return;
        }
        backwardScalar(activation, x, gradOut, gradIn, offset, offset + length);
    }

    static void forwardScalar(Activation activation, float[] x, float[] y, int from, int to) {
        switch (activation) {
            case RELU -> { for (int i = from; i < to; i++) y[i] = Math.max(x[i], 0f); }
            case LEAKY_RELU -> { for (int i = from; i < to; i++) y[i] = x[i] > 0f ? x[i] : LEAKY_SLOPE * x[i]; }
            case SIGMOID -> { for (int i = from; i < to; i++) y[i] = sigmoid(x[i]); }
            case MISH -> { for (int i = from; i < to; i++) y[i] = mish(x[i]); }
            case SILU -> { for (int i = from; i < to; i++) y[i] = silu(x[i]); }
            case GELU -> { for (int i = from; i < to; i++) y[i] = gelu(x[i]); }
            default -> throw new IllegalArgumentException("no float kernel for " + activation);
        }
    }

    static void backwardScalar(Activation activation, float[] x, float[] gradOut, float[] gradIn, int from, int to) {
        switch (activation) {
            case RELU -> { for (int i = from; i < to; i++) gradIn[i] = x[i] > 0f ? gradOut[i] : 0f; }
            case LEAKY_RELU -> { for (int i = from; i < to; i++) gradIn[i] = x[i] > 0f ? gradOut[i] : LEAKY_SLOPE * gradOut[i]; }
            case SIGMOID -> { for (int i = from; i < to; i++) gradIn[i] = gradOut[i] * sigmoidDerivative(x[i]); }
            case MISH -> { for (int i = from; i < to; i++) gradIn[i] = gradOut[i] * mishDerivative(x[i]); }
            case SILU -> { for (int i = from; i < to; i++) gradIn[i] = gradOut[i] * siluDerivative(x[i]); }
            case GELU -> { for (int i = from; i < to; i++) gradIn[i] = gradOut[i] * geluDerivative(x[i]); }
            default -> throw new IllegalArgumentException("no float kernel for " + activation);
        }
    }
}
