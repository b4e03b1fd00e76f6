package dev.lenetlab.experiment;

import dev.lenetlab.engine.Activation;
import dev.lenetlab.engine.OptimizerKind;
import dev.lenetlab.engine.OptimizerParameter;
import dev.lenetlab.engine.OptimizerSpec;
import dev.lenetlab.engine.Pooling;
import dev.lenetlab.engine.WorkerPool;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything that determines a training run. Two runs with equal configurations (threads aside)
 * produce bit-identical weights and metrics.
 *
 * @param optimizer     the optimizer and its settings, learning rate and weight decay included
 * @param evalEvery     iterations between evaluations on the evaluation slice
 * @param evalSize      test images in the evaluation slice (class-balanced; 10,000 = all)
 * @param validation    training images held out of training (the last ones of the file), for
 *                      choices such as a learning rate; the test set is kept for final figures
 * @param threads       worker threads; results do not depend on it
 * @param dataDirectory the folder holding the four IDX files
 */
public record RunConfig(
        Activation activation,
        Pooling pooling,
        OptimizerSpec optimizer,
        int batchSize,
        int iterations,
        int evalEvery,
        int evalSize,
        int validation,
        long seed,
        int threads,
        Path dataDirectory) {

    public static final int TEST_SET_SIZE = 10_000;

    public RunConfig {
        check(batchSize >= 1 && batchSize <= 4096, "--batch", batchSize, "a whole number from 1 to 4096");
        check(iterations >= 1, "--iterations", iterations, "a whole number of at least 1");
        check(evalEvery >= 1, "--eval-every", evalEvery, "a whole number of at least 1");
        check(evalSize >= 10 && evalSize <= TEST_SET_SIZE, "--eval-size", evalSize, "a whole number from 10 to 10000");
        check(validation >= 0, "--validation", validation, "a whole number of at least 0");
        check(threads >= 1 && threads <= WorkerPool.MAX_THREADS, "--threads", threads,
                "a whole number from 1 to " + WorkerPool.MAX_THREADS);
    }

    /** The paper's protocol with the given activation: SGD, lr 0.1, batch 64, 10,000 iterations, eval every 100. */
    public static RunConfig paperDefaults(Activation activation, Path dataDirectory) {
        return new RunConfig(activation, Pooling.MAX, OptimizerSpec.defaults(OptimizerKind.SGD), 64, 10_000, 100,
                2_000, 0, 1, WorkerPool.availableCores(), dataDirectory);
    }

    private static void check(boolean valid, String option, Object value, String expected) {
        if (!valid) {
            throw new IllegalArgumentException(option + ": " + value + " is not valid; expected " + expected);
        }
    }

    public double learningRate() {
        return optimizer.learningRate();
    }

    public RunConfig withIterations(int n) {
        return new RunConfig(activation, pooling, optimizer, batchSize, n, evalEvery, evalSize, validation, seed,
                threads, dataDirectory);
    }

    public RunConfig withThreads(int n) {
        return new RunConfig(activation, pooling, optimizer, batchSize, iterations, evalEvery, evalSize, validation,
                seed, n, dataDirectory);
    }

    public RunConfig withOptimizer(OptimizerSpec spec) {
        return new RunConfig(activation, pooling, spec, batchSize, iterations, evalEvery, evalSize, validation, seed,
                threads, dataDirectory);
    }

    public RunConfig withDataDirectory(Path directory) {
        return new RunConfig(activation, pooling, optimizer, batchSize, iterations, evalEvery, evalSize, validation, seed,
                threads, directory);
    }

    public RunConfig withActivation(Activation a) {
        return new RunConfig(a, pooling, optimizer, batchSize, iterations, evalEvery, evalSize, validation, seed,
                threads, dataDirectory);
    }

    /**
     * The configuration from the keys {@link #toMap()} writes (numbers as any {@link Number});
     * {@code validation} may be absent (0), as in runs written before it existed.
     *
     * @throws IllegalArgumentException if a key is missing or a value is invalid, naming it
     */
    public static RunConfig fromMap(Map<String, ?> map) {
        return new RunConfig(
                Activation.fromId(text(map, "activation")),
                Pooling.fromId(text(map, "pooling")),
                optimizerFromMap(map),
                (int) whole(map, "batch_size"),
                (int) whole(map, "iterations"),
                (int) whole(map, "eval_every"),
                (int) whole(map, "eval_size"),
                map.containsKey("validation") ? (int) whole(map, "validation") : 0,
                whole(map, "seed"),
                (int) whole(map, "threads"),
                Path.of(text(map, "data")));
    }

    /** The optimizer and its settings: "optimizer" and the keys that optimizer takes. */
    private static OptimizerSpec optimizerFromMap(Map<String, ?> settings) {
        OptimizerKind kind = OptimizerKind.fromId(text(settings, OptimizerSpec.OPTIMIZER_KEY));
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(OptimizerSpec.OPTIMIZER_KEY, kind.id());
        for (OptimizerParameter p : kind.parameters()) {
            if (settings.get(p.key()) != null) {
                map.put(p.key(), settings.get(p.key()));
            }
        }
        return OptimizerSpec.fromMap(map);
    }

    private static String text(Map<String, ?> map, String key) {
        Object value = map.get(key);
        if (value == null) {
            throw new IllegalArgumentException(key + " missing");
        }
        return value.toString();
    }

    private static long whole(Map<String, ?> map, String key) {
        if (map.get(key) instanceof Number n) {
            return n.longValue();
        }
        throw new IllegalArgumentException(key + " missing or not a number");
    }

    /** The configuration as the top-level keys of run.json, in a stable order. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("activation", activation.id());
        map.put("pooling", pooling.id());
        map.putAll(optimizer.toMap());
        map.put("batch_size", batchSize);
        map.put("iterations", iterations);
        map.put("eval_every", evalEvery);
        map.put("eval_size", evalSize);
        map.put("validation", validation);
        map.put("seed", seed);
        map.put("threads", threads);
        map.put("data", dataDirectory.toString());
        return map;
    }
}
