package dev.lenetlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.lenetlab.engine.reference.Numerics;
import dev.lenetlab.engine.reference.ReferenceActivation;
import dev.lenetlab.engine.reference.ReferenceAvgPool2d;
import dev.lenetlab.engine.reference.ReferenceConv2d;
import dev.lenetlab.engine.reference.ReferenceDense;
import dev.lenetlab.engine.reference.ReferenceLayer;
import dev.lenetlab.engine.reference.ReferenceMaxPool2d;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each fast float layer against its double reference, on random shapes, with the default kernel
 * (Kernels.gemm(): the vector kernel under the build; GemmKernelTest ties it to the scalar one).
 * Forward outputs and backward gradients (input and parameters) must agree to 1e-4 relative.
 *
 * <p>The harness runs a layer the way Network does, and checks the layer's contract on the way:
 * parameters at a non-zero offset of a longer array, buffers sized for more samples than the chunk
 * holds (the last chunk of a batch is short), and gradient arrays pre-filled with garbage, which
 * backward must overwrite in its own slice and leave untouched elsewhere.
 */
class LayersVsReferenceTest {
    private static final double TOLERANCE = 1e-4;
    private static final float GARBAGE = 777.25f;

    /** One engine layer and the reference layer it must agree with. */
    private record Pair(String description, Layer fast, ReferenceLayer reference) {
        @Override
        public String toString() {
            return description;
        }
    }

    private static void check(Pair pair, int samples, float[] in, Random random) {
        Layer layer = pair.fast();
        ReferenceLayer reference = pair.reference();
        String what = pair.description() + " (" + Kernels.gemm().name() + ", " + samples + " samples)";
        assertEquals(reference.outputShape(), layer.outputShape(), what + ": output shape");
        assertEquals(reference.parameterCount(), layer.parameterCount(), what + ": parameter count");

        int offset = 1 + random.nextInt(9);
        int count = layer.parameterCount();
        layer.assignParameterOffset(offset);
        float[] parameters = Numerics.uniformFloats(random, offset + count + 4, -0.5, 0.5);
        int capacity = samples + random.nextInt(4);
        Layer.Scratch scratch = layer.newScratch(capacity);
        int inSize = layer.inputShape().size();
        int outSize = layer.outputShape().size();
        float[] out = new float[capacity * outSize];

        layer.forward(parameters, in, out, samples, scratch);

        double[] parametersD = Numerics.toDouble(parameters);
        double[] inD = Numerics.toDouble(in, 0, samples * inSize);
        double[] expectedOut = reference.forward(parametersD, offset, inD, samples);
        assertNull(Numerics.compare(out, 0, expectedOut, TOLERANCE), () -> what + ", forward: "
                + Numerics.compare(out, 0, expectedOut, TOLERANCE));

        float[] gradOut = Numerics.uniformFloats(random, capacity * outSize, -1, 1);
        float[] gradIn = new float[capacity * inSize];
        Arrays.fill(gradIn, GARBAGE);
        float[] gradParameters = new float[parameters.length];
        Arrays.fill(gradParameters, GARBAGE);

        layer.backward(parameters, in, out, gradOut, gradIn, gradParameters, samples, scratch);

        double[] expectedGradParameters = new double[parameters.length];
        double[] expectedGradIn = reference.backward(parametersD, offset, inD,
                Numerics.toDouble(gradOut, 0, samples * outSize), samples, expectedGradParameters);
        assertNull(Numerics.compare(gradIn, 0, expectedGradIn, TOLERANCE), () -> what + ", input gradient: "
                + Numerics.compare(gradIn, 0, expectedGradIn, TOLERANCE));
        double[] expectedSlice = Arrays.copyOfRange(expectedGradParameters, offset, offset + count);
        assertNull(Numerics.compare(gradParameters, offset, expectedSlice, TOLERANCE), () -> what
                + ", parameter gradient: " + Numerics.compare(gradParameters, offset, expectedSlice, TOLERANCE));
        for (int i = 0; i < gradParameters.length; i++) {
            if (i < offset || i >= offset + count) {
                assertEquals(GARBAGE, gradParameters[i], what + ": wrote a parameter gradient outside its slice at " + i);
            }
        }
    }

    // ---- convolution ------------------------------------------------------------------------

    /** Random cases (channels 1–4, kernel 1–5, stride 1–2, padding 0–2, non-square) and fixed corners. */
    static Stream<Arguments> convolutions() {
        List<Arguments> cases = new ArrayList<>();
        // Fixed: stride 2 with padding 1 and 2, a 1×1 kernel, LeNet's C1 and C5 geometries.
        cases.add(conv(new Shape(3, 9, 7), 4, 3, 2, 1, 5));
        cases.add(conv(new Shape(2, 8, 11), 3, 5, 2, 2, 20));
        cases.add(conv(new Shape(4, 6, 5), 2, 1, 1, 0, 3));
        cases.add(conv(new Shape(1, 28, 28), 6, 5, 1, 2, 4));
        cases.add(conv(new Shape(16, 5, 5), 120, 5, 1, 0, 17));
        cases.add(conv(new Shape(1, 3, 4), 1, 5, 1, 2, 1));
        Random random = new Random(31);
        for (int i = 0; i < 14; i++) {
            int kernel = 1 + random.nextInt(5);
            int stride = 1 + random.nextInt(2);
            int padding = random.nextInt(3);
            int minimum = Math.max(1, kernel - 2 * padding);
            Shape input = new Shape(1 + random.nextInt(4), minimum + random.nextInt(9), minimum + random.nextInt(9));
            cases.add(conv(input, 1 + random.nextInt(4), kernel, stride, padding, 1 + random.nextInt(20)));
        }
        return cases.stream();
    }

    private static Arguments conv(Shape input, int outChannels, int kernel, int stride, int padding, int samples) {
        String description = String.format("conv %s → %d, kernel %d, stride %d, padding %d", input, outChannels,
                kernel, stride, padding);
        return Arguments.of(new Pair(description, new Conv2d("conv", input, outChannels, kernel, stride, padding),
                new ReferenceConv2d(input, outChannels, kernel, stride, padding)), samples);
    }

    @ParameterizedTest(name = "{0}, {1} samples")
    @MethodSource("convolutions")
    void convolutionMatchesReference(Pair pair, int samples) {
        Random random = new Random(32);
        check(pair, samples, Numerics.uniformFloats(random, samples * pair.fast().inputShape().size(), -1, 1), random);
    }

    // ---- pooling ----------------------------------------------------------------------------

    static Stream<Arguments> pools() {
        List<Arguments> cases = new ArrayList<>();
        Random random = new Random(33);
        for (int i = 0; i < 8; i++) {
            int window = 2 + random.nextInt(2);
            // Sizes not divisible by the window leave rows and columns outside every window.
            Shape input = new Shape(1 + random.nextInt(4), window + random.nextInt(10), window + random.nextInt(10));
            int samples = 1 + random.nextInt(20);
            cases.add(Arguments.of(new Pair("max pool " + input + ", window " + window,
                    new MaxPool2d("max", input, window), new ReferenceMaxPool2d(input, window)), samples));
            cases.add(Arguments.of(new Pair("average pool " + input + ", window " + window,
                    new AvgPool2d("avg", input, window), new ReferenceAvgPool2d(input, window)), samples));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}, {1} samples")
    @MethodSource("pools")
    void poolingMatchesReference(Pair pair, int samples) {
        Random random = new Random(34);
        check(pair, samples, Numerics.uniformFloats(random, samples * pair.fast().inputShape().size(), -1, 1), random);
    }

    // ---- dense ------------------------------------------------------------------------------

    static Stream<Arguments> denseLayers() {
        List<Arguments> cases = new ArrayList<>();
        cases.add(dense(new Shape(120, 1, 1), 84, 16));
        cases.add(dense(new Shape(84, 1, 1), 10, 3));
        cases.add(dense(new Shape(1, 1, 1), 1, 1));
        Random random = new Random(35);
        for (int i = 0; i < 8; i++) {
            // A multi-channel input: Dense reads the maps before it flattened.
            Shape input = new Shape(1 + random.nextInt(4), 1 + random.nextInt(5), 1 + random.nextInt(5));
            cases.add(dense(input, 1 + random.nextInt(20), 1 + random.nextInt(20)));
        }
        return cases.stream();
    }

    private static Arguments dense(Shape input, int outputs, int samples) {
        return Arguments.of(new Pair("dense " + input + " → " + outputs, new Dense("dense", input, outputs),
                new ReferenceDense(input, outputs)), samples);
    }

    @ParameterizedTest(name = "{0}, {1} samples")
    @MethodSource("denseLayers")
    void denseMatchesReference(Pair pair, int samples) {
        Random random = new Random(36);
        check(pair, samples, Numerics.uniformFloats(random, samples * pair.fast().inputShape().size(), -1, 1), random);
    }

    // ---- activations ------------------------------------------------------------------------

    /** Inputs over ±6 with some exact zeros: the float kernels and the double formulas share the kink convention. */
    @ParameterizedTest
    @EnumSource(Activation.class)
    void activationLayerMatchesReference(Activation activation) {
        Random random = new Random(37);
        Shape shape = new Shape(3, 5, 4);
        int samples = 7;
        float[] in = Numerics.uniformFloats(random, samples * shape.size(), -6, 6);
        for (int i = 0; i < in.length; i += 13) {
            in[i] = 0f;
        }
        check(new Pair(activation.id(), new ActivationLayer("act", shape, activation),
                new ReferenceActivation(shape, activation)), samples, in, random);
    }

    // ---- gradIn == null ---------------------------------------------------------------------

    /** The first layer of a network gets gradIn = null: it must still produce its parameter gradient. */
    @Test
    void convolutionWithoutInputGradientStillComputesParameterGradient() {
        Random random = new Random(38);
        Shape input = new Shape(2, 7, 6);
        Conv2d conv = new Conv2d("conv", input, 3, 3, 2, 1);
        ReferenceConv2d reference = new ReferenceConv2d(input, 3, 3, 2, 1);
        conv.assignParameterOffset(0);
        int samples = 5;
        float[] parameters = Numerics.uniformFloats(random, conv.parameterCount(), -0.5, 0.5);
        float[] in = Numerics.uniformFloats(random, samples * input.size(), -1, 1);
        Layer.Scratch scratch = conv.newScratch(samples);
        float[] out = new float[samples * conv.outputShape().size()];
        conv.forward(parameters, in, out, samples, scratch);
        float[] gradOut = Numerics.uniformFloats(random, out.length, -1, 1);
        float[] gradParameters = new float[parameters.length];
        conv.backward(parameters, in, out, gradOut, null, gradParameters, samples, scratch);
        double[] expected = new double[parameters.length];
        reference.backward(Numerics.toDouble(parameters), 0, Numerics.toDouble(in), Numerics.toDouble(gradOut),
                samples, expected);
        assertNull(Numerics.compare(gradParameters, 0, expected, TOLERANCE));
    }
}
