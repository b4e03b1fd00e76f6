package dev.lenetlab.ui.model;

import dev.lenetlab.engine.Activation;
import dev.lenetlab.engine.Pooling;
import dev.lenetlab.experiment.RunConfig;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A named group of runs launched together with one click, such as the paper's comparisons.
 *
 * @param name              what the button says
 * @param description       one sentence for its tooltip
 * @param activations       one run per activation (the paper's protocol otherwise)
 * @param unavailableReason empty when the preset can be launched; else why not (yet)
 */
public record Preset(String name, String description, List<Activation> activations, Optional<String> unavailableReason) {

    /** The paper's protocol: SGD, learning rate 0.1, batch 64, 10,000 iterations, evaluation every 100 on 2,000 images. */
    public static final int PAPER_ITERATIONS = 10_000;

    public static final Preset SIGMOID_RELU_MISH = new Preset("Paper: Sigmoid vs ReLU vs Mish",
            "Three SGD runs of the paper's protocol (lr 0.1, batch 64, 10,000 iterations), same seed, "
                    + "differing only in the activation",
            List.of(Activation.SIGMOID, Activation.RELU, Activation.MISH), Optional.empty());

    /**
     * Hook for the FMSGD issue: once {@link OptimizerSpec#ALL} has "fmsgd", give this preset its two
     * configurations (GD and FMSGD with the paper's α, K, ε) and drop the unavailable reason.
     */
    public static final Preset GD_VS_FMSGD = new Preset("Paper: GD vs FMSGD",
            "Gradient descent against FMSGD on the same network and seed",
            List.of(), Optional.of("needs the FMSGD optimizer, which is not in the engine yet"));

    public static final List<Preset> ALL = List.of(SIGMOID_RELU_MISH, GD_VS_FMSGD);

    public boolean available() {
        return unavailableReason.isEmpty();
    }

    /** The group's configurations, all with {@code seed} and the data in {@code dataDirectory}. */
    public List<RunConfig> configs(long seed, Path dataDirectory) {
        List<RunConfig> configs = new ArrayList<>();
        for (Activation a : activations) {
            configs.add(new RunConfig(a, Pooling.MAX, "sgd", 0.1, 0, 64, PAPER_ITERATIONS, 100, 2_000, seed, 1,
                    dataDirectory));
        }
        return configs;
    }
}
