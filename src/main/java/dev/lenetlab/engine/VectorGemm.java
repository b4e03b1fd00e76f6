package dev.lenetlab.engine;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The fast kernel: a register-blocked micro-kernel on the Vector API. Each tile of C is
 * {@value #MR} rows × two vectors, held in twelve accumulators while k runs, which is what lifts a
 * Java multiply from a few GFLOP/s to tens (see the toolchain notes).
 *
 * <p>k is cut into blocks of {@value #KC} so that what the micro-kernel streams stays in cache:
 * op(A) packed into {@value #MR}-row blocks (the broadcasts then read consecutive floats), and
 * op(B) read in place when its rows are contiguous, otherwise packed one two-vector panel at a
 * time (a transposed operand). Between k-blocks the running sums wait in C itself: they are floats
 * in the accumulators too, so storing and reloading them changes no bit of the fma chain.
 *
 * <p>Only loaded through {@link Kernels}, which checks first that the incubator module is present.
 */
final class VectorGemm implements GemmKernel {
    private static final VectorSpecies<Float> SPECIES = VectorWidth.FLOAT;
    private static final int LANES = SPECIES.length();
    private static final int NR = 2 * LANES;
    private static final int MR = 6;
    private static final int KC = 256;

    /** How a tile meets C: overwrite it, add to it, or continue the sums it holds from an earlier k-block. */
    private static final int OVERWRITE = 0;
    private static final int ADD = 1;
    private static final int CONTINUE = 2;

    /** Packing buffers (A, B panel) and a scratch tile, per thread: grown on demand, never shared. */
    private final ThreadLocal<float[][]> packBuffers = ThreadLocal.withInitial(() -> new float[3][0]);

    @Override
    public String name() {
        return "vector-" + SPECIES.vectorBitSize();
    }

    @Override
    public void multiply(int m, int n, int k,
                         float[] a, int aOffset, int aRowStride, int aColStride,
                         float[] b, int bOffset, int bRowStride, int bColStride,
                         float[] c, int cOffset, int cRowStride, boolean accumulate) {
        if (m <= 0 || n <= 0) {
            return;
        }
        if (k <= 0) {
            // The empty chain is +0: C = 0, or C + 0 (which turns a −0 into +0, as the contract says).
            for (int i = 0; i < m; i++) {
                for (int j = cOffset + i * cRowStride, end = j + n; j < end; j++) {
                    c[j] = accumulate ? c[j] + 0f : 0f;
                }
            }
            return;
        }
        // With accumulate, C holds the caller's values until the end, so there is nowhere to keep
        // partial sums: such calls run k in one block.
        int kc = accumulate ? k : KC;
        float[][] buffers = packBuffers.get();
        int blocks = (m + MR - 1) / MR;
        boolean bInPlace = bColStride == 1;
        int fullColumns = n - n % NR;
        for (int k0 = 0; k0 < k; k0 += kc) {
            int kb = Math.min(kc, k - k0);
            int mode = k0 > 0 ? CONTINUE : accumulate ? ADD : OVERWRITE;
            float[] packedA = buffer(buffers, 0, blocks * kb * MR);
            packA(m, kb, a, aOffset + k0 * aColStride, aRowStride, aColStride, packedA);
            int bStart = bOffset + k0 * bRowStride;
            for (int j0 = 0; j0 < fullColumns; j0 += NR) {
                float[] panel;
                int panelStart;
                int panelStep;
                if (bInPlace) {
                    panel = b;
                    panelStart = bStart + j0;
                    panelStep = bRowStride;
                } else {
                    panel = buffer(buffers, 1, kb * NR);
                    packPanel(NR, kb, b, bStart + j0 * bColStride, bRowStride, bColStride, panel);
                    panelStart = 0;
                    panelStep = NR;
                }
                for (int block = 0; block < blocks; block++) {
                    int i0 = block * MR;
                    tile(kb, packedA, block * kb * MR, panel, panelStart, panelStep,
                            c, cOffset + i0 * cRowStride + j0, cRowStride, Math.min(MR, m - i0), mode);
                }
            }
            if (fullColumns < n) {
                narrowPanel(m, n, kb, blocks, fullColumns, packedA, b, bStart, bRowStride, bColStride,
                        c, cOffset, cRowStride, mode, buffers);
            }
        }
    }

    /**
     * The last panel, narrower than two vectors: B zero-padded to full width, the tile computed in
     * a scratch tile and the valid columns copied to and from C. Masked vector loads and stores
     * would avoid the copies, but without AVX-512 they fall back to slow per-lane code.
     */
    private static void narrowPanel(int m, int n, int kb, int blocks, int j0, float[] packedA,
                                    float[] b, int bStart, int bRowStride, int bColStride,
                                    float[] c, int cOffset, int cRowStride, int mode, float[][] buffers) {
        int cols = n - j0;
        float[] panel = buffer(buffers, 1, kb * NR);
        packPanel(cols, kb, b, bStart + j0 * bColStride, bRowStride, bColStride, panel);
        float[] scratch = buffer(buffers, 2, MR * NR);
        for (int block = 0; block < blocks; block++) {
            int i0 = block * MR;
            int rows = Math.min(MR, m - i0);
            if (mode == CONTINUE) {
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(c, cOffset + (i0 + r) * cRowStride + j0, scratch, r * NR, cols);
                }
            }
            tile(kb, packedA, block * kb * MR, panel, 0, NR, scratch, 0, NR, rows,
                    mode == CONTINUE ? CONTINUE : OVERWRITE);
            for (int r = 0; r < rows; r++) {
                int dst = cOffset + (i0 + r) * cRowStride + j0;
                int src = r * NR;
                for (int j = 0; j < cols; j++) {
                    c[dst + j] = mode == ADD ? c[dst + j] + scratch[src + j] : scratch[src + j];
                }
            }
        }
    }

    /** Eight lanes whatever the preferred width: the chain count of the contract. */
    private static final VectorSpecies<Float> DOT = FloatVector.SPECIES_256;
    private static final int DOT_ROWS = 3;
    private static final int DOT_COLUMNS = 4;

    /**
     * Blocks of 3 rows of A × 4 rows of B, twelve 8-lane accumulators whose lanes are the
     * contract's chains. Rows past the edge repeat the last row (computed, not stored), so one
     * code path serves every block.
     */
    @Override
    public void multiplyByTranspose(int m, int n, int k,
                                    float[] a, int aOffset, int aRowStride,
                                    float[] b, int bOffset, int bRowStride,
                                    float[] c, int cOffset, int cRowStride, boolean accumulate) {
        int vectorK = k - k % DOT_CHAINS;
        float[] chains = new float[DOT_CHAINS];
        float[][] lanes = new float[DOT_ROWS * DOT_COLUMNS][DOT_CHAINS];
        for (int j0 = 0; j0 < n; j0 += DOT_COLUMNS) {
            int b0 = bOffset + j0 * bRowStride;
            int b1 = bOffset + Math.min(j0 + 1, n - 1) * bRowStride;
            int b2 = bOffset + Math.min(j0 + 2, n - 1) * bRowStride;
            int b3 = bOffset + Math.min(j0 + 3, n - 1) * bRowStride;
            for (int i0 = 0; i0 < m; i0 += DOT_ROWS) {
                int a0 = aOffset + i0 * aRowStride;
                int a1 = aOffset + Math.min(i0 + 1, m - 1) * aRowStride;
                int a2 = aOffset + Math.min(i0 + 2, m - 1) * aRowStride;
                FloatVector s00 = FloatVector.zero(DOT), s01 = FloatVector.zero(DOT), s02 = FloatVector.zero(DOT), s03 = FloatVector.zero(DOT);
                FloatVector s10 = FloatVector.zero(DOT), s11 = FloatVector.zero(DOT), s12 = FloatVector.zero(DOT), s13 = FloatVector.zero(DOT);
                FloatVector s20 = FloatVector.zero(DOT), s21 = FloatVector.zero(DOT), s22 = FloatVector.zero(DOT), s23 = FloatVector.zero(DOT);
                for (int kk = 0; kk < vectorK; kk += DOT_CHAINS) {
                    FloatVector v0 = FloatVector.fromArray(DOT, b, b0 + kk);
                    FloatVector v1 = FloatVector.fromArray(DOT, b, b1 + kk);
                    FloatVector v2 = FloatVector.fromArray(DOT, b, b2 + kk);
                    FloatVector v3 = FloatVector.fromArray(DOT, b, b3 + kk);
                    FloatVector u = FloatVector.fromArray(DOT, a, a0 + kk);
                    s00 = u.fma(v0, s00);
                    s01 = u.fma(v1, s01);
                    s02 = u.fma(v2, s02);
                    s03 = u.fma(v3, s03);
                    u = FloatVector.fromArray(DOT, a, a1 + kk);
                    s10 = u.fma(v0, s10);
                    s11 = u.fma(v1, s11);
                    s12 = u.fma(v2, s12);
                    s13 = u.fma(v3, s13);
                    u = FloatVector.fromArray(DOT, a, a2 + kk);
                    s20 = u.fma(v0, s20);
                    s21 = u.fma(v1, s21);
                    s22 = u.fma(v2, s22);
                    s23 = u.fma(v3, s23);
                }
                s00.intoArray(lanes[0], 0);
                s01.intoArray(lanes[1], 0);
                s02.intoArray(lanes[2], 0);
                s03.intoArray(lanes[3], 0);
                s10.intoArray(lanes[4], 0);
                s11.intoArray(lanes[5], 0);
                s12.intoArray(lanes[6], 0);
                s13.intoArray(lanes[7], 0);
                s20.intoArray(lanes[8], 0);
                s21.intoArray(lanes[9], 0);
                s22.intoArray(lanes[10], 0);
                s23.intoArray(lanes[11], 0);
                int rows = Math.min(DOT_ROWS, m - i0);
                int cols = Math.min(DOT_COLUMNS, n - j0);
                for (int r = 0; r < rows; r++) {
                    int aRow = aOffset + (i0 + r) * aRowStride;
                    for (int q = 0; q < cols; q++) {
                        int bRow = bOffset + (j0 + q) * bRowStride;
                        System.arraycopy(lanes[r * DOT_COLUMNS + q], 0, chains, 0, DOT_CHAINS);
                        for (int kk = vectorK; kk < k; kk++) {
                            chains[kk - vectorK] = Math.fma(a[aRow + kk], b[bRow + kk], chains[kk - vectorK]);
                        }
                        float sum = GemmKernel.combineChains(chains);
                        int at = cOffset + (i0 + r) * cRowStride + j0 + q;
                        c[at] = accumulate ? c[at] + sum : sum;
                    }
                }
            }
        }
    }

    private static float[] buffer(float[][] buffers, int index, int size) {
        if (buffers[index].length < size) {
            buffers[index] = new float[Math.max(size, buffers[index].length * 3 / 2)];
        }
        return buffers[index];
    }

    /** Block-major, then k, then the {@value #MR} rows (zero past m): the micro-kernel reads it front to back. */
    private static void packA(int m, int k, float[] a, int offset, int rowStride, int colStride, float[] packed) {
        int p = 0;
        for (int i0 = 0; i0 < m; i0 += MR) {
            int rows = Math.min(MR, m - i0);
            for (int kk = 0; kk < k; kk++) {
                int src = offset + i0 * rowStride + kk * colStride;
                for (int r = 0; r < rows; r++) {
                    packed[p + r] = a[src + r * rowStride];
                }
                for (int r = rows; r < MR; r++) {
                    packed[p + r] = 0f;
                }
                p += MR;
            }
        }
    }

    /** One panel of {@code cols} ≤ {@value #NR} columns: k rows of {@value #NR} floats, zero-padded. */
    private static void packPanel(int cols, int k, float[] b, int offset, int rowStride, int colStride, float[] packed) {
        int p = 0;
        for (int kk = 0; kk < k; kk++, p += NR) {
            int src = offset + kk * rowStride;
            for (int j = 0; j < cols; j++) {
                packed[p + j] = b[src + j * colStride];
            }
            for (int j = cols; j < NR; j++) {
                packed[p + j] = 0f;
            }
        }
    }

    private static void tile(int k, float[] pa, int aStart, float[] pb, int bStart, int bStep,
                             float[] c, int cStart, int cRowStride, int rows, int mode) {
        FloatVector c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51;
        c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = c40 = c41 = c50 = c51 = FloatVector.zero(SPECIES);
        if (mode == CONTINUE) {
            int o = cStart;
            c00 = FloatVector.fromArray(SPECIES, c, o);
            c01 = FloatVector.fromArray(SPECIES, c, o + LANES);
            if (rows > 1) {
                o += cRowStride;
                c10 = FloatVector.fromArray(SPECIES, c, o);
                c11 = FloatVector.fromArray(SPECIES, c, o + LANES);
            }
            if (rows > 2) {
                o += cRowStride;
                c20 = FloatVector.fromArray(SPECIES, c, o);
                c21 = FloatVector.fromArray(SPECIES, c, o + LANES);
            }
            if (rows > 3) {
                o += cRowStride;
                c30 = FloatVector.fromArray(SPECIES, c, o);
                c31 = FloatVector.fromArray(SPECIES, c, o + LANES);
            }
            if (rows > 4) {
                o += cRowStride;
                c40 = FloatVector.fromArray(SPECIES, c, o);
                c41 = FloatVector.fromArray(SPECIES, c, o + LANES);
            }
            if (rows > 5) {
                o += cRowStride;
                c50 = FloatVector.fromArray(SPECIES, c, o);
                c51 = FloatVector.fromArray(SPECIES, c, o + LANES);
            }
        }
        int ai = aStart;
        int bi = bStart;
        for (int kk = 0; kk < k; kk++, ai += MR, bi += bStep) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, pb, bi);
            FloatVector b1 = FloatVector.fromArray(SPECIES, pb, bi + LANES);
            FloatVector a0 = FloatVector.broadcast(SPECIES, pa[ai]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(SPECIES, pa[ai + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(SPECIES, pa[ai + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(SPECIES, pa[ai + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(SPECIES, pa[ai + 4]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(SPECIES, pa[ai + 5]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
        }
        boolean add = mode == ADD;
        storeRow(c00, c01, c, cStart, add);
        if (rows > 1) storeRow(c10, c11, c, cStart + cRowStride, add);
        if (rows > 2) storeRow(c20, c21, c, cStart + 2 * cRowStride, add);
        if (rows > 3) storeRow(c30, c31, c, cStart + 3 * cRowStride, add);
        if (rows > 4) storeRow(c40, c41, c, cStart + 4 * cRowStride, add);
        if (rows > 5) storeRow(c50, c51, c, cStart + 5 * cRowStride, add);
    }

    private static void storeRow(FloatVector v0, FloatVector v1, float[] c, int offset, boolean add) {
        if (add) {
            v0 = FloatVector.fromArray(SPECIES, c, offset).add(v0);
            v1 = FloatVector.fromArray(SPECIES, c, offset + LANES).add(v1);
        }
        v0.intoArray(c, offset);
        v1.intoArray(c, offset + LANES);
    }
}
