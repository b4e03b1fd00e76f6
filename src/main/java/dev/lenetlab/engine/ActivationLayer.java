package dev.lenetlab.engine;

/** Applies an {@link Activation} element-wise; its backward pass needs the pre-activation input. */
public final class ActivationLayer extends Layer {
    private final Activation activation;

    public ActivationLayer(String name, Shape shape, Activation activation) {
        super(name, shape, shape);
        this.activation = activation;
    }

    public Activation activation() {
        return activation;
    }

    @Override
    public String describe() {
        return activation.id();
    }

    @Override
    public void forward(float[] parameters, float[] in, float[] out, int samples, Scratch scratch) {
        activation.forward(in, out, 0, samples * inputShape().size());
    }

    @Override
    public void backward(float[] parameters, float[] in, float[] out, float[] gradOut, float[] gradIn,
                         float[] gradParameters, int samples, Scratch scratch) {
        if (gradIn != null) {
            activation.backward(in, gradOut, gradIn, 0, samples * inputShape().size());
        }
    }
}
