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
        // a model file's header is checked through here: each figure must fit the others
        if (iterationsDone > config.iterations()) {
            throw new IllegalArgumentException(iterationsDone + " iterations done of a run of " + config.iterations());
        }
        if (interval.iterations() < 0 || interval.iterations() > Math.min(iterationsDone, config.evalEvery())
                || interval.correct() < 0 || interval.correct() > (long) interval.iterations() * config.batchSize()
                || !(interval.lossSum() >= 0) || Double.isInfinite(interval.lossSum())) {
            throw new IllegalArgumentException("the open metrics interval (" + interval.iterations() + " iterations, "
                    + interval.correct() + " correct, loss sum " + interval.lossSum() + ") does not fit "
                    + iterationsDone + " iterations done, evaluated every " + config.evalEvery());
        }
        if (!(trainingSeconds >= 0) || !(wallSeconds >= 0) || Double.isInfinite(trainingSeconds)
                || Double.isInfinite(wallSeconds)) {
            throw new IllegalArgumentException("training time " + trainingSeconds + " s, wall time " + wallSeconds
                    + " s: times are finite and not negative");
        }
        int previous = 0;
        for (MetricsRow row : history) {
            if (row.iteration() <= previous || row.iteration() > iterationsDone) {
                throw new IllegalArgumentException("a metrics row at iteration " + row.iteration() + " after one at "
                        + previous + ", with " + iterationsDone + " iterations done");
            }
            previous = row.iteration();
        }
        for (Double accuracy : new Double[] {finalTestAccuracy, validationAccuracy}) {
            if (accuracy != null && !(accuracy >= 0 && accuracy <= 1)) {
                throw new IllegalArgumentException("an accuracy of " + accuracy + ": accuracies are fractions 0 to 1");
            }
        }
    }

    /** The last metrics row, or null before the first evaluation. */
    public MetricsRow lastRow() {
        return history.isEmpty() ? null : history.get(history.size() - 1);
    }
}
