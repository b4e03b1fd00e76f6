package dev.lenetlab.experiment.profile;

import dev.lenetlab.engine.OptimizerSpec;
import dev.lenetlab.experiment.cli.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The classic-function study end to end through the command line, and its resumption. */
class FunctionStudyTest {

    private static String[] run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[] {Integer.toString(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void defaultStudyWritesCostsProfilesAndPlotsAndResumes(@TempDir Path dir) throws Exception {
        String[] first = run("profile", "--problems", "functions", "--out", dir.toString());
        assertEquals("0", first[0], first[2]);
        List<String> costs = Files.readAllLines(dir.resolve(ProfileStudy.COSTS));
        assertEquals(ProfileStudy.COSTS_HEADER, costs.get(0));
        assertEquals(1 + 6 * 3 * 3, costs.size(), "6 functions × 3 starts × 3 solvers");
        for (String row : costs.subList(1, costs.size())) {
            String[] f = row.split(",");
            assertTrue(Long.parseLong(f[2]) > 0 && Double.parseDouble(f[3]) > 0, "costs are positive: " + row);
        }
        List<String> profile = Files.readAllLines(dir.resolve(ProfileStudy.PROFILE));
        assertEquals("measure,tau,log2_tau,sgd lr=0.5,fmsgd alpha=0.9 lr=0.5,fmsgd alpha=1.1 lr=0.5", profile.get(0));
        assertTrue(profile.get(1).startsWith("iterations,1.0,0.0,"));
        assertTrue(profile.stream().anyMatch(l -> l.startsWith("cpu_seconds,1.0,0.0,")));
        for (String plot : new String[] {ProfileStudy.NIT_PLOT, ProfileStudy.CPU_PLOT}) {
            BufferedImage image = ImageIO.read(dir.resolve(plot).toFile());
            assertEquals(1000, image.getWidth());
            assertEquals(650, image.getHeight());
        }
        assertTrue(first[1].contains("solved"), first[1]);

        String[] again = run("profile", "--problems", "functions", "--out", dir.toString());
        assertEquals("0", again[0], again[2]);
        assertTrue(again[1].contains("resuming: 18 of 18 problems"), again[1]);
        assertEquals(costs, Files.readAllLines(dir.resolve(ProfileStudy.COSTS)), "nothing is run twice");
    }

    @Test
    void aStudyCutShortRunsOnlyWhatIsMissing(@TempDir Path dir) throws Exception {
        run("profile", "--problems", "functions", "--out", dir.toString(), "--seeds", "1");
        List<String> lines = Files.readAllLines(dir.resolve(ProfileStudy.COSTS));
        // drop the last problem's rows and leave half a row, as a killed study would
        String last = lines.get(lines.size() - 1).split(",")[0];
        Files.write(dir.resolve(ProfileStudy.COSTS), lines.subList(0, lines.size() - 3));
        Files.writeString(dir.resolve(ProfileStudy.COSTS), last + ",sgd lr=0.5,12", java.nio.file.StandardOpenOption.APPEND);
        String[] resumed = run("profile", "--problems", "functions", "--out", dir.toString(), "--seeds", "1");
        assertEquals("0", resumed[0], resumed[2]);
        assertTrue(resumed[1].contains("resuming: 5 of 6 problems"), resumed[1]);
        List<String> after = Files.readAllLines(dir.resolve(ProfileStudy.COSTS));
        assertEquals(3, after.stream().filter(l -> l.startsWith(last + ",") && l.split(",").length == 5).count(),
                "the interrupted problem ran again, on lines of its own");
    }

    @Test
    void invalidSolversAndTargetsAreRejectedWithTheOptionName(@TempDir Path dir) {
        String[] bad = run("profile", "--problems", "functions", "--out", dir.toString(), "--solvers", "fmsgd:alpha=2.5");
        assertEquals("2", bad[0]);
        assertTrue(bad[2].contains("--alpha: 2.5 is not valid"), bad[2]);
        String[] adam = run("profile", "--problems", "functions", "--out", dir.toString(), "--solvers", "adam");
        assertEquals("2", adam[0]);
        assertTrue(adam[2].contains("takes sgd and fmsgd"), adam[2]);
        String[] kind = run("profile", "--problems", "cifar", "--out", dir.toString());
        assertEquals("2", kind[0]);
        assertTrue(kind[2].contains("--problems"), kind[2]);
    }

    @Test
    void fmsgdWithAlphaOneTakesExactlyTheStepsOfGradientDescent() {
        TestFunction f = TestFunction.quadratic(10, 100);
        double[] start = new FunctionProblem(f, 1, 1e-6, 100_000).start();
        Cost gd = FunctionSolve.solve(f, start, OptimizerSpec.defaults("sgd").withLearningRate(0.5), 1e-6, 100_000);
        Cost alphaOne = FunctionSolve.solve(f, start, OptimizerSpec.defaults("fmsgd").withLearningRate(0.5).withAlpha(1.0),
                1e-6, 100_000);
        assertTrue(gd.solved());
        assertEquals(gd.iterations(), alphaOne.iterations());
    }
}
