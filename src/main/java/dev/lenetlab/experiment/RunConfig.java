package dev.lenetlab.experiment;

import dev.lenetlab.engine.Activation;
import dev.lenetlab.engine.Pooling;
import dev.lenetlab.engine.WorkerPool;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything that determines a training run. Two runs with equal configurations (threads aside)
 * produce bit-identical weights and metrics.
 *
 * @param dataDirectory the folder holding the four IDX files
 * @param evalEvery     iterations between evaluations on the evaluation slice
 * @param evalSize      test images in the evaluation slice (class-balanced; 10,000 = all)
 * @param threads       worker threads; results do not depend on it
 */
public record RunConfig(
        Activation activation,
        Pooling pooling,
        String optimizer,
        double learningRate,
        double weightDecay,
        int batchSize,
        int iterations,
        int evalEvery,
        int evalSize,
        long seed,
        int threads,
        Path dataDirectory) {

    public static final int TEST_SET_SIZE = 10_000;

    public RunConfig {
        check(learningRate > 0 && Double.isFinite(learningRate), "--lr", learningRate, "a positive number, e.g. 0.1");
        check(weightDecay >= 0 && Double.isFinite(weightDecay), "--weight-decay", weightDecay, "zero or a positive number");
        check(batchSize >= 1 && batchSize <= 4096, "--batch", batchSize, "a whole number from 1 to 4096");
        check(iterations >= 1, "--iterations", iterations, "a whole number of at least 1");
        check(evalEvery >= 1, "--eval-every", evalEvery, "a whole number of at least 1");
        check(evalSize >= 10 && evalSize <= TEST_SET_SIZE, "--eval-size", evalSize, "a whole number from 10 to 10000");
        check(threads >= 1 && threads <= WorkerPool.MAX_THREADS, "--threads", threads,
                "a whole number from 1 to " + WorkerPool.MAX_THREADS);
        if (!optimizer.equals("sgd")) {
            throw new IllegalArgumentException("--optimizer: unknown optimizer '" + optimizer + "'; available: sgd");
        }
    }

    /** The paper's protocol with the given activation: SGD, lr 0.1, batch 64, 10,000 iterations, eval every 100. */
    public static RunConfig paperDefaults(Activation activation, Path dataDirectory) {
        return new RunConfig(activation, Pooling.MAX, "sgd", 0.1, 0, 64, 10_000, 100, 2_000, 1,
                WorkerPool.availableCores(), dataDirectory);
    }

    private static void check(boolean valid, String option, Object value, String expected) {
        if (!valid) {
            throw new IllegalArgumentException(option + ": " + value + " is not valid; expected " + expected);
        }
    }

    public RunConfig withIterations(int n) {
        return new RunConfig(activation, pooling, optimizer, learningRate, weightDecay, batchSize, n, evalEvery,
                evalSize, seed, threads, dataDirectory);
    }

    public RunConfig withThreads(int n) {
        return new RunConfig(activation, pooling, optimizer, learningRate, weightDecay, batchSize, iterations,
                evalEvery, evalSize, seed, n, dataDirectory);
    }

    /** The configuration as the top-level keys of run.json, in a stable order. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("activation", activation.id());
        map.put("pooling", pooling.id());
        map.put("optimizer", optimizer);
        map.put("learning_rate", learningRate);
        map.put("weight_decay", weightDecay);
        map.put("batch_size", batchSize);
        map.put("iterations", iterations);
        map.put("eval_every", evalEvery);
        map.put("eval_size", evalSize);
        map.put("seed", seed);
        map.put("threads", threads);
        map.put("data", dataDirectory.toString());
        return map;
    }
}
