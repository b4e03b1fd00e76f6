package dev.lenetlab.ui.model;

import dev.lenetlab.experiment.Checkpoint;
import dev.lenetlab.experiment.RunFolder;
import dev.lenetlab.experiment.data.DatasetCache;
import dev.lenetlab.experiment.data.MnistDataset;
import dev.lenetlab.experiment.model.BundledModel;
import dev.lenetlab.experiment.model.Classifier;
import dev.lenetlab.experiment.model.ModelFile;
import dev.lenetlab.experiment.model.ModelFileException;
import dev.lenetlab.ui.RunFolders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The drawing panel's view-model without a screen: the test thread plays the JavaFX thread.
 * With direct executors everything happens at once; with {@link Held} ones the test decides when
 * the background runs, and so sees what the UI thread does (and does not do) meanwhile.
 */
class DrawingViewModelTest {
    private static final Executor DIRECT = Runnable::run;

    @TempDir
    Path workspace;
    private WorkbenchViewModel workbench;

    @AfterEach
    void close() {
        if (workbench != null) {
            workbench.shutdown(Duration.ofSeconds(10));
        }
    }

    /** An executor that holds its tasks until {@link #runAll()}. */
    private static final class Held implements Executor {
        private final Queue<Runnable> tasks = new ArrayDeque<>();

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }

        int size() {
            return tasks.size();
        }

        void runAll() {
            Runnable r;
            while ((r = tasks.poll()) != null) {
                r.run();
            }
        }
    }

    private WorkbenchViewModel workbench() {
        workbench = new WorkbenchViewModel(workspace, MnistDataset.defaultDirectory(), 2, DatasetCache.shared());
        workbench.loadWorkspace();
        return workbench;
    }

    /** An earlier run, as {@code train --out} leaves it: its folder with the bundled model as model.lenet. */
    private Path earlierRunWithModel(String name) throws Exception {
        Path folder = RunFolders.write(workspace, name, "mish", "max", "finished", 10);
        ModelFile.write(BundledModel.checkpoint(), folder.resolve(RunFolder.MODEL));
        return folder;
    }

    private static DrawingViewModel.ModelChoice failing(String label, Callable<Classifier> load) {
        return new DrawingViewModel.ModelChoice("test:" + label, label, false, () -> {
            try {
                return load.call();
            } catch (ModelFileException | RuntimeException | Error e) {
                throw e;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    private static void drawOne(DrawingViewModel vm) {
        vm.penDown(150, 40);
        vm.penMove(146, 140);
        vm.penMove(142, 240);
        vm.penUp();
    }

    @Test
    void readingAndWritingModelsHappensInTheBackgroundAndOnlyItsResultOnTheUiThread() throws Exception {
        Path folder = earlierRunWithModel("a-mish");
        WorkbenchViewModel wb = workbench();
        Held background = new Held();
        Held ui = new Held();
        DrawingViewModel vm = new DrawingViewModel(background, ui, wb::runs);
        assertNull(vm.modelProperty().get(), "the bundled model is read in the background, not in the constructor");
        assertEquals(1, vm.models().size(), "the runs' model files are looked for in the background");
        assertTrue(vm.busyProperty().get());
        background.runAll();
        assertNull(vm.modelProperty().get(), "results wait for the UI thread");
        ui.runAll();
        assertEquals("bundled", vm.modelProperty().get().key());
        assertEquals(2, vm.models().size(), "the earlier run's model file was found");
        assertFalse(vm.busyProperty().get());

        Path file = workspace.resolve("copy.lenet");
        Files.copy(folder.resolve(RunFolder.MODEL), file);
        vm.openModel(file);
        assertEquals("bundled", vm.modelProperty().get().key(), "nothing read yet");
        assertEquals(1, background.size());
        background.runAll();
        ui.runAll();
        assertTrue(vm.modelProperty().get().label().startsWith("copy.lenet"), vm.modelProperty().get().label());

        Path saved = workspace.resolve("saved.lenet");
        vm.saveModel(saved);
        assertFalse(Files.exists(saved), "nothing written on the UI thread");
        assertTrue(vm.messageProperty().get().startsWith("Saving"), vm.messageProperty().get());
        background.runAll();
        assertTrue(Files.exists(saved));
        ui.runAll();
        assertEquals("Model saved to " + saved, vm.messageProperty().get());

        DrawingViewModel.ModelChoice run = vm.models().get(1);
        vm.choose(run);
        assertEquals("copy.lenet", vm.modelProperty().get().label().substring(0, 10), "the run's file is not read yet");
        background.runAll();
        ui.runAll();
        assertEquals(run, vm.modelProperty().get());
    }

    @Test
    void aModelThatCannotBeLoadedForAnyReasonIsReportedAndTheModelInUseIsKept() throws Exception {
        DrawingViewModel vm = new DrawingViewModel(DIRECT, DIRECT, List::of);
        DrawingViewModel.ModelChoice bundled = vm.modelProperty().get();
        assertEquals("bundled", bundled.key());
        drawOne(vm);
        Classifier.Classification before = vm.classificationProperty().get();
        assertNotNull(before);

        List<DrawingViewModel.ModelChoice> broken = List.of(
                failing("broken file", () -> {
                    throw new ModelFileException("x.lenet is truncated");
                }),
                failing("a bug", () -> {
                    throw new IllegalStateException("no weights");
                }),
                failing("too big", () -> {
                    throw new OutOfMemoryError("Java heap space");
                }));
        List<String> reasons = List.of("x.lenet is truncated", "unexpected IllegalStateException: no weights",
                "not enough memory (Java heap space)");
        for (int i = 0; i < broken.size(); i++) {
            vm.choose(broken.get(i));
            String message = vm.messageProperty().get();
            assertEquals("Cannot use " + broken.get(i).label() + ": " + reasons.get(i) + ". Still using "
                    + bundled.label() + ".", message);
            assertEquals(bundled, vm.modelProperty().get());
            assertFalse(vm.busyProperty().get());
            assertTrue(vm.classificationProperty().get() == before, "the drawing's answer stands");
        }

        Path noise = Files.write(workspace.resolve("noise.lenet"), new byte[] {9, 9, 9, 9});
        vm.openModel(noise);
        assertTrue(vm.messageProperty().get().contains("noise.lenet is not a LeNet Lab model file")
                && vm.messageProperty().get().endsWith("Still using " + bundled.label() + "."), vm.messageProperty().get());
        vm.openModel(workspace.resolve("missing.lenet"));
        assertTrue(vm.messageProperty().get().contains("missing.lenet does not exist"), vm.messageProperty().get());
        assertEquals(bundled, vm.modelProperty().get());
        assertEquals(1, vm.models().size(), "a file that did not load is not listed");

        Path blocker = Files.writeString(workspace.resolve("a-file"), "not a folder");
        vm.saveModel(blocker.resolve("m.lenet"));
        assertTrue(vm.messageProperty().get().contains("cannot write the model file"), vm.messageProperty().get());
        assertFalse(vm.busyProperty().get());
    }

    @Test
    void aClassificationThatFailsSaysSoAndLeavesNoStaleAnswer() {
        boolean[] fail = {false};
        DrawingViewModel vm = new DrawingViewModel(DIRECT, DIRECT, List::of, (drawing, using) -> {
            if (fail[0]) {
                throw new OutOfMemoryError("Java heap space");
            }
            return DrawingViewModel.PIPELINE.recognise(drawing, using);
        });
        drawOne(vm);
        assertNotNull(vm.classificationProperty().get());
        fail[0] = true;
        vm.penDown(60, 60);
        vm.penMove(200, 60);
        vm.penUp();
        assertNull(vm.classificationProperty().get(), "no answer about a drawing that was not classified");
        assertNull(vm.inputProperty().get());
        assertEquals(DrawingViewModel.NOT_CLASSIFIED, vm.verdictProperty().get());
        assertTrue(vm.messageProperty().get().startsWith("Could not classify the drawing with bundled model (Mish): "
                + "not enough memory"), vm.messageProperty().get());
        fail[0] = false;
        vm.undo();
        assertNotNull(vm.classificationProperty().get(), "classified again");
        assertEquals("", vm.messageProperty().get(), "the problem is over");
    }

    @Test
    void aRunChosenAndListedAgainIsListedOnce() throws Exception {
        earlierRunWithModel("a-mish");
        WorkbenchViewModel wb = workbench();
        DrawingViewModel vm = new DrawingViewModel(DIRECT, DIRECT, wb::runs);
        assertEquals(2, vm.models().size());
        DrawingViewModel.ModelChoice run = vm.models().get(1);
        assertEquals("#1 mish — finished, 97.50% · sgd · lr 0.1 · batch 64 · 200 it · seed 1", run.label());
        vm.choose(run);
        assertEquals(run, vm.modelProperty().get());
        vm.refreshModels();
        vm.refreshModels();
        assertEquals(List.of("bundled", run.key()), vm.models().stream().map(DrawingViewModel.ModelChoice::key).toList());
        assertEquals(run, vm.modelProperty().get());

        Path file = workspace.resolve("m.lenet");
        Files.copy(workspace.resolve("a-mish").resolve(RunFolder.MODEL), file);
        vm.openModel(file);
        vm.openModel(file);
        assertEquals(3, vm.models().size(), "a file opened twice is listed once");
    }

    /** A run chosen while it trains gives its weights of then; once it has ended, its final ones, saveable. */
    @Test
    void aRunningRunsEntryFollowsTheRunUntilItHasEnded() throws Exception {
        WorkbenchViewModel wb = workbench();
        RunSetupViewModel s = wb.setup();
        s.iterations().setText("20000");
        s.evalEvery().setText("20");
        s.evalSize().setText("200");
        s.batchSize().setText("32");
        RunViewModel run = wb.startRun().orElseThrow();
        drainUntil(wb, "an evaluation", () -> run.rows().size() >= 1);
        run.pause();
        drainUntil(wb, "paused", () -> run.getState() == RunState.PAUSED);

        DrawingViewModel vm = new DrawingViewModel(DIRECT, DIRECT, wb::runs);
        assertEquals(2, vm.models().size());
        DrawingViewModel.ModelChoice live = vm.models().get(1);
        assertEquals("#1 mish — running: its weights now", live.label());
        assertFalse(live.saveable());
        vm.choose(live);
        int at = run.iterationsDoneProperty().get();
        String label = vm.modelProperty().get().label();
        assertTrue(label.startsWith("#1 mish at iteration ") && label.endsWith("(snapshot of a running run)"), label);
        assertEquals(List.of("bundled", live.key()), vm.models().stream().map(DrawingViewModel.ModelChoice::key).toList());
        assertTrue(vm.models().contains(vm.modelProperty().get()), "the picker's value is one of its entries");
        assertFalse(vm.canSaveProperty().get());
        vm.refreshModels();
        assertEquals(2, vm.models().size());
        assertEquals(label, vm.modelProperty().get().label(), "still the snapshot in use");
        assertTrue(vm.models().contains(vm.modelProperty().get()), "and still listed under its label");

        run.stop();
        drainUntil(wb, "cancelled", () -> run.getState() == RunState.CANCELLED);
        assertTrue(Files.isRegularFile(run.modelPath()), "the model is written by the time the run shows it ended");
        vm.refreshModels();
        assertEquals(2, vm.models().size(), "the run once, under its label of now");
        DrawingViewModel.ModelChoice ended = vm.models().get(1);
        assertEquals("#1 mish — cancelled · sgd · lr 0.1 · batch 32 · 20k it · seed 1", ended.label());
        assertEquals(live.key(), ended.key());
        assertEquals(ended, vm.modelProperty().get(), "the chosen run's entry follows it");
        assertTrue(vm.models().contains(vm.modelProperty().get()));
        assertTrue(vm.canSaveProperty().get(), "an ended run's model can be saved");
        Checkpoint written = ModelFile.read(run.modelPath());
        assertTrue(written.iterationsDone() >= at);
        Path saved = workspace.resolve("saved.lenet");
        vm.saveModel(saved);
        assertArrayEquals(Files.readAllBytes(run.modelPath()), Files.readAllBytes(saved));
        vm.saveModel(workspace.resolve("no-extension"));
        assertArrayEquals(Files.readAllBytes(saved), Files.readAllBytes(workspace.resolve("no-extension.lenet")),
                "a name without an extension gets .lenet");
        assertEquals("Model saved to " + workspace.resolve("no-extension.lenet"), vm.messageProperty().get());
    }

    private static void drainUntil(WorkbenchViewModel wb, String what, BooleanSupplier condition) {
        Draining.until(wb, what, condition, Duration.ofSeconds(90));
    }

    @Test
    void aBackgroundThatHasStoppedLeavesTheViewModelIdle() {
        Executor stopped = task -> {
            throw new java.util.concurrent.RejectedExecutionException("shut down");
        };
        DrawingViewModel vm = new DrawingViewModel(stopped, DIRECT, List::of);
        assertFalse(vm.busyProperty().get(), "work that could not be sent is not waited for");
        assertNull(vm.modelProperty().get());
        assertEquals(1, vm.models().size());
    }
}
