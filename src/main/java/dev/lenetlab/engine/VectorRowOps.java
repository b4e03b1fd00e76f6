package dev.lenetlab.engine;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** {@link RowOps} a vector at a time; the tail runs the scalar loop (the same additions, the same bits). */
final class VectorRowOps implements RowOps {
    private static final VectorSpecies<Float> S = VectorWidth.FLOAT;
    private static final int L = S.length();

    @Override
    public void copy(float[] src, int srcPos, float[] dst, int dstPos, int length) {
        int i = 0;
        for (int end = length - L; i <= end; i += L) {
            FloatVector.fromArray(S, src, srcPos + i).intoArray(dst, dstPos + i);
        }
        for (; i < length; i++) {
            dst[dstPos + i] = src[srcPos + i];
        }
    }

    @Override
    public void addTo(float[] src, int srcPos, float[] dst, int dstPos, int length) {
        int i = 0;
        for (int end = length - L; i <= end; i += L) {
            FloatVector.fromArray(S, dst, dstPos + i).add(FloatVector.fromArray(S, src, srcPos + i))
                    .intoArray(dst, dstPos + i);
        }
        for (; i < length; i++) {
            dst[dstPos + i] += src[srcPos + i];
        }
    }
}
