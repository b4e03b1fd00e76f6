package dev.lenetlab.engine;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The vector loops against their scalar twins (bit for bit), and the float exp against Math.exp. */
class FloatActivationsTest {

    private static float[] inputs() {
        Random random = new Random(7);
        // an odd length, so that every call also has a scalar tail
        float[] x = new float[4099];
        float[] special = {0f, -0f, 1e-30f, -1e-30f, 20f, 20.000002f, 21f, -87.6f, -88f, -103.9f, -104f, 88.3f, 88.5f,
                1e4f, -1e4f, Float.NaN, -1.19f, -1.28f};
        System.arraycopy(special, 0, x, 0, special.length);
        for (int i = special.length; i < x.length; i++) {
            x[i] = (float) (random.nextGaussian() * (i % 3 == 0 ? 30 : 3));
        }
        return x;
    }

    @ParameterizedTest
    @EnumSource(value = Activation.class, names = {"RELU", "LEAKY_RELU", "SIGMOID", "MISH", "SILU", "GELU"})
    void vectorLoopsGiveTheScalarLoopsBits(Activation activation) {
        ElementwiseKernel vector = Kernels.elementwiseKernel();
        assertTrue(vector != null, "the tests run with the Vector API module (see the surefire argLine)");
        float[] x = inputs();
        float[] gradOut = new float[x.length];
        Random random = new Random(3);
        for (int i = 0; i < gradOut.length; i++) {
            gradOut[i] = (float) random.nextGaussian();
        }
        for (int offset : new int[] {0, 1, 5}) {
            int length = x.length - offset - 2;
            float[] scalarY = new float[x.length];
            float[] vectorY = new float[x.length];
            FloatActivations.forwardScalar(activation, x, scalarY, offset, offset + length);
            vector.forward(activation, x, vectorY, offset, length);
            assertBitwiseEqual(scalarY, vectorY, activation + " forward, offset " + offset);
            float[] scalarG = new float[x.length];
            float[] vectorG = new float[x.length];
            FloatActivations.backwardScalar(activation, x, gradOut, scalarG, offset, offset + length);
            vector.backward(activation, x, gradOut, vectorG, offset, length);
            assertBitwiseEqual(scalarG, vectorG, activation + " backward, offset " + offset);
        }
    }

    @Test
    void expIsWithinThreeUlpOfMathExpOverTheWholeRange() {
        for (float x = -103.5f; x < 88.3f; x += 0.0137f) {
            double exact = Math.exp(x);
            float approx = FloatActivations.exp(x);
            double ulp = Math.ulp((float) exact);
            assertTrue(Math.abs(approx - exact) <= 3 * ulp, "exp(" + x + ") = " + approx + ", exact " + exact);
        }
        assertEquals(0f, FloatActivations.exp(-1e4f));
        assertEquals(1f, FloatActivations.exp(0f));
        assertTrue(Float.isNaN(FloatActivations.exp(Float.NaN)));
        assertTrue(Float.isFinite(FloatActivations.exp(1e4f)), "clamped below overflow");
    }

    private static void assertBitwiseEqual(float[] expected, float[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToIntBits(expected[i]) != Float.floatToIntBits(actual[i])) {
                fail(what + ": element " + i + " differs: scalar " + expected[i] + ", vector " + actual[i]);
            }
        }
    }
}
