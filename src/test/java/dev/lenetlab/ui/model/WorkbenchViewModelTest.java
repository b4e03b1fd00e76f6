package dev.lenetlab.ui.model;

import dev.lenetlab.experiment.Json;
import dev.lenetlab.experiment.MetricsExport;
import dev.lenetlab.experiment.RunFolder;
import dev.lenetlab.experiment.data.DatasetCache;
import dev.lenetlab.experiment.data.MnistDataset;
import dev.lenetlab.ui.RunFolders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The workbench's view-model without a screen: the test thread plays the JavaFX thread and drains. */
class WorkbenchViewModelTest {
    @TempDir
    Path workspace;
    private WorkbenchViewModel vm;

    private WorkbenchViewModel open(int cores) {
        vm = new WorkbenchViewModel(workspace, MnistDataset.defaultDirectory(), cores, DatasetCache.shared());
        vm.loadWorkspace();
        return vm;
    }

    @AfterEach
    void close() {
        if (vm != null) {
            vm.shutdown(Duration.ofSeconds(10));
        }
    }

    /** A small real-MNIST budget. */
    private void smallBudget(int iterations) {
        RunSetupViewModel s = vm.setup();
        s.iterations().setText(Integer.toString(iterations));
        s.evalEvery().setText("20");
        s.evalSize().setText("200");
        s.batchSize().setText("32");
    }

    private void drainUntil(String what, BooleanSupplier condition, Duration timeout) {
        Draining.until(vm, what, condition, timeout);
    }

    private void drainFor(Duration d) {
        Draining.during(vm, d);
    }

    @Test
    void aRunTrainsInTheBackgroundAndWritesItsFolderAsTheCommandLineDoes() throws Exception {
        open(2);
        assertTrue(vm.welcomeProperty().get(), "first start says what to do");
        smallBudget(60);
        RunViewModel run = vm.startRun().orElseThrow();
        assertEquals(RunState.QUEUED, run.getState());
        assertFalse(vm.welcomeProperty().get());
        assertEquals(run, vm.getSelected());
        drainUntil("finished", () -> run.getState().ended(), Duration.ofSeconds(90));
        assertEquals(RunState.FINISHED, run.getState(), run.messageProperty().get());
        assertEquals(3, run.rows().size(), "evaluations at 20, 40, 60");
        assertEquals(1.0, run.progressProperty().get());
        assertNotNull(run.finalAccuracyProperty().get());
        assertTrue(run.finalAccuracyProperty().get() > 0.3, "learns something in 60 steps");
        assertEquals(10_000, run.confusionProperty().get().total(), "the full test set's matrix at the end");
        assertTrue(run.confusionCaptionProperty().get().startsWith("full test set"));
        assertTrue(run.imagesPerSecondProperty().get() > 0);
        assertEquals(2, run.threadsProperty().get(), "alone, it gets both cores");
        Path folder = run.folderProperty().get();
        assertNotNull(folder);
        assertEquals(workspace, folder.getParent());
        assertEquals(4, Files.readAllLines(folder.resolve("metrics.csv")).size());
        assertEquals(11, Files.readAllLines(folder.resolve("confusion.csv")).size());
        Map<String, Object> json = Json.readObject(Files.readString(folder.resolve("run.json")));
        assertEquals("finished", json.get("status"));
        assertEquals(run.finalAccuracyProperty().get(), ((Number) json.get("final_test_accuracy")).doubleValue());
        assertTrue(run.canRemoveProperty().get());
        assertFalse(run.canStopProperty().get());
    }

    @Test
    void pauseHoldsTheRunResumeGoesOnAndStopEndsItKeepingItsMetrics() throws Exception {
        open(2);
        smallBudget(20_000);
        RunViewModel run = vm.startRun().orElseThrow();
        drainUntil("two evaluations", () -> run.rows().size() >= 2, Duration.ofSeconds(60));
        vm.togglePauseSelected();
        drainUntil("paused", () -> run.getState() == RunState.PAUSED, Duration.ofSeconds(5));
        assertTrue(run.canResumeProperty().get());
        int rowsWhenPaused = run.rows().size();
        int doneWhenPaused = run.iterationsDoneProperty().get();
        drainFor(Duration.ofMillis(800));
        assertEquals(rowsWhenPaused, run.rows().size(), "no evaluation while paused");
        assertEquals(doneWhenPaused, run.iterationsDoneProperty().get());
        vm.togglePauseSelected();
        drainUntil("running again", () -> run.getState() == RunState.RUNNING, Duration.ofSeconds(5));
        drainUntil("more evaluations", () -> run.rows().size() > rowsWhenPaused, Duration.ofSeconds(30));
        long stopAsked = System.nanoTime();
        run.stop();
        drainUntil("cancelled", () -> run.getState() == RunState.CANCELLED, Duration.ofSeconds(5));
        double stopSeconds = (System.nanoTime() - stopAsked) / 1e9;
        assertTrue(stopSeconds < 2, "stopped in " + stopSeconds + " s");
        assertTrue(run.rows().size() > rowsWhenPaused, "metrics so far stay");
        Path folder = run.folderProperty().get();
        assertEquals(run.rows().size() + 1, Files.readAllLines(folder.resolve("metrics.csv")).size(),
                "the CSV holds every row the charts hold");
        assertEquals("cancelled", Json.readObject(Files.readString(folder.resolve("run.json"))).get("status"));
        assertNull(run.finalAccuracyProperty().get());
    }

    @Test
    void aPausedRunCanBeStopped() {
        open(2);
        smallBudget(20_000);
        RunViewModel run = vm.startRun().orElseThrow();
        drainUntil("an evaluation", () -> run.rows().size() >= 1, Duration.ofSeconds(60));
        run.pause();
        drainUntil("paused", () -> run.getState() == RunState.PAUSED, Duration.ofSeconds(5));
        run.stop();
        drainUntil("cancelled", () -> run.getState() == RunState.CANCELLED, Duration.ofSeconds(3));
    }

    @Test
    void aPresetLaunchesAGroupThatSharesTheCoresAndQueuesTheRest() {
        open(2);
        List<RunViewModel> group = vm.launchPreset(Preset.SIGMOID_RELU_MISH);
        assertEquals(3, group.size());
        assertEquals(List.of("sigmoid", "relu", "mish"), group.stream().map(RunViewModel::activationId).toList());
        for (RunViewModel r : group) {
            assertEquals(Preset.SIGMOID_RELU_MISH.name(), r.group());
            assertEquals(1L, ((Number) r.settings().get("seed")).longValue(), "same seed");
            assertEquals(10_000, r.totalIterationsProperty().get());
        }
        drainUntil("two admitted", () -> group.get(0).threadsProperty().get() > 0
                && group.get(1).threadsProperty().get() > 0, Duration.ofSeconds(5));
        assertEquals(1, group.get(0).threadsProperty().get(), "two runs on two cores: one thread each");
        assertEquals(1, group.get(1).threadsProperty().get());
        assertEquals(RunState.QUEUED, group.get(2).getState(), "the third waits");
        assertTrue(vm.queueSummaryProperty().get().contains("1 queued"), vm.queueSummaryProperty().get());
        group.get(2).stop();
        assertEquals(RunState.CANCELLED, group.get(2).getState(), "a queued run leaves the queue at once");
        vm.stopAll();
        drainUntil("all ended", () -> group.stream().allMatch(r -> r.getState().ended()), Duration.ofSeconds(30));
        group.forEach(r -> assertEquals(RunState.CANCELLED, r.getState()));
    }

    @Test
    void theGdVersusFmsgdPresetLaunchesBothOptimizersFromTheSameSeed() {
        open(2);
        List<RunViewModel> group = vm.launchPreset(Preset.GD_VS_FMSGD);
        assertEquals(2, group.size());
        assertEquals(List.of("sgd", "fmsgd"), group.stream().map(r -> r.settings().get("optimizer")).toList());
        assertEquals(0.9, ((Number) group.get(1).settings().get("alpha")).doubleValue());
        for (RunViewModel r : group) {
            assertEquals("mish", r.activationId());
            assertEquals(1L, ((Number) r.settings().get("seed")).longValue(), "same seed: same initial weights");
            assertEquals(0.1, ((Number) r.settings().get("learning_rate")).doubleValue());
        }
        vm.stopAll();
        drainUntil("all ended", () -> group.stream().allMatch(r -> r.getState().ended()), Duration.ofSeconds(30));
    }

    @Test
    void runsFoundInTheWorkspaceAreListedHiddenAndCanBeShownOrRemoved() throws Exception {
        RunFolders.write(workspace, "20250101-120000-relu-seed1", "relu", "max", "finished", 30);
        RunFolders.write(workspace, "20250101-130000-sigmoid-seed1", "sigmoid", "avg", "diverged", 10);
        Files.createDirectories(workspace.resolve("not-a-run"));
        open(2);
        assertEquals(2, vm.runs().size());
        assertEquals(2, vm.earlierRunsProperty().get());
        RunViewModel relu = vm.runs().get(0);
        RunViewModel sigmoid = vm.runs().get(1);
        assertEquals("#1 relu", relu.name());
        assertEquals(RunViewModel.Origin.EARLIER, relu.origin());
        assertEquals(RunState.FINISHED, relu.getState());
        assertEquals(RunState.DIVERGED, sigmoid.getState());
        assertEquals(205, sigmoid.divergedAtProperty().get());
        assertEquals(0.975, relu.finalAccuracyProperty().get());
        assertEquals(30, relu.rows().size());
        assertNotNull(relu.confusionProperty().get(), "confusion.csv is read");
        assertTrue(relu.confusionProperty().get().precision(9).isEmpty(), "class 9 was never predicted");
        assertFalse(relu.visibleProperty().get(), "listed, not overlaid until asked");
        assertTrue(vm.welcomeProperty().get());
        relu.setVisible(true);
        assertFalse(vm.welcomeProperty().get());
        assertTrue(vm.remove(sigmoid));
        assertEquals(1, vm.runs().size());
        assertTrue(Files.isDirectory(workspace.resolve("20250101-130000-sigmoid-seed1")), "the folder stays");
        assertTrue(relu.config().isPresent());
        assertTrue(relu.colourProperty().get() != null && !relu.colourProperty().get().equals(sigmoid.colourProperty().get()));
    }

    @Test
    void allRunsMetricsGoToOneLongCsvAndAnUnwritablePathGivesAMessage(@TempDir Path out) throws Exception {
        RunFolders.write(workspace, "a-relu", "relu", "max", "finished", 12);
        RunFolders.write(workspace, "b-mish", "mish", "max", "cancelled", 5);
        open(2);
        Path csv = out.resolve("all.csv");
        assertTrue(vm.exportMetricsCsv(csv));
        List<String> lines = Files.readAllLines(csv);
        assertEquals("run_id,configuration,activation,optimizer,iteration,metric,value", lines.get(0));
        assertEquals(1 + (12 + 5) * MetricsExport.METRICS.size(), lines.size());
        assertTrue(lines.get(1).startsWith("a-relu,activation=relu pooling=max optimizer=sgd"), lines.get(1));
        assertTrue(vm.messageProperty().get().startsWith("Wrote"));

        Path blocker = out.resolve("a-file");
        Files.writeString(blocker, "x");
        assertFalse(vm.exportMetricsCsv(blocker.resolve("all.csv")));
        assertTrue(vm.messageProperty().get().startsWith("Could not write"), vm.messageProperty().get());
        vm.dismissMessage();
        assertEquals("", vm.messageProperty().get());
    }

    @Test
    void shuttingDownStopsTrainingRunsWithinTwoSeconds() throws Exception {
        open(2);
        smallBudget(50_000);
        RunViewModel run = vm.startRun().orElseThrow();
        drainUntil("training", () -> run.rows().size() >= 1, Duration.ofSeconds(60));
        long t0 = System.nanoTime();
        assertTrue(vm.shutdown(Duration.ofSeconds(2)), "runs ended in time");
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(seconds < 2, "took " + seconds + " s");
        Path folder = run.folderProperty().get();
        assertEquals("cancelled", Json.readObject(Files.readString(folder.resolve("run.json"))).get("status"));
        vm = null;
    }

    @Test
    void aRunWhoseModelCannotBeWrittenStaysFinishedAndSaysWhy() throws Exception {
        open(2);
        smallBudget(200);
        RunViewModel run = vm.startRun().orElseThrow();
        drainUntil("its folder exists", () -> run.folderProperty().get() != null, Duration.ofSeconds(60));
        // a folder where the model file goes: the rename into place cannot replace it
        Path blocker = run.folderProperty().get().resolve(RunFolder.MODEL);
        Files.createDirectories(blocker.resolve("in-the-way"));
        drainUntil("ended", () -> run.getState().ended(), Duration.ofSeconds(90));
        assertEquals(RunState.FINISHED, run.getState(), run.messageProperty().get());
        assertNotNull(run.finalAccuracyProperty().get());
        String notice = run.messageProperty().get();
        assertTrue(notice.startsWith("Model not saved") && notice.contains(blocker.toString()), notice);
        assertEquals("finished", Json.readObject(Files.readString(run.folderProperty().get().resolve("run.json")))
                .get("status"));
    }

    @Test
    void aRunReportsThatItHasFinishedOnlyOnceItsModelIsWritten() throws Exception {
        open(2);
        smallBudget(40);
        RunViewModel run = vm.startRun().orElseThrow();
        // not drained: the events pile up in the job's queue, and the first look at the Finished one
        // (within microseconds of its posting) must find the model file in place
        long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        Path folder = null;
        while (true) {
            boolean finished = false;
            for (RunJob.Event e : run.job().events()) {
                if (e instanceof RunJob.Started started) {
                    folder = started.folder();
                }
                finished |= e instanceof RunJob.Finished;
            }
            if (finished) {
                break;
            }
            if (System.nanoTime() > end) {
                fail("the run did not finish");
            }
            Thread.onSpinWait();
        }
        assertNotNull(folder);
        assertTrue(Files.isRegularFile(folder.resolve(RunFolder.MODEL)), "model.lenet is there when Finished is");
        drainUntil("finished", () -> run.getState().ended(), Duration.ofSeconds(5));
        assertEquals(RunState.FINISHED, run.getState());
        assertEquals("", run.messageProperty().get());
    }

    @Test
    void anInvalidSetupStartsNothing() {
        open(2);
        vm.setup().learningRate().setText("fast");
        assertTrue(vm.startRun().isEmpty());
        assertTrue(vm.runs().isEmpty());
    }
}
