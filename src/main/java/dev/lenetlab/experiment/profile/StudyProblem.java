package dev.lenetlab.experiment.profile;

/** One problem of a study: every solver is given the same start (initial weights, batch order, point). */
public interface StudyProblem {
    /** A stable name, the key of its rows in costs.csv (no commas). */
    String id();

    /** Solves with one solver, single-threaded, on the calling thread. */
    Cost solve(Solver solver);

    /**
     * Exercises the code paths {@link #solve} times, untimed, so that the first timed solve does
     * not pay for the JIT compiler's warm-up and look slower than the solvers after it.
     */
    default void warmUp(java.util.List<Solver> solvers) {}
}
