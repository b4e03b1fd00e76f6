package dev.lenetlab.engine;

import static dev.lenetlab.engine.Activation.ELU;
import static dev.lenetlab.engine.Activation.GELU;
import static dev.lenetlab.engine.Activation.LEAKY_RELU;
import static dev.lenetlab.engine.Activation.MISH;
import static dev.lenetlab.engine.Activation.RELU;
import static dev.lenetlab.engine.Activation.SIGMOID;
import static dev.lenetlab.engine.Activation.SILU;
import static dev.lenetlab.engine.Activation.TANH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class ActivationTest {

    /** Reference values must match to this relative error (≈ 4.5 ulp); exact zeros must be exact. */
    private static final double REFERENCE_RELATIVE_TOLERANCE = 1e-15;

    /** Activations with a kink at 0, where the finite-difference check must not straddle 0. */
    private static final Set<Activation> KINKED_AT_ZERO = EnumSet.of(RELU, LEAKY_RELU, ELU);

    // ------------------------------------------------------------------------------------------
    // Reference values
    // ------------------------------------------------------------------------------------------

    /**
     * {x, f(x), f′(x)} for every activation. Obtained independently of Activation's stable
     * rearrangements: python3 with mpmath at 60 significant digits, from the textbook definitions
     * (σ = 1/(1 + e^−x), mish = x·tanh(ln(1 + e^x)), tanh, ELU = expm1 for x ≤ 0,
     * SiLU = x·σ(x), GELU = 0.5x(1 + tanh(√(2/π)(x + 0.044715x³))) with the decimal constants
     * exact), derivatives by mpmath.diff (high-precision numerical differentiation), x taken as
     * the exact double, results rounded to the nearest double. At the kinks (x = 0 for ReLU,
     * leaky ReLU, ELU) the derivative is Activation's documented convention, not a limit.
     */
    static Stream<Arguments> referenceValues() {
        return Stream.of(
                // SIGMOID
                reference(SIGMOID, -3.0, 0.04742587317756678, 0.04517665973091213),
                reference(SIGMOID, -1.0, 0.2689414213699951, 0.19661193324148185),
                reference(SIGMOID, -0.5, 0.37754066879814546, 0.2350037122015945),
                reference(SIGMOID, 0.0, 0.5, 0.25),
                reference(SIGMOID, 0.5, 0.6224593312018546, 0.2350037122015945),
                reference(SIGMOID, 1.0, 0.7310585786300049, 0.19661193324148185),
                reference(SIGMOID, 2.0, 0.8807970779778824, 0.10499358540350652),
                reference(SIGMOID, 3.0, 0.9525741268224333, 0.04517665973091213),
                reference(SIGMOID, -30.0, 9.357622968839299e-14, 9.357622968838423e-14),
                reference(SIGMOID, -100.0, 3.720075976020836e-44, 3.720075976020836e-44),
                reference(SIGMOID, 40.0, 1.0, 4.248354255291589e-18),
                // RELU
                reference(RELU, -3.0, 0.0, 0.0),
                reference(RELU, -1.0, 0.0, 0.0),
                reference(RELU, -0.5, 0.0, 0.0),
                reference(RELU, 0.0, 0.0, 0.0), // convention at the kink
                reference(RELU, 0.5, 0.5, 1.0),
                reference(RELU, 1.0, 1.0, 1.0),
                reference(RELU, 2.0, 2.0, 1.0),
                reference(RELU, 3.0, 3.0, 1.0),
                // MISH
                reference(MISH, -3.0, -0.14564746127562458, -0.09339311453232084),
                reference(MISH, -1.0, -0.3034014613741089, 0.05921675587739495),
                reference(MISH, -0.5, -0.22074377465173, 0.2895106779135122),
                reference(MISH, 0.0, 0.0, 0.6),
                reference(MISH, 0.5, 0.37524521130489513, 0.8864243753577272),
                reference(MISH, 1.0, 0.8650983882673103, 1.0490362200997922),
                reference(MISH, 2.0, 1.9439589595339946, 1.0693179342794896),
                reference(MISH, 3.0, 2.9865350049679575, 1.0211069109294437),
                reference(MISH, -20.0, -4.122307240628761e-08, -3.916191874348969e-08),
                reference(MISH, 15.0, 14.999999999997193, 1.0000000000054274),
                // TANH
                reference(TANH, -3.0, -0.9950547536867305, 0.00986603716544019),
                reference(TANH, -1.0, -0.7615941559557649, 0.4199743416140261),
                reference(TANH, -0.5, -0.46211715726000974, 0.7864477329659274),
                reference(TANH, 0.0, 0.0, 1.0),
                reference(TANH, 0.5, 0.46211715726000974, 0.7864477329659274),
                reference(TANH, 1.0, 0.7615941559557649, 0.4199743416140261),
                reference(TANH, 2.0, 0.9640275800758169, 0.07065082485316447),
                reference(TANH, 3.0, 0.9950547536867305, 0.00986603716544019),
                reference(TANH, 20.0, 1.0, 1.6993417021166355e-17),
                reference(TANH, -0.001, -0.0009999996666668, 0.9999990000006667),
                // LEAKY_RELU
                reference(LEAKY_RELU, -3.0, -0.03, 0.01),
                reference(LEAKY_RELU, -1.0, -0.01, 0.01),
                reference(LEAKY_RELU, -0.5, -0.005, 0.01),
                reference(LEAKY_RELU, 0.0, 0.0, 0.01), // convention at the kink
                reference(LEAKY_RELU, 0.5, 0.5, 1.0),
                reference(LEAKY_RELU, 1.0, 1.0, 1.0),
                reference(LEAKY_RELU, 2.0, 2.0, 1.0),
                reference(LEAKY_RELU, 3.0, 3.0, 1.0),
                // ELU
                reference(ELU, -3.0, -0.950212931632136, 0.049787068367863944),
                reference(ELU, -1.0, -0.6321205588285577, 0.36787944117144233),
                reference(ELU, -0.5, -0.3934693402873666, 0.6065306597126334),
                reference(ELU, 0.0, 0.0, 1.0), // convention at the kink
                reference(ELU, 0.5, 0.5, 1.0),
                reference(ELU, 1.0, 1.0, 1.0),
                reference(ELU, 2.0, 2.0, 1.0),
                reference(ELU, 3.0, 3.0, 1.0),
                reference(ELU, -1e-10, -9.999999999500001e-11, 0.9999999999),
                reference(ELU, -20.0, -0.9999999979388464, 2.061153622438558e-09),
                // SILU
                reference(SILU, -3.0, -0.14227761953270035, -0.08810410601516962),
                reference(SILU, -1.0, -0.2689414213699951, 0.07232948812851327),
                reference(SILU, -0.5, -0.18877033439907273, 0.2600388126973482),
                reference(SILU, 0.0, 0.0, 0.5),
                reference(SILU, 0.5, 0.3112296656009273, 0.7399611873026518),
                reference(SILU, 1.0, 0.7310585786300049, 0.9276705118714867),
                reference(SILU, 2.0, 1.7615941559557649, 1.0907842487848955),
                reference(SILU, 3.0, 2.8577223804672998, 1.0881041060151697),
                reference(SILU, -40.0, -1.6993417021166355e-16, -1.6568581595637197e-16),
                reference(SILU, 40.0, 40.0, 1.0000000000000002),
                // GELU
                reference(GELU, -3.0, -0.003637392081773019, -0.011584166630969726),
                reference(GELU, -1.0, -0.1588080093917233, -0.08296408384578255),
                reference(GELU, -0.5, -0.15428599017485609, 0.1326300964653577),
                reference(GELU, 0.0, 0.0, 0.5),
                reference(GELU, 0.5, 0.34571400982514394, 0.8673699035346423),
                reference(GELU, 1.0, 0.8411919906082767, 1.0829640838457826),
                reference(GELU, 2.0, 1.954597694087775, 1.0860992566236183),
                reference(GELU, 3.0, 2.996362607918227, 1.0115841666309697),
                reference(GELU, 6.0, 5.9999999999156035, 1.0000000007709975)
        );
    }

    private static Arguments reference(Activation activation, double x, double value, double derivative) {
        return Arguments.of(activation, x, value, derivative);
    }

    @ParameterizedTest(name = "{0}({1}) = {2}, derivative {3}")
    @MethodSource("referenceValues")
    void matchesHighPrecisionReferenceValues(Activation activation, double x, double value, double derivative) {
        assertRelativelyClose(value, activation.value(x), REFERENCE_RELATIVE_TOLERANCE,
                activation + ".value(" + x + ")");
        assertRelativelyClose(derivative, activation.derivative(x), REFERENCE_RELATIVE_TOLERANCE,
                activation + ".derivative(" + x + ")");
    }

    /**
     * Published Mish values, as quoted in the project brief. The quoted Mish(−1) =
     * −0.30340146137410895 is one ulp away from the correctly rounded −0.3034014613741089
     * (mpmath: −0.303401461374108918…); both are within the 1e−15 relative tolerance.
     */
    @Test
    void mishMatchesPublishedValues() {
        assertRelativelyClose(0.8650983882673103, MISH.value(1.0), REFERENCE_RELATIVE_TOLERANCE, "Mish(1)");
        assertEquals(0.6, MISH.derivative(0.0), 0.0, "Mish'(0) = 3/5 exactly in closed form");
        assertRelativelyClose(1.0490362200997922, MISH.derivative(1.0), REFERENCE_RELATIVE_TOLERANCE, "Mish'(1)");
        assertRelativelyClose(-0.30340146137410895, MISH.value(-1.0), REFERENCE_RELATIVE_TOLERANCE, "Mish(-1)");
    }

    /** Values that follow directly from the definitions, without any library evaluation. */
    @Test
    void matchesValuesKnownInClosedForm() {
        assertEquals(0.5, SIGMOID.value(0.0), 0.0, "σ(0) = 1/2");
        assertEquals(0.25, SIGMOID.derivative(0.0), 0.0, "σ'(0) = 1/4");
        assertEquals(0.0, TANH.value(0.0), 0.0, "tanh(0)");
        assertEquals(1.0, TANH.derivative(0.0), 0.0, "tanh'(0) = sech²(0) = 1");
        assertEquals(0.5, SILU.derivative(0.0), 0.0, "SiLU'(0) = σ(0)");
        assertEquals(0.5, GELU.derivative(0.0), 0.0, "GELU'(0) = 1/2");
        assertEquals(0.6, MISH.derivative(0.0), 0.0, "Mish'(0) = tanh(ln 2) = 3/5");
        assertEquals(-0.01 * 3.0, LEAKY_RELU.value(-3.0), 0.0, "leaky-ReLU(-3)");
        assertEquals(7.5, RELU.value(7.5), 0.0, "ReLU(7.5)");
        // ELU(−1) = e^−1 − 1, here evaluated the textbook way (no cancellation issue at x = −1).
        assertRelativelyClose(Math.exp(-1.0) - 1.0, ELU.value(-1.0), REFERENCE_RELATIVE_TOLERANCE, "ELU(-1)");
        // SiLU(1) = σ(1) = 0.7310585786300049 (python3: 1 / (1 + math.exp(-1))).
        assertRelativelyClose(0.7310585786300049, SILU.value(1.0), REFERENCE_RELATIVE_TOLERANCE, "SiLU(1)");
        // GELU(1) via the literal tanh formula (python3 gives 0.8411919906082768, 1 ulp above the
        // correctly rounded 0.8411919906082767 from mpmath).
        double geluOneTextbook = 0.5 * (1.0 + Math.tanh(Math.sqrt(2.0 / Math.PI) * (1.0 + 0.044715)));
        assertRelativelyClose(geluOneTextbook, GELU.value(1.0), REFERENCE_RELATIVE_TOLERANCE, "GELU(1)");
    }

    /**
     * GELU's far-left tail, where the result is ill-conditioned: its relative condition number
     * |x·f′(x)/f(x)| is ≈ 55 at x = −6 and ≈ 230 at x = −10, so merely rounding the double constants
     * √(2/π) and 0.044715 moves the result by that many ulps. The tolerances are those condition
     * numbers times 2⁻⁵², i.e. what double allows. (The textbook 0.5x(1 + tanh u) gets these wrong
     * entirely: 1 + tanh(u) cancels.) References: mpmath at 60 digits, as above.
     */
    @Test
    void geluLeftTailIsAccurateToItsConditionNumber() {
        assertRelativelyClose(-8.439646700762297e-11, GELU.value(-6.0), 1.5e-14, "GELU(-6)");
        assertRelativelyClose(-7.709973930953696e-10, GELU.derivative(-6.0), 1.5e-14, "GELU'(-6)");
        assertRelativelyClose(-1.204092348209806e-37, GELU.value(-10.0), 6e-14, "GELU(-10)");
        assertRelativelyClose(-2.7576380638540315e-36, GELU.derivative(-10.0), 6e-14, "GELU'(-10)");
    }

    /**
     * Cross-checks value() and derivative() on a dense grid against the textbook formulas
     * evaluated directly here, a different computation from Activation's rearranged forms.
     * Restricted to |x| ≤ 5, where the textbook forms are accurate to ~1e−13 relative, except that
     * their cancelling differences (1 − t², 1 + tanh u, 1 − σ) carry an absolute error of a few ε,
     * hence the 1e−14 absolute term: near x = −5 the textbook GELU′ is off by 7e−10 relative while
     * the stable form agrees with mpmath to 6e−16. Mish uses softplus in its stable form
     * max(x, 0) + log1p(e^−|x|).
     */
    @ParameterizedTest
    @EnumSource(Activation.class)
    void agreesWithTextbookFormulasOnModerateInputs(Activation activation) {
        for (int k = 0; k <= 730; k++) {
            double x = -5.0 + k * 0.0137;
            assertMixedClose(textbookValue(activation, x), activation.value(x), 1e-13, 1e-14,
                    () -> activation + ".value(" + x + ")");
            assertMixedClose(textbookDerivative(activation, x), activation.derivative(x), 1e-13, 1e-14,
                    () -> activation + ".derivative(" + x + ")");
        }
    }

    private static double textbookValue(Activation activation, double x) {
        switch (activation) {
            case SIGMOID: return 1.0 / (1.0 + Math.exp(-x));
            case RELU: return Math.max(0.0, x);
            case MISH: return x * Math.tanh(softplus(x));
            case TANH: return (Math.exp(x) - Math.exp(-x)) / (Math.exp(x) + Math.exp(-x));
            case LEAKY_RELU: return x > 0 ? x : 0.01 * x;
            case ELU: return x > 0 ? x : Math.exp(x) - 1.0;
            case SILU: return x / (1.0 + Math.exp(-x));
            case GELU: return 0.5 * x * (1.0 + Math.tanh(Math.sqrt(2.0 / Math.PI) * (x + 0.044715 * x * x * x)));
            default: throw new AssertionError(activation);
        }
    }

    private static double textbookDerivative(Activation activation, double x) {
        switch (activation) {
            case SIGMOID: {
                double s = 1.0 / (1.0 + Math.exp(-x));
                return s * (1.0 - s);
            }
            case RELU: return x > 0 ? 1.0 : 0.0;
            case MISH: {
                // Misra (2019): mish'(x) = e^x ω / δ², ω = 4(x+1) + 4e^2x + e^3x + e^x(4x+6), δ = 2e^x + e^2x + 2.
                double e = Math.exp(x);
                double omega = 4.0 * (x + 1.0) + 4.0 * e * e + e * e * e + e * (4.0 * x + 6.0);
                double delta = 2.0 * e + e * e + 2.0;
                return e * omega / (delta * delta);
            }
            case TANH: {
                double t = Math.tanh(x);
                return 1.0 - t * t;
            }
            case LEAKY_RELU: return x > 0 ? 1.0 : 0.01;
            case ELU: return x > 0 ? 1.0 : Math.exp(x);
            case SILU: {
                double s = 1.0 / (1.0 + Math.exp(-x));
                return s * (1.0 + x * (1.0 - s));
            }
            case GELU: {
                double c = Math.sqrt(2.0 / Math.PI);
                double t = Math.tanh(c * (x + 0.044715 * x * x * x));
                return 0.5 * (1.0 + t) + 0.5 * x * (1.0 - t * t) * c * (1.0 + 3.0 * 0.044715 * x * x);
            }
            default: throw new AssertionError(activation);
        }
    }

    /** Softplus ln(1 + e^x) in its stable form max(x, 0) + log1p(e^−|x|): no overflow, no cancellation. */
    private static double softplus(double x) {
        return Math.max(x, 0.0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    // ------------------------------------------------------------------------------------------
    // (a) derivative vs finite differences
    // ------------------------------------------------------------------------------------------

    /**
     * derivative() against the central difference (f(x+h) − f(x−h)) / 2h of value(), h = 1e−5, on
     * ~1600 points in [−8, 8]. Truncation error is O(h²) ≈ 1e−10 and rounding error ≈ ε|f|/h ≈ 2e−10,
     * so the tolerance is 1e−6 relative plus 1e−9 absolute (for points where f′ crosses zero).
     * Points within 2h of 0 are skipped for the activations with a kink there.
     */
    @ParameterizedTest
    @EnumSource(Activation.class)
    void derivativeMatchesCentralFiniteDifference(Activation activation) {
        double h = 1e-5;
        int checked = 0;
        for (int k = 0; k <= 1600; k++) {
            double x = -8.0 + k * 0.01 + 0.003; // the offset keeps the grid off integers and off 0
            if (KINKED_AT_ZERO.contains(activation) && Math.abs(x) < 2 * h) {
                continue;
            }
            double finiteDifference = (activation.value(x + h) - activation.value(x - h)) / (2 * h);
            assertMixedClose(finiteDifference, activation.derivative(x), 1e-6, 1e-9,
                    () -> activation + ".derivative(" + x + ") vs central difference");
            checked++;
        }
        assertTrue(checked > 1500);
    }

    // ------------------------------------------------------------------------------------------
    // (b) no NaN or infinity anywhere in [−1e4, 1e4]
    // ------------------------------------------------------------------------------------------

    /**
     * Sweep inputs: the named extremes (exp overflow/underflow boundaries in double, ±709/±745, and
     * in float, ±88; where e^(2x) and e^(4x) overflow float, ±44 and ±22; the Mish cut-off ±21),
     * tiny and subnormal values, signed zeros, a dense grid over [−1e4, 1e4] and a finer one over
     * [−50, 50].
     */
    private static final double[] SWEEP_INPUTS = buildSweepInputs();

    private static double[] buildSweepInputs() {
        List<Double> inputs = new ArrayList<>();
        double[] named = {1e4, 800, 746, 745, 710, 709, 355, 354, 100, 89, 88, 87, 45, 44, 30, 22,
            Activation.MISH_IDENTITY_THRESHOLD, Math.nextDown(Activation.MISH_IDENTITY_THRESHOLD),
            Math.nextUp(Activation.MISH_IDENTITY_THRESHOLD), 20, 19, 1, 1e-3, 1e-8, 1e-20, 1e-40,
            1e-300, Float.MIN_NORMAL, Float.MIN_VALUE, Double.MIN_NORMAL, Double.MIN_VALUE, 0.0};
        for (double x : named) {
            inputs.add(x);
            inputs.add(-x);
        }
        for (double x = -1e4; x <= 1e4; x += 0.37) {
            inputs.add(x);
        }
        for (double x = -50.0; x <= 50.0; x += 0.001) {
            inputs.add(x);
        }
        return inputs.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void doubleValueAndDerivativeAreFiniteAcrossTheSweep(Activation activation) {
        for (double x : SWEEP_INPUTS) {
            assertFinite(activation.value(x), () -> activation + ".value(" + x + ")");
            assertFinite(activation.derivative(x), () -> activation + ".derivative(" + x + ")");
        }
        // The double formulas stay finite far beyond the float range too.
        for (double x : new double[] {1e100, -1e100, 1e38, -1e38}) {
            assertFinite(activation.value(x), () -> activation + ".value(" + x + ")");
            assertFinite(activation.derivative(x), () -> activation + ".derivative(" + x + ")");
        }
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void floatForwardAndBackwardAreFiniteAcrossTheSweep(Activation activation) {
        float[] x = toFloats(SWEEP_INPUTS);
        float[] y = new float[x.length];
        float[] gradOut = new float[x.length];
        float[] gradIn = new float[x.length];
        Arrays.fill(gradOut, 1f);
        activation.forward(x, y, 0, x.length);
        activation.backward(x, gradOut, gradIn, 0, x.length);
        for (int i = 0; i < x.length; i++) {
            float input = x[i];
            assertFinite(y[i], () -> activation + " forward at x = " + input);
            assertFinite(gradIn[i], () -> activation + " backward at x = " + input);
        }
        // A large upstream gradient must not overflow either (every |f′| here is below 1.2).
        Arrays.fill(gradOut, 1e30f);
        activation.backward(x, gradOut, gradIn, 0, x.length);
        for (int i = 0; i < x.length; i++) {
            float input = x[i];
            assertFinite(gradIn[i], () -> activation + " backward (gradOut = 1e30) at x = " + input);
        }
    }

    // ------------------------------------------------------------------------------------------
    // (c) float kernels agree with the double formulas
    // ------------------------------------------------------------------------------------------

    /**
     * forward/backward against value()/derivative() evaluated in double on the same (float)
     * inputs: relative error 1e−6 (float resolution is 6e−8), with an absolute floor of the
     * smallest normal float for results in the float subnormal range. The float kernels compute
     * in float: where a derivative crosses zero (Mish′ near −1.19, SiLU′ near −1.28) it is a sum of
     * terms of order one that cancel, so its error is bounded by an ulp of those terms, not of the
     * result — hence the backward floor of 1e−7·|gradOut| besides.
     */
    @ParameterizedTest
    @EnumSource(Activation.class)
    void floatKernelsAgreeWithDoubleFormulas(Activation activation) {
        Random random = new Random(42);
        List<Double> inputs = new ArrayList<>();
        for (double x = -30.0; x <= 30.0; x += 0.01) {
            inputs.add(x);
        }
        for (int i = 0; i < 5000; i++) {
            inputs.add(random.nextGaussian() * 5.0);
        }
        for (double x : SWEEP_INPUTS) {
            inputs.add(x);
        }
        float[] x = toFloats(inputs.stream().mapToDouble(Double::doubleValue).toArray());
        float[] gradOut = new float[x.length];
        for (int i = 0; i < gradOut.length; i++) {
            gradOut[i] = (float) (random.nextDouble() * 4.0 - 2.0);
        }
        float[] y = new float[x.length];
        float[] gradIn = new float[x.length];
        activation.forward(x, y, 0, x.length);
        activation.backward(x, gradOut, gradIn, 0, x.length);
        for (int i = 0; i < x.length; i++) {
            double input = x[i];
            float upstream = gradOut[i];
            // An input rounded to float is already off by half an ulp; f multiplies that by its
            // condition number |x·f′/f| (≈ 80 in GELU's far-left tail), so the bound scales with it.
            double condition = Math.max(1, Math.abs(input * activation.derivative(input) / activation.value(input)));
            assertMixedClose(activation.value(input), y[i], 1e-6 * (Double.isFinite(condition) ? condition : 1),
                    Float.MIN_NORMAL, () -> activation + " forward at x = " + input);
            assertMixedClose(upstream * activation.derivative(input), gradIn[i], 1e-6,
                    Float.MIN_NORMAL + 1e-7 * Math.abs(upstream),
                    () -> activation + " backward at x = " + input + ", gradOut = " + upstream);
        }
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void kernelsTouchOnlyTheRequestedRange(Activation activation) {
        float sentinel = -12345.5f;
        float[] x = {-2f, -1f, -0.5f, 0.25f, 0.5f, 1f, 2f, 3f, 4f, 5f};
        float[] y = new float[x.length];
        float[] gradOut = new float[x.length];
        float[] gradIn = new float[x.length];
        Arrays.fill(y, sentinel);
        Arrays.fill(gradOut, 2f);
        Arrays.fill(gradIn, sentinel);
        int offset = 2;
        int length = 5;
        activation.forward(x, y, offset, length);
        activation.backward(x, gradOut, gradIn, offset, length);
        for (int i = 0; i < x.length; i++) {
            boolean inside = i >= offset && i < offset + length;
            if (inside) {
                assertEquals((float) activation.value(x[i]), y[i], 1e-6f, "forward inside at " + i);
                assertEquals((float) (2.0 * activation.derivative(x[i])), gradIn[i], 1e-6f, "backward inside at " + i);
            } else {
                assertEquals(sentinel, y[i], 0f, "forward wrote outside the range at " + i);
                assertEquals(sentinel, gradIn[i], 0f, "backward wrote outside the range at " + i);
            }
        }
        activation.forward(x, y, x.length, 0); // an empty range at the end is fine
        assertThrows(IndexOutOfBoundsException.class, () -> activation.forward(x, y, 6, 5));
        assertThrows(IndexOutOfBoundsException.class, () -> activation.forward(x, new float[3], 0, 4));
        assertThrows(IndexOutOfBoundsException.class, () -> activation.backward(x, gradOut, gradIn, -1, 2));
        assertThrows(IndexOutOfBoundsException.class,
                () -> activation.backward(x, new float[3], gradIn, 0, 4));
    }

    /** gradIn may alias gradOut (and y may alias x): results must be identical to separate arrays. */
    @ParameterizedTest
    @EnumSource(Activation.class)
    void kernelsWorkInPlace(Activation activation) {
        Random random = new Random(7);
        int n = 5000;
        float[] x = new float[n];
        float[] gradOut = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (random.nextGaussian() * 4.0);
            gradOut[i] = (float) random.nextGaussian();
        }
        float[] ySeparate = new float[n];
        activation.forward(x, ySeparate, 0, n);
        float[] inPlace = x.clone();
        activation.forward(inPlace, inPlace, 0, n);
        assertArrayEqualsBitwise(ySeparate, inPlace, activation + " forward in place");

        float[] gradInSeparate = new float[n];
        activation.backward(x, gradOut, gradInSeparate, 0, n);
        float[] aliased = gradOut.clone();
        activation.backward(x, aliased, aliased, 0, n);
        assertArrayEqualsBitwise(gradInSeparate, aliased, activation + " backward with gradIn == gradOut");
    }

    // ------------------------------------------------------------------------------------------
    // (d) limits
    // ------------------------------------------------------------------------------------------

    @Test
    void mishBecomesIdentityForLargeInputs() {
        for (double x : new double[] {Activation.MISH_IDENTITY_THRESHOLD, 21.5, 22, 30, 88, 100, 800, 1e4}) {
            assertEquals(x, MISH.value(x), 0.0, "mish(" + x + ")");
            assertEquals(1.0, MISH.derivative(x), 0.0, "mish'(" + x + ")");
        }
        // The cut-off is seamless: just below it the closed form already rounds to x and 1.
        double belowCutoff = Math.nextDown(Activation.MISH_IDENTITY_THRESHOLD);
        assertEquals(belowCutoff, MISH.value(belowCutoff), 0.0);
        assertEquals(1.0, MISH.derivative(belowCutoff), 0.0);
        // A cut-off at 20 would be too early: there the dropped term still moves mish' by ~1.5 ulp.
        assertNotEquals(1.0, MISH.derivative(20.0));

        float[] x = {21f, 22f, 30f, 100f, 1e4f};
        float[] y = new float[x.length];
        float[] gradOut = {0.5f, -3f, 1f, 7f, -0.25f};
        float[] gradIn = new float[x.length];
        MISH.forward(x, y, 0, x.length);
        MISH.backward(x, gradOut, gradIn, 0, x.length);
        for (int i = 0; i < x.length; i++) {
            assertEquals(x[i], y[i], 0f, "float mish(" + x[i] + ")");
            assertEquals(gradOut[i], gradIn[i], 0f, "float mish backward at " + x[i]);
        }
    }

    @Test
    void mishVanishesForVeryNegativeInputs() {
        assertTrue(Math.abs(MISH.value(-100.0)) < 1e-40, "mish(-100) ≈ -100·e^-100");
        assertTrue(Math.abs(MISH.derivative(-100.0)) < 1e-40, "mish'(-100)");
        assertTrue(MISH.value(-100.0) < 0.0, "mish approaches 0 from below");
        for (double x : new double[] {-800, -1e4}) {
            assertEquals(0.0, MISH.value(x), 0.0, "mish(" + x + ")");
            assertEquals(0.0, MISH.derivative(x), 0.0, "mish'(" + x + ")");
        }
    }

    @Test
    void saturatingLimitsAreExactZerosAndOnesNotNaN() {
        assertEquals(0.0, SIGMOID.derivative(-800.0), 0.0, "σ'(-800): the textbook form gives ∞/∞ = NaN");
        assertEquals(0.0, SIGMOID.derivative(800.0), 0.0, "σ'(800)");
        assertEquals(0.0, SIGMOID.value(-800.0), 0.0, "σ(-800)");
        assertEquals(1.0, SIGMOID.value(800.0), 0.0, "σ(800)");
        // Deep in the tail the stable form keeps full relative precision where σ(1 − σ) is 0.
        assertRelativelyClose(4.248354255291589e-18, SIGMOID.derivative(40.0), REFERENCE_RELATIVE_TOLERANCE, "σ'(40)");

        assertEquals(0.0, TANH.derivative(-1e4), 0.0, "tanh'(-1e4)");
        assertEquals(0.0, TANH.derivative(1e4), 0.0, "tanh'(1e4)");
        assertRelativelyClose(1.6993417021166355e-17, TANH.derivative(20.0), REFERENCE_RELATIVE_TOLERANCE,
                "tanh'(20), where 1 − tanh² is 0");

        assertEquals(-1.0, ELU.value(-1e4), 0.0, "ELU saturates at -α");
        assertEquals(0.0, ELU.derivative(-1e4), 0.0, "ELU'(-1e4)");

        assertEquals(1e4, SILU.value(1e4), 0.0);
        assertEquals(1.0, SILU.derivative(1e4), 0.0);
        assertEquals(0.0, SILU.value(-1e4), 0.0);
        assertEquals(0.0, SILU.derivative(-1e4), 0.0);

        assertEquals(1e4, GELU.value(1e4), 0.0);
        assertEquals(1.0, GELU.derivative(1e4), 0.0);
        assertEquals(0.0, GELU.value(-1e4), 0.0);
        assertEquals(0.0, GELU.derivative(-1e4), 0.0);
    }

    // ------------------------------------------------------------------------------------------
    // (e) ids, lookup, metadata
    // ------------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Activation.class)
    void fromIdRoundTrips(Activation activation) {
        assertSame(activation, Activation.fromId(activation.id()));
        assertSame(activation, Activation.fromId(activation.id().toUpperCase(Locale.ROOT)));
        assertSame(activation, Activation.fromId(activation.name()));
        assertSame(activation, Activation.fromId(activation.name().toLowerCase(Locale.ROOT)));
        assertSame(activation, Activation.fromId("  " + activation.id() + "\t"));
    }

    @Test
    void idsAreTheDocumentedOnes() {
        List<String> ids = new ArrayList<>();
        for (Activation activation : Activation.values()) {
            ids.add(activation.id());
        }
        assertEquals(List.of("sigmoid", "relu", "mish", "tanh", "leaky-relu", "elu", "silu", "gelu"), ids);
    }

    @Test
    void fromIdAcceptsLeakyReluSpellings() {
        assertSame(LEAKY_RELU, Activation.fromId("leakyrelu"));
        assertSame(LEAKY_RELU, Activation.fromId("LeakyReLU"));
        assertSame(LEAKY_RELU, Activation.fromId("leaky_relu"));
        assertSame(LEAKY_RELU, Activation.fromId("Leaky-ReLU"));
    }

    @Test
    void fromIdIgnoresTheDefaultLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr-TR")); // where "I".toLowerCase() is "ı"
            assertSame(SIGMOID, Activation.fromId("SIGMOID"));
            assertSame(SILU, Activation.fromId("SILU"));
            assertSame(LEAKY_RELU, Activation.fromId("LEAKY_RELU"));
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void fromIdRejectsUnknownIdsListingTheValidOnes() {
        IllegalArgumentException error =
                assertThrows(IllegalArgumentException.class, () -> Activation.fromId("swish"));
        String message = error.getMessage();
        assertTrue(message.contains("'swish'"), message);
        for (Activation activation : Activation.values()) {
            assertTrue(message.contains(activation.id()), message + " should list " + activation.id());
        }
        assertThrows(IllegalArgumentException.class, () -> Activation.fromId(""));
        assertThrows(IllegalArgumentException.class, () -> Activation.fromId("relu6"));
        assertThrows(NullPointerException.class, () -> Activation.fromId(null));
    }

    @Test
    void initialisationFollowsTheSaturatingVersusReluLikeRule() {
        for (Activation activation : Activation.values()) {
            Initialisation expected =
                    activation == SIGMOID || activation == TANH ? Initialisation.GLOROT : Initialisation.HE;
            assertEquals(expected, activation.initialisation(), activation.id());
        }
    }

    @Test
    void formulasAreDistinctAndNonBlank() {
        Set<String> formulas = new HashSet<>();
        for (Activation activation : Activation.values()) {
            assertFalse(activation.formula().isBlank(), activation.id());
            assertTrue(formulas.add(activation.formula()), "duplicate formula " + activation.formula());
        }
        assertEquals("x · tanh(ln(1 + eˣ))", MISH.formula());
    }

    // ------------------------------------------------------------------------------------------
    // helpers
    // ------------------------------------------------------------------------------------------

    private static float[] toFloats(double[] values) {
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = (float) values[i];
        }
        return floats;
    }

    private static void assertFinite(double value, Supplier<String> what) {
        if (!Double.isFinite(value)) {
            fail(what.get() + " is " + value);
        }
    }

    /** |actual − expected| ≤ relative · |expected| (so an expected 0 must be matched exactly). */
    private static void assertRelativelyClose(double expected, double actual, double relative, String what) {
        assertMixedClose(expected, actual, relative, 0.0, () -> what);
    }

    /** |actual − expected| ≤ relative · |expected| + absolute, and actual finite. */
    private static void assertMixedClose(
            double expected, double actual, double relative, double absolute, Supplier<String> what) {
        double error = Math.abs(actual - expected);
        if (!(error <= relative * Math.abs(expected) + absolute)) { // also fails on NaN
            fail(String.format("%s: expected %s, got %s (error %.3e, relative %.3e)",
                    what.get(), expected, actual, error, error / Math.abs(expected)));
        }
    }

    private static void assertArrayEqualsBitwise(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToIntBits(expected[i]) != Float.floatToIntBits(actual[i])) {
                fail(what + ": differs at " + i + ": " + expected[i] + " vs " + actual[i]);
            }
        }
    }
}
