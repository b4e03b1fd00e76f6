package dev.lenetlab.experiment.cli;

import dev.lenetlab.engine.OptimizerKind;
import dev.lenetlab.engine.OptimizerSpec;
import dev.lenetlab.experiment.Checkpoint;
import dev.lenetlab.experiment.RunFolder;
import dev.lenetlab.experiment.RunStatus;
import dev.lenetlab.experiment.model.ModelFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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

    @Test
    void resumingRefusesOptionsThatWouldMakeAnotherRun() throws Exception {
        Path model = dir.resolve("m.lenet");
        assertEquals(0, cli(shortRun(10, "--out", dir.resolve("a").toString(), "--save", model.toString())).code());
        CliTest.Result r = cli("train", "--resume", model.toString(), "--lr", "0.5", "--out", dir.resolve("x").toString());
        assertEquals(Cli.INVALID_INPUT, r.code(), r.describe());
        assertTrue(r.err().contains("--lr cannot be given with --resume"), r.describe());
        r = cli("train", "--resume", model.toString(), "--out", dir.resolve("y").toString());
        assertEquals(Cli.INVALID_INPUT, r.code(), r.describe());
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
