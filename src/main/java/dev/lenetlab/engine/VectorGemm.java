package dev.lenetlab.engine;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The fast kernel: a register-blocked micro-kernel on the Vector API. Each tile of C is
 * {@value #MR} rows × two vectors, held in twelve accumulators while k runs, which is what lifts a
 * Java multiply from a few GFLOP/s to tens (see the toolchain notes). op(A) is packed into
 * {@value #MR}-row blocks so the broadcasts read consecutive floats; op(B) is read in place when its
 * rows are contiguous and packed into two-vector panels otherwise (a transposed operand).
 *
 * <p>Only loaded through {@link Kernels}, which checks first that the incubator module is present.
 */
final class VectorGemm implements GemmKernel {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    private static final int NR = 2 * LANES;
    private static final int MR = 6;

    /** Packing buffers and a scratch tile, per thread: grown on demand, never shared. */
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
            if (!accumulate) {
                for (int i = 0; i < m; i++) {
                    java.util.Arrays.fill(c, cOffset + i * cRowStride, cOffset + i * cRowStride + n, 0f);
                }
            }
            return;
        }
        float[][] buffers = packBuffers.get();
        int blocks = (m + MR - 1) / MR;
        float[] packedA = buffer(buffers, 0, blocks * k * MR);
        packA(m, k, a, aOffset, aRowStride, aColStride, packedA);

        boolean bInPlace = bColStride == 1;
        float[] packedB = null;
        if (!bInPlace) {
            int panels = (n + NR - 1) / NR;
            packedB = buffer(buffers, 1, panels * k * NR);
            packB(n, k, b, bOffset, bRowStride, bColStride, packedB);
        }
        int fullColumns = n - n % NR;
        for (int j0 = 0; j0 < fullColumns; j0 += NR) {
            float[] panel = bInPlace ? b : packedB;
            int panelStart = bInPlace ? bOffset + j0 : (j0 / NR) * k * NR;
            int panelStep = bInPlace ? bRowStride : NR;
            for (int block = 0; block < blocks; block++) {
                int i0 = block * MR;
                fullTile(k, packedA, block * k * MR, panel, panelStart, panelStep,
                        c, cOffset + i0 * cRowStride + j0, cRowStride, Math.min(MR, m - i0), accumulate);
            }
        }
        if (fullColumns < n) {
            // The last, narrower panel: computed full width on zero-padded B into a scratch tile,
            // then the valid columns copied out. Masked vector loads and stores would avoid the copy,
            // but without AVX-512 they fall back to slow per-lane code.
            int cols = n - fullColumns;
            float[] panel;
            int panelStart;
            if (bInPlace) {
                panel = buffer(buffers, 1, k * NR);
                packB(cols, k, b, bOffset + fullColumns, bRowStride, 1, panel);
                panelStart = 0;
            } else {
                panel = packedB;
                panelStart = (fullColumns / NR) * k * NR;
            }
            float[] tile = buffer(buffers, 2, MR * NR);
            for (int block = 0; block < blocks; block++) {
                int i0 = block * MR;
                int rows = Math.min(MR, m - i0);
                fullTile(k, packedA, block * k * MR, panel, panelStart, NR, tile, 0, NR, rows, false);
                for (int r = 0; r < rows; r++) {
                    int dst = cOffset + (i0 + r) * cRowStride + fullColumns;
                    int src = r * NR;
                    for (int j = 0; j < cols; j++) {
                        c[dst + j] = accumulate ? c[dst + j] + tile[src + j] : tile[src + j];
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

    /** Block-major, then k, then the {@value #MR} rows: the micro-kernel reads it front to back. */
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

    /** Panel-major, then k, then {@value #NR} columns, zero-padded past n. */
    private static void packB(int n, int k, float[] b, int offset, int rowStride, int colStride, float[] packed) {
        int p = 0;
        for (int j0 = 0; j0 < n; j0 += NR) {
            int cols = Math.min(NR, n - j0);
            for (int kk = 0; kk < k; kk++) {
                int src = offset + kk * rowStride + j0 * colStride;
                for (int j = 0; j < cols; j++) {
                    packed[p + j] = b[src + j * colStride];
                }
                for (int j = cols; j < NR; j++) {
                    packed[p + j] = 0f;
                }
                p += NR;
            }
        }
    }

    private static void fullTile(int k, float[] pa, int aStart, float[] pb, int bStart, int bStep,
                                 float[] c, int cStart, int cRowStride, int rows, boolean accumulate) {
        FloatVector c00 = FloatVector.zero(SPECIES), c01 = FloatVector.zero(SPECIES);
        FloatVector c10 = FloatVector.zero(SPECIES), c11 = FloatVector.zero(SPECIES);
        FloatVector c20 = FloatVector.zero(SPECIES), c21 = FloatVector.zero(SPECIES);
        FloatVector c30 = FloatVector.zero(SPECIES), c31 = FloatVector.zero(SPECIES);
        FloatVector c40 = FloatVector.zero(SPECIES), c41 = FloatVector.zero(SPECIES);
        FloatVector c50 = FloatVector.zero(SPECIES), c51 = FloatVector.zero(SPECIES);
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
        storeRow(c00, c01, c, cStart, accumulate);
        if (rows > 1) storeRow(c10, c11, c, cStart + cRowStride, accumulate);
        if (rows > 2) storeRow(c20, c21, c, cStart + 2 * cRowStride, accumulate);
        if (rows > 3) storeRow(c30, c31, c, cStart + 3 * cRowStride, accumulate);
        if (rows > 4) storeRow(c40, c41, c, cStart + 4 * cRowStride, accumulate);
        if (rows > 5) storeRow(c50, c51, c, cStart + 5 * cRowStride, accumulate);
    }

    private static void storeRow(FloatVector v0, FloatVector v1, float[] c, int offset, boolean accumulate) {
        if (accumulate) {
            v0 = FloatVector.fromArray(SPECIES, c, offset).add(v0);
            v1 = FloatVector.fromArray(SPECIES, c, offset + LANES).add(v1);
        }
        v0.intoArray(c, offset);
        v1.intoArray(c, offset + LANES);
    }
}
