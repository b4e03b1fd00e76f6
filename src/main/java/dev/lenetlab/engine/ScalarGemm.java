package dev.lenetlab.engine;

/**
 * The reference kernel and the fallback when the Vector API module is absent: plain loops in the
 * order the {@link GemmKernel} contract prescribes. {@link Math#fma} keeps it bit-identical to the
 * vector kernel (one rounding per product-and-add, as a vector FMA lane does).
 */
public final class ScalarGemm implements GemmKernel {

    @Override
    public void multiply(int m, int n, int k,
                         float[] a, int aOffset, int aRowStride, int aColStride,
                         float[] b, int bOffset, int bRowStride, int bColStride,
                         float[] c, int cOffset, int cRowStride, boolean accumulate) {
        float[] rowSums = new float[n];
        for (int i = 0; i < m; i++) {
            java.util.Arrays.fill(rowSums, 0f);
            int aRow = aOffset + i * aRowStride;
            for (int kk = 0; kk < k; kk++) {
                float aik = a[aRow + kk * aColStride];
                int bRow = bOffset + kk * bRowStride;
                for (int j = 0; j < n; j++) {
                    rowSums[j] = Math.fma(aik, b[bRow + j * bColStride], rowSums[j]);
                }
            }
            int cRow = cOffset + i * cRowStride;
            for (int j = 0; j < n; j++) {
                c[cRow + j] = accumulate ? c[cRow + j] + rowSums[j] : rowSums[j];
            }
        }
    }

    @Override
    public void multiplyByTranspose(int m, int n, int k,
                                    float[] a, int aOffset, int aRowStride,
                                    float[] b, int bOffset, int bRowStride,
                                    float[] c, int cOffset, int cRowStride, boolean accumulate) {
        float[] chains = new float[DOT_CHAINS];
        for (int i = 0; i < m; i++) {
            int aRow = aOffset + i * aRowStride;
            for (int j = 0; j < n; j++) {
                int bRow = bOffset + j * bRowStride;
                java.util.Arrays.fill(chains, 0f);
                for (int kk = 0; kk < k; kk++) {
                    chains[kk % DOT_CHAINS] = Math.fma(a[aRow + kk], b[bRow + kk], chains[kk % DOT_CHAINS]);
                }
                float sum = GemmKernel.combineChains(chains);
                int at = cOffset + i * cRowStride + j;
                c[at] = accumulate ? c[at] + sum : sum;
            }
        }
    }

    @Override
    public String name() {
        return "scalar";
    }
}
