package dev.lenetlab.experiment;

import java.util.List;

/**
 * A training run frozen between two iterations: everything a model file holds, and everything a
 * resumed run needs to continue bit for bit — the weights, the optimizer's state, the position in
 * the mini-batch order and the training averages of the metrics interval in progress.
 *
 * @param config            the run's configuration
 * @param parameters        the network's weights, {@link dev.lenetlab.engine.Network} order
 * @param optimizerState    the optimizer's {@link dev.lenetlab.engine.Optimizer#writeState} bytes
 * @param iterationsDone    iterations whose update is in the weights
 * @param batchesDrawn      mini-batches taken from the {@link MiniBatchOrder} (its position)
 * @param interval          the training loss and accuracy summed since the last metrics row
 * @param trainingSeconds   training time so far (evaluation and pauses excluded)
 * @param wallSeconds       elapsed time so far, as the metrics' elapsed_seconds counts it
 * @param history           every metrics row written so far
 * @param status            how the run stood when frozen (finished or cancelled)
 * @param finalTestAccuracy accuracy on the whole test set, or null if not measured
 * @param validationAccuracy accuracy on the held-out training images, or null
 */
public record Checkpoint(RunConfig config, float[] parameters, byte[] optimizerState, int iterationsDone,
                         long batchesDrawn, Interval interval, double trainingSeconds, double wallSeconds,
                         List<MetricsRow> history, RunStatus status, Double finalTestAccuracy,
                         Double validationAccuracy) {

    /** Training figures summed over the iterations since the last metrics row. */
    public record Interval(double lossSum, long correct, int iterations) {
        public static final Interval EMPTY = new Interval(0, 0, 0);
    }

    public Checkpoint {
        history = List.copyOf(history);
        if (iterationsDone < 0 || batchesDrawn < 0) {
            throw new IllegalArgumentException("negative progress: " + iterationsDone + " iterations, "
                    + batchesDrawn + " batches");
        }
    }

    /** The last metrics row, or null before the first evaluation. */
    public MetricsRow lastRow() {
        return history.isEmpty() ? null : history.get(history.size() - 1);
    }
}
