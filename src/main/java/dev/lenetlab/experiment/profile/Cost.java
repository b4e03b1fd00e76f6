package dev.lenetlab.experiment.profile;

import java.util.Locale;

/**
 * What one solver spent on one problem: iterations until the target was first met, and the CPU
 * time of the work that got it there (evaluations excluded). Both are positive for a solved
 * problem; a failure keeps what it had spent, for the record, but counts as r_M in a profile.
 */
public record Cost(long iterations, double cpuSeconds, Status status) {
    public enum Status {
        SOLVED, BUDGET, DIVERGED;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Status fromId(String id) {
            return valueOf(id.trim().toUpperCase(Locale.ROOT));
        }
    }

    public boolean solved() {
        return status == Status.SOLVED;
    }

    /** The cost a profile measures: the value if solved, NaN (a failure) otherwise. */
    public double measure(boolean cpu) {
        return solved() ? (cpu ? cpuSeconds : iterations) : Double.NaN;
    }
}
