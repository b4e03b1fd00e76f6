package dev.lenetlab.experiment;

import dev.lenetlab.engine.Network;

/**
 * Hears a training run's events, on the training thread: keep the work short (copy, hand off)
 * so that watching a run does not slow it down.
 */
public interface TrainingListener {
    default void started(RunConfig config, Network network) {}

    /** After each evaluation; {@code sliceConfusion} is the evaluation slice's confusion matrix. */
    default void evaluated(MetricsRow row, ConfusionMatrix sliceConfusion) {}

    default void finished(RunOutcome outcome) {}
}
