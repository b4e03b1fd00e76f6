package dev.lenetlab.engine.reference;

import dev.lenetlab.engine.Shape;

/** Fully connected layer on the flattened input: weights {@code [outputs][inputs]}, then biases. */
public final class ReferenceDense implements ReferenceLayer {
    private final Shape input;
    private final Shape output;
    private final int inputs;
    private final int outputs;

    public ReferenceDense(Shape input, int outputs) {
        this.input = input;
        this.output = new Shape(outputs, 1, 1);
        this.inputs = input.size();
        this.outputs = outputs;
    }

    @Override
    public Shape inputShape() {
        return input;
    }

    @Override
    public Shape outputShape() {
        return output;
    }

    @Override
    public int parameterCount() {
        return outputs * inputs + outputs;
    }

    @Override
    public double[] forward(double[] parameters, int offset, double[] in, int samples) {
        double[] out = new double[samples * outputs];
        int bias = offset + outputs * inputs;
        for (int s = 0; s < samples; s++) {
            for (int o = 0; o < outputs; o++) {
                double sum = parameters[bias + o];
                for (int i = 0; i < inputs; i++) {
                    sum += parameters[offset + o * inputs + i] * in[s * inputs + i];
                }
                out[s * outputs + o] = sum;
            }
        }
        return out;
    }

    @Override
    public double[] backward(double[] parameters, int offset, double[] in, double[] gradOut, int samples,
                             double[] gradParameters) {
        double[] gradIn = new double[samples * inputs];
        java.util.Arrays.fill(gradParameters, offset, offset + parameterCount(), 0.0);
        int bias = offset + outputs * inputs;
        for (int s = 0; s < samples; s++) {
            for (int o = 0; o < outputs; o++) {
                double g = gradOut[s * outputs + o];
                gradParameters[bias + o] += g;
                for (int i = 0; i < inputs; i++) {
                    gradParameters[offset + o * inputs + i] += g * in[s * inputs + i];
                    gradIn[s * inputs + i] += g * parameters[offset + o * inputs + i];
                }
            }
        }
        return gradIn;
    }
}
