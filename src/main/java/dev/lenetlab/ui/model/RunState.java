package dev.lenetlab.ui.model;

import dev.lenetlab.experiment.RunStatus;

/** Where a run stands, as the runs list shows it. */
public enum RunState {
    QUEUED("queued", false),
    STARTING("starting", false),
    RUNNING("running", false),
    PAUSED("paused", false),
    FINISHED("finished", true),
    CANCELLED("cancelled", true),
    DIVERGED("diverged", true),
    FAILED("failed", true),
    /** Read from a folder whose run never ended (its process was killed, or it still trains elsewhere). */
    INCOMPLETE("incomplete", true);

    private final String label;
    private final boolean ended;

    RunState(String label, boolean ended) {
        this.label = label;
        this.ended = ended;
    }

    public String label() {
        return label;
    }

    /** Whether the run can change no more (so it can be removed, and not paused or stopped). */
    public boolean ended() {
        return ended;
    }

    /** Whether the run holds (or waits for) worker threads. */
    public boolean active() {
        return !ended;
    }

    public static RunState of(RunStatus status) {
        return switch (status) {
            case RUNNING -> INCOMPLETE;
            case FINISHED -> FINISHED;
            case CANCELLED -> CANCELLED;
            case DIVERGED -> DIVERGED;
        };
    }
}
