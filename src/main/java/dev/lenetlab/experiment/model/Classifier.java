package dev.lenetlab.experiment.model;

import dev.lenetlab.engine.ActivationLayer;
import dev.lenetlab.engine.Layer;
import dev.lenetlab.engine.Network;
import dev.lenetlab.engine.Shape;
import dev.lenetlab.experiment.Checkpoint;
import dev.lenetlab.experiment.RunConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * A network with fixed weights that classifies one 28×28 input at a time and shows what its
 * convolutions saw. Single-threaded: one forward pass of LeNet-5 is a fraction of a millisecond.
 * Safe to share between threads (calls are serialised).
 */
public final class Classifier {
    private final String name;
    private final RunConfig config;
    private final Network network;
    private final float[] parameters;
    private final Network.Workspace workspace;
    /** Indices of the activation layers after C1 and C3: the feature maps worth showing. */
    private final int[] featureLayers;

    /**
     * @param name what a user picks it by ("bundled Mish model", a run's id, a file name)
     * @throws IllegalArgumentException if the parameter count does not fit the configuration's network
     */
    public Classifier(String name, RunConfig config, float[] parameters) {
        this.name = name;
        this.config = config;
        this.network = Network.lenet5(config.activation(), config.pooling());
        if (parameters.length != network.parameterCount()) {
            throw new IllegalArgumentException(name + ": " + parameters.length + " parameters, "
                    + network.description() + " has " + network.parameterCount());
        }
        this.parameters = parameters.clone();
        this.workspace = network.newWorkspace(1);
        List<Integer> indices = new ArrayList<>();
        List<Layer> layers = network.layers();
        for (int i = 1; i < layers.size(); i++) {
            if (layers.get(i) instanceof ActivationLayer && (layers.get(i - 1).name().equals("C1")
                    || layers.get(i - 1).name().equals("C3"))) {
                indices.add(i);
            }
        }
        this.featureLayers = indices.stream().mapToInt(Integer::intValue).toArray();
    }

    public static Classifier of(String name, Checkpoint checkpoint) {
        return new Classifier(name, checkpoint.config(), checkpoint.parameters());
    }

    public String name() {
        return name;
    }

    public RunConfig config() {
        return config;
    }

    /** Class probabilities (softmax of the logits, in double) and the maps of C1 and C3. */
    public record Classification(double[] probabilities, List<FeatureMaps> featureMaps) {
        public int predicted() {
            int best = 0;
            for (int c = 1; c < probabilities.length; c++) {
                if (probabilities[c] > probabilities[best]) {
                    best = c;
                }
            }
            return best;
        }

        public double confidence() {
            return probabilities[predicted()];
        }
    }

    /** One layer's output for the input: {@code shape.channels()} maps of {@code height × width}, NCHW. */
    public record FeatureMaps(String layer, Shape shape, float[] values) {}

    /** @param input 784 values in [0, 1], background 0 (what {@code DigitPreprocessor} gives) */
    public synchronized Classification classify(float[] input) {
        int size = network.inputShape().size();
        if (input.length != size) {
            throw new IllegalArgumentException("expected " + size + " input values, got " + input.length);
        }
        System.arraycopy(input, 0, workspace.input(), 0, size);
        float[] logits = network.forward(parameters, workspace, 1);
        double[] probabilities = softmax(logits, network.classes());
        List<FeatureMaps> maps = new ArrayList<>();
        for (int index : featureLayers) {
            Layer layer = network.layers().get(index);
            Shape shape = layer.outputShape();
            float[] values = new float[shape.size()];
            System.arraycopy(workspace.layerOutput(index), 0, values, 0, values.length);
            maps.add(new FeatureMaps(network.layers().get(index - 1).name(), shape, values));
        }
        return new Classification(probabilities, List.copyOf(maps));
    }

    /** The logits' exact bits for {@code input}: what a round-trip test compares. */
    public synchronized float[] logits(float[] input) {
        System.arraycopy(input, 0, workspace.input(), 0, input.length);
        float[] logits = network.forward(parameters, workspace, 1);
        float[] copy = new float[network.classes()];
        System.arraycopy(logits, 0, copy, 0, copy.length);
        return copy;
    }

    private static double[] softmax(float[] logits, int classes) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            max = Math.max(max, logits[c]);
        }
        double[] p = new double[classes];
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            p[c] = Math.exp(logits[c] - max);
            sum += p[c];
        }
        for (int c = 0; c < classes; c++) {
            p[c] /= sum;
        }
        return p;
    }
}
