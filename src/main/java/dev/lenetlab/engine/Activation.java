package dev.lenetlab.engine;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Element-wise activation functions, with their derivatives, in a numerically stable form.
 *
 * <p>Each constant offers two views of the same function:
 *
 * <ul>
 *   <li>{@link #value(double)} and {@link #derivative(double)}: the double-precision reference
 *       formulas, used by tests, plots and anything that wants a single value;
 *   <li>{@link #forward(float[], float[], int, int)} and
 *       {@link #backward(float[], float[], float[], int, int)}: the float array kernels the network
 *       calls on every layer. ReLU, leaky ReLU, sigmoid, Mish, SiLU and GELU run the float
 *       kernels of {@link FloatActivations} (Vector API loops when available, bit-identical
 *       scalar loops otherwise); tanh and ELU evaluate the double formula per element and round
 *       once to float.
 * </ul>
 *
 * <p><b>Stability.</b> Every value and derivative is finite (no NaN, no ±∞) for every finite input
 * a float can hold, and in double for at least |x| ≤ 10<sup>100</sup>. The textbook formulas are
 * not: they overflow to ∞/∞ = NaN at the extremes (e.g. the naive sigmoid derivative
 * e<sup>−x</sup>/(1 + e<sup>−x</sup>)<sup>2</sup> for x &lt; −709 in double) or cancel to zero
 * long before the true value underflows (e.g. 1 − tanh²(x)). The private helpers below use
 * rearranged but algebraically identical forms; each one states why it is stable.
 *
 * <p><b>Kinks.</b> ReLU, leaky ReLU and ELU are not differentiable at 0 (ELU with α = 1 is only
 * once differentiable there); {@link #derivative(double)} returns the value of the left-hand
 * branch at exactly 0, the usual convention in deep-learning libraries: ReLU′(0) = 0,
 * leaky-ReLU′(0) = 0.01, ELU′(0) = 1.
 */
public enum Activation {

    /** Logistic sigmoid σ(x) = 1 / (1 + e<sup>−x</sup>). */
    SIGMOID("sigmoid", Initialisation.GLOROT, "1 / (1 + e⁻ˣ)") {
        @Override
        public double value(double x) {
            return sigmoid(x);
        }

        @Override
        public double derivative(double x) {
            return sigmoidDerivative(x);
        }
    },

    /** Rectified linear unit max(0, x). */
    RELU("relu", Initialisation.HE, "max(0, x)") {
        @Override
        public double value(double x) {
            return x > 0.0 ? x : 0.0;
        }

        @Override
        public double derivative(double x) {
            return x > 0.0 ? 1.0 : 0.0;
        }
    },

    /** Mish (Misra, 2019): x · tanh(softplus(x)) with softplus(x) = ln(1 + e<sup>x</sup>). */
    MISH("mish", Initialisation.HE, "x · tanh(ln(1 + eˣ))") {
        @Override
        public double value(double x) {
            return mish(x);
        }

        @Override
        public double derivative(double x) {
            return mishDerivative(x);
        }
    },

    /** Hyperbolic tangent. */
    TANH("tanh", Initialisation.GLOROT, "tanh(x)") {
        @Override
        public double value(double x) {
            return Math.tanh(x);
        }

        @Override
        public double derivative(double x) {
            return tanhDerivative(x);
        }

        @Override
        public void forward(float[] x, float[] y, int offset, int length) {
            checkForwardRange(x, y, offset, length);
            for (int i = offset, end = offset + length; i < end; i++) {
                y[i] = (float) Math.tanh(x[i]);
            }
        }

        @Override
        public void backward(float[] x, float[] gradOut, float[] gradIn, int offset, int length) {
            checkBackwardRange(x, gradOut, gradIn, offset, length);
            for (int i = offset, end = offset + length; i < end; i++) {
                gradIn[i] = (float) (gradOut[i] * tanhDerivative(x[i]));
            }
        }
    },

    /** Leaky ReLU with negative slope {@value #LEAKY_RELU_SLOPE}: x for x &gt; 0, else 0.01 · x. */
    LEAKY_RELU("leaky-relu", Initialisation.HE, "max(0.01x, x)") {
        @Override
        public double value(double x) {
            return x > 0.0 ? x : LEAKY_RELU_SLOPE * x;
        }

        @Override
        public double derivative(double x) {
            return x > 0.0 ? 1.0 : LEAKY_RELU_SLOPE;
        }
    },

    /** Exponential linear unit with α = 1: x for x &gt; 0, else e<sup>x</sup> − 1. */
    ELU("elu", Initialisation.HE, "x if x > 0, else eˣ − 1") {
        @Override
        public double value(double x) {
            return elu(x);
        }

        @Override
        public double derivative(double x) {
            return eluDerivative(x);
        }

        @Override
        public void forward(float[] x, float[] y, int offset, int length) {
            checkForwardRange(x, y, offset, length);
            for (int i = offset, end = offset + length; i < end; i++) {
                y[i] = (float) elu(x[i]);
            }
        }

        @Override
        public void backward(float[] x, float[] gradOut, float[] gradIn, int offset, int length) {
            checkBackwardRange(x, gradOut, gradIn, offset, length);
            for (int i = offset, end = offset + length; i < end; i++) {
                gradIn[i] = (float) (gradOut[i] * eluDerivative(x[i]));
            }
        }
    },

    /** SiLU, a.k.a. swish-1 (Elfwing et al., 2017; Ramachandran et al., 2017): x · σ(x). */
    SILU("silu", Initialisation.HE, "x · σ(x) = x / (1 + e⁻ˣ)") {
        @Override
        public double value(double x) {
            return x * sigmoid(x);
        }

        @Override
        public double derivative(double x) {
            return siluDerivative(x);
        }
    },

    /**
     * GELU in its tanh approximation 0.5 · x · (1 + tanh(√(2/π) · (x + 0.044715 · x³))), the form
     * used by BERT and GPT-2 (Hendrycks &amp; Gimpel, 2016), not the exact x · Φ(x) with the
     * Gaussian CDF Φ.
     */
    GELU("gelu", Initialisation.HE, "0.5x · (1 + tanh(√(2/π) · (x + 0.044715x³)))") {
        @Override
        public double value(double x) {
            return gelu(x);
        }

        @Override
        public double derivative(double x) {
            return geluDerivative(x);
        }
    };

    /** Negative-side slope of {@link #LEAKY_RELU}. */
    public static final double LEAKY_RELU_SLOPE = 0.01;

    private static final float LEAKY_RELU_SLOPE_FLOAT = (float) LEAKY_RELU_SLOPE;

    /**
     * Above this input Mish is evaluated as mish(x) = x and mish′(x) = 1 exactly.
     *
     * <p>With n = e<sup>x</sup>, the exact forms are mish(x) = x · (1 − 2/d) and
     * mish′(x) = 1 − 2/d + 4xn(n + 1)/d² where d = n(n + 2) + 2 ≈ e<sup>2x</sup>. So the terms we
     * drop are ≈ 2e<sup>−2x</sup> relative to the value and ≈ (4x − 2)e<sup>−2x</sup> absolute on
     * the derivative (whose value is ≈ 1). Double precision resolves 2<sup>−53</sup> ≈ 1.1e−16
     * relative (half an ulp of 1): the derivative term falls below it only past x ≈ 20.6
     * (at 20 it is still 3.3e−16, at 21 it is 4.7e−17), the value term already past 18.7. At 21
     * both neglected terms are below double — and so far below float — resolution, and the closed
     * form itself already rounds to exactly x and 1 there, so the switch is seamless. The cut-off
     * also keeps d² ≤ e<sup>84</sup> far from overflow.
     */
    static final double MISH_IDENTITY_THRESHOLD = 21.0;

    /** √(2/π), the scale inside the GELU tanh approximation. */
    private static final double GELU_SQRT_2_OVER_PI = Math.sqrt(2.0 / Math.PI);

    /** Cubic coefficient of the GELU tanh approximation. */
    private static final double GELU_CUBIC_COEFFICIENT = 0.044715;

    private static final Activation[] ALL = values();

    private final String id;
    private final Initialisation initialisation;
    private final String formula;

    Activation(String id, Initialisation initialisation, String formula) {
        this.id = id;
        this.initialisation = initialisation;
        this.formula = formula;
    }

    /**
     * Evaluates the activation in double precision; the reference formula.
     *
     * @param x pre-activation input
     * @return f(x); finite for every finite float-range input
     */
    public abstract double value(double x);

    /**
     * Evaluates the derivative f′(x) in double precision; the reference formula. At the kink of
     * ReLU, leaky ReLU and ELU (x = 0) it returns the left-hand value (see the class comment).
     *
     * @param x pre-activation input
     * @return f′(x); finite for every finite float-range input
     */
    public abstract double derivative(double x);

    /**
     * Applies the activation element-wise: {@code y[i] = f(x[i])} for {@code i} in
     * {@code [offset, offset + length)}. Elements outside that range are left untouched.
     * {@code y} may be the same array as {@code x} (in-place), since each element is read before
     * it is written and no other element is involved.
     *
     * @param x pre-activation inputs
     * @param y output activations
     * @param offset first index to process, in both arrays
     * @param length number of elements to process
     * @throws IndexOutOfBoundsException if the range does not fit in both arrays
     */
    public void forward(float[] x, float[] y, int offset, int length) {
        checkForwardRange(x, y, offset, length);
        FloatActivations.forward(this, x, y, offset, length);
    }

    /**
     * Back-propagates through the activation element-wise:
     * {@code gradIn[i] = gradOut[i] · f′(x[i])} for {@code i} in {@code [offset, offset + length)},
     * where {@code x} holds the <em>pre-activation</em> inputs of the forward pass (not its
     * outputs). Elements outside that range are left untouched. Any of the three arrays may be
     * the same array (typically {@code gradIn == gradOut}, in-place): each element reads
     * {@code x[i]} and {@code gradOut[i]} before it writes {@code gradIn[i]}, and touches no other
     * index.
     *
     * @param x pre-activation inputs of the forward pass
     * @param gradOut gradient of the loss with respect to the activation outputs
     * @param gradIn receives the gradient of the loss with respect to the inputs
     * @param offset first index to process, in all three arrays
     * @param length number of elements to process
     * @throws IndexOutOfBoundsException if the range does not fit in all three arrays
     */
    public void backward(float[] x, float[] gradOut, float[] gradIn, int offset, int length) {
        checkBackwardRange(x, gradOut, gradIn, offset, length);
        FloatActivations.backward(this, x, gradOut, gradIn, offset, length);
    }

    /**
     * Returns the user-facing identifier, as accepted on the command line and by
     * {@link #fromId(String)}, e.g. {@code "leaky-relu"}.
     *
     * @return the lower-case id
     */
    public String id() {
        return id;
    }

    /**
     * Returns the weight initialisation that suits this activation: {@link Initialisation#GLOROT}
     * for the saturating, symmetric sigmoid and tanh; {@link Initialisation#HE} for the ReLU-like
     * activations (ReLU, leaky ReLU, ELU, SiLU, GELU, Mish), which suppress most of their negative
     * input and so halve the forward variance that He's factor of 2 restores. See
     * {@link Initialisation}.
     *
     * @return the matching initialisation scheme
     */
    public Initialisation initialisation() {
        return initialisation;
    }

    /**
     * Returns a short human-readable formula for display, e.g. {@code "x · tanh(ln(1 + eˣ))"}.
     *
     * @return the formula, using Unicode superscripts and operators
     */
    public String formula() {
        return formula;
    }

    /**
     * Looks an activation up by its user-facing id. Matching is case-insensitive and ignores
     * surrounding whitespace; besides the ids ({@code "leaky-relu"}) it accepts the enum names
     * ({@code "LEAKY_RELU"}) and the spelling {@code "leakyrelu"}.
     *
     * @param id the id to look up
     * @return the matching activation
     * @throws IllegalArgumentException if nothing matches; the message lists the valid ids
     * @throws NullPointerException if {@code id} is null
     */
    public static Activation fromId(String id) {
        Objects.requireNonNull(id, "id");
        // Locale.ROOT: in a Turkish locale "RELU".toLowerCase() would not give "relu".
        String key = id.trim().toLowerCase(Locale.ROOT);
        for (Activation activation : ALL) {
            if (activation.id.equals(key) || activation.name().toLowerCase(Locale.ROOT).equals(key)) {
                return activation;
            }
        }
        if (key.equals("leakyrelu")) {
            return LEAKY_RELU;
        }
        String validIds = choices();
        throw new IllegalArgumentException(
                "unknown activation '" + id + "'; choose one of " + validIds + " (case-insensitive)");
    }

    /** The ids {@link #fromId} takes, comma-separated, for messages that list them. */
    public static String choices() {
        return Arrays.stream(ALL).map(Activation::id).collect(Collectors.joining(", "));
    }

    // ---------------------------------------------------------------------------------------
    // Stable scalar formulas, shared by value()/derivative() and the array kernels. Static and
    // private, so calls from the loops are monomorphic and inline.
    // ---------------------------------------------------------------------------------------

    /**
     * σ(x), branching on the sign so that exp only ever sees a non-positive argument and returns
     * a value in (0, 1]: no intermediate ∞, and full relative precision in both tails
     * (for x &lt; 0 the result is e<sup>x</sup>/(1 + e<sup>x</sup>), accurate down to underflow).
     */
    private static double sigmoid(double x) {
        if (x >= 0.0) {
            return 1.0 / (1.0 + Math.exp(-x));
        }
        double expX = Math.exp(x);
        return expX / (1.0 + expX);
    }

    /**
     * σ′(x) = m / (1 + m)² with m = e<sup>−|x|</sup> ∈ (0, 1], using that σ′ is even. Stable
     * because: the textbook e<sup>−x</sup>/(1 + e<sup>−x</sup>)² is ∞/∞ = NaN for x &lt; −709;
     * and σ(x)(1 − σ(x)) cancels, 1 − σ(x) rounding to 0 for x &gt; 37 although σ′ ≈ e<sup>−x</sup>
     * is still representable. Here m ≤ 1, so nothing overflows and nothing is subtracted.
     */
    private static double sigmoidDerivative(double x) {
        double m = Math.exp(-Math.abs(x));
        double onePlusM = 1.0 + m;
        return m / (onePlusM * onePlusM);
    }

    /**
     * tanh′(x) = sech²(x) = 4m / (1 + m)² with m = e<sup>−2|x|</sup> ∈ (0, 1]. Stable because
     * 1 − tanh²(x) cancels catastrophically: it loses relative precision as soon as tanh(x) nears
     * ±1 and is exactly 0 for |x| &gt; 19, while the true value is still ≈ 4e<sup>−2|x|</sup>.
     */
    private static double tanhDerivative(double x) {
        double m = Math.exp(-2.0 * Math.abs(x));
        double onePlusM = 1.0 + m;
        return 4.0 * m / (onePlusM * onePlusM);
    }

    /**
     * mish(x) = x · tanh(softplus(x)), with tanh(ln(1 + n)) rewritten for n = e<sup>x</sup> as
     * n(n + 2) / (n(n + 2) + 2) — a ratio of positive terms, so no cancellation for negative x
     * (where tanh of a tiny softplus would otherwise be computed from 1 + n ≈ 1) and no overflow
     * because x is capped at {@link #MISH_IDENTITY_THRESHOLD} (above it mish(x) = x to double
     * precision).
     */
    private static double mish(double x) {
        if (x > MISH_IDENTITY_THRESHOLD) {
            return x;
        }
        double n = Math.exp(x);
        double nTimesNPlus2 = n * (n + 2.0);
        return x * (nTimesNPlus2 / (nTimesNPlus2 + 2.0));
    }

    /**
     * mish′(x) = t + x · sech²(softplus(x)) · σ(x), with n = e<sup>x</sup>,
     * d = n(n + 2) + 2 and t = tanh(softplus(x)) = n(n + 2)/d. Computing sech² as 1 − t² would
     * cancel; instead (1 − t)(1 + t) = (2/d) · (2(n + 1)²/d), and with σ(x) = n/(n + 1) the second
     * term is exactly 4xn(n + 1)/d² — all factors positive, nothing subtracted. The textbook form
     * e<sup>x</sup>ω/δ² (δ = 2e<sup>x</sup> + e<sup>2x</sup> + 2) overflows δ² ≈ e<sup>4x</sup>
     * in float at x ≈ 22 and yields ∞/∞ = NaN; here the cut-off keeps d² ≤ e<sup>84</sup>.
     */
    private static double mishDerivative(double x) {
        if (x > MISH_IDENTITY_THRESHOLD) {
            return 1.0;
        }
        double n = Math.exp(x);
        double nTimesNPlus2 = n * (n + 2.0);
        double d = nTimesNPlus2 + 2.0;
        double tanhSoftplus = nTimesNPlus2 / d;
        return tanhSoftplus + x * (4.0 * n * (n + 1.0) / (d * d));
    }

    /**
     * ELU with α = 1 via expm1: e<sup>x</sup> − 1 computed as {@code exp(x) - 1} cancels for small
     * |x| (all relative precision lost as x → 0⁻), whereas {@code expm1} is accurate there and
     * saturates cleanly at −1 for very negative x.
     */
    private static double elu(double x) {
        return x > 0.0 ? x : Math.expm1(x);
    }

    /** ELU′ with α = 1: 1 for x &gt; 0, else e<sup>x</sup> (which underflows harmlessly to 0). */
    private static double eluDerivative(double x) {
        return x > 0.0 ? 1.0 : Math.exp(x);
    }

    /**
     * silu′(x) = σ(x) + x · σ′(x), with σ(x) and σ′(x) = m/(1 + m)² both from the single
     * m = e<sup>−|x|</sup> ∈ (0, 1]. The common form σ(x)(1 + x(1 − σ(x))) cancels in 1 − σ(x) for
     * large x (see {@link #sigmoidDerivative}); here nothing overflows and for very negative x the
     * product x · σ′(x) underflows to 0 instead of forming ∞ · 0.
     */
    private static double siluDerivative(double x) {
        double m = Math.exp(-Math.abs(x));
        double onePlusM = 1.0 + m;
        double sigmoidX = x >= 0.0 ? 1.0 / onePlusM : m / onePlusM;
        return sigmoidX + x * (m / (onePlusM * onePlusM));
    }

    /**
     * GELU (tanh approximation) evaluated as x · σ(2u), u = √(2/π)(x + 0.044715x³), using the exact
     * identity 0.5(1 + tanh(u)) = σ(2u). Same function, stabler: for x ≪ 0, 1 + tanh(u) cancels
     * (tanh(u) rounds to −1 and the result to 0 while the true tail value is still representable);
     * the branch-on-sign sigmoid keeps full relative precision there.
     */
    private static double gelu(double x) {
        double u = GELU_SQRT_2_OVER_PI * (x + GELU_CUBIC_COEFFICIENT * x * x * x);
        return x * sigmoid(2.0 * u);
    }

    /**
     * GELU′ = σ(2u) + 2x · u′ · σ′(2u), with u′ = √(2/π)(1 + 3 · 0.044715x²) and σ′ in its stable
     * form m/(1 + m)², m = e<sup>−2|u|</sup> ∈ (0, 1]. The textbook
     * 0.5(1 + tanh u) + 0.5x · sech²(u) · u′ has the same 1 + tanh(u) cancellation as the value,
     * and 1 − tanh²(u) cancels for |u| large. For float-range inputs x · u′ ≤ ~10<sup>116</sup>,
     * so the product with m = 0 is a clean 0, never ∞ · 0.
     */
    private static double geluDerivative(double x) {
        double xSquared = x * x;
        double u = GELU_SQRT_2_OVER_PI * (x + GELU_CUBIC_COEFFICIENT * xSquared * x);
        double uPrime = GELU_SQRT_2_OVER_PI * (1.0 + 3.0 * GELU_CUBIC_COEFFICIENT * xSquared);
        double m = Math.exp(-2.0 * Math.abs(u));
        double onePlusM = 1.0 + m;
        double sigmoid2u = u >= 0.0 ? 1.0 / onePlusM : m / onePlusM;
        return sigmoid2u + 2.0 * x * uPrime * (m / (onePlusM * onePlusM));
    }

    private static void checkForwardRange(float[] x, float[] y, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, x.length);
        Objects.checkFromIndexSize(offset, length, y.length);
    }

    private static void checkBackwardRange(
            float[] x, float[] gradOut, float[] gradIn, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, x.length);
        Objects.checkFromIndexSize(offset, length, gradOut.length);
        Objects.checkFromIndexSize(offset, length, gradIn.length);
    }
}
