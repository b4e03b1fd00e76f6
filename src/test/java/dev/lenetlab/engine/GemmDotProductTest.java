package dev.lenetlab.engine;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** {@link GemmKernel#multiplyByTranspose}: the vector kernel gives the scalar kernel's bits, both near the exact sum. */
class GemmDotProductTest {

    @Test
    void vectorAndScalarKernelsAgreeBitForBitAndWithDoublePrecision() {
        GemmKernel vector = Kernels.vectorKernel().orElseThrow(
                () -> new AssertionError("the tests run with the Vector API module (see the surefire argLine)"));
        GemmKernel scalar = new ScalarGemm();
        Random random = new Random(11);
        int[][] shapes = {{1, 1, 1}, {6, 25, 12544}, {16, 150, 1600}, {5, 7, 13}, {3, 4, 8}, {7, 9, 1}, {2, 3, 0},
                {4, 5, 33}, {1, 17, 100}, {13, 1, 257}};
        for (int[] shape : shapes) {
            int m = shape[0], n = shape[1], k = shape[2];
            int aOffset = random.nextInt(5), bOffset = random.nextInt(5), cOffset = random.nextInt(5);
            int aStride = k + random.nextInt(3), bStride = k + random.nextInt(3), cStride = n + random.nextInt(3);
            float[] a = randomArray(random, aOffset + m * aStride + 1);
            float[] b = randomArray(random, bOffset + n * bStride + 1);
            for (boolean accumulate : new boolean[] {false, true}) {
                float[] start = randomArray(random, cOffset + m * cStride + 1);
                float[] cVector = start.clone();
                float[] cScalar = start.clone();
                vector.multiplyByTranspose(m, n, k, a, aOffset, aStride, b, bOffset, bStride, cVector, cOffset, cStride, accumulate);
                scalar.multiplyByTranspose(m, n, k, a, aOffset, aStride, b, bOffset, bStride, cScalar, cOffset, cStride, accumulate);
                for (int i = 0; i < cVector.length; i++) {
                    if (Float.floatToIntBits(cVector[i]) != Float.floatToIntBits(cScalar[i])) {
                        fail("m=" + m + " n=" + n + " k=" + k + " accumulate=" + accumulate + ": element " + i
                                + " vector " + cVector[i] + " scalar " + cScalar[i]);
                    }
                }
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        double exact = accumulate ? start[cOffset + i * cStride + j] : 0;
                        double magnitude = Math.abs(exact);
                        for (int kk = 0; kk < k; kk++) {
                            double p = (double) a[aOffset + i * aStride + kk] * b[bOffset + j * bStride + kk];
                            exact += p;
                            magnitude += Math.abs(p);
                        }
                        double got = cVector[cOffset + i * cStride + j];
                        assertTrue(Math.abs(got - exact) <= 1e-5 * magnitude + 1e-30,
                                "m=" + m + " n=" + n + " k=" + k + " (" + i + "," + j + "): " + got + " vs " + exact);
                    }
                }
                // nothing outside C's rows and columns is touched
                for (int i = 0; i < cOffset; i++) {
                    assertTrue(cVector[i] == start[i], "element before C changed");
                }
            }
        }
    }

    private static float[] randomArray(Random random, int length) {
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = (float) (random.nextGaussian());
        }
        return values;
    }
}
