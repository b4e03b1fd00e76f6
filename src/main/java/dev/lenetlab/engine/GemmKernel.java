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

    /**
     * {@code C = A·Bᵀ} (or {@code C += …}) for an A of m×k and a B of n×k whose rows are both
     * contiguous: the shape of a weight gradient, a sum over every position of a chunk (k is in the
     * thousands). Such a sum is vectorised along k rather than blocked, so its order differs from
     * {@link #multiply}'s, but it too is fixed, the same for every implementation and vector width:
     * element (i, j) is {@value #DOT_CHAINS} fma chains, chain l taking the products with
     * k ≡ l (mod {@value #DOT_CHAINS}) in increasing k, then combined as
     * ((l0 + l1) + (l2 + l3)) + ((l4 + l5) + (l6 + l7)).
     */
    void multiplyByTranspose(int m, int n, int k,
                             float[] a, int aOffset, int aRowStride,
                             float[] b, int bOffset, int bRowStride,
                             float[] c, int cOffset, int cRowStride, boolean accumulate);

    /** The number of interleaved partial sums of {@link #multiplyByTranspose}. */
    int DOT_CHAINS = 8;

    /** Combines the {@value #DOT_CHAINS} chains in the order the contract fixes. */
    static float combineChains(float[] chains) {
        return ((chains[0] + chains[1]) + (chains[2] + chains[3])) + ((chains[4] + chains[5]) + (chains[6] + chains[7]));
    }

    /** A short name for reports ("vector-512", "scalar"). */
    String name();
}
