package dev.lenetlab.experiment.profile;

import dev.lenetlab.engine.SeededRandom;

/** A test function from a seeded start: the minimiser plus a uniform offset in [−2, 2] per coordinate. */
public record FunctionProblem(TestFunction function, long seed, double target, long budget) implements StudyProblem {

    @Override
    public String id() {
        return function.name() + " start " + seed;
    }

    public double[] start() {
        SeededRandom random = new SeededRandom(seed * 1_000_003L + function.name().hashCode());
        double[] x = function.minimiser();
        for (int i = 0; i < x.length; i++) {
            x[i] += 4 * random.nextDouble() - 2;
        }
        return x;
    }

    @Override
    public Cost solve(Solver solver) {
        return FunctionSolve.solve(function, start(), solver.spec(), target, budget);
    }
}
