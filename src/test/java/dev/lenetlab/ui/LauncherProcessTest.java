package dev.lenetlab.ui;

import dev.lenetlab.experiment.data.ImageSet;
import dev.lenetlab.experiment.data.MnistDataset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.module.ModuleFinder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The launcher as a user starts it: a separate JVM <em>without</em> {@code --add-modules}, so it
 * takes its relaunch path (a child JVM with the Vector API module). Runs the packaged jar when it is
 * newer than the compiled classes, otherwise (as in {@code mvn test}, before {@code package}) the
 * same main class on this JVM's class path.
 */
class LauncherProcessTest {
    private static final Path PROJECT = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
            .toAbsolutePath();
    private static final Path JAR = PROJECT.resolve("target/lenet-lab.jar");
    private static final String DATA = MnistDataset.defaultDirectory().toAbsolutePath().toString();
    private static final long STEP_SECONDS = 40;

    @TempDir
    Path temp;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        for (Process p : started) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    @Test
    void versionExitsZero() throws Exception {
        Launched p = launch("--version");
        assertEquals(0, p.waitFor(), p.describe());
        assertTrue(p.stdout().startsWith("lenet-lab "), p.describe());
    }

    @Test
    void relaunchedChildTrainsWithTheVectorKernel() throws Exception {
        Path out = temp.resolve("run");
        Launched p = launch("train", "--activation", "relu", "--iterations", "6", "--eval-every", "3",
                "--eval-size", "10", "--batch", "8", "--threads", "1", "--data", DATA, "--out", out.toString());
        assertEquals(0, p.waitFor(), p.describe());
        String first = p.stdout().lines().filter(l -> l.contains("kernel")).findFirst().orElse("");
        assertTrue(first.startsWith("training "), p.describe());
        if (ModuleFinder.ofSystem().find("jdk.incubator.vector").isPresent()) {
            assertTrue(first.contains("(vector-"), "the relaunch must bring the Vector API kernel:\n" + p.describe());
            assertFalse(first.contains("scalar"), p.describe());
            assertFalse(p.stderr().contains("scalar kernels"), p.describe());
        }
        assertEquals(List.of(3, 6), metricIterations(out), p.describe());
        assertTrue(Files.readString(out.resolve("run.json")).contains("\"status\": \"finished\""));
        assertTrue(Files.exists(out.resolve("confusion.csv")));
    }

    /**
     * The vector width is a speed choice only ({@code -Dlenetlab.vectorBits}): every width this CPU
     * has, and the scalar kernels, must write the same metrics and confusion matrix, bit for bit.
     */
    @Test
    void everyVectorWidthTrainsTheSameBits() throws Exception {
        List<List<String>> variants = new ArrayList<>(List.of(List.of("-Dlenetlab.scalar=true")));
        if (ModuleFinder.ofSystem().find("jdk.incubator.vector").isPresent()) {
            int widest = widestVectorBits();
            for (int bits = 128; bits <= widest; bits *= 2) {
                variants.add(List.of("-Dlenetlab.vectorBits=" + bits));
            }
        }
        // A small copy of MNIST keeps each JVM's loading and final evaluation short.
        String data = writeSmallMnist(temp.resolve("small-mnist"), 512, 200).toString();
        String reference = null;
        for (List<String> jvmOptions : variants) {
            Path out = temp.resolve("width" + variants.indexOf(jvmOptions));
            Launched p = launch(jvmOptions, "train", "--activation", "mish", "--iterations", "12", "--eval-every", "4",
                    "--eval-size", "100", "--batch", "32", "--threads", "2", "--data", data, "--out", out.toString());
            assertEquals(0, p.waitFor(), p.describe());
            assertFalse(p.stderr().contains("warning"), p.describe());
            StringBuilder result = new StringBuilder();
            for (String line : Files.readAllLines(out.resolve("metrics.csv"))) {
                result.append(line, 0, line.lastIndexOf(',')).append('\n');   // all but the elapsed time
            }
            result.append(Files.readString(out.resolve("confusion.csv")));
            if (reference == null) {
                reference = result.toString();
            } else {
                assertEquals(reference, result.toString(), "with " + jvmOptions + " against " + variants.get(0));
            }
        }
    }

    /** The first images of the bundled MNIST as the four raw IDX files. */
    private static Path writeSmallMnist(Path dir, int trainImages, int testImages) throws Exception {
        MnistDataset full = MnistDataset.load(MnistDataset.defaultDirectory());
        Files.createDirectories(dir);
        writeIdx(dir, "train", full.train(), trainImages);
        writeIdx(dir, "t10k", full.test(), testImages);
        return dir;
    }

    private static void writeIdx(Path dir, String prefix, ImageSet set, int count) throws IOException {
        ByteBuffer images = ByteBuffer.allocate(16 + count * ImageSet.PIXELS_PER_IMAGE).putInt(0x803).putInt(count)
                .putInt(28).putInt(28);
        ByteBuffer labels = ByteBuffer.allocate(8 + count).putInt(0x801).putInt(count);
        for (int i = 0; i < count; i++) {
            labels.put((byte) set.label(i));
            for (int p = 0; p < ImageSet.PIXELS_PER_IMAGE; p++) {
                images.put((byte) set.pixel(i, p));
            }
        }
        Files.write(dir.resolve(prefix + "-images-idx3-ubyte"), images.array());
        Files.write(dir.resolve(prefix + "-labels-idx1-ubyte"), labels.array());
    }

    /** The widest float vector this machine's JVM offers, asked of a JVM that has the module. */
    private int widestVectorBits() throws Exception {
        Path probe = temp.resolve("Widest.java");
        Files.writeString(probe, "public class Widest { public static void main(String[] a) {"
                + " System.out.println(jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.vectorBitSize()); } }");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", probe.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        started.add(p);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(STEP_SECONDS, TimeUnit.SECONDS) && p.exitValue() == 0, "probe failed: " + out);
        return Integer.parseInt(out);
    }

    /** Ctrl-C in a terminal: SIGINT to the whole foreground group, the launcher and its child JVM. */
    @Test
    void ctrlCCancelsTheRunAndFlushesItsFiles() throws Exception {
        Path out = temp.resolve("interrupted");
        Launched p = launchLongRun(out);
        p.awaitProgressLine();
        List<Long> pids = new ArrayList<>();
        p.process().descendants().forEach(h -> pids.add(h.pid()));
        assertFalse(pids.isEmpty(), "the launcher should have started a child JVM:\n" + p.describe());
        pids.add(p.process().pid());
        signalInt(pids);
        assertCancelled(p, out);
    }

    /** A SIGINT to the launcher process alone (kill -INT, a process manager) must reach the child too. */
    @Test
    void interruptOfTheLauncherAloneIsPassedOnToTheChild() throws Exception {
        Path out = temp.resolve("interrupted-parent");
        Launched p = launchLongRun(out);
        p.awaitProgressLine();
        List<ProcessHandle> children = p.process().descendants().toList();
        assertFalse(children.isEmpty(), "the launcher should have started a child JVM:\n" + p.describe());
        long signalled = System.nanoTime();
        signalInt(List.of(p.process().pid()));
        assertCancelled(p, out);
        double seconds = (System.nanoTime() - signalled) / 1e9;
        assertTrue(seconds < 15, "stopped " + seconds + " s after the signal");
        for (ProcessHandle child : children) {
            assertFalse(child.isAlive(), "child JVM " + child.pid() + " outlived the launcher");
        }
    }

    private Launched launchLongRun(Path out) throws IOException {
        return launch("train", "--activation", "relu", "--iterations", "1000000", "--eval-every", "2",
                "--eval-size", "10", "--batch", "8", "--threads", "1", "--data", DATA, "--out", out.toString());
    }

    private static void assertCancelled(Launched p, Path out) throws Exception {
        assertEquals(130, p.waitFor(), p.describe());
        String json = Files.readString(out.resolve("run.json"));
        assertTrue(json.contains("\"status\": \"cancelled\""), json);
        assertTrue(json.contains("\"final_test_accuracy\": null"), json);
        List<Integer> iterations = metricIterations(out);
        assertFalse(iterations.isEmpty(), "metrics.csv keeps the rows written before the interrupt");
        for (int i = 0; i < iterations.size(); i++) {
            assertEquals(2 * (i + 1), iterations.get(i), "rows every 2 iterations: " + iterations);
        }
        assertFalse(Files.exists(out.resolve("confusion.csv")), "no whole-test-set matrix for a cancelled run");
        assertTrue(p.stderr().contains("cancelled after"), p.describe());
        assertFalse(p.stderr().contains("Exception"), p.describe());
    }

    /** The iterations of metrics.csv's rows; every row must be complete. */
    private static List<Integer> metricIterations(Path run) throws IOException {
        List<String> lines = Files.readAllLines(run.resolve("metrics.csv"));
        assertEquals("iteration,train_loss,train_accuracy,test_loss,test_accuracy,elapsed_seconds", lines.get(0));
        List<Integer> iterations = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            assertEquals(6, cells.length, "a complete row: " + line);
            for (String cell : cells) {
                assertTrue(Double.isFinite(Double.parseDouble(cell)), line);
            }
            iterations.add(Integer.parseInt(cells[0]));
        }
        return iterations;
    }

    private static void signalInt(List<Long> pids) throws Exception {
        assumeFalse(System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows"),
                "signals are POSIX");
        List<String> command = new ArrayList<>(List.of("kill", "-INT"));
        pids.forEach(pid -> command.add(Long.toString(pid)));
        Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, kill.waitFor(), "kill failed: " + output);
    }

    // ---------------------------------------------------------------- launching

    private Launched launch(String... args) throws IOException {
        return launch(List.of(), args);
    }

    private Launched launch(List<String> jvmOptions, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx1g");
        command.addAll(jvmOptions);
        if (jarIsFresh()) {
            command.add("-jar");
            command.add(JAR.toString());
        } else {
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(Launcher.class.getName());
        }
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(temp.toFile());
        // nothing may add the module behind the test's back: the launcher has to do it
        builder.environment().remove("JDK_JAVA_OPTIONS");
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("_JAVA_OPTIONS");
        Path stderr = Files.createTempFile(temp, "stderr", ".txt");
        builder.redirectError(stderr.toFile());
        Process process = builder.start();
        started.add(process);
        return new Launched(process, stderr, command);
    }

    /** The jar, when it was built from the current classes; a stale jar would test old code. */
    private static boolean jarIsFresh() throws IOException {
        if (!Files.isRegularFile(JAR)) {
            return false;
        }
        Path classes = PROJECT.resolve("target/classes");
        if (!Files.isDirectory(classes)) {
            return true;
        }
        FileTime jarTime = Files.getLastModifiedTime(JAR);
        try (Stream<Path> files = Files.walk(classes)) {
            return files.filter(f -> f.toString().endsWith(".class")).allMatch(f -> {
                try {
                    return Files.getLastModifiedTime(f).compareTo(jarTime) <= 0;
                } catch (IOException e) {
                    return false;
                }
            });
        }
    }

    /** A started launcher whose stdout is read line by line as it comes. */
    private static final class Launched {
        private final Process process;
        private final Path stderrFile;
        private final List<String> command;
        private final StringBuffer stdout = new StringBuffer();
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final Thread reader;

        Launched(Process process, Path stderrFile, List<String> command) {
            this.process = process;
            this.stderrFile = stderrFile;
            this.command = command;
            this.reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        stdout.append(line).append('\n');
                        lines.add(line);
                    }
                } catch (IOException ignored) {
                    // the process is gone
                }
            }, "launcher-stdout");
            reader.setDaemon(true);
            reader.start();
        }

        Process process() {
            return process;
        }

        /** Waits for the first "iter ..." progress line: the child is then training. */
        void awaitProgressLine() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STEP_SECONDS);
            while (System.nanoTime() < deadline) {
                String line = lines.poll(200, TimeUnit.MILLISECONDS);
                if (line != null && line.startsWith("iter ")) {
                    return;
                }
                if (line == null && !process.isAlive()) {
                    fail("the launcher ended before training:\n" + describe());
                }
            }
            fail("no progress line within " + STEP_SECONDS + " s:\n" + describe());
        }

        int waitFor() throws InterruptedException {
            if (!process.waitFor(STEP_SECONDS, TimeUnit.SECONDS)) {
                fail("the launcher did not end within " + STEP_SECONDS + " s:\n" + describe());
            }
            reader.join(5_000);
            return process.exitValue();
        }

        String stdout() {
            return stdout.toString();
        }

        String stderr() {
            try {
                return Files.readString(stderrFile);
            } catch (IOException e) {
                return "(unreadable: " + e + ")";
            }
        }

        String describe() {
            return String.join(" ", command) + "\n--- stdout:\n" + stdout() + "\n--- stderr:\n" + stderr();
        }
    }
}
