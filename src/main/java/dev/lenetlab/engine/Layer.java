package dev.lenetlab.engine;

/**
 * One stage of a feed-forward network, working on a chunk of samples laid out NCHW in flat arrays.
 * A layer holds no mutable state of its own: its parameters are a slice of the network's single
 * parameter array (so optimizers and gradient reductions see one flat vector), and whatever it
 * keeps between forward and backward lives in a per-thread {@link Scratch}.
 */
public abstract class Layer {
    private final String name;
    private final Shape inputShape;
    private final Shape outputShape;
    private int parameterOffset = -1;

    protected Layer(String name, Shape inputShape, Shape outputShape) {
        this.name = name;
        this.inputShape = inputShape;
        this.outputShape = outputShape;
    }

    /** Buffers a layer keeps between its forward and backward pass; one per worker thread. */
    public interface Scratch {}

    public String name() {
        return name;
    }

    public Shape inputShape() {
        return inputShape;
    }

    public Shape outputShape() {
        return outputShape;
    }

    /** Where this layer's parameters start in the network's parameter array. */
    public int parameterOffset() {
        return parameterOffset;
    }

    void assignParameterOffset(int offset) {
        this.parameterOffset = offset;
    }

    public int parameterCount() {
        return 0;
    }

    /** A short description for diagrams and reports, e.g. "conv 5×5, stride 1, pad 2". */
    public abstract String describe();

    /** Buffers for up to {@code maxSamples} samples, or null when the layer needs none. */
    public Scratch newScratch(int maxSamples) {
        return null;
    }

    /** Fills this layer's parameters; layers without parameters do nothing. */
    public void initialise(float[] parameters, Initialisation scheme, SeededRandom random) {}

    /** {@code out = layer(in)} for {@code samples} samples. */
    public abstract void forward(float[] parameters, float[] in, float[] out, int samples, Scratch scratch);

    /**
     * Back-propagates {@code gradOut} (the loss gradient at this layer's output): writes this
     * layer's parameter gradient into its slice of {@code gradParameters} (overwriting it) and the
     * gradient at its input into {@code gradIn}, unless {@code gradIn} is null (the first layer).
     * {@code in} and {@code out} are the values of the forward pass.
     */
    public abstract void backward(float[] parameters, float[] in, float[] out, float[] gradOut,
                                  float[] gradIn, float[] gradParameters, int samples, Scratch scratch);
}
