package dev.lenetlab.experiment.cli;

import dev.lenetlab.engine.OptimizerKind;
import dev.lenetlab.engine.OptimizerSpec;
import dev.lenetlab.experiment.Checkpoint;
import dev.lenetlab.experiment.RunFolder;
import dev.lenetlab.experiment.RunStatus;
import dev.lenetlab.experiment.model.ModelFile;
import dev.lenetlab.experiment.data.MnistDataset;
import dev.lenetlab.experiment.model.ModelFileException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

import static dev.lenetlab.experiment.cli.CliTest.cli;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** train --save / --resume, predict and evaluate, through {@link Cli#run}. */
class ModelCommandsTest {
    private static final String[] SHORT = {"train", "--activation", "relu", "--eval-every", "10", "--eval-size",
            "100", "--batch", "16", "--seed", "3", "--threads", "2"};

    @TempDir
    Path dir;

    private String[] shortRun(int iterations, String... more) {
        String[] base = CliTest.with(SHORT, "--iterations", Integer.toString(iterations));
        return CliTest.with(base, more);
    }

    @Test
    void aRunSavedAndResumedWritesTheMetricsOfAnUninterruptedOne() throws Exception {
        Path model = dir.resolve("m.lenet");
        CliTest.Result first = cli(shortRun(30, "--out", dir.resolve("a").toString(), "--save", model.toString()));
        assertEquals(0, first.code(), first.describe());
        assertTrue(first.out().contains("model saved: " + model), first.describe());
        CliTest.Result resumed = cli("train", "--resume", model.toString(), "--iterations", "50", "--threads", "1",
                "--out", dir.resolve("b").toString(), "--save", dir.resolve("b.lenet").toString());
        assertEquals(0, resumed.code(), resumed.describe());
        assertTrue(resumed.out().contains("resuming at iteration 30 of 50"), resumed.describe());
        CliTest.Result whole = cli(shortRun(50, "--out", dir.resolve("c").toString(), "--save",
                dir.resolve("c.lenet").toString()));
        assertEquals(0, whole.code(), whole.describe());
        assertEquals(withoutTimes(dir.resolve("c")), withoutTimes(dir.resolve("b")));
        assertArrayEquals(ModelFile.read(dir.resolve("c.lenet")).parameters(),
                ModelFile.read(dir.resolve("b.lenet")).parameters());
    }

    private static List<String> withoutTimes(Path run) throws Exception {
        return Files.readAllLines(run.resolve(RunFolder.METRICS)).stream()
                .map(l -> l.substring(0, l.lastIndexOf(','))).toList();
    }

    /**
     * A resumed run's speed is this process's: the saved iterations took none of its time. With 30
     * of 40 iterations saved, counting them made the progress line's rate four times too high.
     */
    @Test
    void aResumedRunReportsTheThroughputOfThisSessionOnly() throws Exception {
        Path model = dir.resolve("m.lenet");
        assertEquals(0, cli(shortRun(30, "--out", dir.resolve("a").toString(), "--save", model.toString())).code());
        CliTest.Result r = cli("train", "--resume", model.toString(), "--iterations", "40", "--threads", "2",
                "--out", dir.resolve("b").toString());
        assertEquals(0, r.code(), r.describe());
        Matcher progress = Pattern.compile("iter +40/40 .* ([0-9,]+) img/s").matcher(r.out());
        Matcher finished = Pattern.compile("s wall, ([0-9,]+) images/s in this session \\([0-9.]+ s training in all, "
                + "including [0-9.]+ s before the resume\\)").matcher(r.out());
        assertTrue(progress.find() && finished.find(), r.describe());
        double lineRate = Double.parseDouble(progress.group(1).replace(",", ""));
        double sessionRate = Double.parseDouble(finished.group(1).replace(",", ""));
        // the line's time also holds an evaluation, so it can only be slower than training alone
        assertTrue(lineRate < 2 * sessionRate, lineRate + " img/s on the line, " + sessionRate + " in the session");
    }

    @Test
    void resumingAModelWhoseDataFolderIsGoneSaysWhichFolderItUsesInstead() throws Exception {
        Path model = dir.resolve("m.lenet");
        assertEquals(0, cli(shortRun(10, "--out", dir.resolve("a").toString(), "--save", model.toString())).code());
        Checkpoint saved = ModelFile.read(model);
        Path gone = dir.resolve("gone-data");
        Checkpoint moved = new Checkpoint(saved.config().withDataDirectory(gone), saved.parameters(),
                saved.optimizerState(), saved.iterationsDone(), saved.batchesDrawn(), saved.interval(),
                saved.trainingSeconds(), saved.wallSeconds(), saved.history(), saved.status(),
                saved.finalTestAccuracy(), saved.validationAccuracy());
        Path file = dir.resolve("moved.lenet");
        ModelFile.write(moved, file);
        CliTest.Result r = cli("train", "--resume", file.toString(), "--iterations", "12", "--out",
                dir.resolve("b").toString());
        assertEquals(0, r.code(), r.describe());
        assertEquals(List.of("note: the saved run's data folder " + gone + " does not exist; using "
                + MnistDataset.defaultDirectory() + " instead (give --data DIR to choose another)"),
                r.err().lines().toList(), r.describe());
    }

    @Test
    void resumingRefusesOptionsThatWouldMakeAnotherRun() throws Exception {
        Path model = dir.resolve("m.lenet");
        assertEquals(0, cli(shortRun(10, "--out", dir.resolve("a").toString(), "--save", model.toString())).code());
        CliTest.Result r = cli("train", "--resume", model.toString(), "--lr", "0.5", "--out", dir.resolve("x").toString());
        assertEquals(Cli.INVALID_INPUT, r.code(), r.describe());
        assertTrue(r.err().contains("--lr cannot be given with --resume"), r.describe());
        r = cli("train", "--resume", model.toString(), "--out", dir.resolve("y").toString());
        assertEquals(Cli.INVALID_INPUT, r.code(), r.describe());
        // the user typed no 10: the message must not quote one back as theirs
        assertTrue(r.err().contains("--resume needs --iterations N, the total to reach (more than 10 already done)"),
                r.describe());
        r = cli("train", "--resume", model.toString(), "--iterations", "10", "--out", dir.resolve("z").toString());
        assertTrue(r.err().contains("--iterations: 10 is not more than the 10 iterations already done"), r.describe());
    }

    @Test
    void aBrokenModelFileIsRefusedWithItsName() throws Exception {
        Path empty = Files.write(dir.resolve("empty.lenet"), new byte[0]);
        CliTest.Result r = cli("train", "--resume", empty.toString(), "--iterations", "20");
        assertEquals(Cli.INVALID_INPUT, r.code(), r.describe());
        assertTrue(r.err().contains("empty.lenet is empty (0 bytes)"), r.describe());
        r = cli("predict", "--model", empty.toString(), "x.png");
        assertEquals(Cli.INVALID_INPUT, r.code(), r.describe());
        assertTrue(r.err().startsWith("error: --model: "), r.describe());
        r = cli("evaluate", "--model", dir.resolve("missing.lenet").toString());
        assertEquals(Cli.INVALID_INPUT, r.code(), r.describe());
        assertTrue(r.err().contains("missing.lenet does not exist"), r.describe());
    }

    @Test
    void resumingAModelWhoseOptimizerStateIsAnotherOptimizersExitsTwoAndLeavesNoFolder() throws Exception {
        Path sgd = dir.resolve("sgd.lenet");
        assertEquals(0, cli(shortRun(10, "--out", dir.resolve("a").toString(), "--save", sgd.toString())).code());
        Checkpoint saved = ModelFile.read(sgd);
        // well-formed, checksum and all: only the configuration's optimizer and the state disagree
        Checkpoint mixed = new Checkpoint(saved.config().withOptimizer(OptimizerSpec.defaults(OptimizerKind.MOMENTUM)),
                saved.parameters(), saved.optimizerState(), saved.iterationsDone(), saved.batchesDrawn(),
                saved.interval(), saved.trainingSeconds(), saved.wallSeconds(), saved.history(), saved.status(),
                saved.finalTestAccuracy(), saved.validationAccuracy());
        Path file = dir.resolve("mixed.lenet");
        ModelFile.write(mixed, file);
        Path out = dir.resolve("resumed");
        CliTest.Result r = cli("train", "--resume", file.toString(), "--iterations", "20", "--out", out.toString());
        assertEquals(Cli.INVALID_INPUT, r.code(), r.describe());
        assertEquals(1, r.err().lines().count(), "one line: " + r.describe());
        assertTrue(r.err().startsWith("error: --resume: ") && r.err().contains("mixed.lenet")
                && r.err().contains("optimizer state"), r.describe());
        assertFalse(Files.exists(out), "no run folder for a run that cannot start");
    }

    @Test
    void everyTrainRunLeavesItsModelInItsFolderAndSaveWritesTheSameModel() throws Exception {
        Path out = dir.resolve("a");
        CliTest.Result r = cli(shortRun(20, "--out", out.toString()));
        assertEquals(0, r.code(), r.describe());
        Path inFolder = out.resolve(RunFolder.MODEL);
        assertEquals(20, ModelFile.read(inFolder).iterationsDone(), "without --save too");

        Path b = dir.resolve("b");
        Path saved = dir.resolve("saved.lenet");
        r = cli(shortRun(20, "--out", b.toString(), "--save", saved.toString()));
        assertEquals(0, r.code(), r.describe());
        assertArrayEquals(Files.readAllBytes(saved), Files.readAllBytes(b.resolve(RunFolder.MODEL)));
        try (var files = Files.list(b)) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList(),
                    "written as --save writes: through a temporary file, moved into place");
        }

        // a run that replaces it and diverges leaves no model: the old one would pass for its
        r = cli(shortRun(20, "--out", b.toString(), "--force", "--lr", "1e6"));
        assertEquals(Cli.DIVERGED, r.code(), r.describe());
        assertFalse(Files.exists(b.resolve(RunFolder.MODEL)), "the replaced run's model is gone");
    }

    @Test
    void evaluateSaysHowManyIterationsTheModelHasDone() throws Exception {
        Path model = dir.resolve("m.lenet");
        assertEquals(0, cli(shortRun(20, "--out", dir.resolve("a").toString(), "--save", model.toString())).code());
        Checkpoint saved = ModelFile.read(model);
        // as a run stopped at iteration 20 of 1,000 leaves it
        Checkpoint stopped = new Checkpoint(saved.config().withIterations(1_000), saved.parameters(),
                saved.optimizerState(), saved.iterationsDone(), saved.batchesDrawn(), saved.interval(),
                saved.trainingSeconds(), saved.wallSeconds(), saved.history(), RunStatus.CANCELLED, null, null);
        Path file = dir.resolve("stopped.lenet");
        ModelFile.write(stopped, file);
        CliTest.Result r = cli("evaluate", "--model", file.toString(), "--threads", "2");
        assertEquals(0, r.code(), r.describe());
        String first = r.out().lines().findFirst().orElse("");
        assertTrue(first.contains("20 of 1000 iterations)"), first);
        r = cli("evaluate", "--model", model.toString(), "--threads", "2");
        assertTrue(r.out().lines().findFirst().orElse("").contains(", 20 iterations)"), r.describe());
    }

    @Test
    void anUnwritableSavePathIsRefusedBeforeTraining() throws Exception {
        Path blocked = Files.writeString(dir.resolve("file"), "not a folder");
        CliTest.Result r = cli(shortRun(10, "--out", dir.resolve("a").toString(), "--save",
                blocked.resolve("m.lenet").toString()));
        assertEquals(Cli.INVALID_INPUT, r.code(), r.describe());
        assertTrue(r.err().contains("--save: cannot write"), r.describe());
        assertFalse(Files.exists(dir.resolve("a")), "no training happened");
    }

    /** /proc takes no new files, though the file system calls it writable (and root may write anywhere). */
    @Test
    void aSavePathInAFolderThatTakesNoFilesIsRefusedBeforeTraining() {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux's /proc");
        CliTest.Result r = cli(shortRun(10, "--out", dir.resolve("a").toString(), "--save", "/proc/m.lenet"));
        CliTest.assertOneLineError(r, "--save: cannot write /proc/m.lenet: ", "; choose a folder you can write to");
        assertFalse(r.err().contains("no such file"), r.describe());
        assertFalse(Files.exists(dir.resolve("a")), "no training happened");
    }

    @Test
    void aSaveThatFailsAtTheEndSaysWhereTheRunsModelIs() {
        ModelFileException e = new ModelFileException("cannot write the model file /tmp/x: permission denied; "
                + "choose a folder you can write to (any model already there is unchanged)");
        assertEquals("error: --save: " + e.getMessage() + "; the run's model is still in runs/a/model.lenet, copy it "
                + "from there", TrainCommand.saveFailure(e, Path.of("runs/a/model.lenet")));
        assertEquals("error: --save: " + e.getMessage(), TrainCommand.saveFailure(e, null));
    }

    /**
     * A picture too large to decode is refused from its header: a 30,000×30,000 PNG ran the JVM
     * out of memory, and the pictures after it went unclassified. The others still get their rows.
     */
    @Test
    void predictRefusesHugePicturesFolderAndEmptyFilesAndClassifiesTheOthers() throws Exception {
        Path huge = Files.write(dir.resolve("huge.png"), pngHeader(30_000, 30_000));
        Path empty = Files.write(dir.resolve("empty.png"), new byte[0]);
        Path folder = Files.createDirectory(dir.resolve("pictures"));
        Path good = picture(dir.resolve("one.png"), 200, 200, false);
        CliTest.Result r = cli("predict", huge.toString(), folder.toString(), empty.toString(), good.toString());
        assertEquals(Cli.INVALID_INPUT, r.code(), r.describe());
        List<String> errors = r.err().lines().toList();
        assertEquals(List.of("error: " + huge + ": 30000×30000 pixels (900.00 megapixels) is too large; scale it down to "
                        + "at most 40 megapixels",
                "error: " + folder + ": is a folder, not a picture; give picture files (PNG, JPEG, GIF or BMP)",
                "error: " + empty + ": is empty (0 bytes), not a picture; save or copy the picture again"),
                errors, r.describe());
        assertTrue(r.out().contains(good + ",1,"), "the good picture is still classified: " + r.describe());

        Path dangling = Files.createSymbolicLink(dir.resolve("dangling.png"), dir.resolve("gone.png"));
        Path socket = dir.resolve("socket.png");
        try (var listening = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            listening.bind(java.net.UnixDomainSocketAddress.of(socket)); // a file that exists and is no regular file
            CliTest.Result odd = cli("predict", socket.toString(), dangling.toString(), good.toString());
            assertEquals(List.of("error: " + socket + ": is not a regular file (a pipe, device or socket); give picture files",
                    "error: " + dangling + ": is a symbolic link to nothing (its target is missing, or the links form a "
                            + "loop); give the picture itself"), odd.err().lines().toList(), odd.describe());
            assertTrue(odd.out().contains(good + ",1,"), odd.describe());
        }
    }

    /** A PNG's signature and header chunk only: its size is declared, no pixel follows. */
    private static byte[] pngHeader(int width, int height) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        ByteArrayOutputStream chunk = new ByteArrayOutputStream();
        DataOutputStream c = new DataOutputStream(chunk);
        c.writeBytes("IHDR");
        c.writeInt(width);
        c.writeInt(height);
        c.write(new byte[] {8, 0, 0, 0, 0}); // 8-bit greyscale, no interlace
        CRC32 crc = new CRC32();
        crc.update(chunk.toByteArray());
        out.writeInt(13);
        out.write(chunk.toByteArray());
        out.writeInt((int) crc.getValue());
        return bytes.toByteArray();
    }

    /** evaluate needs only the test split. */
    @Test
    void evaluateReadsAFolderHoldingOnlyTheTestFiles() throws Exception {
        Path data = Files.createDirectory(dir.resolve("t10k-only"));
        for (String name : List.of("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")) {
            Files.copy(MnistDataset.defaultDirectory().resolve(name), data.resolve(name));
        }
        CliTest.Result r = cli("evaluate", "--data", data.toString(), "--threads", "2");
        assertEquals(0, r.code(), r.describe());
        assertTrue(r.out().contains("of 10,000 test images"), r.describe());
    }

    /** Pictures of any size and either polarity; one CSV row each, from the bundled model. */
    @Test
    void predictReadsPicturesOfEitherPolarityWithTheBundledModel() throws Exception {
        Path darkOnLight = picture(dir.resolve("one-dark.png"), 300, 200, false);
        Path lightOnDark = picture(dir.resolve("one-light.png"), 120, 160, true);
        Path blank = dir.resolve("blank.png");
        BufferedImage white = new BufferedImage(50, 50, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = white.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 50, 50);
        g.dispose();
        ImageIO.write(white, "png", blank.toFile());
        Path notAPicture = Files.writeString(dir.resolve("notes.png"), "hello");

        CliTest.Result r = cli("predict", darkOnLight.toString(), lightOnDark.toString());
        assertEquals(0, r.code(), r.describe());
        List<String> lines = r.out().lines().toList();
        assertEquals("file,prediction,probability", lines.get(0));
        assertEquals(3, lines.size(), r.describe());
        for (String line : lines.subList(1, 3)) {
            String[] cells = line.split(",");
            assertEquals("1", cells[1], line);
            double p = Double.parseDouble(cells[2]);
            assertTrue(p > 0.5 && p <= 1, line);
        }
        r = cli("predict", blank.toString(), notAPicture.toString(), darkOnLight.toString());
        assertEquals(Cli.INVALID_INPUT, r.code(), r.describe());
        assertTrue(r.err().contains("blank.png: no ink found"), r.describe());
        assertTrue(r.err().contains("notes.png: not a picture"), r.describe());
        assertTrue(r.out().contains(darkOnLight + ",1,"), "the good picture is still classified: " + r.describe());
    }

    @Test
    void evaluatePrintsTheAccuracyAndTheConfusionMatrixOfTheBundledModel() {
        CliTest.Result r = cli("evaluate");
        assertEquals(0, r.code(), r.describe());
        assertTrue(r.out().contains("test accuracy: 98."), r.describe());
        assertTrue(r.out().contains("of 10,000 test images"), r.describe());
        assertTrue(r.out().contains("true\\pred"), r.describe());
        assertEquals(13, r.out().lines().filter(l -> !l.isBlank()).count() - 2 + 1, r.describe());
    }

    /** A "1": one slanted stroke, anti-aliased, on a picture of the given size. */
    private static Path picture(Path file, int width, int height, boolean lightOnDark) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(lightOnDark ? Color.BLACK : Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(lightOnDark ? Color.WHITE : new Color(30, 30, 60));
        g.setStroke(new BasicStroke(Math.max(4, height / 14f), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.drawLine(width / 2 + height / 12, height / 6, width / 2 - height / 12, height * 5 / 6);
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
        return file;
    }
}
