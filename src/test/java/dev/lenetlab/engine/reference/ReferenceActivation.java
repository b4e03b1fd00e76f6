package dev.lenetlab.engine.reference;

import dev.lenetlab.engine.Activation;
import dev.lenetlab.engine.Shape;

/** An activation applied element-wise through its double-precision value and derivative. */
public final class ReferenceActivation implements ReferenceLayer {
    private final Shape shape;
    private final Activation activation;

    public ReferenceActivation(Shape shape, Activation activation) {
        this.shape = shape;
        this.activation = activation;
    }

    @Override
    public Shape inputShape() {
        return shape;
    }

    @Override
    public Shape outputShape() {
        return shape;
    }

    @Override
    public double[] forward(double[] parameters, int offset, double[] in, int samples) {
        double[] out = new double[samples * shape.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = activation.value(in[i]);
        }
        return out;
    }

    @Override
    public double[] backward(double[] parameters, int offset, double[] in, double[] gradOut, int samples,
                             double[] gradParameters) {
        double[] gradIn = new double[samples * shape.size()];
        for (int i = 0; i < gradIn.length; i++) {
            gradIn[i] = gradOut[i] * activation.derivative(in[i]);
        }
        return gradIn;
    }
}
