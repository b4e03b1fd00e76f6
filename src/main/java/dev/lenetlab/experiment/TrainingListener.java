package dev.lenetlab.experiment;

import dev.lenetlab.engine.Network;

import java.util.List;

/**
 * Hears a training run's events, on the training thread: keep the work short (copy, hand off)
 * so that watching a run does not slow it down.
 */
public interface TrainingListener {
    default void started(RunConfig config, Network network) {}

    /**
     * A resumed run's metrics rows from before the resume, once, right after {@link #started};
     * a fresh run never calls it.
     */
    default void restored(List<MetricsRow> earlierRows) {}

    /** After each evaluation; {@code sliceConfusion} is the evaluation slice's confusion matrix. */
    default void evaluated(MetricsRow row, ConfusionMatrix sliceConfusion) {}

    /** The run has stopped between iterations, {@code iterationsDone} applied, and waits to be resumed. */
    default void paused(int iterationsDone) {}

    /** A paused run goes on (not called when a paused run is cancelled instead). */
    default void resumed(int iterationsDone) {}

    default void finished(RunOutcome outcome) {}
}
