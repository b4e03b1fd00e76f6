package dev.lenetlab.engine;

/**
 * Single-precision matrix multiply {@code C = op(A)·op(B)} (or {@code C += …}) on strided views of
 * flat arrays, so that a transposed operand is just a swap of its two strides.
 *
 * <p>Contract shared by every implementation, and the reason results are bit-identical between
 * them: each element of C is {@code s = fma(A[i][K-1], B[K-1][j], … fma(A[i][0], B[0][j], 0))}, the
 * products added in increasing k with one rounding each, then {@code C[i][j] = s} or
 * {@code C[i][j] + s}. Nothing depends on how the work is tiled or which thread runs it.
 */
public interface GemmKernel {

    /**
     * @param m rows of C and of op(A)
     * @param n columns of C and of op(B)
     * @param k columns of op(A), rows of op(B)
     * @param a element (i, kk) of op(A) is {@code a[aOffset + i*aRowStride + kk*aColStride]}
     * @param b element (kk, j) of op(B) is {@code b[bOffset + kk*bRowStride + j*bColStride]}
     * @param c element (i, j) of C is {@code c[cOffset + i*cRowStride + j]}
     * @param accumulate add to C instead of overwriting it
     */
    void multiply(int m, int n, int k,
                  float[] a, int aOffset, int aRowStride, int aColStride,
                  float[] b, int bOffset, int bRowStride, int bColStride,
                  float[] c, int cOffset, int cRowStride, boolean accumulate);

    /** A short name for reports ("vector-512", "scalar"). */
    String name();
}
