package dev.lenetlab.engine;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import static dev.lenetlab.engine.FloatActivations.EXP_MAX;
import static dev.lenetlab.engine.FloatActivations.EXP_MIN;
import static dev.lenetlab.engine.FloatActivations.GELU_K1;
import static dev.lenetlab.engine.FloatActivations.GELU_K3;
import static dev.lenetlab.engine.FloatActivations.GELU_K3_TIMES_3;
import static dev.lenetlab.engine.FloatActivations.LEAKY_SLOPE;
import static dev.lenetlab.engine.FloatActivations.LN2_HI;
import static dev.lenetlab.engine.FloatActivations.LN2_LO;
import static dev.lenetlab.engine.FloatActivations.LOG2E;
import static dev.lenetlab.engine.FloatActivations.ROUNDING_MAGIC_BITS;
import static dev.lenetlab.engine.FloatActivations.MISH_IDENTITY;
import static dev.lenetlab.engine.FloatActivations.P0;
import static dev.lenetlab.engine.FloatActivations.P1;
import static dev.lenetlab.engine.FloatActivations.P2;
import static dev.lenetlab.engine.FloatActivations.P3;
import static dev.lenetlab.engine.FloatActivations.P4;
import static dev.lenetlab.engine.FloatActivations.P5;
import static dev.lenetlab.engine.FloatActivations.ROUNDING_MAGIC;

/**
 * {@link FloatActivations} a vector at a time: every method mirrors its scalar twin operation for
 * operation, so the two give identical bits; the tail shorter than a vector runs the scalar twin.
 * Only loaded through {@link Kernels}, which checks first that the incubator module is present.
 */
final class VectorActivations implements ElementwiseKernel {
    private static final VectorSpecies<Float> S = VectorWidth.FLOAT;
    private static final int L = S.length();

    @Override
    public void forward(Activation activation, float[] x, float[] y, int offset, int length) {
        int end = offset + length;
        int vectorEnd = offset + length - length % L;
        int i = offset;
        switch (activation) {
            case RELU -> {
                for (; i < vectorEnd; i += L) {
                    FloatVector.fromArray(S, x, i).max(0f).intoArray(y, i);
                }
            }
            case LEAKY_RELU -> {
                for (; i < vectorEnd; i += L) {
                    FloatVector v = FloatVector.fromArray(S, x, i);
                    v.mul(LEAKY_SLOPE).blend(v, v.compare(VectorOperators.GT, 0f)).intoArray(y, i);
                }
            }
            case SIGMOID -> {
                for (; i < vectorEnd; i += L) {
                    sigmoid(FloatVector.fromArray(S, x, i)).intoArray(y, i);
                }
            }
            case MISH -> {
                for (; i < vectorEnd; i += L) {
                    FloatVector v = FloatVector.fromArray(S, x, i);
                    FloatVector n = exp(v.min(MISH_IDENTITY));
                    FloatVector w = n.mul(n.add(2f));
                    v.mul(w.div(w.add(2f))).intoArray(y, i);
                }
            }
            case SILU -> {
                for (; i < vectorEnd; i += L) {
                    FloatVector v = FloatVector.fromArray(S, x, i);
                    v.mul(sigmoid(v)).intoArray(y, i);
                }
            }
            case GELU -> {
                for (; i < vectorEnd; i += L) {
                    FloatVector v = FloatVector.fromArray(S, x, i);
                    FloatVector u = v.mul(broadcast(GELU_K3).fma(v.mul(v), broadcast(GELU_K1)));
                    v.mul(sigmoid(u)).intoArray(y, i);
                }
            }
            default -> throw new IllegalArgumentException("no vector kernel for " + activation);
        }
        FloatActivations.forwardScalar(activation, x, y, i, end);
    }

    @Override
    public void backward(Activation activation, float[] x, float[] gradOut, float[] gradIn, int offset, int length) {
        int end = offset + length;
        int vectorEnd = offset + length - length % L;
        int i = offset;
        switch (activation) {
            case RELU -> {
                for (; i < vectorEnd; i += L) {
                    FloatVector v = FloatVector.fromArray(S, x, i);
                    FloatVector g = FloatVector.fromArray(S, gradOut, i);
                    FloatVector.zero(S).blend(g, v.compare(VectorOperators.GT, 0f)).intoArray(gradIn, i);
                }
            }
            case LEAKY_RELU -> {
                for (; i < vectorEnd; i += L) {
                    FloatVector v = FloatVector.fromArray(S, x, i);
                    FloatVector g = FloatVector.fromArray(S, gradOut, i);
                    broadcast(LEAKY_SLOPE).mul(g).blend(g, v.compare(VectorOperators.GT, 0f)).intoArray(gradIn, i);
                }
            }
            case SIGMOID -> {
                for (; i < vectorEnd; i += L) {
                    FloatVector v = FloatVector.fromArray(S, x, i);
                    FloatVector m = exp(v.abs().neg());
                    FloatVector r = broadcast(1f).div(m.add(1f));
                    FloatVector.fromArray(S, gradOut, i).mul(m.mul(r).mul(r)).intoArray(gradIn, i);
                }
            }
            case MISH -> {
                for (; i < vectorEnd; i += L) {
                    FloatVector v = FloatVector.fromArray(S, x, i);
                    FloatVector n = exp(v.min(MISH_IDENTITY));
                    FloatVector w = n.mul(n.add(2f));
                    FloatVector d = w.add(2f);
                    FloatVector g = w.div(d).add(broadcast(4f).mul(v).mul(n).mul(n.add(1f)).div(d.mul(d)));
                    g = g.blend(1f, v.compare(VectorOperators.GT, MISH_IDENTITY));
                    FloatVector.fromArray(S, gradOut, i).mul(g).intoArray(gradIn, i);
                }
            }
            case SILU -> {
                for (; i < vectorEnd; i += L) {
                    FloatVector v = FloatVector.fromArray(S, x, i);
                    FloatVector m = exp(v.abs().neg());
                    FloatVector r = broadcast(1f).div(m.add(1f));
                    FloatVector s = m.mul(r).blend(r, v.compare(VectorOperators.GE, 0f));
                    FloatVector g = s.add(v.mul(m.mul(r).mul(r)));
                    FloatVector.fromArray(S, gradOut, i).mul(g).intoArray(gradIn, i);
                }
            }
            case GELU -> {
                for (; i < vectorEnd; i += L) {
                    FloatVector v = FloatVector.fromArray(S, x, i);
                    FloatVector x2 = v.mul(v);
                    FloatVector u = v.mul(broadcast(GELU_K3).fma(x2, broadcast(GELU_K1)));
                    FloatVector m = exp(u.abs().neg());
                    FloatVector r = broadcast(1f).div(m.add(1f));
                    FloatVector s = m.mul(r).blend(r, u.compare(VectorOperators.GE, 0f));
                    FloatVector g = s.add(v.mul(m.mul(r).mul(r)).mul(broadcast(GELU_K3_TIMES_3).fma(x2, broadcast(GELU_K1))));
                    FloatVector.fromArray(S, gradOut, i).mul(g).intoArray(gradIn, i);
                }
            }
            default -> throw new IllegalArgumentException("no vector kernel for " + activation);
        }
        FloatActivations.backwardScalar(activation, x, gradOut, gradIn, i, end);
    }

    private static FloatVector broadcast(float value) {
        return FloatVector.broadcast(S, value);
    }

    private static FloatVector sigmoid(FloatVector x) {
        FloatVector m = exp(x.abs().neg());
        FloatVector r = broadcast(1f).div(m.add(1f));
        return m.mul(r).blend(r, x.compare(VectorOperators.GE, 0f));
    }

    /** {@link FloatActivations#exp}, lane by lane. */
    static FloatVector exp(FloatVector x) {
        FloatVector xc = x.max(EXP_MIN).min(EXP_MAX);
        FloatVector t = xc.fma(broadcast(LOG2E), broadcast(ROUNDING_MAGIC));
        FloatVector n = t.sub(ROUNDING_MAGIC);
        FloatVector r = n.fma(broadcast(-LN2_HI), xc);
        r = n.fma(broadcast(-LN2_LO), r);
        FloatVector p = broadcast(P0).fma(r, broadcast(P1));
        p = p.fma(r, broadcast(P2));
        p = p.fma(r, broadcast(P3));
        p = p.fma(r, broadcast(P4));
        p = p.fma(r, broadcast(P5));
        p = p.fma(r.mul(r), r).add(1f);
        IntVector n2 = ((IntVector) t.reinterpretAsInts()).sub(ROUNDING_MAGIC_BITS);
        IntVector half = n2.lanewise(VectorOperators.ASHR, 1);
        FloatVector scale1 = (FloatVector) half.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector scale2 = (FloatVector) n2.sub(half).add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        VectorMask<Float> underflow = x.compare(VectorOperators.LT, EXP_MIN);
        return p.mul(scale1).mul(scale2).blend(0f, underflow);
    }
}
