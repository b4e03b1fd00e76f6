package dev.lenetlab.engine;

import static dev.lenetlab.engine.OptimizerParameter.ADAM_EPSILON;
import static dev.lenetlab.engine.OptimizerParameter.ALPHA;
import static dev.lenetlab.engine.OptimizerParameter.BETA1;
import static dev.lenetlab.engine.OptimizerParameter.BETA2;
import static dev.lenetlab.engine.OptimizerParameter.EPSILON;
import static dev.lenetlab.engine.OptimizerParameter.LEARNING_RATE;
import static dev.lenetlab.engine.OptimizerParameter.MEMORY_STEP;
import static dev.lenetlab.engine.OptimizerParameter.MOMENTUM;
import static dev.lenetlab.engine.OptimizerParameter.TWO_TERM;
import static dev.lenetlab.engine.OptimizerParameter.WEIGHT_DECAY;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Which optimizer, with which settings: what the command line and the setup panel fill in, what
 * {@code run.json} records, and the one place optimizers are built from.
 *
 * <p>A spec holds a value for every setting of every optimizer, so that a setup panel can switch
 * between optimizers without losing what was typed; only the settings of {@link #kind()}
 * ({@link OptimizerKind#parameters()}) are used and written out. A spec is always valid: the
 * constructor checks every value and throws the message the command line shows,
 * {@code "--alpha: 2.5 is not valid; expected a number in (0, 2)"}.
 *
 * <p>Typical use: {@code OptimizerSpec.defaults("fmsgd").withAlpha(1.1).create(network.parameterCount())},
 * or generically {@code spec.with(OptimizerParameter.ALPHA, "1.1")} for text from an option or a
 * field.
 *
 * @param epsilon FMSGD's ε, or null for {@link #defaultEpsilon(double) the default for α}
 */
public record OptimizerSpec(
        OptimizerKind kind,
        double learningRate,
        double weightDecay,
        double alpha,
        int memoryStep,
        Double epsilon,
        boolean twoTerm,
        double momentum,
        double beta1,
        double beta2,
        double adamEpsilon) {

    /** The key under which {@link #toMap()} records the optimizer's id. */
    public static final String OPTIMIZER_KEY = "optimizer";

    public static final double DEFAULT_WEIGHT_DECAY = 0;
    public static final double DEFAULT_ALPHA = 0.9;
    public static final int DEFAULT_MEMORY_STEP = 1;
    /** FMSGD's ε for α ≤ 1. */
    public static final double DEFAULT_EPSILON = 1e-8;
    /** FMSGD's ε for α &gt; 1, where F = (|Δ| + ε)^(1−α) grows as steps shrink and a tiny ε lets it explode. */
    public static final double DEFAULT_EPSILON_ABOVE_ONE = 1e-4;
    public static final double DEFAULT_MOMENTUM = 0.9;
    public static final double DEFAULT_BETA1 = 0.9;
    public static final double DEFAULT_BETA2 = 0.999;
    public static final double DEFAULT_ADAM_EPSILON = 1e-8;

    /** Checks every value, in declaration order; the first bad one is reported. */
    public OptimizerSpec {
        Objects.requireNonNull(kind, "kind");
        LEARNING_RATE.check(learningRate);
        WEIGHT_DECAY.check(weightDecay);
        ALPHA.check(alpha);
        MEMORY_STEP.check(memoryStep);
        if (epsilon != null) {
            EPSILON.check(epsilon);
        }
        MOMENTUM.check(momentum);
        BETA1.check(beta1);
        BETA2.check(beta2);
        ADAM_EPSILON.check(adamEpsilon);
    }

    /** Every setting at its documented default, the learning rate at {@code kind}'s. */
    public static OptimizerSpec defaults(OptimizerKind kind) {
        return new OptimizerSpec(kind, kind.defaultLearningRate(), DEFAULT_WEIGHT_DECAY, DEFAULT_ALPHA,
                DEFAULT_MEMORY_STEP, null, false, DEFAULT_MOMENTUM, DEFAULT_BETA1, DEFAULT_BETA2,
                DEFAULT_ADAM_EPSILON);
    }

    /**
     * {@link #defaults(OptimizerKind)} by id.
     *
     * @throws IllegalArgumentException {@code "--optimizer: foo is not valid; expected one of …"}
     */
    public static OptimizerSpec defaults(String id) {
        return defaults(OptimizerKind.fromId(id));
    }

    /** FMSGD's default ε: 1e-8 for α ≤ 1, 1e-4 for α &gt; 1. */
    public static double defaultEpsilon(double alpha) {
        return alpha > 1 ? DEFAULT_EPSILON_ABOVE_ONE : DEFAULT_EPSILON;
    }

    /** The ε FMSGD runs with: the one set, or the default for α. */
    public double effectiveEpsilon() {
        return epsilon != null ? epsilon : defaultEpsilon(alpha);
    }

    /** A new optimizer for {@code parameterCount} parameters, its state fresh. */
    public Optimizer create(int parameterCount) {
        return switch (kind) {
            case SGD -> new Sgd(learningRate, weightDecay, parameterCount);
            case MOMENTUM -> new MomentumSgd(parameterCount, learningRate, weightDecay, momentum, false);
            case NESTEROV -> new MomentumSgd(parameterCount, learningRate, weightDecay, momentum, true);
            case ADAM -> new Adam(parameterCount, learningRate, weightDecay, beta1, beta2, adamEpsilon);
            case FMSGD -> new Fmsgd(parameterCount, learningRate, weightDecay, alpha, memoryStep, effectiveEpsilon(),
                    twoTerm);
        };
    }

    /**
     * The value of one setting, defaults resolved: a {@link Double}, {@link Integer} or
     * {@link Boolean} by {@link OptimizerParameter#type()}.
     */
    public Object value(OptimizerParameter parameter) {
        return switch (parameter) {
            case LEARNING_RATE -> learningRate;
            case WEIGHT_DECAY -> weightDecay;
            case ALPHA -> alpha;
            case MEMORY_STEP -> memoryStep;
            case EPSILON -> effectiveEpsilon();
            case TWO_TERM -> twoTerm;
            case MOMENTUM -> momentum;
            case BETA1 -> beta1;
            case BETA2 -> beta2;
            case ADAM_EPSILON -> adamEpsilon;
        };
    }

    /**
     * This spec with one setting changed. {@code value} may be text as typed ({@code "0.9"}), a
     * {@link Number}, or a {@link Boolean} for the flag; null for {@link OptimizerParameter#EPSILON}
     * means "the default for α".
     *
     * @throws IllegalArgumentException naming the option, the value and the valid range
     */
    public OptimizerSpec with(OptimizerParameter parameter, Object value) {
        if (parameter == EPSILON && value == null) {
            return withEpsilon(null);
        }
        Object v = parameter.normalise(value);
        return switch (parameter) {
            case LEARNING_RATE -> withLearningRate((Double) v);
            case WEIGHT_DECAY -> withWeightDecay((Double) v);
            case ALPHA -> withAlpha((Double) v);
            case MEMORY_STEP -> withMemoryStep((Integer) v);
            case EPSILON -> withEpsilon((Double) v);
            case TWO_TERM -> withTwoTerm((Boolean) v);
            case MOMENTUM -> withMomentum((Double) v);
            case BETA1 -> withBeta1((Double) v);
            case BETA2 -> withBeta2((Double) v);
            case ADAM_EPSILON -> withAdamEpsilon((Double) v);
        };
    }

    public OptimizerSpec withLearningRate(double value) {
        return new OptimizerSpec(kind, value, weightDecay, alpha, memoryStep, epsilon, twoTerm, momentum, beta1,
                beta2, adamEpsilon);
    }

    public OptimizerSpec withWeightDecay(double value) {
        return new OptimizerSpec(kind, learningRate, value, alpha, memoryStep, epsilon, twoTerm, momentum, beta1,
                beta2, adamEpsilon);
    }

    /** Changes α; an ε left at its default follows the new α. */
    public OptimizerSpec withAlpha(double value) {
        return new OptimizerSpec(kind, learningRate, weightDecay, value, memoryStep, epsilon, twoTerm, momentum,
                beta1, beta2, adamEpsilon);
    }

    public OptimizerSpec withMemoryStep(int value) {
        return new OptimizerSpec(kind, learningRate, weightDecay, alpha, value, epsilon, twoTerm, momentum, beta1,
                beta2, adamEpsilon);
    }

    /** Sets FMSGD's ε; null returns it to the default for α. */
    public OptimizerSpec withEpsilon(Double value) {
        return new OptimizerSpec(kind, learningRate, weightDecay, alpha, memoryStep, value, twoTerm, momentum, beta1,
                beta2, adamEpsilon);
    }

    public OptimizerSpec withTwoTerm(boolean value) {
        return new OptimizerSpec(kind, learningRate, weightDecay, alpha, memoryStep, epsilon, value, momentum, beta1,
                beta2, adamEpsilon);
    }

    public OptimizerSpec withMomentum(double value) {
        return new OptimizerSpec(kind, learningRate, weightDecay, alpha, memoryStep, epsilon, twoTerm, value, beta1,
                beta2, adamEpsilon);
    }

    public OptimizerSpec withBeta1(double value) {
        return new OptimizerSpec(kind, learningRate, weightDecay, alpha, memoryStep, epsilon, twoTerm, momentum,
                value, beta2, adamEpsilon);
    }

    public OptimizerSpec withBeta2(double value) {
        return new OptimizerSpec(kind, learningRate, weightDecay, alpha, memoryStep, epsilon, twoTerm, momentum,
                beta1, value, adamEpsilon);
    }

    public OptimizerSpec withAdamEpsilon(double value) {
        return new OptimizerSpec(kind, learningRate, weightDecay, alpha, memoryStep, epsilon, twoTerm, momentum,
                beta1, beta2, value);
    }

    /**
     * For {@code run.json}: {@code "optimizer"} → id, then the kind's settings in display order,
     * defaults resolved; the same keys and values as the built optimizer's
     * {@link Optimizer#settings()}. Unmodifiable.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(OPTIMIZER_KEY, kind.id());
        for (OptimizerParameter parameter : kind.parameters()) {
            map.put(parameter.key(), value(parameter));
        }
        return Collections.unmodifiableMap(map);
    }

    /**
     * Reads back what {@link #toMap()} wrote (numbers may come back as any {@link Number}, or as
     * text). Settings left out take their defaults.
     *
     * @throws IllegalArgumentException for a missing or unknown optimizer, a key the optimizer does
     *     not take, or an invalid value
     */
    public static OptimizerSpec fromMap(Map<String, ?> map) {
        Object id = map.get(OPTIMIZER_KEY);
        if (id == null) {
            throw new IllegalArgumentException("no \"" + OPTIMIZER_KEY + "\" in the optimizer settings");
        }
        OptimizerKind kind = OptimizerKind.fromId(id.toString());
        OptimizerSpec spec = defaults(kind);
        for (Map.Entry<String, ?> entry : map.entrySet()) {
            if (entry.getKey().equals(OPTIMIZER_KEY)) {
                continue;
            }
            OptimizerParameter parameter = kind.parameters().stream()
                    .filter(p -> p.key().equals(entry.getKey()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(
                            "optimizer " + kind.id() + " has no setting \"" + entry.getKey() + "\""));
            spec = spec.with(parameter, entry.getValue());
        }
        return spec;
    }

    /** {@code fmsgd{learning_rate=0.1, weight_decay=0.0, alpha=0.9, …}}: the kind's settings only. */
    @Override
    public String toString() {
        Map<String, Object> settings = new LinkedHashMap<>(toMap());
        settings.remove(OPTIMIZER_KEY);
        return kind.id() + settings;
    }
}
