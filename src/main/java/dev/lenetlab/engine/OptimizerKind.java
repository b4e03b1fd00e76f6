package dev.lenetlab.engine;

import static dev.lenetlab.engine.OptimizerParameter.ADAM_EPSILON;
import static dev.lenetlab.engine.OptimizerParameter.ALPHA;
import static dev.lenetlab.engine.OptimizerParameter.BETA1;
import static dev.lenetlab.engine.OptimizerParameter.BETA2;
import static dev.lenetlab.engine.OptimizerParameter.EPSILON;
import static dev.lenetlab.engine.OptimizerParameter.LEARNING_RATE;
import static dev.lenetlab.engine.OptimizerParameter.MEMORY_STEP;
import static dev.lenetlab.engine.OptimizerParameter.TWO_TERM;
import static dev.lenetlab.engine.OptimizerParameter.WEIGHT_DECAY;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The optimizers there are, each with its id (the {@code --optimizer} value), its default
 * learning rate and the settings it takes, in the order a setup panel and {@code run.json} show
 * them.
 */
public enum OptimizerKind {
    /** Plain mini-batch gradient descent: {@link Sgd}. */
    SGD("sgd", "SGD", 0.1, LEARNING_RATE, WEIGHT_DECAY),
    /** Heavy-ball momentum, PyTorch convention: {@link MomentumSgd}. */
    MOMENTUM("momentum", "SGD with momentum", 0.1, LEARNING_RATE, WEIGHT_DECAY, OptimizerParameter.MOMENTUM),
    /** Nesterov momentum, PyTorch convention: {@link MomentumSgd}. */
    NESTEROV("nesterov", "SGD with Nesterov momentum", 0.1, LEARNING_RATE, WEIGHT_DECAY, OptimizerParameter.MOMENTUM),
    /** Adam with bias correction, PyTorch convention, L2 weight decay: {@link Adam}. */
    ADAM("adam", "Adam", 1e-3, LEARNING_RATE, WEIGHT_DECAY, BETA1, BETA2, ADAM_EPSILON),
    /** Fractional-order gradient descent with a fixed memory step: {@link Fmsgd}. */
    FMSGD("fmsgd", "FMSGD (fractional order, memory step)", 0.1, LEARNING_RATE, WEIGHT_DECAY, ALPHA, MEMORY_STEP,
            EPSILON, TWO_TERM);

    private static final OptimizerKind[] ALL = values();

    private final String id;
    private final String displayName;
    private final double defaultLearningRate;
    private final List<OptimizerParameter> parameters;

    OptimizerKind(String id, String displayName, double defaultLearningRate, OptimizerParameter... parameters) {
        this.id = id;
        this.displayName = displayName;
        this.defaultLearningRate = defaultLearningRate;
        this.parameters = List.of(parameters);
    }

    /** The value of {@code --optimizer} and of {@link Optimizer#id()}: {@code "fmsgd"}. */
    public String id() {
        return id;
    }

    /** A name for people: {@code "SGD with momentum"}. */
    public String displayName() {
        return displayName;
    }

    /** The learning rate used when {@code --lr} is not given: 1e-3 for Adam, 0.1 for the others. */
    public double defaultLearningRate() {
        return defaultLearningRate;
    }

    /** The settings this optimizer takes, in display order; always starts with the learning rate. */
    public List<OptimizerParameter> parameters() {
        return parameters;
    }

    public boolean takes(OptimizerParameter parameter) {
        return parameters.contains(parameter);
    }

    /** All ids, in display order: {@code [sgd, momentum, nesterov, adam, fmsgd]}. */
    public static List<String> ids() {
        return Arrays.stream(ALL).map(OptimizerKind::id).toList();
    }

    /**
     * Looks an optimizer up by its id, case-insensitively.
     *
     * @throws IllegalArgumentException {@code "--optimizer: foo is not valid; expected one of sgd, …"}
     */
    public static OptimizerKind fromId(String id) {
        Objects.requireNonNull(id, "id");
        String key = id.trim().toLowerCase(Locale.ROOT);
        for (OptimizerKind kind : ALL) {
            if (kind.id.equals(key)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("--optimizer: " + id + " is not valid; expected one of "
                + Arrays.stream(ALL).map(OptimizerKind::id).collect(Collectors.joining(", ")));
    }
}
