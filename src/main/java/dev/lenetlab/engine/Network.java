package dev.lenetlab.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A feed-forward stack of layers whose parameters live in one flat array, in layer order. The
 * network itself is immutable and shared between threads; each thread brings its own
 * {@link Workspace}.
 */
public final class Network {
    private final List<Layer> layers;
    private final int parameterCount;
    private final Initialisation initialisation;
    private final String description;

    public Network(List<Layer> layers, Initialisation initialisation, String description) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one layer");
        }
        this.layers = Collections.unmodifiableList(new ArrayList<>(layers));
        this.initialisation = initialisation;
        this.description = description;
        int offset = 0;
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            // Sizes, not shapes, must agree: a dense layer reads the maps before it flattened.
            if (i > 0 && layers.get(i - 1).outputShape().size() != layer.inputShape().size()) {
                throw new IllegalArgumentException("layer " + layer.name() + " expects " + layer.inputShape()
                        + " but receives " + layers.get(i - 1).outputShape());
            }
            layer.assignParameterOffset(offset);
            offset += layer.parameterCount();
        }
        this.parameterCount = offset;
    }

    /**
     * LeNet-5 as the paper uses it: 28×28 input padded by 2 → C1 conv 6@5×5 → S2 pool → C3 conv
     * 16@5×5 → S4 pool → C5 conv 120@5×5 → F6 84 → 10 outputs, the activation after C1, C3, C5 and
     * F6. 61,706 parameters. Weights start with the initialisation the activation calls for.
     */
    public static Network lenet5(Activation activation, Pooling pooling) {
        List<Layer> layers = new ArrayList<>();
        Shape input = new Shape(1, 28, 28);
        Conv2d c1 = new Conv2d("C1", input, 6, 5, 1, 2);
        layers.add(c1);
        layers.add(new ActivationLayer("C1 " + activation.id(), c1.outputShape(), activation));
        Layer s2 = pool("S2", c1.outputShape(), pooling);
        layers.add(s2);
        Conv2d c3 = new Conv2d("C3", s2.outputShape(), 16, 5, 1, 0);
        layers.add(c3);
        layers.add(new ActivationLayer("C3 " + activation.id(), c3.outputShape(), activation));
        Layer s4 = pool("S4", c3.outputShape(), pooling);
        layers.add(s4);
        Conv2d c5 = new Conv2d("C5", s4.outputShape(), 120, 5, 1, 0);
        layers.add(c5);
        layers.add(new ActivationLayer("C5 " + activation.id(), c5.outputShape(), activation));
        Dense f6 = new Dense("F6", c5.outputShape(), 84);
        layers.add(f6);
        layers.add(new ActivationLayer("F6 " + activation.id(), f6.outputShape(), activation));
        layers.add(new Dense("Output", f6.outputShape(), 10));
        return new Network(layers, activation.initialisation(),
                "LeNet-5 (" + activation.id() + ", " + pooling.id() + " pooling)");
    }

    private static Layer pool(String name, Shape input, Pooling pooling) {
        return pooling == Pooling.MAX ? new MaxPool2d(name, input, 2) : new AvgPool2d(name, input, 2);
    }

    public List<Layer> layers() {
        return layers;
    }

    public int parameterCount() {
        return parameterCount;
    }

    public Shape inputShape() {
        return layers.get(0).inputShape();
    }

    public int classes() {
        return layers.get(layers.size() - 1).outputShape().size();
    }

    public Initialisation initialisation() {
        return initialisation;
    }

    public String description() {
        return description;
    }

    /** Fresh parameters drawn from {@code seed}: the same seed gives the same weights, always. */
    public float[] initialParameters(long seed) {
        float[] parameters = new float[parameterCount];
        SeededRandom random = new SeededRandom(seed);
        for (Layer layer : layers) {
            layer.initialise(parameters, initialisation, random);
        }
        return parameters;
    }

    public Workspace newWorkspace(int maxSamples) {
        return new Workspace(this, maxSamples);
    }

    /** Runs the forward pass on the first {@code samples} inputs of the workspace; returns the logits array. */
    public float[] forward(float[] parameters, Workspace workspace, int samples) {
        workspace.checkCapacity(samples);
        float[] in = workspace.input;
        for (int i = 0; i < layers.size(); i++) {
            layers.get(i).forward(parameters, in, workspace.outputs[i], samples, workspace.scratch[i]);
            in = workspace.outputs[i];
        }
        return in;
    }

    /**
     * Back-propagates the logits' gradient, which the caller has written into
     * {@link Workspace#logitGradient()}, after a {@link #forward} on the same workspace; overwrites
     * {@code gradient} (all parameters) with the result.
     */
    public void backward(float[] parameters, Workspace workspace, int samples, float[] gradient) {
        for (int i = layers.size() - 1; i >= 0; i--) {
            float[] in = i == 0 ? workspace.input : workspace.outputs[i - 1];
            float[] gradIn = i == 0 ? null : workspace.gradients[i - 1];
            layers.get(i).backward(parameters, in, workspace.outputs[i], workspace.gradients[i], gradIn,
                    gradient, samples, workspace.scratch[i]);
        }
    }

    /** Per-thread buffers for a chunk of up to {@code capacity} samples. */
    public static final class Workspace {
        private final int capacity;
        final float[] input;
        final float[][] outputs;
        final float[][] gradients;
        final Layer.Scratch[] scratch;

        private Workspace(Network network, int capacity) {
            this.capacity = capacity;
            List<Layer> layers = network.layers;
            this.input = new float[capacity * network.inputShape().size()];
            this.outputs = new float[layers.size()][];
            this.gradients = new float[layers.size()][];
            this.scratch = new Layer.Scratch[layers.size()];
            for (int i = 0; i < layers.size(); i++) {
                outputs[i] = new float[capacity * layers.get(i).outputShape().size()];
                gradients[i] = new float[capacity * layers.get(i).outputShape().size()];
                scratch[i] = layers.get(i).newScratch(capacity);
            }
        }

        public int capacity() {
            return capacity;
        }

        /** Where the caller puts the chunk's inputs, NCHW. */
        public float[] input() {
            return input;
        }

        /** Where the caller puts the loss gradient with respect to the logits before a backward pass. */
        public float[] logitGradient() {
            return gradients[gradients.length - 1];
        }

        /** The output of layer {@code index} from the last forward pass (for feature-map views). */
        public float[] layerOutput(int index) {
            return outputs[index];
        }

        void checkCapacity(int samples) {
            if (samples < 0 || samples > capacity) {
                throw new IllegalArgumentException(samples + " samples exceed the workspace capacity " + capacity);
            }
        }
    }
}
