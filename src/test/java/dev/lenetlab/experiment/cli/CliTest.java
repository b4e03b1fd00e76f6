package dev.lenetlab.experiment.cli;

import dev.lenetlab.experiment.RunFolder;
import dev.lenetlab.experiment.data.MnistDataset;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The command-line contract, in process through {@link Cli#run}: exit codes, one-line errors, and
 * the three files of a run. Runs use tiny budgets; the runs several tests compare are made once.
 */
class CliTest {
    /** A short run: 25 iterations with an evaluation every 10 gives rows 10, 20 and 25. */
    private static final String[] SHORT = {"train", "--activation", "relu", "--iterations", "25",
            "--eval-every", "10", "--eval-size", "100", "--batch", "16", "--seed", "7"};
    private static final String HEADER =
            "iteration,train_loss,train_accuracy,test_loss,test_accuracy,elapsed_seconds";
    private static final List<String> CONFIG_KEYS = List.of("activation", "pooling", "optimizer", "learning_rate",
            "weight_decay", "batch_size", "iterations", "eval_every", "eval_size", "validation", "seed", "threads", "data");
    /** The run.json keys that hold times and so may differ between identical runs. */
    private static final Set<String> TIME_KEYS = Set.of("training_seconds", "images_per_second");

    @TempDir
    static Path shared;
    private static Path runA;
    private static Path runB;
    private static Path runC;
    private static Result resultA;

    @TempDir
    Path temp;

    record Result(int code, String out, String err) {
        String describe() {
            return "exit " + code + "\n--- stdout:\n" + out + "\n--- stderr:\n" + err;
        }
    }

    static Result cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Cli.run(args, o, e);
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static String[] with(String[] base, String... more) {
        String[] all = Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    /** Run A (1 thread), B (identical, but in a German default locale) and C (2 threads). */
    @BeforeAll
    static void shortRuns() {
        runA = shared.resolve("a");
        runB = shared.resolve("b");
        runC = shared.resolve("c");
        resultA = cli(with(SHORT, "--threads", "1", "--out", runA.toString()));
        assertEquals(0, resultA.code(), resultA.describe());
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            Result b = cli(with(SHORT, "--threads", "1", "--out", runB.toString()));
            assertEquals(0, b.code(), b.describe());
        } finally {
            Locale.setDefault(saved);
        }
        Result c = cli(with(SHORT, "--threads", "2", "--out", runC.toString()));
        assertEquals(0, c.code(), c.describe());
    }

    // ---------------------------------------------------------------- help, version, usage errors

    @ParameterizedTest
    @MethodSource("helpAndVersion")
    void helpAndVersionExitZero(List<String> args, String expected) {
        Result r = cli(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.describe());
        assertTrue(r.out().contains(expected), r.describe());
        assertEquals("", r.err(), r.describe());
    }

    static Stream<Arguments> helpAndVersion() {
        return Stream.of(
                Arguments.of(List.of("--help"), "Usage: lenet-lab <command>"),
                Arguments.of(List.of("-h"), "Usage: lenet-lab <command>"),
                Arguments.of(List.of("--version"), "lenet-lab "),
                Arguments.of(List.of("train", "--help"), "Usage: lenet-lab train"),
                Arguments.of(List.of("train", "--version"), "lenet-lab "),
                Arguments.of(List.of("bench", "--help"), "Usage: lenet-lab bench"),
                Arguments.of(List.of("bench", "--version"), "lenet-lab "),
                // --help wins over other options and starts nothing
                Arguments.of(List.of("train", "--lr", "-1", "--help"), "--eval-size"));
    }

    @Test
    void trainHelpListsEveryOption() {
        Result r = cli("train", "--help");
        for (String option : List.of("--activation", "--pooling", "--optimizer", "--lr", "--weight-decay", "--batch",
                "--iterations", "--eval-every", "--eval-size", "--seed", "--threads", "--data", "--out", "--force",
                "--alpha", "--memory-step", "--epsilon", "--two-term", "--momentum", "--beta1", "--beta2",
                "--adam-epsilon", "--validation")) {
            assertTrue(r.out().contains(option), option + " missing from train --help");
        }
        Result bench = cli("bench", "--help");
        for (String option : List.of("--activation", "--threads", "--repeats", "--data", "--csv")) {
            assertTrue(bench.out().contains(option), option + " missing from bench --help");
        }
    }

    @Test
    void unknownCommandExitsTwo() {
        assertOneLineError(cli("frobnicate"), "frobnicate");
        assertOneLineError(cli("--frobnicate"), "--frobnicate");
    }

    @Test
    void unknownOptionExitsTwo() {
        assertOneLineError(cli("train", "--bogus", "3"), "--bogus");
        assertOneLineError(cli("bench", "--bogus"), "--bogus");
        assertOneLineError(cli("train", "stray"), "stray");
        assertOneLineError(cli("train", "--lr"), "--lr");
        assertOneLineError(cli("train", "--force=yes"), "--force");
    }

    @ParameterizedTest
    @MethodSource("invalidValues")
    void invalidValueExitsTwoNamingOptionAndValue(String option, String value) {
        Result r = cli("train", option, value, "--out", temp.resolve("never").toString());
        assertOneLineError(r, option, value);
        assertFalse(Files.exists(temp.resolve("never")), "an invalid run must not create its folder");
    }

    static Stream<Arguments> invalidValues() {
        return Stream.of(
                Arguments.of("--lr", "-1"),
                Arguments.of("--lr", "0"),
                Arguments.of("--lr", "abc"),
                Arguments.of("--lr", "NaN"),
                Arguments.of("--lr", "Infinity"),
                Arguments.of("--weight-decay", "-0.5"),
                Arguments.of("--batch", "0"),
                Arguments.of("--batch", "1.5"),
                Arguments.of("--batch", "100000"),
                Arguments.of("--activation", "foo"),
                Arguments.of("--pooling", "median"),
                Arguments.of("--optimizer", "adamw"),
                Arguments.of("--eval-size", "5"),
                Arguments.of("--eval-size", "10001"),
                Arguments.of("--threads", "0"),
                Arguments.of("--iterations", "0"),
                Arguments.of("--iterations", "-3"),
                Arguments.of("--seed", "x"),
                Arguments.of("--validation", "-1"),
                Arguments.of("--validation", "59990"));
    }

    /** Optimizer settings: each bad value named with its option and the valid range. */
    @ParameterizedTest
    @MethodSource("invalidOptimizerValues")
    void invalidOptimizerValueExitsTwoNamingOptionValueAndRange(String optimizer, String option, String value, String range) {
        Result r = cli("train", "--optimizer", optimizer, option, value, "--out", temp.resolve("never").toString());
        assertOneLineError(r, option, value, range);
        assertFalse(Files.exists(temp.resolve("never")));
    }

    static Stream<Arguments> invalidOptimizerValues() {
        return Stream.of(
                Arguments.of("fmsgd", "--alpha", "2.5", "(0, 2)"),
                Arguments.of("fmsgd", "--alpha", "0", "(0, 2)"),
                Arguments.of("fmsgd", "--memory-step", "0", "1"),
                Arguments.of("fmsgd", "--memory-step", "101", "100"),
                Arguments.of("fmsgd", "--epsilon", "0", "0"),
                Arguments.of("momentum", "--momentum", "1", "[0, 1)"),
                Arguments.of("adam", "--beta2", "1", "[0, 1)"),
                Arguments.of("adam", "--adam-epsilon", "-1", "0"));
    }

    @Test
    void anFmsgdRunRecordsEveryOptimizerSettingAndItsValidationAccuracy() throws IOException {
        Path out = temp.resolve("fmsgd");
        Result r = cli("train", "--activation", "relu", "--optimizer", "fmsgd", "--alpha", "1.1", "--memory-step", "2",
                "--iterations", "20", "--eval-every", "10", "--eval-size", "100", "--batch", "16",
                "--validation", "500", "--out", out.toString());
        assertEquals(0, r.code(), r.describe());
        Map<String, Object> json = json(out);
        assertEquals("fmsgd", json.get("optimizer"));
        assertEquals(1.1, json.get("alpha"));
        assertEquals(2.0, json.get("memory_step"));
        assertEquals(1e-4, json.get("epsilon"), "ε defaults to 1e-4 above α = 1");
        assertEquals(false, json.get("two_term"));
        assertEquals(0.1, json.get("learning_rate"));
        assertEquals(500.0, json.get("validation"));
        assertFraction((Double) json.get("final_validation_accuracy"), "final_validation_accuracy");
        assertTrue(r.out().contains(String.format(java.util.Locale.ROOT, "validation accuracy %.2f%% on the 500 held-out",
                100 * (Double) json.get("final_validation_accuracy"))), r.describe());
        assertFalse(json.containsKey("momentum"), "only the chosen optimizer's settings");
    }

    @Test
    void anOptionOfAnotherOptimizerIsRefused() {
        assertOneLineError(cli("train", "--alpha", "0.5", "--out", temp.resolve("never").toString()),
                "--alpha", "sgd");
        assertOneLineError(cli("train", "--optimizer", "adam", "--momentum", "0.5", "--out",
                temp.resolve("never").toString()), "--momentum", "adam");
    }

    @Test
    void benchInvalidValuesExitTwo() {
        assertOneLineError(cli("bench", "--activation", "foo"), "--activation", "foo");
        assertOneLineError(cli("bench", "--threads", "0"), "--threads", "0");
        assertOneLineError(cli("bench", "--repeats", "0"), "--repeats", "0");
        assertOneLineError(cli("bench", "--data", temp.toString()), temp.toAbsolutePath().toString());
    }

    /** Balanced slices are limited by the rarest test class (892 fives): 9,500 cannot be balanced. */
    @Test
    void evalSizeTooLargeToBalanceExitsTwo() {
        Path out = temp.resolve("never");
        assertOneLineError(cli("train", "--eval-size", "9500", "--iterations", "2", "--out", out.toString()),
                "--eval-size", "9500");
        assertFalse(Files.exists(out), "an invalid run must not create its folder");
    }

    // ---------------------------------------------------------------- damaged data

    @Test
    void missingDataFolderExitsTwo() {
        Path missing = temp.resolve("no-such-folder");
        assertOneLineError(cli("train", "--data", missing.toString(), "--out", temp.resolve("o").toString()),
                missing.toAbsolutePath().toString());
    }

    @Test
    void emptyDataFolderExitsTwoNamingTheMissingFile() {
        Result r = cli("train", "--data", temp.toString(), "--out", temp.resolve("o").toString());
        assertOneLineError(r, temp.toAbsolutePath().toString(), "train-images");
    }

    @Test
    void corruptImageFileExitsTwoNamingIt() throws IOException {
        Path data = copyOfBundledData();
        Path broken = data.resolve("train-images-idx3-ubyte.gz");
        Files.writeString(broken, "<!DOCTYPE html><html><body>Not Found</body></html>\n");
        assertOneLineError(cli("train", "--data", data.toString(), "--out", temp.resolve("o").toString()),
                broken.toAbsolutePath().toString());
    }

    @Test
    void truncatedLabelFileExitsTwoNamingIt() throws IOException {
        Path data = copyOfBundledData();
        Path broken = data.resolve("t10k-labels-idx1-ubyte.gz");
        byte[] bytes = Files.readAllBytes(broken);
        Files.write(broken, Arrays.copyOf(bytes, bytes.length / 2));
        assertOneLineError(cli("train", "--data", data.toString(), "--out", temp.resolve("o").toString()),
                broken.toAbsolutePath().toString());
    }

    /** A copy of the four bundled MNIST files, to damage one of them. */
    private Path copyOfBundledData() throws IOException {
        Path bundled = MnistDataset.defaultDirectory();
        Path data = Files.createDirectory(temp.resolve("data"));
        for (String name : List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")) {
            Files.copy(bundled.resolve(name), data.resolve(name));
        }
        return data;
    }

    // ---------------------------------------------------------------- the run folder

    @Test
    void outFolderHoldingARunIsRefusedWithoutForce() throws IOException {
        Path out = temp.resolve("existing");
        Files.createDirectories(out);
        Files.writeString(out.resolve(RunFolder.RUN), "{}\n");
        Result refused = cli("train", "--iterations", "2", "--eval-every", "1", "--eval-size", "10", "--batch", "4",
                "--out", out.toString());
        assertOneLineError(refused, out.toString(), "--force");
        assertEquals("{}\n", Files.readString(out.resolve(RunFolder.RUN)), "a refused run must not touch the folder");

        Path metricsOnly = temp.resolve("metrics-only");
        Files.createDirectories(metricsOnly);
        Files.writeString(metricsOnly.resolve(RunFolder.METRICS), "iteration\n");
        assertOneLineError(cli("train", "--iterations", "2", "--out", metricsOnly.toString()), "--force");

        Result forced = cli("train", "--iterations", "2", "--eval-every", "1", "--eval-size", "10", "--batch", "4",
                "--out", out.toString(), "--force");
        assertEquals(0, forced.code(), forced.describe());
        assertEquals("finished", json(out).get("status"));
        assertEquals(3, Files.readAllLines(out.resolve(RunFolder.METRICS)).size());
    }

    /** --out src once put a run's files into the source tree: a folder of other files is no run folder. */
    @Test
    void outFolderHoldingOtherFilesAndNoRunIsRefusedEvenWithForce() throws IOException {
        Path out = Files.createDirectories(temp.resolve("sources"));
        Files.writeString(out.resolve("Main.java"), "class Main {}\n");
        Files.createDirectory(out.resolve("sub"));
        for (boolean force : new boolean[] {false, true}) {
            String[] args = {"train", "--iterations", "2", "--out", out.toString()};
            Result r = cli(force ? with(args, "--force") : args);
            assertOneLineError(r, "--out: " + out + " already holds 2 other files or folders and no run; choose a new or empty folder");
        }
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(2, files.count(), "nothing written into it");
        }
    }

    /** --save may not be --out itself nor one of the run's files there; into a new --out it may go. */
    @Test
    void saveIsCheckedAgainstOutBeforeTraining() throws IOException {
        Path out = temp.resolve("save-vs-out");
        String[] tiny = {"train", "--iterations", "2", "--eval-every", "1", "--eval-size", "10", "--batch", "4",
                "--out", out.toString()};
        assertOneLineError(cli(with(tiny, "--save", out.toString())), "--save: " + out + " is the --out folder");
        assertOneLineError(cli(with(tiny, "--save", out.resolve(RunFolder.RUN).toString())),
                "--save: " + out.resolve(RunFolder.RUN) + " is the run's own run.json");
        assertOneLineError(cli(with(tiny, "--save", out.resolve(RunFolder.METRICS).toString())), "metrics.csv");
        assertFalse(Files.exists(out), "refused before anything is written");

        Result into = cli(with(tiny, "--save", out.resolve("copy.lenet").toString()));
        assertEquals(0, into.code(), "--save into the folder --out makes: " + into.describe());
        assertTrue(Files.isRegularFile(out.resolve("copy.lenet")));
        assertTrue(Files.isRegularFile(out.resolve(RunFolder.MODEL)));

        assertOneLineError(cli("train", "--iterations", "2", "--out", ""), "--out: the folder name is empty");
    }

    /** A folder holding only a run's model is a run: replaced only with --force. */
    @Test
    void aFolderHoldingOnlyAModelIsNotReplacedWithoutForce() throws IOException {
        Path out = Files.createDirectories(temp.resolve("only-model"));
        Files.write(out.resolve(RunFolder.MODEL), new byte[] {1, 2, 3});
        assertOneLineError(cli("train", "--iterations", "2", "--out", out.toString()), "already holds a run", "--force");
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(out.resolve(RunFolder.MODEL)));
    }

    /** The workbench's folders and a folder a run left (with its temporary files) still count as runs' own. */
    @Test
    void aRunFolderWithItsOwnFilesOnlyIsReplacedWithForce() throws IOException {
        Path out = Files.createDirectories(temp.resolve("crashed"));
        Files.writeString(out.resolve(RunFolder.RUN), "{}\n");
        Files.writeString(out.resolve(RunFolder.RUN + ".tmp"), "{");
        Files.writeString(out.resolve("." + RunFolder.MODEL + ".1f.tmp"), "");
        Result forced = cli("train", "--iterations", "2", "--eval-every", "1", "--eval-size", "10", "--batch", "4",
                "--out", out.toString(), "--force");
        assertEquals(0, forced.code(), forced.describe());
    }

    @Test
    void anUnwritableOutSaysWhyAndWhatToDo() {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux's /proc");
        Path out = Path.of("/proc/lenetlab-no-such-run");
        Result r = cli("train", "--iterations", "2", "--out", out.toString());
        // as root, /proc refuses the new name; as anyone else, permission is denied
        assertOneLineError(r, "--out: cannot write in " + out + ": ", "; choose a folder you can write to");
        assertTrue(r.err().contains("does not accept new files") || r.err().contains("permission denied"), r.describe());
    }

    @Test
    void activationAndPoolingErrorsHaveOneStyle() {
        assertOneLineError(cli("train", "--activation", "foo"), "--activation: unknown 'foo'; choose one of sigmoid, relu, mish");
        assertOneLineError(cli("train", "--pooling", "median"), "--pooling: unknown 'median'; choose one of max, avg");
        assertOneLineError(cli("bench", "--activation", "foo"), "--activation: unknown 'foo'; choose one of sigmoid");
    }

    @Test
    void theStartLineSaysThreadInTheSingularForOne() {
        assertTrue(resultA.out().contains(", 1 thread ("), resultA.describe());
    }

    @Test
    void evaluateDataThatIsAFileSaysSo() throws IOException {
        Path file = Files.writeString(temp.resolve("t10k-images-idx3-ubyte"), "x");
        assertOneLineError(cli("evaluate", "--data", file.toString()), file + " is a file, not a folder");
    }

    @Test
    void outFileThatIsNotAFolderIsRefused() throws IOException {
        Path file = Files.writeString(temp.resolve("plain-file"), "x");
        assertOneLineError(cli("train", "--iterations", "2", "--out", file.toString()), file.toString());
    }

    @Test
    void missingOutFolderIsCreatedWithItsParents() {
        // run A's --out did not exist beforehand
        assertTrue(Files.isDirectory(runA));
        assertTrue(resultA.out().contains(runA.toString()), resultA.describe());
    }

    @Test
    void shortRunWritesTheThreeFiles() throws IOException {
        List<String> metrics = Files.readAllLines(runA.resolve(RunFolder.METRICS));
        assertEquals(HEADER, metrics.get(0));
        List<double[]> rows = rows(runA);
        assertEquals(List.of(10, 20, 25), rows.stream().map(r -> (int) r[0]).toList(),
                "a row every 10 iterations and one at the last (no row at iteration 0)");
        for (double[] row : rows) {
            for (double v : row) {
                assertTrue(Double.isFinite(v), Arrays.toString(row));
            }
            assertTrue(row[1] > 0, "train loss");
            assertFraction(row[2], "train_accuracy");
            assertTrue(row[3] > 0, "test loss");
            assertFraction(row[4], "test_accuracy");
            assertTrue(row[5] >= 0, "elapsed_seconds");
            // the evaluation slice has 100 images, so its accuracy is a whole number of hundredths
            assertWhole(row[4] * 100, "test accuracy on 100 images");
        }
        // train figures are averages over the interval since the previous row: 10, 10, then 5 iterations of 16
        assertWhole(rows.get(0)[2] * 160, "train accuracy over iterations 1-10");
        assertWhole(rows.get(1)[2] * 160, "train accuracy over iterations 11-20");
        assertWhole(rows.get(2)[2] * 80, "train accuracy over iterations 21-25");
        assertTrue(rows.get(0)[5] <= rows.get(1)[5] && rows.get(1)[5] <= rows.get(2)[5], "elapsed is monotonic");

        Map<String, Object> json = json(runA);
        for (String key : CONFIG_KEYS) {
            assertTrue(json.containsKey(key), "run.json lacks " + key + ": " + json);
        }
        assertEquals("relu", json.get("activation"));
        assertEquals("max", json.get("pooling"));
        assertEquals("sgd", json.get("optimizer"));
        assertEquals(0.1, json.get("learning_rate"));
        assertEquals(0.0, json.get("weight_decay"));
        assertEquals(16.0, json.get("batch_size"));
        assertEquals(25.0, json.get("iterations"));
        assertEquals(10.0, json.get("eval_every"));
        assertEquals(100.0, json.get("eval_size"));
        assertEquals(7.0, json.get("seed"));
        assertEquals(1.0, json.get("threads"));
        assertEquals("finished", json.get("status"));
        double accuracy = (Double) json.get("final_test_accuracy");
        assertFraction(accuracy, "final_test_accuracy");
        assertWhole(accuracy * 10_000, "final accuracy on all 10,000 test images");

        List<String> confusion = Files.readAllLines(runA.resolve(RunFolder.CONFUSION));
        assertEquals(11, confusion.size(), String.join("\n", confusion));
        String[] header = confusion.get(0).split(",", -1);
        assertEquals(11, header.length);
        for (int p = 0; p < 10; p++) {
            assertEquals(String.valueOf(p), header[p + 1]);
        }
        long total = 0;
        long diagonal = 0;
        for (int t = 0; t < 10; t++) {
            String[] cells = confusion.get(t + 1).split(",", -1);
            assertEquals(11, cells.length, confusion.get(t + 1));
            assertEquals(String.valueOf(t), cells[0]);
            for (int p = 0; p < 10; p++) {
                int count = Integer.parseInt(cells[p + 1]);
                assertTrue(count >= 0);
                total += count;
                if (p == t) {
                    diagonal += count;
                }
            }
        }
        assertEquals(10_000, total, "confusion.csv counts all 10,000 test images");
        assertEquals(accuracy, diagonal / 10_000.0, 1e-12, "final_test_accuracy agrees with confusion.csv");

        assertTrue(resultA.out().lines().anyMatch(l -> l.matches("iter +10/25 .*loss.*acc.*img/s.*ETA.*")),
                "progress line with iteration, loss, accuracy, images/s and ETA:\n" + resultA.out());
        assertEquals("", resultA.err(), resultA.describe());
    }

    @Test
    void identicalRunsGiveIdenticalFilesApartFromTimes() throws IOException {
        // run B was made in a German default locale: numbers must not change with it
        assertEquals(withoutElapsed(runA), withoutElapsed(runB));
        assertEquals(Files.readString(runA.resolve(RunFolder.CONFUSION)),
                Files.readString(runB.resolve(RunFolder.CONFUSION)));
        assertEquals(withoutTimes(json(runA)), withoutTimes(json(runB)));
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() throws IOException {
        assertEquals(withoutElapsed(runA), withoutElapsed(runC));
        assertEquals(Files.readString(runA.resolve(RunFolder.CONFUSION)),
                Files.readString(runC.resolve(RunFolder.CONFUSION)));
        Map<String, Object> a = withoutTimes(json(runA));
        Map<String, Object> c = withoutTimes(json(runC));
        assertEquals(1.0, a.remove("threads"));
        assertEquals(2.0, c.remove("threads"));
        assertEquals(a, c);
    }

    // ---------------------------------------------------------------- divergence

    @Test
    void divergedRunExitsThreeAndKeepsItsMetrics() throws IOException {
        Path out = temp.resolve("diverged");
        Result r = cli("train", "--activation", "relu", "--lr", "1e6", "--iterations", "30", "--eval-every", "1",
                "--eval-size", "100", "--batch", "16", "--seed", "7", "--out", out.toString());
        assertEquals(3, r.code(), r.describe());
        assertTrue(r.err().contains("diverged"), r.describe());
        assertFalse(r.err().contains("\tat "), r.describe());

        Map<String, Object> json = json(out);
        assertEquals("diverged", json.get("status"));
        assertNull(json, "final_test_accuracy");
        Object at = json.get("diverged_at_iteration");
        assertNotNull(at, json.toString());
        int divergedAt = ((Double) at).intValue();
        assertTrue(divergedAt >= 1 && divergedAt < 30, "stopped early: " + divergedAt);
        for (String key : CONFIG_KEYS) {
            assertTrue(json.containsKey(key), "run.json lacks " + key);
        }

        String metrics = Files.readString(out.resolve(RunFolder.METRICS));
        assertTrue(metrics.startsWith(HEADER + "\n"), metrics);
        assertFalse(metrics.contains("NaN") || metrics.contains("Infinity"), metrics);
        List<double[]> rows = rows(out);
        assertFalse(rows.isEmpty(), "the rows written before the divergence are kept:\n" + metrics);
        int previous = 0;
        for (double[] row : rows) {
            assertEquals(previous + 1, (int) row[0], "a row at every iteration until the divergence");
            previous = (int) row[0];
            assertTrue(row[0] <= divergedAt, "no row after the divergence");
            for (double v : row) {
                assertTrue(Double.isFinite(v), metrics);
            }
            assertFraction(row[2], "train_accuracy");
            assertFraction(row[4], "test_accuracy");
        }
        assertFalse(Files.exists(out.resolve(RunFolder.CONFUSION)), "no confusion matrix from a diverged model");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e9", "1e12"})
    void hugeLearningRatesDivergeWithinOneIteration(String lr) throws IOException {
        Path out = temp.resolve("diverged-" + lr);
        Result r = cli("train", "--activation", "relu", "--lr", lr, "--iterations", "20", "--eval-every", "10",
                "--eval-size", "10", "--batch", "16", "--out", out.toString());
        assertEquals(3, r.code(), r.describe());
        Map<String, Object> json = json(out);
        assertEquals("diverged", json.get("status"));
        assertNull(json, "final_test_accuracy");
        int divergedAt = ((Double) json.get("diverged_at_iteration")).intValue();
        assertTrue(divergedAt <= 10, "no evaluation happened before the divergence, so it was seen in training");
        assertEquals(List.of(HEADER), Files.readAllLines(out.resolve(RunFolder.METRICS)));
    }

    // ---------------------------------------------------------------- bench

    @Test
    void benchCsvPrintsOneRowPerMeasurement() {
        Result r = cli("bench", "--csv", "--repeats", "1", "--threads", "1");
        assertEquals(0, r.code(), r.describe());
        List<String> lines = r.out().lines().toList();
        assertEquals(6, lines.size(), r.describe());
        assertEquals("activation,mode,batch,threads,images_per_second", lines.get(0));
        List<String> expected = List.of("relu,train,1,1,", "relu,train,16,1,", "relu,train,64,1,",
                "relu,train,256,1,", "relu,infer,1000,1,");
        for (int i = 0; i < expected.size(); i++) {
            String line = lines.get(i + 1);
            assertTrue(line.startsWith(expected.get(i)), line);
            String[] cells = line.split(",", -1);
            assertEquals(5, cells.length, line);
            double rate = Double.parseDouble(cells[4]);
            assertTrue(rate > 0 && Double.isFinite(rate), line);
        }
    }

    // ---------------------------------------------------------------- helpers

    /** Exit 2 and exactly one line on stderr, no stack trace, naming every one of {@code mentions}. */
    static void assertOneLineError(Result r, String... mentions) {
        assertEquals(2, r.code(), r.describe());
        String err = r.err().strip();
        assertFalse(err.isEmpty(), r.describe());
        assertEquals(1, err.lines().count(), "one line:\n" + r.describe());
        assertFalse(err.contains("\tat ") || err.contains("Exception"), "no stack trace:\n" + r.describe());
        for (String mention : mentions) {
            assertTrue(err.contains(mention), "the error should name '" + mention + "':\n" + r.describe());
        }
    }

    private static void assertFraction(double v, String what) {
        assertTrue(v >= 0 && v <= 1, what + " is a fraction 0..1: " + v);
    }

    private static void assertWhole(double v, String what) {
        assertEquals(Math.rint(v), v, 1e-9, what + " should be a whole count: " + v);
    }

    private static void assertNull(Map<String, Object> json, String key) {
        assertTrue(json.containsKey(key), key + " missing");
        assertEquals(null, json.get(key), key);
    }

    private static List<double[]> rows(Path run) throws IOException {
        List<String> lines = Files.readAllLines(run.resolve(RunFolder.METRICS));
        List<double[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            assertEquals(6, cells.length, line);
            rows.add(Arrays.stream(cells).mapToDouble(Double::parseDouble).toArray());
        }
        return rows;
    }

    /** metrics.csv without its last column. */
    private static List<String> withoutElapsed(Path run) throws IOException {
        return Files.readAllLines(run.resolve(RunFolder.METRICS)).stream()
                .map(l -> l.substring(0, l.lastIndexOf(',')))
                .toList();
    }

    private static Map<String, Object> withoutTimes(Map<String, Object> json) {
        Map<String, Object> copy = new TreeMap<>(json);
        copy.keySet().removeAll(TIME_KEYS);
        return copy;
    }

    private static final Pattern MEMBER = Pattern.compile(
            "^\\s*\"([^\"]+)\":\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|null|true|false|-?[0-9][0-9.eE+-]*)\\s*,?\\s*$");

    /** The flat run.json: strings, numbers (as Double), booleans and null. */
    static Map<String, Object> json(Path run) throws IOException {
        List<String> lines = Files.readAllLines(run.resolve(RunFolder.RUN));
        assertEquals("{", lines.get(0));
        assertEquals("}", lines.get(lines.size() - 1));
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size() - 1)) {
            Matcher m = MEMBER.matcher(line);
            if (!m.matches()) {
                fail("unexpected run.json line: " + line);
            }
            String v = m.group(2);
            Object value;
            if (v.equals("null")) {
                value = null;
            } else if (v.equals("true") || v.equals("false")) {
                value = Boolean.valueOf(v);
            } else if (v.startsWith("\"")) {
                value = v.substring(1, v.length() - 1).replace("\\\\", "\\").replace("\\\"", "\"");
            } else {
                value = Double.parseDouble(v);
            }
            map.put(m.group(1), value);
        }
        return map;
    }
}
