package dev.lenetlab.experiment;

/**
 * How a run ended.
 *
 * @param iterationsDone    iterations whose update was applied
 * @param divergedAt        the iteration whose loss was not finite, or 0
 * @param lastRow           the last metrics row written, or null if none
 * @param finalTestAccuracy accuracy on the whole test set, or null when not measured (a diverged
 *                          or cancelled run)
 * @param testConfusion     the whole test set's confusion matrix, or null likewise
 * @param validationAccuracy accuracy on the held-out training images, or null (none held out, or
 *                          not a finished run)
 * @param imagesPerSecond   training throughput (forward, backward and update; evaluation excluded)
 */
public record RunOutcome(RunStatus status, int iterationsDone, int divergedAt, MetricsRow lastRow,
                         Double finalTestAccuracy, ConfusionMatrix testConfusion, Double validationAccuracy,
                         double trainingSeconds, double imagesPerSecond, double wallSeconds) {
}
