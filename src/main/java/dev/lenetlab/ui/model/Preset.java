package dev.lenetlab.ui.model;

import dev.lenetlab.engine.Activation;
import dev.lenetlab.engine.OptimizerKind;
import dev.lenetlab.engine.OptimizerSpec;
import dev.lenetlab.engine.Pooling;
import dev.lenetlab.experiment.RunConfig;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A named group of runs launched together with one click, such as the paper's comparisons. Every
 * run of a group shares the seed, so they start from the same weights and see the same batches.
 *
 * @param name              what the button says
 * @param description       one sentence for its tooltip
 * @param variants          one run per (activation, optimizer) pair, the paper's protocol otherwise
 * @param unavailableReason empty when the preset can be launched; else why not
 */
public record Preset(String name, String description, List<Variant> variants, Optional<String> unavailableReason) {

    /** One run of a preset: what differs from the paper's protocol. */
    public record Variant(Activation activation, OptimizerSpec optimizer) {}

    /** The paper's protocol: SGD, learning rate 0.1, batch 64, 10,000 iterations, evaluation every 100 on 2,000 images. */
    public static final int PAPER_ITERATIONS = 10_000;

    private static final OptimizerSpec PAPER_SGD = OptimizerSpec.defaults(OptimizerKind.SGD).withLearningRate(0.1);

    public static final Preset SIGMOID_RELU_MISH = new Preset("Paper: Sigmoid vs ReLU vs Mish",
            "Three SGD runs of the paper's protocol (lr 0.1, batch 64, 10,000 iterations), same seed, "
                    + "differing only in the activation",
            List.of(new Variant(Activation.SIGMOID, PAPER_SGD), new Variant(Activation.RELU, PAPER_SGD),
                    new Variant(Activation.MISH, PAPER_SGD)),
            Optional.empty());

    /** The paper's second comparison: plain gradient descent against FMSGD (α = 0.9, K = 1), Mish, lr 0.1 both. */
    public static final Preset GD_VS_FMSGD = new Preset("Paper: GD vs FMSGD",
            "Gradient descent against FMSGD (α 0.9, K 1, ε 1e-8) on Mish LeNet-5, lr 0.1, same seed and initial weights",
            List.of(new Variant(Activation.MISH, PAPER_SGD),
                    new Variant(Activation.MISH, OptimizerSpec.defaults(OptimizerKind.FMSGD).withLearningRate(0.1))),
            Optional.empty());

    public static final List<Preset> ALL = List.of(SIGMOID_RELU_MISH, GD_VS_FMSGD);

    public boolean available() {
        return unavailableReason.isEmpty();
    }

    /** The group's configurations, all with {@code seed} and the data in {@code dataDirectory}. */
    public List<RunConfig> configs(long seed, Path dataDirectory) {
        List<RunConfig> configs = new ArrayList<>();
        for (Variant v : variants) {
            configs.add(new RunConfig(v.activation(), Pooling.MAX, v.optimizer(), 64, PAPER_ITERATIONS, 100, 2_000, 0,
                    seed, 1, dataDirectory));
        }
        return configs;
    }
}
