package dev.lenetlab.experiment;

import java.util.Locale;

/** Where a run stands; the lower-case name is what run.json says. */
public enum RunStatus {
    RUNNING, FINISHED, DIVERGED, CANCELLED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
