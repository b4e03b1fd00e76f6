package dev.lenetlab.experiment.cli;

import dev.lenetlab.engine.Activation;
import dev.lenetlab.engine.Kernels;
import dev.lenetlab.engine.OptimizerKind;
import dev.lenetlab.engine.OptimizerParameter;
import dev.lenetlab.engine.OptimizerSpec;
import dev.lenetlab.engine.Network;
import dev.lenetlab.engine.Pooling;
import dev.lenetlab.engine.WorkerPool;
import dev.lenetlab.experiment.Checkpoint;
import dev.lenetlab.experiment.ConfusionMatrix;
import dev.lenetlab.experiment.MetricsRow;
import dev.lenetlab.experiment.RunConfig;
import dev.lenetlab.experiment.RunFolder;
import dev.lenetlab.experiment.RunOutcome;
import dev.lenetlab.experiment.RunStatus;
import dev.lenetlab.experiment.TrainingListener;
import dev.lenetlab.experiment.TrainingRun;
import dev.lenetlab.experiment.data.DatasetException;
import dev.lenetlab.experiment.data.MnistDataset;
import dev.lenetlab.experiment.model.ModelFile;
import dev.lenetlab.experiment.model.ModelFileException;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code train}: one run of the paper's protocol (or a variation), its files written as it goes. */
final class TrainCommand {
    static final String HELP = """
            Usage: lenet-lab train [options]

            Trains LeNet-5 on MNIST and writes metrics.csv, confusion.csv, run.json and (unless the run
            diverged) the model, model.lenet, into --out.

              --activation NAME   sigmoid, relu, mish, tanh, leaky-relu, elu, silu, gelu  (default mish)
              --pooling max|avg   sub-sampling in S2 and S4                          (default max)
              --optimizer NAME    sgd, momentum, nesterov, adam, fmsgd                (default sgd)
              --lr X              learning rate                    (default 0.1; adam 0.001)
              --weight-decay X    L2 weight decay, added to the gradient              (default 0)
              fmsgd (fractional-order, fixed memory step):
                --alpha A         fractional order, in (0, 2)                         (default 0.9)
                --memory-step K   memory step, 1 to 100                               (default 1)
                --epsilon E       step floor ε > 0                  (default 1e-8; 1e-4 when α > 1)
                --two-term        the two-term (secant) variant
              momentum, nesterov:
                --momentum M      in [0, 1)                                           (default 0.9)
              adam:
                --beta1 B1        in [0, 1)                                           (default 0.9)
                --beta2 B2        in [0, 1)                                           (default 0.999)
                --adam-epsilon E  > 0                                                 (default 1e-8)
              --batch N           mini-batch size                                     (default 64)
              --iterations N      mini-batch iterations                               (default 10000)
              --eval-every N      iterations between evaluations                      (default 100)
              --eval-size N       test images per evaluation, class-balanced; 10000 = all (default 2000)
              --validation N      hold out the last N training images; run.json gets their accuracy (default 0)
              --seed N            initial weights and batch order                     (default 1)
              --threads N         worker threads; results do not depend on it         (default: all cores)
              --data DIR          folder with the four MNIST IDX files                (default: the bundled MNIST)
              --out DIR           run folder, created if missing                      (default: runs/<time>-<activation>)
              --force             replace a run already in --out
              --save FILE         write the model file at the end (also when stopped by Ctrl-C)
              --resume FILE       continue the run saved in FILE, bit for bit; --iterations is then the
                                  total to reach (default: the saved run's), and only --iterations,
                                  --threads, --data, --out, --force and --save may be given with it

            Exit codes: 0 finished, 2 invalid input, 3 diverged, 130 interrupted (Ctrl-C), 1 internal error.""";

    private static final Set<String> VALUED = Set.of("--activation", "--pooling", "--optimizer", "--lr",
            "--weight-decay", "--alpha", "--memory-step", "--epsilon", "--momentum", "--beta1", "--beta2",
            "--adam-epsilon", "--batch", "--iterations", "--eval-every", "--eval-size", "--validation", "--seed",
            "--threads", "--data", "--out", "--save", "--resume");
    private static final Set<String> FLAGS = Set.of("--force", "--help", "--version", "--two-term");

    private final PrintStream out;
    private final PrintStream err;

    TrainCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(String[] args) throws UsageException, DatasetException {
        Options options = Options.parse("train", args, VALUED, FLAGS);
        if (options.has("--help")) {
            out.println(HELP);
            return Cli.OK;
        }
        if (options.has("--version")) {
            out.println("lenet-lab " + Cli.version());
            return Cli.OK;
        }
        Checkpoint resumeFrom = options.has("--resume") ? resumeFrom(options) : null;
        RunConfig config = resumeFrom == null ? config(options) : resumedConfig(options, resumeFrom);
        Path outDir = options.path("--out", defaultOutput(config));
        if (outDir.toString().isBlank()) {
            throw new UsageException("--out: the folder name is empty; give a folder, e.g. --out runs/my-run");
        }
        Path saveTo = options.path("--save", null);
        // whether --save goes into the --out folder that RunFolder.create is yet to make
        boolean saveIntoNewOut = saveTo != null && !Files.exists(outDir) && outDir.toAbsolutePath().normalize()
                .equals(saveTo.toAbsolutePath().normalize().getParent());
        if (saveTo != null) {
            checkSaveAgainstOut(saveTo, outDir);
            if (!saveIntoNewOut) {
                checkSaveWritable(saveTo);
            }
        }
        MnistDataset data = MnistDataset.load(config.dataDirectory());
        if (config.batchSize() > data.train().count()) {
            throw new UsageException("--batch: " + config.batchSize() + " exceeds the " + data.train().count()
                    + " training images");
        }
        if (config.validation() + config.batchSize() > data.train().count()) {
            throw new UsageException("--validation: " + config.validation() + " leaves fewer than one batch of the "
                    + data.train().count() + " training images to train on");
        }
        try {
            // RunConfig allows up to 10,000, but a class-balanced slice is limited by the rarest class
            data.test().balancedIndices(config.evalSize());
        } catch (IllegalArgumentException e) {
            throw new UsageException("--eval-size: " + e.getMessage() + "; choose a smaller --eval-size, or "
                    + data.test().count() + " for all test images");
        }
        TrainingRun run;
        try {
            // before the run folder exists: a checkpoint that cannot be continued leaves nothing behind
            run = new TrainingRun(config, data, resumeFrom);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--resume: " + options.path("--resume", null) + ": " + e.getMessage());
        }
        RunFolder folder;
        try {
            folder = RunFolder.create(outDir, options.has("--force"));
        } catch (IOException e) {
            throw new UsageException("--out: " + e.getMessage());
        }
        if (saveIntoNewOut) {
            checkSaveWritable(saveTo);
        }
        run.addListener(folder);
        run.addListener(new ProgressPrinter(out, config, resumeFrom == null ? 0 : resumeFrom.iterationsDone()));
        out.printf(Locale.ROOT, "training %s, %s, batch %d, %d iterations, seed %d, %d %s (%s kernel)%n",
                run.network().description(), config.optimizer(), config.batchSize(),
                config.iterations(), config.seed(), config.threads(), config.threads() == 1 ? "thread" : "threads",
                Kernels.gemm().name());
        if (resumeFrom != null) {
            out.printf(Locale.ROOT, "resuming at iteration %d of %d%n", resumeFrom.iterationsDone(), config.iterations());
        }
        out.println("writing " + outDir);

        // Ctrl-C: stop at the next iteration and let the run write its files as cancelled.
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            run.cancel();
            try {
                done.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "lenetlab-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        RunOutcome outcome;
        try {
            outcome = run.run();
            // before the hook is released: once it returns, an interrupted JVM halts
            report(outcome, config, outDir, resumeFrom);
            Path inFolder = outDir.resolve(RunFolder.MODEL);
            Optional<String> notInFolder = ModelFile.writeIntoRunFolder(run.finalCheckpoint(), outDir);
            notInFolder.ifPresent(why -> err.println("warning: the run's files are written, but its model is not: " + why));
            boolean keptInFolder = run.finalCheckpoint() != null && notInFolder.isEmpty();
            if (saveTo != null && !save(run.finalCheckpoint(), saveTo, keptInFolder ? inFolder : null)
                    && outcome.status() == RunStatus.FINISHED) {
                return Cli.INVALID_INPUT;
            }
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting because of the interrupt; the hook is already running
            }
        }
        return switch (outcome.status()) {
            case FINISHED, RUNNING -> Cli.OK;
            case DIVERGED -> Cli.DIVERGED;
            case CANCELLED -> Cli.INTERRUPTED;
        };
    }

    /** Options that define the training itself: a resumed run keeps the saved ones. */
    private static final Set<String> FIXED_ON_RESUME = Set.of("--activation", "--pooling", "--optimizer", "--lr",
            "--weight-decay", "--alpha", "--memory-step", "--epsilon", "--momentum", "--beta1", "--beta2",
            "--adam-epsilon", "--batch", "--eval-every", "--eval-size", "--validation", "--seed", "--two-term");

    private static Checkpoint resumeFrom(Options options) throws UsageException {
        for (String option : FIXED_ON_RESUME) {
            if (options.has(option)) {
                throw new UsageException(option + " cannot be given with --resume: the run continues with the "
                        + "configuration saved in the model file (only --iterations, --threads, --data, --out, "
                        + "--force and --save may change)");
            }
        }
        try {
            return ModelFile.read(options.path("--resume", null));
        } catch (ModelFileException e) {
            throw new UsageException("--resume: " + e.getMessage());
        }
    }

    private RunConfig resumedConfig(Options options, Checkpoint from) throws UsageException {
        RunConfig saved = from.config();
        // the saved total is the default only while it is still ahead (a run stopped early); a
        // finished run's total is not something the user typed, so it must not be quoted back as if
        if (!options.has("--iterations") && saved.iterations() <= from.iterationsDone()) {
            throw new UsageException("--resume needs --iterations N, the total to reach (more than "
                    + from.iterationsDone() + " already done)");
        }
        Path data = options.path("--data", null);
        if (data == null) {
            data = saved.dataDirectory();
            if (!Files.isDirectory(data)) {
                data = MnistDataset.defaultDirectory();
                // the run continues on other data than it began with: that must not pass unseen
                err.println("note: the saved run's data folder " + saved.dataDirectory() + " does not exist; using "
                        + data + " instead (give --data DIR to choose another)");
            }
        }
        try {
            return saved.withIterations(options.integer("--iterations", saved.iterations()))
                    .withThreads(options.integer("--threads", WorkerPool.availableCores()))
                    .withDataDirectory(data);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /**
     * {@code --save} must not be the {@code --out} folder, nor one of the files the run writes
     * there (the model would replace the run's metrics); the folder's own {@code model.lenet} is
     * fine: it gets the same model.
     */
    private static void checkSaveAgainstOut(Path saveTo, Path outDir) throws UsageException {
        Path save = saveTo.toAbsolutePath().normalize();
        Path out = outDir.toAbsolutePath().normalize();
        if (save.equals(out)) {
            throw new UsageException("--save: " + saveTo + " is the --out folder; give a file name, e.g. --save "
                    + outDir.resolve(RunFolder.MODEL) + " (the run writes its model there anyway)");
        }
        String name = String.valueOf(save.getFileName());
        if (out.equals(save.getParent()) && RunFolder.isRunFile(name) && !name.equals(RunFolder.MODEL)) {
            throw new UsageException("--save: " + saveTo + " is the run's own " + name + " in --out; choose another "
                    + "name (the run writes its model to " + outDir.resolve(RunFolder.MODEL) + " anyway)");
        }
    }

    private static void checkSaveWritable(Path saveTo) throws UsageException {
        try {
            ModelFile.checkWritable(saveTo);
        } catch (ModelFileException e) {
            throw new UsageException("--save: " + e.getMessage());
        }
    }

    /**
     * Whether the model was written.
     *
     * @param keptIn where the same model was written in the run folder, or null if it was not
     */
    private boolean save(Checkpoint checkpoint, Path file, Path keptIn) {
        if (checkpoint == null) {
            err.println("model not saved: the run diverged, its weights are not finite; " + file
                    + " is unchanged. Try a smaller --lr.");
            return false;
        }
        try {
            ModelFile.write(checkpoint, file);
            out.println("model saved: " + file + " (" + checkpoint.iterationsDone() + " iterations; resume with "
                    + "train --resume " + file + " --iterations N)");
            return true;
        } catch (ModelFileException e) {
            err.println(saveFailure(e, keptIn));
            return false;
        }
    }

    /** The training is not lost when --save fails at the end: say where its model is. */
    static String saveFailure(ModelFileException e, Path keptIn) {
        return "error: --save: " + e.getMessage() + (keptIn == null ? ""
                : "; the run's model is still in " + keptIn + ", copy it from there");
    }

    static RunConfig config(Options options) throws UsageException {
        try {
            Activation activation = activation(options, "mish");
            Pooling pooling = options.choice("--pooling", "max", Pooling::fromId, Pooling.choices());
            return new RunConfig(activation, pooling, optimizer(options),
                    options.integer("--batch", 64),
                    options.integer("--iterations", 10_000),
                    options.integer("--eval-every", 100),
                    options.integer("--eval-size", 2_000),
                    options.integer("--validation", 0),
                    options.longValue("--seed", 1),
                    options.integer("--threads", WorkerPool.availableCores()),
                    options.path("--data", MnistDataset.defaultDirectory()));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** {@code --activation}, as train and bench read it. */
    static Activation activation(Options options, String fallback) throws UsageException {
        return options.choice("--activation", fallback, Activation::fromId, Activation.choices());
    }

    /**
     * The optimizer and its settings from the options: the chosen optimizer's defaults, overridden
     * by each of its options given. An option of another optimizer is refused rather than ignored.
     */
    static OptimizerSpec optimizer(Options options) throws UsageException {
        OptimizerKind kind;
        try {
            kind = OptimizerKind.fromId(options.string("--optimizer", "sgd"));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage().startsWith("--") ? e.getMessage() : "--optimizer: " + e.getMessage());
        }
        OptimizerSpec spec = OptimizerSpec.defaults(kind);
        for (OptimizerParameter parameter : OptimizerParameter.values()) {
            if (!options.has(parameter.option())) {
                continue;
            }
            if (!kind.takes(parameter)) {
                throw new UsageException(parameter.option() + " does not apply to --optimizer " + kind.id()
                        + "; it takes " + kind.parameters().stream().map(OptimizerParameter::option).toList());
            }
            spec = spec.with(parameter, options.string(parameter.option(), null));
        }
        return spec;
    }

    private static Path defaultOutput(RunConfig config) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT));
        return Path.of("runs", stamp + "-" + config.activation().id() + "-seed" + config.seed());
    }

    private void report(RunOutcome outcome, RunConfig config, Path outDir, Checkpoint resumedFrom) {
        switch (outcome.status()) {
            case FINISHED -> {
                if (resumedFrom == null) {
                    out.printf(Locale.ROOT,
                            "finished: test accuracy %.2f%% on all 10,000 test images; %.1f s training, %.1f s wall, %,.0f images/s%n",
                            100 * outcome.finalTestAccuracy(), outcome.trainingSeconds(), outcome.wallSeconds(),
                            outcome.imagesPerSecond());
                } else {
                    // the outcome's times carry on the saved run's; this session's figures are the ones measured here
                    double before = resumedFrom.trainingSeconds();
                    double session = outcome.trainingSeconds() - before;
                    long images = (long) (outcome.iterationsDone() - resumedFrom.iterationsDone()) * config.batchSize();
                    out.printf(Locale.ROOT,
                            "finished: test accuracy %.2f%% on all 10,000 test images; %.1f s training, %.1f s wall, "
                                    + "%,.0f images/s in this session (%.1f s training in all, including %.1f s before the resume)%n",
                            100 * outcome.finalTestAccuracy(), session, outcome.wallSeconds() - resumedFrom.wallSeconds(),
                            session > 0 ? images / session : 0, outcome.trainingSeconds(), before);
                }
                if (outcome.validationAccuracy() != null) {
                    out.printf(Locale.ROOT, "validation accuracy %.2f%% on the %,d held-out training images%n",
                            100 * outcome.validationAccuracy(), config.validation());
                }
            }
            case DIVERGED -> err.printf(Locale.ROOT,
                    "diverged: the loss became NaN or infinite at iteration %d; %s. Try a smaller --lr.%n",
                    outcome.divergedAt(), outcome.lastRow() == null ? "no metrics row had been written yet"
                            : "the metrics up to iteration " + outcome.lastRow().iteration() + " are kept");
            case CANCELLED -> err.printf(Locale.ROOT, "cancelled after %d iterations; files flushed%n",
                    outcome.iterationsDone());
            case RUNNING -> { }
        }
        out.println("run folder: " + outDir);
    }

    /** One line per evaluation: iteration, loss, accuracy, throughput and time left. */
    private static final class ProgressPrinter implements TrainingListener {
        private final PrintStream out;
        private final RunConfig config;
        /** Iterations done before this process (a resumed run's): they took none of its time. */
        private final int startIteration;
        private long startNanos;

        ProgressPrinter(PrintStream out, RunConfig config, int startIteration) {
            this.out = out;
            this.config = config;
            this.startIteration = startIteration;
        }

        @Override
        public void started(RunConfig c, Network network) {
            startNanos = System.nanoTime();
        }

        @Override
        public void evaluated(MetricsRow row, ConfusionMatrix sliceConfusion) {
            double elapsed = (System.nanoTime() - startNanos) / 1e9;
            int trained = Math.max(1, row.iteration() - startIteration);
            double perIteration = elapsed / trained;
            double eta = perIteration * (config.iterations() - row.iteration());
            out.printf(Locale.ROOT, "iter %6d/%d  loss %.4f  train acc %6.2f%%  test loss %.4f  test acc %6.2f%%  %,7.0f img/s  ETA %s%n",
                    row.iteration(), config.iterations(), row.trainLoss(), 100 * row.trainAccuracy(),
                    row.testLoss(), 100 * row.testAccuracy(), trained * (double) config.batchSize() / elapsed,
                    duration(eta));
        }

        private static String duration(double seconds) {
            long s = Math.round(seconds);
            return s >= 60 ? (s / 60) + "m" + String.format(Locale.ROOT, "%02d", s % 60) + "s" : s + "s";
        }
    }
}
