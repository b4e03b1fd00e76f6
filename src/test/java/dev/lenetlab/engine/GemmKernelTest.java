package dev.lenetlab.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The GemmKernel contract: every C element is one fma chain over k in increasing order, so the
 * vector kernel must equal the scalar one bit for bit, whatever the tiling (m against the 6-row
 * blocks, n against the two-vector panels and masked tails, B read in place or packed); and both
 * must be a correct product, checked against a double-precision triple loop.
 */
class GemmKernelTest {
    /** The error of a float fma chain is at most ≈ k·2⁻²⁴ of Σ|a·b|; k ≤ 130 here keeps it below this. */
    private static final double TOLERANCE = 1e-5;

    /** Marks C elements outside the written view: a kernel must leave them alone. */
    private static final float SENTINEL = -12345.5f;

    private static GemmKernel vector;
    private static final GemmKernel SCALAR = new ScalarGemm();
    private static int lanes;

    @BeforeAll
    static void loadVectorKernel() {
        vector = Kernels.vectorKernel().orElse(null);
        if (vector != null) {
            // The name is "vector-<bits>"; the panel width is two vectors of <bits>/32 floats.
            lanes = Integer.parseInt(vector.name().substring("vector-".length())) / 32;
        }
    }

    /** One multiply: sizes, storage of A and B (transposed or not), offsets and padded strides. */
    private record Case(int m, int n, int k, boolean transposeA, boolean transposeB, boolean accumulate,
                        int aOffset, int bOffset, int cOffset, int aPad, int bPad, int cPad) {
        int aRowStride() {
            return transposeA ? 1 : k + aPad;
        }

        int aColStride() {
            return transposeA ? m + aPad : 1;
        }

        int bRowStride() {
            return transposeB ? 1 : n + bPad;
        }

        int bColStride() {
            return transposeB ? k + bPad : 1;
        }

        int cRowStride() {
            return n + cPad;
        }

        int aLength() {
            return aOffset + (transposeA ? k * (m + aPad) : m * (k + aPad)) + 3;
        }

        int bLength() {
            return bOffset + (transposeB ? n * (k + bPad) : k * (n + bPad)) + 3;
        }

        int cLength() {
            return cOffset + m * cRowStride() + 3;
        }

        float a(float[] a, int i, int kk) {
            return a[aOffset + i * aRowStride() + kk * aColStride()];
        }

        float b(float[] b, int kk, int j) {
            return b[bOffset + kk * bRowStride() + j * bColStride()];
        }

        void run(GemmKernel kernel, float[] a, float[] b, float[] c) {
            kernel.multiply(m, n, k, a, aOffset, aRowStride(), aColStride(), b, bOffset, bRowStride(),
                    bColStride(), c, cOffset, cRowStride(), accumulate);
        }
    }

    /** Edge sizes around the vector kernel's blocking, every storage and mode, plus random ones. */
    private static List<Case> cases() {
        int nr = 2 * Math.max(lanes, 1);
        int[][] sizes = {
                {0, 5, 3}, {4, 0, 3}, {3, 5, 0}, {0, 0, 0},
                {1, 1, 1}, {1, 1, 7}, {7, 1, 1}, {1, 17, 1}, {1, 3, 2},
                {5, lanes - 1, 4}, {6, lanes, 3}, {6, nr, 9}, {7, nr + 1, 5}, {11, nr - 1, 13},
                {13, 2 * nr + 3, 9}, {12, 33, 65}, {6, 2 * nr, 1}, {25, 150, 100}, {2, 3, 130}};
        List<Case> cases = new ArrayList<>();
        Random random = new Random(21);
        for (int[] size : sizes) {
            if (size[1] < 0) {
                continue; // lanes - 1 when the vector kernel is absent
            }
            for (int storage = 0; storage < 8; storage++) {
                cases.add(randomLayout(random, size[0], size[1], size[2], (storage & 1) != 0, (storage & 2) != 0,
                        (storage & 4) != 0));
            }
        }
        for (int r = 0; r < 60; r++) {
            cases.add(randomLayout(random, random.nextInt(40), 1 + random.nextInt(70), random.nextInt(50),
                    random.nextBoolean(), random.nextBoolean(), random.nextBoolean()));
        }
        return cases;
    }

    private static Case randomLayout(Random random, int m, int n, int k, boolean transposeA, boolean transposeB,
                                     boolean accumulate) {
        return new Case(m, n, k, transposeA, transposeB, accumulate, random.nextInt(9), random.nextInt(9),
                random.nextInt(9), random.nextInt(3), random.nextInt(3), random.nextInt(4));
    }

    /** A random A or B; C gets random values inside the view (what accumulate adds to) and sentinels outside. */
    private static float[] randomArray(Random random, int length) {
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = (float) (2 * random.nextDouble() - 1);
        }
        return values;
    }

    private static float[] initialC(Random random, Case c) {
        float[] values = new float[c.cLength()];
        java.util.Arrays.fill(values, SENTINEL);
        for (int i = 0; i < c.m(); i++) {
            for (int j = 0; j < c.n(); j++) {
                values[c.cOffset() + i * c.cRowStride() + j] = (float) (2 * random.nextDouble() - 1);
            }
        }
        return values;
    }

    @Test
    void vectorKernelIsBitIdenticalToScalarKernel() {
        assumeTrue(vector != null, "the Vector API module is not in this JVM");
        Random random = new Random(22);
        for (Case c : cases()) {
            float[] a = randomArray(random, c.aLength());
            float[] b = randomArray(random, c.bLength());
            float[] initial = initialC(random, c);
            float[] scalarC = initial.clone();
            float[] vectorC = initial.clone();
            c.run(SCALAR, a, b, scalarC);
            c.run(vector, a, b, vectorC);
            // Arrays.equals on float[] compares floatToIntBits: bit-identical (−0 ≠ +0), sentinels included.
            assertArrayEquals(scalarC, vectorC, () -> vector.name() + " differs from scalar for " + c);
        }
    }

    /** The vector kernel keeps per-thread packing buffers; a big multiply first must not spoil a small one. */
    @Test
    void vectorKernelIsBitIdenticalAfterLargerMultiplies() {
        assumeTrue(vector != null, "the Vector API module is not in this JVM");
        Random random = new Random(23);
        List<Case> cases = cases();
        java.util.Collections.reverse(cases);
        for (Case c : cases) {
            float[] a = randomArray(random, c.aLength());
            float[] b = randomArray(random, c.bLength());
            float[] initial = initialC(random, c);
            float[] scalarC = initial.clone();
            float[] vectorC = initial.clone();
            c.run(SCALAR, a, b, scalarC);
            c.run(vector, a, b, vectorC);
            assertArrayEquals(scalarC, vectorC, () -> vector.name() + " differs from scalar for " + c);
        }
    }

    @Test
    void scalarKernelMatchesDoubleTripleLoop() {
        checkAgainstTripleLoop(SCALAR);
    }

    @Test
    void vectorKernelMatchesDoubleTripleLoop() {
        assumeTrue(vector != null, "the Vector API module is not in this JVM");
        checkAgainstTripleLoop(vector);
    }

    @Test
    void defaultKernelMatchesDoubleTripleLoop() {
        checkAgainstTripleLoop(Kernels.gemm());
    }

    /**
     * Element-wise |C − exact| ≤ 1e-5 · (Σ_k |a·b| + |C₀|): relative to the magnitude the sum
     * is made of, which is what a float dot product can guarantee even when terms cancel.
     */
    private static void checkAgainstTripleLoop(GemmKernel kernel) {
        Random random = new Random(24);
        for (Case c : cases()) {
            float[] a = randomArray(random, c.aLength());
            float[] b = randomArray(random, c.bLength());
            float[] initial = initialC(random, c);
            float[] result = initial.clone();
            c.run(kernel, a, b, result);
            boolean[] inView = new boolean[result.length];
            for (int i = 0; i < c.m(); i++) {
                for (int j = 0; j < c.n(); j++) {
                    inView[c.cOffset() + i * c.cRowStride() + j] = true;
                }
            }
            for (int idx = 0; idx < result.length; idx++) {
                if (!inView[idx]) {
                    if (Float.compare(result[idx], SENTINEL) != 0) {
                        fail(kernel.name() + " wrote outside C at " + idx + " for " + c);
                    }
                    continue;
                }
                int i = (idx - c.cOffset()) / c.cRowStride();
                int j = (idx - c.cOffset()) % c.cRowStride();
                double exact = c.accumulate() ? initial[idx] : 0;
                double magnitude = c.accumulate() ? Math.abs(initial[idx]) : 0;
                for (int kk = 0; kk < c.k(); kk++) {
                    double product = (double) c.a(a, i, kk) * c.b(b, kk, j);
                    exact += product;
                    magnitude += Math.abs(product);
                }
                double error = Math.abs(result[idx] - exact);
                if (!(error <= TOLERANCE * magnitude)) {
                    fail(String.format("%s: C[%d][%d] = %s, exact %s (error %.3g of %.3g) for %s",
                            kernel.name(), i, j, result[idx], exact, error, magnitude, c));
                }
            }
        }
    }

    /**
     * A direct instance of the contract: s is the fma chain from 0 in increasing k, and C = s or
     * C + s. Built so that another summation order would round differently.
     */
    @Test
    void kernelsFollowTheFmaChainOfTheContract() {
        Random random = new Random(25);
        List<GemmKernel> kernels = new ArrayList<>(List.of(SCALAR));
        if (vector != null) {
            kernels.add(vector);
        }
        int m = 7;
        int n = 19;
        int k = 23;
        float[] a = new float[m * k];
        float[] b = new float[k * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) ((random.nextDouble() - 0.5) * Math.pow(2, random.nextInt(20) - 10));
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) ((random.nextDouble() - 0.5) * Math.pow(2, random.nextInt(20) - 10));
        }
        float[] c0 = randomArray(random, m * n);
        for (boolean accumulate : new boolean[] {false, true}) {
            float[] expected = new float[m * n];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    float s = 0f;
                    for (int kk = 0; kk < k; kk++) {
                        s = Math.fma(a[i * k + kk], b[kk * n + j], s);
                    }
                    expected[i * n + j] = accumulate ? c0[i * n + j] + s : s;
                }
            }
            for (GemmKernel kernel : kernels) {
                float[] c = c0.clone();
                kernel.multiply(m, n, k, a, 0, k, 1, b, 0, n, 1, c, 0, n, accumulate);
                assertArrayEquals(expected, c, kernel.name() + ", accumulate " + accumulate);
            }
        }
    }

    /**
     * For k = 0 with accumulate, the contract gives C = C + s with the empty chain s = +0, so a −0
     * in C becomes +0, in every kernel.
     */
    @Test
    void emptyProductAccumulatedOntoNegativeZeroIsBitIdentical() {
        assumeTrue(vector != null, "the Vector API module is not in this JVM");
        float[] a = new float[4];
        float[] b = new float[4];
        float[] scalarC = {-0f, -0f, 1f, -0f};
        float[] vectorC = scalarC.clone();
        SCALAR.multiply(2, 2, 0, a, 0, 1, 1, b, 0, 2, 1, scalarC, 0, 2, true);
        vector.multiply(2, 2, 0, a, 0, 1, 1, b, 0, 2, 1, vectorC, 0, 2, true);
        assertArrayEquals(new float[] {0f, 0f, 1f, 0f}, scalarC, "scalar: −0 + (+0) = +0");
        assertArrayEquals(scalarC, vectorC, vector.name() + " vs scalar, k = 0, accumulate");
    }

    @Test
    void buildRunsTheLayerTestsOnTheVectorKernel() {
        // The build adds the module; if this fails, every layer test ran on the scalar kernel only.
        assertTrue(Kernels.vectorModulePresent(), "surefire should start the JVM with " + Kernels.VECTOR_MODULE);
        assertTrue(Kernels.gemm().name().startsWith("vector-") || Boolean.getBoolean("lenetlab.scalar"),
                "default kernel: " + Kernels.gemm().name());
    }
}
