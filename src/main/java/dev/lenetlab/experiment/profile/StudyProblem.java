package dev.lenetlab.experiment.profile;

/** One problem of a study: every solver is given the same start (initial weights, batch order, point). */
public interface StudyProblem {
    /** A stable name, the key of its rows in costs.csv (no commas). */
    String id();

    /** Solves with one solver, single-threaded, on the calling thread. */
    Cost solve(Solver solver);
}
