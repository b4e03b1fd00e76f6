package dev.lenetlab.engine;

import java.util.Arrays;

/** Fully connected layer: weights {@code [outputs][inputs]} (as PyTorch stores them), then biases. */
public final class Dense extends Layer {
    private final int inputs;
    private final int outputs;

    public Dense(String name, Shape input, int outputs) {
        super(name, input, new Shape(outputs, 1, 1));
        this.inputs = input.size();
        this.outputs = outputs;
    }

    @Override
    public int parameterCount() {
        return outputs * inputs + outputs;
    }

    @Override
    public String describe() {
        return "fully connected";
    }

    @Override
    public void initialise(float[] parameters, Initialisation scheme, SeededRandom random) {
        float limit = (float) scheme.uniformLimit(inputs, outputs);
        int w = parameterOffset();
        for (int i = 0; i < outputs * inputs; i++) {
            parameters[w + i] = (float) ((2 * random.nextDouble() - 1) * limit);
        }
        Arrays.fill(parameters, w + outputs * inputs, w + parameterCount(), 0f);
    }

    @Override
    public void forward(float[] parameters, float[] in, float[] out, int samples, Scratch scratch) {
        int w = parameterOffset();
        // out[samples × outputs] = in[samples × inputs] · Wᵀ[inputs × outputs]
        Kernels.gemm().multiply(samples, outputs, inputs,
                in, 0, inputs, 1,
                parameters, w, 1, inputs,
                out, 0, outputs, false);
        int bias = w + outputs * inputs;
        for (int s = 0; s < samples; s++) {
            for (int o = 0; o < outputs; o++) {
                out[s * outputs + o] += parameters[bias + o];
            }
        }
    }

    @Override
    public void backward(float[] parameters, float[] in, float[] out, float[] gradOut, float[] gradIn,
                         float[] gradParameters, int samples, Scratch scratch) {
        int w = parameterOffset();
        // dW[outputs × inputs] = gradOutᵀ[outputs × samples] · in[samples × inputs]
        Kernels.gemm().multiply(outputs, inputs, samples,
                gradOut, 0, 1, outputs,
                in, 0, inputs, 1,
                gradParameters, w, inputs, false);
        int bias = w + outputs * inputs;
        for (int o = 0; o < outputs; o++) {
            double sum = 0; // double, as every bias gradient here: a sum over a whole chunk
            for (int s = 0; s < samples; s++) {
                sum += gradOut[s * outputs + o];
            }
            gradParameters[bias + o] = (float) sum;
        }
        if (gradIn != null) {
            // dIn[samples × inputs] = gradOut[samples × outputs] · W[outputs × inputs]
            Kernels.gemm().multiply(samples, inputs, outputs,
                    gradOut, 0, outputs, 1,
                    parameters, w, inputs, 1,
                    gradIn, 0, inputs, false);
        }
    }
}
