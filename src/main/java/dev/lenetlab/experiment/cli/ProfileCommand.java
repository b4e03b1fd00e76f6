package dev.lenetlab.experiment.cli;

import dev.lenetlab.engine.Activation;
import dev.lenetlab.engine.WorkerPool;
import dev.lenetlab.experiment.data.DatasetException;
import dev.lenetlab.experiment.data.MnistDataset;
import dev.lenetlab.experiment.profile.FunctionProblem;
import dev.lenetlab.experiment.profile.FunctionSolve;
import dev.lenetlab.experiment.profile.MnistProblem;
import dev.lenetlab.experiment.profile.PerformanceProfile;
import dev.lenetlab.experiment.profile.ProfileStudy;
import dev.lenetlab.experiment.profile.Solver;
import dev.lenetlab.experiment.profile.StudyProblem;
import dev.lenetlab.experiment.profile.TestFunction;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code profile}: a Dolan–Moré study of solvers on MNIST or on classic test functions. */
final class ProfileCommand {
    static final String HELP = """
            Usage: lenet-lab profile --problems functions|mnist --out DIR [options]

            Runs every solver on every problem and draws Dolan–Moré performance profiles of the
            iterations and the CPU time each needed to reach the target: costs.csv (all raw costs,
            appended per finished problem: rerun the same command to resume), profile.csv (ρ(τ)),
            profile-nit.png and profile-cpu.png. Problems run in parallel, each on one thread.

              --solvers LIST      solvers, comma-separated, each name[:key=value…] with the
                                  optimizer's option names as keys, e.g.
                                  sgd:lr=0.5,fmsgd:alpha=0.9:lr=0.5,fmsgd:alpha=1.1:two-term
                                  (functions: sgd, fmsgd; mnist: sgd, momentum, nesterov, adam, fmsgd)
              --seeds N           start points / initial weights per problem kind
              --target X          functions: ‖x − x*‖∞ ≤ X; mnist: validation accuracy ≥ X
              --budget N          iterations before a solver has failed
              --threads N         problems run at once                 (default: all cores)

            Functions (quadratics of condition 1 to 1,000 in 2 and 10 dimensions, Rosenbrock;
            double precision, target checked after every iteration). Defaults: --solvers
            %s, --seeds 3, --target 1e-6, --budget 100000.

            MNIST (LeNet-5, batch 64, the last --validation training images held out). Defaults:
            --solvers %s, --seeds 3, --activations relu,mish,
            --target 0.97, --budget 3000, checked every 50 iterations.
              --activations LIST  activations, comma-separated
              --learning-rates L  optional: also a problem per learning rate (overrides the solvers')
              --check-every N     iterations between validation checks (the resolution of NIT)
              --validation N      training images held out for the target  (default 5000)
              --batch N           mini-batch size                            (default 64)
              --data DIR          folder with the MNIST IDX files            (default: the bundled MNIST)"""
            .formatted(ProfileCommand.FUNCTION_SOLVERS, ProfileCommand.MNIST_SOLVERS);

    static final String FUNCTION_SOLVERS = "sgd:lr=0.5,fmsgd:alpha=0.9:lr=0.5,fmsgd:alpha=1.1:lr=0.5";
    static final String MNIST_SOLVERS = "sgd,fmsgd:alpha=0.9,fmsgd:alpha=1.1";

    private static final Set<String> VALUED = Set.of("--problems", "--out", "--solvers", "--seeds", "--activations",
            "--learning-rates", "--target", "--budget", "--check-every", "--validation", "--batch", "--threads", "--data");

    private final PrintStream out;

    ProfileCommand(PrintStream out) {
        this.out = out;
    }

    int run(String[] args) throws UsageException, DatasetException {
        Options options = Options.parse("profile", args, VALUED, Set.of("--help"));
        if (options.has("--help")) {
            out.println(HELP);
            return Cli.OK;
        }
        String kind = options.string("--problems", null);
        if (kind == null || !(kind.equals("functions") || kind.equals("mnist"))) {
            throw new UsageException("--problems: " + (kind == null ? "missing" : "'" + kind + "' is not valid")
                    + "; expected functions or mnist");
        }
        if (!options.has("--out")) {
            throw new UsageException("--out: missing; name the folder for costs.csv, profile.csv and the plots");
        }
        boolean functions = kind.equals("functions");
        List<Solver> solvers;
        try {
            solvers = Solver.parseList(options.string("--solvers", functions ? FUNCTION_SOLVERS : MNIST_SOLVERS));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage().startsWith("--") ? e.getMessage() : "--solvers: " + e.getMessage());
        }
        int seeds = positive(options, "--seeds", 3);
        long budget = positive(options, "--budget", functions ? 100_000 : 3_000);
        int threads = positive(options, "--threads", WorkerPool.availableCores());
        double target = options.number("--target", functions ? 1e-6 : 0.97);
        List<StudyProblem> problems = new ArrayList<>();
        String targetText;
        if (functions) {
            if (!(target > 0)) {
                throw new UsageException("--target: " + target + " is not valid; expected a distance > 0, e.g. 1e-6");
            }
            for (Solver s : solvers) {
                if (!FunctionSolve.supports(s.spec().kind())) {
                    throw new UsageException("--solvers: the functions problem set takes sgd and fmsgd, not " + s.label());
                }
            }
            for (TestFunction f : TestFunction.classicSet()) {
                for (long seed = 1; seed <= seeds; seed++) {
                    problems.add(new FunctionProblem(f, seed, target, budget));
                }
            }
            targetText = "‖x − x*‖∞ ≤ " + target;
        } else {
            if (!(target > 0 && target <= 1)) {
                throw new UsageException("--target: " + target + " is not valid; expected an accuracy in (0, 1], e.g. 0.97");
            }
            int checkEvery = positive(options, "--check-every", 50);
            int batch = positive(options, "--batch", 64);
            int validation = positive(options, "--validation", 5_000);
            MnistDataset data = MnistDataset.load(options.path("--data", MnistDataset.defaultDirectory()));
            if (validation + batch > data.train().count()) {
                throw new UsageException("--validation: " + validation + " leaves too few of the "
                        + data.train().count() + " training images for batches of " + batch);
            }
            List<Activation> activations = new ArrayList<>();
            for (String id : options.string("--activations", "relu,mish").split(",")) {
                try {
                    activations.add(Activation.fromId(id));
                } catch (IllegalArgumentException e) {
                    throw new UsageException("--activations: " + e.getMessage());
                }
            }
            List<Double> rates = new ArrayList<>();
            if (options.has("--learning-rates")) {
                for (String r : options.string("--learning-rates", "").split(",")) {
                    try {
                        double lr = Double.parseDouble(r.trim());
                        if (!(lr > 0) || !Double.isFinite(lr)) {
                            throw new NumberFormatException();
                        }
                        rates.add(lr);
                    } catch (NumberFormatException e) {
                        throw new UsageException("--learning-rates: '" + r + "' is not a positive number");
                    }
                }
            } else {
                rates.add(null);
            }
            for (Activation a : activations) {
                for (Double lr : rates) {
                    for (long seed = 1; seed <= seeds; seed++) {
                        problems.add(new MnistProblem(data, a, seed, lr, batch, validation, checkEvery, target, budget));
                    }
                }
            }
            targetText = String.format(Locale.ROOT, "validation accuracy ≥ %s (checked every %d iterations, %d held-out images)",
                    target, checkEvery, validation);
        }
        Path dir = options.path("--out", null);
        out.printf(Locale.ROOT, "study: %d problems × %d solvers, %s, %d at a time%n", problems.size(), solvers.size(),
                targetText, threads);
        ProfileStudy.Result result;
        try {
            result = ProfileStudy.run(problems, solvers, dir, threads, targetText, out);
        } catch (IOException e) {
            throw new UsageException("--out: " + e.getMessage());
        }
        summarise("iterations", result.iterations());
        summarise("CPU time", result.cpu());
        out.println("wrote " + dir.resolve(ProfileStudy.COSTS) + ", " + ProfileStudy.PROFILE + ", "
                + ProfileStudy.NIT_PLOT + ", " + ProfileStudy.CPU_PLOT);
        return Cli.OK;
    }

    private void summarise(String measure, PerformanceProfile profile) {
        out.println(measure + ": ρ(1) = fraction of problems where the solver was (jointly) the cheapest");
        for (int s = 0; s < profile.solvers().size(); s++) {
            out.printf(Locale.ROOT, "  %-34s ρ(1) %.2f  ρ(2) %.2f  ρ(4) %.2f  solved %d/%d%n", profile.solvers().get(s),
                    profile.rho(s, 1), profile.rho(s, 2), profile.rho(s, 4),
                    profile.problems() - profile.failures()[s], profile.problems());
        }
    }

    private static int positive(Options options, String name, int fallback) throws UsageException {
        int v = options.integer(name, fallback);
        if (v < 1) {
            throw new UsageException(name + ": " + v + " is not valid; expected a whole number of at least 1");
        }
        return v;
    }
}
