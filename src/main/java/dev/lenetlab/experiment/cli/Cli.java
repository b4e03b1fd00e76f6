package dev.lenetlab.experiment.cli;

import dev.lenetlab.experiment.data.DatasetException;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * The command line: {@code lenet-lab <command> [options]}. Exit codes, for every command: 0 success,
 * 2 invalid option or input, 3 a diverged run, 130 interrupted, 1 an internal error.
 */
public final class Cli {
    public static final int OK = 0;
    public static final int INTERNAL_ERROR = 1;
    public static final int INVALID_INPUT = 2;
    public static final int DIVERGED = 3;
    public static final int INTERRUPTED = 130;

    static final String USAGE = """
            Usage: lenet-lab <command> [options]

            Commands:
              train    train LeNet-5 on MNIST (the paper's protocol by default)
              bench    measure training and inference throughput
              profile  performance profiles of optimizers (Dolan–Moré), on MNIST or test functions
              predict  classify pictures of digits with a model file or the bundled model
              evaluate a model's test accuracy and confusion matrix

            Run 'lenet-lab <command> --help' for a command's options.
            Without a command, lenet-lab opens the workbench window.
            Options: --help, --version""";

    private Cli() {}

    /** Runs one command and returns its exit code; never calls System.exit. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            out.println(USAGE);
            return OK;
        }
        if (args[0].equals("--version")) {
            out.println("lenet-lab " + version());
            return OK;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            return switch (args[0]) {
                case "train" -> new TrainCommand(out, err).run(rest);
                case "bench" -> new BenchCommand(out, err).run(rest);
                case "profile" -> new ProfileCommand(out).run(rest);
                case "predict" -> new PredictCommand(out, err).run(rest);
                case "evaluate" -> new EvaluateCommand(out).run(rest);
                default -> throw new UsageException("unknown command '" + args[0]
                        + "'; commands: train, bench, profile, predict, evaluate (see --help)");
            };
        } catch (UsageException | DatasetException e) {
            err.println("error: " + e.getMessage());
            return INVALID_INPUT;
        } catch (UncheckedIOException e) {
            err.println("error: " + e.getMessage());
            return INVALID_INPUT;
        } catch (RuntimeException | OutOfMemoryError e) {
            err.println("internal error: " + e);
            e.printStackTrace(err);
            return INTERNAL_ERROR;
        }
    }

    /** The version from the jar's manifest, or "development" when run from classes. */
    public static String version() {
        String v = Cli.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }
}
