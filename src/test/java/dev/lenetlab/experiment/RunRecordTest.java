package dev.lenetlab.experiment;

import dev.lenetlab.engine.Activation;
import dev.lenetlab.engine.OptimizerSpec;
import dev.lenetlab.engine.Network;
import dev.lenetlab.engine.Pooling;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A run folder written by {@link RunFolder} reads back as a {@link RunRecord}. */
class RunRecordTest {
    @TempDir
    Path workspace;

    private static final RunConfig CONFIG = new RunConfig(Activation.RELU, Pooling.AVG, OptimizerSpec.defaults("sgd").withLearningRate(0.05), 32, 100, 20,
            200, 0, 7, 2, Path.of("datasets/mnist"));

    private static MetricsRow row(int i) {
        return new MetricsRow(i, 1.0 / i, 0.5, 0.9 / i, 0.6 + i / 1000.0, i * 0.1);
    }

    @Test
    void aFinishedRunReadsBackWhole() throws Exception {
        Path dir = workspace.resolve("run-a");
        RunFolder folder = RunFolder.create(dir, false);
        folder.started(CONFIG, Network.lenet5(CONFIG.activation(), CONFIG.pooling()));
        for (int i = 20; i <= 100; i += 20) {
            folder.evaluated(row(i), new ConfusionMatrix(10));
        }
        int[][] counts = new int[10][10];
        for (int c = 0; c < 10; c++) {
            counts[c][c] = 90 + c;
            counts[c][(c + 1) % 10] = c;
        }
        ConfusionMatrix confusion = ConfusionMatrix.ofCounts(counts);
        folder.finished(new RunOutcome(RunStatus.FINISHED, 100, 0, row(100), 0.93, confusion, null, 1.5, 2133.3, 2.0));

        RunRecord r = RunRecord.read(dir);
        assertEquals("run-a", r.id());
        assertEquals(RunStatus.FINISHED, r.status());
        assertEquals(0.93, r.finalTestAccuracy());
        assertEquals(100, r.iterationsDone());
        assertEquals(0, r.divergedAt());
        assertEquals(2133.3, r.imagesPerSecond());
        assertEquals(5, r.metrics().size());
        assertEquals(row(60), r.metrics().get(2));
        assertEquals(confusion.toCsv(), r.testConfusion().toCsv());
        assertEquals(CONFIG, r.config().orElseThrow());
        assertEquals("relu", r.setting("activation"));
        assertTrue(!r.settings().containsKey("status"), "settings hold the configuration only");
    }

    @Test
    void aKilledRunStillReadsWithTheRowsFlushedBeforeTheEnd() throws Exception {
        Path dir = workspace.resolve("killed");
        RunFolder folder = RunFolder.create(dir, false);
        folder.started(CONFIG, Network.lenet5(CONFIG.activation(), CONFIG.pooling()));
        folder.evaluated(row(20), new ConfusionMatrix(10));
        folder.evaluated(row(40), new ConfusionMatrix(10));
        // No finished(): the process died. Add half a line as a cut write would leave.
        Files.writeString(dir.resolve("metrics.csv"), "6", java.nio.file.StandardOpenOption.APPEND);
        RunRecord r = RunRecord.read(dir);
        assertEquals(RunStatus.RUNNING, r.status());
        assertEquals(2, r.metrics().size());
        assertEquals(40, r.iterationsDone());
        assertNull(r.finalTestAccuracy());
        assertNull(r.testConfusion());
        assertTrue(Double.isNaN(r.imagesPerSecond()));
    }

    @Test
    void nonNumbersInMetricsReadAsNaN() throws Exception {
        Path dir = workspace.resolve("nan");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("run.json"), "{\"activation\": \"mish\", \"status\": \"diverged\", "
                + "\"diverged_at_iteration\": 33}");
        Files.writeString(dir.resolve("metrics.csv"), MetricsRow.CSV_HEADER + "\n10,0.5,0.8,NaN,0.7,1.0\n");
        RunRecord r = RunRecord.read(dir);
        assertTrue(Double.isNaN(r.metrics().get(0).testLoss()));
        assertEquals(33, r.divergedAt());
        assertTrue(r.config().isEmpty(), "an incomplete configuration is not a RunConfig");
    }

    @Test
    void theWorkspaceListsRunFoldersInNameOrderAndReportsBrokenOnes() throws Exception {
        for (String name : List.of("b", "a")) {
            RunFolder f = RunFolder.create(workspace.resolve(name), false);
            f.started(CONFIG, Network.lenet5(CONFIG.activation(), CONFIG.pooling()));
            f.close();
        }
        Files.createDirectories(workspace.resolve("empty"));
        Files.createDirectories(workspace.resolve("broken"));
        Files.writeString(workspace.resolve("broken/run.json"), "{not json");
        RunWorkspace.Scan scan = new RunWorkspace(workspace).scan();
        assertEquals(List.of("a", "b"), scan.runs().stream().map(RunRecord::id).toList());
        assertEquals(1, scan.problems().size());
        assertTrue(scan.problems().get(0).startsWith("broken"));
        assertTrue(new RunWorkspace(workspace.resolve("missing")).scan().runs().isEmpty());
    }

    @Test
    void newRunFoldersNeverCollide() throws Exception {
        RunWorkspace ws = new RunWorkspace(workspace.resolve("runs"));
        Set<Path> made = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            Path p = ws.newRunDirectory(CONFIG);
            assertTrue(Files.isDirectory(p));
            assertTrue(p.getFileName().toString().contains("-relu-seed7"));
            made.add(p);
        }
        assertEquals(5, made.size());
    }

    @Test
    void confusionCsvRoundTrips() {
        int[][] counts = new int[3][3];
        counts[0][0] = 5;
        counts[2][1] = 3;
        ConfusionMatrix m = ConfusionMatrix.ofCounts(counts);
        assertEquals(m.toCsv(), ConfusionMatrix.fromCsv(m.toCsv()).toCsv());
    }
}
