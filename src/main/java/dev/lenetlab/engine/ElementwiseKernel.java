package dev.lenetlab.engine;

/** Array loops of the activations {@link FloatActivations} covers; the Vector API implements it. */
interface ElementwiseKernel {
    void forward(Activation activation, float[] x, float[] y, int offset, int length);

    void backward(Activation activation, float[] x, float[] gradOut, float[] gradIn, int offset, int length);
}
