package dev.lenetlab.engine;

/**
 * Short contiguous copies and sums, the inner loops of im2col and col2im. Rows there are 5 to 32
 * floats: too short for {@link System#arraycopy} to repay its call, too long to leave to a scalar
 * loop (C2 does not vectorise a loop over two arrays at different offsets).
 */
interface RowOps {
    /** {@code dst[dstPos + i] = src[srcPos + i]} for i in [0, length). */
    void copy(float[] src, int srcPos, float[] dst, int dstPos, int length);

    /** {@code dst[dstPos + i] += src[srcPos + i]} for i in [0, length). */
    void addTo(float[] src, int srcPos, float[] dst, int dstPos, int length);

    /** The plain loops: the fallback without the Vector API, and the tails of the vector version. */
    RowOps SCALAR = new RowOps() {
        @Override
        public void copy(float[] src, int srcPos, float[] dst, int dstPos, int length) {
            for (int i = 0; i < length; i++) {
                dst[dstPos + i] = src[srcPos + i];
            }
        }

        @Override
        public void addTo(float[] src, int srcPos, float[] dst, int dstPos, int length) {
            for (int i = 0; i < length; i++) {
                dst[dstPos + i] += src[srcPos + i];
            }
        }
    };
}
