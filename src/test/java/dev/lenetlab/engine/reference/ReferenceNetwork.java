package dev.lenetlab.engine.reference;

import dev.lenetlab.engine.Activation;
import dev.lenetlab.engine.Pooling;
import dev.lenetlab.engine.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * A stack of reference layers whose parameters lie in one flat array in layer order, so that the
 * engine's parameter vector (converted to double) can be fed to it unchanged.
 */
public final class ReferenceNetwork {
    private final List<ReferenceLayer> layers;
    private final int[] offsets;
    private final int parameterCount;

    public ReferenceNetwork(List<ReferenceLayer> layers) {
        this.layers = List.copyOf(layers);
        this.offsets = new int[layers.size()];
        int offset = 0;
        for (int i = 0; i < layers.size(); i++) {
            offsets[i] = offset;
            offset += layers.get(i).parameterCount();
        }
        this.parameterCount = offset;
    }

    /**
     * The same LeNet-5 as the engine's Network.lenet5, built independently: 1@28×28 → conv 6@5×5
     * pad 2 → act → pool 2 → conv 16@5×5 → act → pool 2 → conv 120@5×5 → act → dense 84 → act →
     * dense 10.
     */
    public static ReferenceNetwork lenet5(Activation activation, Pooling pooling) {
        List<ReferenceLayer> layers = new ArrayList<>();
        ReferenceLayer c1 = new ReferenceConv2d(new Shape(1, 28, 28), 6, 5, 1, 2);
        layers.add(c1);
        layers.add(new ReferenceActivation(c1.outputShape(), activation));
        ReferenceLayer s2 = pool(c1.outputShape(), pooling);
        layers.add(s2);
        ReferenceLayer c3 = new ReferenceConv2d(s2.outputShape(), 16, 5, 1, 0);
        layers.add(c3);
        layers.add(new ReferenceActivation(c3.outputShape(), activation));
        ReferenceLayer s4 = pool(c3.outputShape(), pooling);
        layers.add(s4);
        ReferenceLayer c5 = new ReferenceConv2d(s4.outputShape(), 120, 5, 1, 0);
        layers.add(c5);
        layers.add(new ReferenceActivation(c5.outputShape(), activation));
        ReferenceLayer f6 = new ReferenceDense(c5.outputShape(), 84);
        layers.add(f6);
        layers.add(new ReferenceActivation(f6.outputShape(), activation));
        layers.add(new ReferenceDense(f6.outputShape(), 10));
        return new ReferenceNetwork(layers);
    }

    private static ReferenceLayer pool(Shape input, Pooling pooling) {
        return pooling == Pooling.MAX ? new ReferenceMaxPool2d(input, 2) : new ReferenceAvgPool2d(input, 2);
    }

    public List<ReferenceLayer> layers() {
        return layers;
    }

    public int parameterOffset(int layer) {
        return offsets[layer];
    }

    public int parameterCount() {
        return parameterCount;
    }

    public int classes() {
        return layers.get(layers.size() - 1).outputShape().size();
    }

    /** Logits of {@code samples} inputs. */
    public double[] forward(double[] parameters, double[] images, int samples) {
        double[] x = images;
        for (int i = 0; i < layers.size(); i++) {
            x = layers.get(i).forward(parameters, offsets[i], x, samples);
        }
        return x;
    }

    /** Mean cross-entropy of the batch, without gradients (for finite differences). */
    public double meanLoss(double[] parameters, double[] images, int[] labels, int samples) {
        return ReferenceSoftmaxCrossEntropy.evaluate(forward(parameters, images, samples), labels, samples,
                classes()).meanLoss();
    }

    /** The batch's logits, mean loss and its gradient with respect to the parameters and to the inputs. */
    public record LossAndGradient(double[] logits, double meanLoss, double[] parameterGradient,
                                  double[] inputGradient) {}

    public LossAndGradient lossAndGradient(double[] parameters, double[] images, int[] labels, int samples) {
        double[][] activations = new double[layers.size() + 1][];
        activations[0] = images;
        for (int i = 0; i < layers.size(); i++) {
            activations[i + 1] = layers.get(i).forward(parameters, offsets[i], activations[i], samples);
        }
        ReferenceSoftmaxCrossEntropy.Result loss = ReferenceSoftmaxCrossEntropy.evaluate(
                activations[layers.size()], labels, samples, classes());
        double[] gradient = new double[parameterCount];
        double[] g = loss.gradient();
        for (int i = layers.size() - 1; i >= 0; i--) {
            g = layers.get(i).backward(parameters, offsets[i], activations[i], g, samples, gradient);
        }
        return new LossAndGradient(activations[layers.size()], loss.meanLoss(), gradient, g);
    }
}
