package dev.lenetlab.engine.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lenetlab.engine.Activation;
import dev.lenetlab.engine.Network;
import dev.lenetlab.engine.Pooling;
import dev.lenetlab.engine.Shape;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The reference is only a reference if its backward passes are the true derivatives of its
 * forward passes: every layer, every activation, the loss and the whole LeNet-5 are checked here
 * against central finite differences in double.
 */
class ReferenceGradientCheckTest {
    /**
     * Largest relative error between analytic and numeric gradient: element-wise
     * ({@link Numerics#relativeError}) for layers and the loss, norm-wise for the whole network.
     */
    private static final double TOLERANCE = 1e-6;

    /** Written into gradient arrays beforehand: backward must overwrite its slice and only it. */
    private static final double GARBAGE = 999.0;

    /**
     * Checks a layer's gradients with respect to every input and every parameter for the scalar
     * L = Σ weights_i · out_i (so gradOut = weights, a generic direction). The parameters sit at a
     * non-zero offset in a longer array, as all but the first layer's do in a network.
     */
    private static void checkLayer(String what, ReferenceLayer layer, int samples, double[] in, Random random) {
        int offset = 3;
        int count = layer.parameterCount();
        double[] parameters = Numerics.uniformDoubles(random, offset + count + 2, -0.5, 0.5);
        double[] weights = Numerics.uniformDoubles(random, samples * layer.outputShape().size(), -1, 1);
        double[] gradParameters = new double[parameters.length];
        Arrays.fill(gradParameters, GARBAGE);

        double[] gradIn = layer.backward(parameters, offset, in, weights, samples, gradParameters);

        double[] numericIn = FiniteDifferences.projectedGradient(
                x -> layer.forward(parameters, offset, x, samples), in, weights, FiniteDifferences.all(in.length));
        assertAgrees(what + ", input gradient", gradIn, numericIn);

        int[] slice = IntStream.range(offset, offset + count).toArray();
        double[] numericParameters = FiniteDifferences.projectedGradient(
                p -> layer.forward(p, offset, in, samples), parameters, weights, slice);
        assertAgrees(what + ", parameter gradient", Arrays.copyOfRange(gradParameters, offset, offset + count),
                numericParameters);
        for (int i = 0; i < parameters.length; i++) {
            if (i < offset || i >= offset + count) {
                assertEquals(GARBAGE, gradParameters[i], what + ": wrote outside its parameter slice at " + i);
            }
        }
    }

    private static void assertAgrees(String what, double[] analytic, double[] numeric) {
        assertEquals(numeric.length, analytic.length, what + ": length");
        int worst = 0;
        double worstError = 0;
        for (int i = 0; i < analytic.length; i++) {
            double error = Numerics.relativeError(analytic[i], numeric[i]);
            // !(error <= worstError) also catches NaN.
            if (!(error <= worstError)) {
                worst = i;
                worstError = error;
            }
        }
        double error = worstError;
        int at = worst;
        assertTrue(error < TOLERANCE, () -> String.format(
                "%s: relative error %.3g at %d (analytic %s, finite difference %s)",
                what, error, at, analytic[at], numeric[at]));
    }

    static Stream<Arguments> convolutions() {
        // input shape, out channels, kernel, stride, padding: stride 2, padding 1–2, non-square,
        // 1×1 and full-size kernels.
        return Stream.of(
                Arguments.of(new Shape(2, 7, 6), 3, 3, 1, 1),
                Arguments.of(new Shape(3, 8, 9), 2, 3, 2, 2),
                Arguments.of(new Shape(1, 5, 5), 4, 5, 1, 0),
                Arguments.of(new Shape(2, 6, 7), 2, 1, 2, 0),
                Arguments.of(new Shape(4, 9, 8), 3, 4, 2, 1),
                Arguments.of(new Shape(1, 4, 6), 2, 5, 1, 2));
    }

    @ParameterizedTest(name = "{0}, {1} out, kernel {2}, stride {3}, padding {4}")
    @MethodSource("convolutions")
    void convolutionGradientsMatchFiniteDifferences(Shape input, int outChannels, int kernel, int stride,
                                                    int padding) {
        Random random = new Random(11);
        int samples = 2;
        ReferenceLayer conv = new ReferenceConv2d(input, outChannels, kernel, stride, padding);
        checkLayer("conv", conv, samples, Numerics.uniformDoubles(random, samples * input.size(), -1, 1), random);
    }

    /**
     * Inputs for max pooling with no near-ties: a shuffled ramp, so any two values differ by at
     * least 1/length, far more than the finite-difference step, and no winner can change.
     */
    private static double[] tieFreeInputs(Random random, int length) {
        double[] values = new double[length];
        int[] order = IntStream.range(0, length).toArray();
        for (int i = length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        for (int i = 0; i < length; i++) {
            values[i] = 2.0 * order[i] / length - 1.0;
        }
        return values;
    }

    @ParameterizedTest(name = "{0}, window {1}")
    @MethodSource("pools")
    void maxPoolGradientMatchesFiniteDifferences(Shape input, int window) {
        Random random = new Random(12);
        int samples = 2;
        checkLayer("max pool", new ReferenceMaxPool2d(input, window), samples,
                tieFreeInputs(random, samples * input.size()), random);
    }

    @ParameterizedTest(name = "{0}, window {1}")
    @MethodSource("pools")
    void averagePoolGradientMatchesFiniteDifferences(Shape input, int window) {
        Random random = new Random(13);
        int samples = 2;
        checkLayer("average pool", new ReferenceAvgPool2d(input, window), samples,
                Numerics.uniformDoubles(random, samples * input.size(), -1, 1), random);
    }

    static Stream<Arguments> pools() {
        // Odd sizes leave rows and columns that no window covers: their gradient must be 0.
        return Stream.of(Arguments.of(new Shape(2, 6, 7), 2), Arguments.of(new Shape(3, 6, 6), 3),
                Arguments.of(new Shape(1, 5, 4), 2));
    }

    @Test
    void denseGradientMatchesFiniteDifferences() {
        Random random = new Random(14);
        int samples = 3;
        Shape input = new Shape(2, 3, 2);
        checkLayer("dense", new ReferenceDense(input, 5), samples,
                Numerics.uniformDoubles(random, samples * input.size(), -1, 1), random);
    }

    /**
     * Inputs drawn from ±[0.1, 3]: stay off the kinks of ReLU, leaky ReLU and ELU at 0, where a
     * finite difference straddling 0 measures the average of two slopes.
     */
    @ParameterizedTest
    @EnumSource(Activation.class)
    void activationGradientMatchesFiniteDifferences(Activation activation) {
        Random random = new Random(15);
        int samples = 2;
        Shape shape = new Shape(3, 4, 5);
        double[] in = new double[samples * shape.size()];
        for (int i = 0; i < in.length; i++) {
            in[i] = (random.nextBoolean() ? 1 : -1) * (0.1 + 2.9 * random.nextDouble());
        }
        checkLayer(activation.id(), new ReferenceActivation(shape, activation), samples, in, random);
    }

    /**
     * Moderate logits (±2, so every softmax probability and hence every gradient element is at
     * least ~1e-4, well above the finite differences' round-off), checked element by element.
     * The per-sample losses are differenced separately, so the rows a logit does not touch cancel.
     */
    @Test
    void softmaxCrossEntropyGradientMatchesFiniteDifferences() {
        Random random = new Random(16);
        int samples = 4;
        int classes = 10;
        double[] logits = Numerics.uniformDoubles(random, samples * classes, -2, 2);
        int[] labels = {3, 0, 9, 5};
        double[] analytic = ReferenceSoftmaxCrossEntropy.evaluate(logits, labels, samples, classes).gradient();
        double[] perSampleWeights = new double[samples];
        Arrays.fill(perSampleWeights, 1.0 / samples);
        double[] numeric = FiniteDifferences.projectedGradient(
                z -> IntStream.range(0, samples)
                        .mapToDouble(s -> ReferenceSoftmaxCrossEntropy.rowLoss(z, s * classes, classes, labels[s]))
                        .toArray(),
                logits, perSampleWeights, FiniteDifferences.all(logits.length));
        assertAgrees("softmax cross-entropy", analytic, numeric);
    }

    /**
     * Logits spread over ±30, where the maximum shift inside log-sum-exp matters and most gradient
     * elements are far below any finite difference's resolution: checked along random directions.
     */
    @Test
    void softmaxCrossEntropyGradientMatchesFiniteDifferencesForWideLogits() {
        Random random = new Random(18);
        int samples = 4;
        int classes = 10;
        double[] logits = Numerics.uniformDoubles(random, samples * classes, -30, 30);
        int[] labels = {1, 8, 4, 4};
        double[] analytic = ReferenceSoftmaxCrossEntropy.evaluate(logits, labels, samples, classes).gradient();
        for (int d = 0; d < 3; d++) {
            double[] direction = Numerics.uniformDoubles(random, logits.length, -1, 1);
            double numeric = FiniteDifferences.directional(
                    z -> ReferenceSoftmaxCrossEntropy.evaluate(z, labels, samples, classes).meanLoss(),
                    logits, direction);
            assertAgrees("softmax cross-entropy, direction " + d, new double[] {dot(analytic, direction)},
                    new double[] {numeric});
        }
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    static Stream<Arguments> networks() {
        // Smooth activations only: with ReLU-like ones a step could cross a kink somewhere among
        // the ~6,000 units per sample and the finite difference would be meaningless.
        return Stream.of(Arguments.of(Activation.TANH, Pooling.MAX), Arguments.of(Activation.SIGMOID, Pooling.AVG),
                Arguments.of(Activation.GELU, Pooling.MAX));
    }

    /**
     * The whole reference LeNet-5 on two samples, along two random directions per parameterised
     * layer (each spanning all of that layer's weights and biases) and two over the input pixels.
     * Coordinate-wise differences over all 61,706 parameters would take minutes; and a difference
     * of two losses resolves only ≈ 1 ulp of the loss / h ≈ 1e-10, so the error is measured
     * norm-wise, as |∇f·d − FD| / (‖∇f‖ ‖d‖), not relative to ∇f·d itself, which a random d can
     * make arbitrarily small (the sigmoid network's input gradient is ~1e-5). The element-wise
     * checks are the per-layer tests above; this one is about the assembly: layout and chaining.
     * Biases are set to small non-zero values first, since the initial all-zero biases would hide
     * a bias mix-up in the forward pass.
     */
    @ParameterizedTest(name = "{0}, {1} pooling")
    @MethodSource("networks")
    void lenet5GradientMatchesFiniteDifferences(Activation activation, Pooling pooling) {
        Random random = new Random(17);
        ReferenceNetwork network = ReferenceNetwork.lenet5(activation, pooling);
        double[] parameters = Numerics.toDouble(Network.lenet5(activation, pooling).initialParameters(5));
        assertEquals(network.parameterCount(), parameters.length);
        randomiseBiases(network, parameters, random);
        int samples = 2;
        double[] images = Numerics.uniformDoubles(random, samples * 28 * 28, 0, 1);
        int[] labels = {7, 2};

        ReferenceNetwork.LossAndGradient analytic = network.lossAndGradient(parameters, images, labels, samples);
        assertEquals(network.meanLoss(parameters, images, labels, samples), analytic.meanLoss(), 1e-12);

        for (int layer = 0; layer < network.layers().size(); layer++) {
            int count = network.layers().get(layer).parameterCount();
            if (count == 0) {
                continue;
            }
            int offset = network.parameterOffset(layer);
            for (int d = 0; d < 2; d++) {
                double[] direction = new double[parameters.length];
                for (int i = offset; i < offset + count; i++) {
                    direction[i] = 2 * random.nextDouble() - 1;
                }
                double numeric = FiniteDifferences.directional(
                        p -> network.meanLoss(p, images, labels, samples), parameters, direction);
                assertDirectionalAgrees(activation.id() + " LeNet-5, parameters of layer " + layer + ", direction " + d,
                        analytic.parameterGradient(), direction, numeric);
            }
        }
        for (int d = 0; d < 2; d++) {
            double[] direction = Numerics.uniformDoubles(random, images.length, -1, 1);
            double numeric = FiniteDifferences.directional(
                    x -> network.meanLoss(parameters, x, labels, samples), images, direction);
            assertDirectionalAgrees(activation.id() + " LeNet-5, input, direction " + d,
                    analytic.inputGradient(), direction, numeric);
        }
    }

    /** |∇f·d − numeric| / (‖∇f restricted to d's support‖ ‖d‖) below the tolerance. */
    private static void assertDirectionalAgrees(String what, double[] gradient, double[] direction, double numeric) {
        double analytic = dot(gradient, direction);
        double gradientNorm = 0;
        double directionNorm = 0;
        for (int i = 0; i < direction.length; i++) {
            if (direction[i] != 0) {
                gradientNorm += gradient[i] * gradient[i];
                directionNorm += direction[i] * direction[i];
            }
        }
        double error = Math.abs(analytic - numeric) / Math.sqrt(gradientNorm * directionNorm);
        assertTrue(error < TOLERANCE, () -> String.format(
                "%s: norm-wise relative error %.3g (analytic %s, finite difference %s)",
                what, error, analytic, numeric));
    }

    private static void randomiseBiases(ReferenceNetwork network, double[] parameters, Random random) {
        for (int layer = 0; layer < network.layers().size(); layer++) {
            ReferenceLayer l = network.layers().get(layer);
            int biases = l.outputShape().channels();
            int end = network.parameterOffset(layer) + l.parameterCount();
            if (l.parameterCount() > 0) {
                for (int i = end - biases; i < end; i++) {
                    parameters[i] = 0.2 * random.nextDouble() - 0.1;
                }
            }
        }
    }
}
