package dev.lenetlab.ui.model;

import dev.lenetlab.engine.Network;
import dev.lenetlab.experiment.ConfusionMatrix;
import dev.lenetlab.experiment.MetricsRow;
import dev.lenetlab.experiment.RunConfig;
import dev.lenetlab.experiment.RunFolder;
import dev.lenetlab.experiment.RunOutcome;
import dev.lenetlab.experiment.RunScheduler;
import dev.lenetlab.experiment.RunWorkspace;
import dev.lenetlab.experiment.TrainingListener;
import dev.lenetlab.experiment.TrainingRun;
import dev.lenetlab.experiment.data.DatasetCache;
import dev.lenetlab.experiment.data.DatasetException;
import dev.lenetlab.experiment.data.MnistDataset;

import dev.lenetlab.experiment.model.Classifier;
import dev.lenetlab.experiment.model.ModelFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The background half of a live run. The training thread only appends events to a lock-free queue
 * (cheap, never blocks on the UI); the JavaFX side drains the queue once per frame. Pause, resume
 * and stop may be asked from any thread, before or after the run has started.
 */
final class RunJob implements RunScheduler.Job, TrainingListener {

    /** What happened on the training thread, in order. */
    sealed interface Event permits Admitted, Started, Evaluated, Paused, Resumed, Finished, Failed {}

    record Admitted(int threads) implements Event {}

    record Started(Path folder) implements Event {}

    record Evaluated(MetricsRow row, ConfusionMatrix confusion) implements Event {}

    record Paused(int iterationsDone) implements Event {}

    record Resumed(int iterationsDone) implements Event {}

    /**
     * The run ended; its model file (unless it diverged) is written by now.
     *
     * @param outcome     null for a run stopped before it started
     * @param modelNotice why the model file could not be written, or null
     */
    record Finished(RunOutcome outcome, String modelNotice) implements Event {}

    record Failed(String message) implements Event {}


    private final RunConfig config;
    private final int requestedThreads;
    private final RunWorkspace workspace;
    private final DatasetCache datasets;
    private final Queue<Event> events = new ConcurrentLinkedQueue<>();
    private TrainingRun run;
    private boolean cancelRequested;
    private boolean pauseRequested;

    RunJob(RunConfig config, int requestedThreads, RunWorkspace workspace, DatasetCache datasets) {
        this.config = config;
        this.requestedThreads = requestedThreads;
        this.workspace = workspace;
        this.datasets = datasets;
    }

    Queue<Event> events() {
        return events;
    }

    @Override
    public int requestedThreads() {
        return requestedThreads;
    }

    @Override
    public void run(int threads) {
        events.add(new Admitted(threads));
        try {
            MnistDataset data = datasets.get(config.dataDirectory());
            RunConfig actual = config.withThreads(threads);
            if (actual.batchSize() > data.train().count()) {
                events.add(new Failed("batch " + actual.batchSize() + " exceeds the " + data.train().count()
                        + " training images"));
                return;
            }
            TrainingRun training = new TrainingRun(actual, data);
            synchronized (this) {
                if (cancelRequested) {
                    events.add(new Finished(null, null));
                    return;
                }
                run = training;
                if (pauseRequested) {
                    training.pause();
                }
            }
            Path directory = workspace.newRunDirectory(actual);
            RunOutcome outcome;
            try (RunFolder folder = RunFolder.create(directory, false)) {
                events.add(new Started(directory));
                training.addListener(folder);
                training.addListener(this);
                outcome = training.run();
            }
            // the model first, then the news: a run picked as soon as it shows finished has its model
            String modelNotice = ModelFile.writeIntoRunFolder(training.finalCheckpoint(), directory)
                    .map(why -> "Model not saved (the run's results are kept): " + why).orElse(null);
            events.add(new Finished(outcome, modelNotice));
        } catch (DatasetException e) {
            events.add(new Failed(e.getMessage()));
        } catch (IOException e) {
            events.add(new Failed("cannot write the run folder: " + e.getMessage()));
        } catch (RuntimeException | OutOfMemoryError e) {
            events.add(new Failed(e.getMessage() == null ? e.toString() : e.getMessage()));
        }
    }

    /**
     * A copy of the weights between two iterations, with the configuration; the classifier's name
     * is {@code name} and the iteration the weights are at. Empty before training starts.
     */
    Optional<Classifier> snapshot(String name) {
        TrainingRun r;
        synchronized (this) {
            r = run;
        }
        TrainingRun.Snapshot snapshot = r == null ? null : r.parametersSnapshot();
        return snapshot == null ? Optional.empty() : Optional.of(new Classifier(
                name + " at iteration " + Format.count(snapshot.iteration()), r.config(), snapshot.parameters()));
    }

    // ---- commands, from any thread ----

    synchronized void pause() {
        pauseRequested = true;
        if (run != null) {
            run.pause();
        }
    }

    synchronized void resume() {
        pauseRequested = false;
        if (run != null) {
            run.resume();
        }
    }

    synchronized void cancel() {
        cancelRequested = true;
        if (run != null) {
            run.cancel();
        }
    }

    synchronized boolean isPauseRequested() {
        return pauseRequested;
    }

    /** Iterations done so far (0 before the run starts); a volatile read, cheap enough for every frame. */
    int iterationsDone() {
        TrainingRun r;
        synchronized (this) {
            r = run;
        }
        return r == null ? 0 : r.iterationsDone();
    }

    double trainingSeconds() {
        TrainingRun r;
        synchronized (this) {
            r = run;
        }
        return r == null ? 0 : r.trainingSeconds();
    }

    // ---- listener, on the training thread: append and return ----

    @Override
    public void started(RunConfig c, Network network) {
        // The folder event said it already.
    }

    @Override
    public void evaluated(MetricsRow row, ConfusionMatrix sliceConfusion) {
        events.add(new Evaluated(row, sliceConfusion));
    }

    @Override
    public void paused(int iterationsDone) {
        events.add(new Paused(iterationsDone));
    }

    @Override
    public void resumed(int iterationsDone) {
        events.add(new Resumed(iterationsDone));
    }

    @Override
    public void finished(RunOutcome outcome) {
        // Reported by run(int) once the model file is written.
    }
}
