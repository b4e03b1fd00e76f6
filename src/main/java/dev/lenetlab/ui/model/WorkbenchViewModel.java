package dev.lenetlab.ui.model;

import dev.lenetlab.experiment.MetricsExport;
import dev.lenetlab.experiment.RunConfig;
import dev.lenetlab.experiment.RunRecord;
import dev.lenetlab.experiment.RunScheduler;
import dev.lenetlab.experiment.RunWorkspace;
import dev.lenetlab.experiment.data.DatasetCache;
import dev.lenetlab.experiment.data.DatasetException;
import dev.lenetlab.experiment.data.MnistDataset;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ChangeListener;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.paint.Color;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The workbench's state: the run setup, the runs (live and earlier), the selection, the chart
 * smoothing, the workspace, and the commands on them. Usable without a screen: everything that
 * comes from other threads is queued and applied by {@link #drain(long)}, which the window calls
 * once per frame and a test may call directly.
 */
public final class WorkbenchViewModel implements AutoCloseable {
    /** The smoothing slider's range: 0 (raw) to 0.99. */
    public static final double MAX_SMOOTHING = 0.99;

    private final RunSetupViewModel setup;
    private final DatasetCache datasets;
    private final RunScheduler scheduler;
    private final ExecutorService io;
    private final Queue<Runnable> fromBackground = new ConcurrentLinkedQueue<>();

    private final ObservableList<RunViewModel> runs = FXCollections.observableArrayList();
    private final ObservableList<RunViewModel> runsView = FXCollections.unmodifiableObservableList(runs);
    private final ReadOnlyObjectWrapper<RunViewModel> selected = new ReadOnlyObjectWrapper<>(this, "selected");
    private final ReadOnlyDoubleWrapper smoothing = new ReadOnlyDoubleWrapper(this, "smoothing", 0.6);
    private final ReadOnlyObjectWrapper<Path> workspace = new ReadOnlyObjectWrapper<>(this, "workspace");
    private final ReadOnlyStringWrapper datasetSummary = new ReadOnlyStringWrapper(this, "datasetSummary",
            "Loading the bundled MNIST…");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper welcome = new ReadOnlyBooleanWrapper(this, "welcome", true);
    private final ReadOnlyIntegerWrapper earlierRuns = new ReadOnlyIntegerWrapper(this, "earlierRuns");
    private final ReadOnlyStringWrapper queueSummary = new ReadOnlyStringWrapper(this, "queueSummary", "");
    private final ReadOnlyIntegerWrapper chartRevision = new ReadOnlyIntegerWrapper(this, "chartRevision");

    private volatile boolean active;
    private int nextNumber = 1;
    private boolean startedThisSession;

    /**
     * @param workspaceRoot the folder of run folders ({@code runs} by default)
     * @param bundledData   the bundled MNIST folder
     * @param cores         the thread budget shared by the runs
     * @param datasets      where datasets are loaded once and shared
     */
    public WorkbenchViewModel(Path workspaceRoot, Path bundledData, int cores, DatasetCache datasets) {
        this.setup = new RunSetupViewModel(bundledData);
        this.datasets = datasets;
        this.scheduler = new RunScheduler(cores);
        this.io = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "lenetlab-io");
            t.setDaemon(true);
            t.setPriority(Thread.NORM_PRIORITY - 1);
            return t;
        });
        this.workspace.set(workspaceRoot);
        ChangeListener<Object> refreshWelcome = (o, a, b) -> updateWelcome();
        runs.addListener((ListChangeListener<RunViewModel>) c -> {
            while (c.next()) {
                for (RunViewModel r : c.getAddedSubList()) {
                    r.visibleProperty().addListener(refreshWelcome);
                }
            }
            updateWelcome();
            updateQueueSummary();
        });
        updateQueueSummary();
    }

    // ---- start-up ----

    /** Lists the runs found in the workspace (replacing earlier ones listed before; live runs stay). */
    public void loadWorkspace() {
        RunWorkspace.Scan scan = new RunWorkspace(workspace.get()).scan();
        List<RunViewModel> keep = new ArrayList<>();
        for (RunViewModel r : runs) {
            if (r.origin() == RunViewModel.Origin.LIVE) {
                keep.add(r);
            }
        }
        List<RunViewModel> found = new ArrayList<>();
        List<Color> used = new ArrayList<>();
        keep.forEach(r -> used.add(r.colourProperty().get()));
        for (RunRecord record : scan.runs()) {
            if (keep.stream().anyMatch(r -> record.folder().equals(r.folderProperty().get()))) {
                continue; // written by a run of this session
            }
            Color c = Palette.next(used);
            used.add(c);
            RunViewModel vm = RunViewModel.earlier(nextNumber++, record, c);
            vm.setVisible(false); // listed; ticked to overlay
            found.add(vm);
        }
        List<RunViewModel> all = new ArrayList<>(found);
        all.addAll(keep);
        runs.setAll(all);
        earlierRuns.set(found.size());
        if (selected.get() != null && !runs.contains(selected.get())) {
            selected.set(null);
        }
        if (!scan.problems().isEmpty()) {
            post(scan.problems().size() + " folder(s) in " + workspace.get() + " could not be read: "
                    + scan.problems().get(0));
        }
    }

    /** Loads the bundled dataset in the background (warming the cache) and then says what it holds. */
    public void describeDatasetInBackground() {
        Path dir = setup.bundledDirectory();
        io.execute(() -> {
            String text;
            try {
                MnistDataset d = datasets.get(dir);
                text = "MNIST (bundled, " + dir + "): " + Format.count(d.train().count()) + " training and "
                        + Format.count(d.test().count()) + " test images, 28×28 greyscale, 10 classes";
            } catch (DatasetException | RuntimeException e) {
                text = "The bundled MNIST could not be read: " + e.getMessage();
            }
            String summary = text;
            fromBackground.add(() -> datasetSummary.set(summary));
        });
    }

    // ---- commands ----

    /** Starts (or queues) the run the setup panel describes; empty if the setup is not valid. */
    public Optional<RunViewModel> startRun() {
        Optional<RunSetupViewModel.Launch> launch = setup.launch();
        if (launch.isEmpty()) {
            return Optional.empty();
        }
        List<RunViewModel> started = launchAll(List.of(launch.get()), null);
        return started.isEmpty() ? Optional.empty() : Optional.of(started.get(0));
    }

    /** Launches a preset's runs as one group (same seed, the setup's dataset); empty if it is not available. */
    public List<RunViewModel> launchPreset(Preset preset) {
        if (!preset.available()) {
            post(preset.name() + ": " + preset.unavailableReason().orElse("not available"));
            return List.of();
        }
        if (!setup.datasetFolder().isValid()) {
            post("Choose a valid dataset first: " + setup.datasetFolder().getError());
            return List.of();
        }
        long seed = setup.presetSeed();
        List<RunSetupViewModel.Launch> launches = new ArrayList<>();
        for (RunConfig c : preset.configs(seed, setup.dataDirectory())) {
            launches.add(new RunSetupViewModel.Launch(c, 0));
        }
        return launchAll(launches, preset.name());
    }

    private List<RunViewModel> launchAll(List<RunSetupViewModel.Launch> launches, String group) {
        RunWorkspace ws = new RunWorkspace(workspace.get());
        List<RunViewModel> created = new ArrayList<>();
        List<RunJob> jobs = new ArrayList<>();
        List<Color> used = new ArrayList<>();
        runs.forEach(r -> used.add(r.colourProperty().get()));
        for (RunSetupViewModel.Launch l : launches) {
            RunJob job = new RunJob(l.config(), l.requestedThreads(), ws, datasets);
            Color c = Palette.next(used);
            used.add(c);
            created.add(RunViewModel.live(nextNumber++, l.config(), l.requestedThreads(), group, c, job, scheduler));
            jobs.add(job);
        }
        startedThisSession = true;
        active = true;
        runs.addAll(created);
        selected.set(created.get(created.size() - 1));
        scheduler.submit(jobs);
        updateQueueSummary();
        return created;
    }

    public void select(RunViewModel run) {
        selected.set(run != null && runs.contains(run) ? run : null);
    }

    public void togglePauseSelected() {
        if (selected.get() != null) {
            selected.get().togglePause();
        }
    }

    public void stopSelected() {
        if (selected.get() != null) {
            selected.get().stop();
        }
    }

    /** Stops every run that trains or waits. */
    public void stopAll() {
        for (RunViewModel r : List.copyOf(runs)) {
            r.stop();
        }
    }

    /** Takes an ended run out of the list (its folder stays on disk); false if it has not ended. */
    public boolean remove(RunViewModel run) {
        if (run == null || !run.canRemoveProperty().get()) {
            return false;
        }
        int index = runs.indexOf(run);
        runs.remove(run);
        if (run.origin() == RunViewModel.Origin.EARLIER) {
            earlierRuns.set(earlierRuns.get() - 1);
        }
        if (selected.get() == run) {
            selected.set(runs.isEmpty() ? null : runs.get(Math.min(index, runs.size() - 1)));
        }
        return true;
    }

    public boolean removeSelected() {
        return remove(selected.get());
    }

    public void setSmoothing(double weight) {
        smoothing.set(Math.max(0, Math.min(MAX_SMOOTHING, weight)));
    }

    /** Changes the workspace; new runs go there, and the runs found there are listed. */
    public void setWorkspace(Path root) {
        workspace.set(root);
        loadWorkspace();
        post("Workspace: " + root.toAbsolutePath().normalize() + " (" + earlierRuns.get() + " earlier runs found)");
    }

    /** Shows a message in the window's notice bar. */
    public void post(String text) {
        message.set(text);
    }

    public void dismissMessage() {
        message.set("");
    }

    /**
     * Writes every listed run's metrics to one long CSV (run id, configuration, iteration, metric,
     * value); says in the notice bar what happened, success or not. Returns whether it was written.
     */
    public boolean exportMetricsCsv(Path file) {
        List<MetricsExport.Entry> entries = new ArrayList<>();
        for (RunViewModel r : runs) {
            Path folder = r.folderProperty().get();
            String id = folder != null ? folder.getFileName().toString() : r.name();
            entries.add(new MetricsExport.Entry(id, r.settings(), List.copyOf(r.rows())));
        }
        try {
            MetricsExport.write(entries, file);
            post("Wrote the metrics of " + entries.size() + " runs to " + file);
            return true;
        } catch (IOException | RuntimeException e) {
            post("Could not write " + file + ": " + reason(e));
            return false;
        }
    }

    /** A short reason for a failed write, for the notice bar. */
    public static String reason(Exception e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "the folder does not exist";
        }
        if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /**
     * The once-per-frame hand-over: applies what the background reported to every run and to the
     * workbench. Returns whether any chart data changed (so charts redraw at most once a frame).
     */
    public boolean drain(long nowNanos) {
        Runnable r;
        while ((r = fromBackground.poll()) != null) {
            r.run();
        }
        boolean changed = false;
        boolean stateChanged = false;
        boolean stillActive = false;
        for (RunViewModel run : runs) {
            RunState before = run.getState();
            changed |= run.drain(nowNanos);
            stateChanged |= before != run.getState();
            stillActive |= run.getState().active();
        }
        active = stillActive;
        if (stateChanged) {
            updateQueueSummary();
        }
        if (changed) {
            chartRevision.set(chartRevision.get() + 1);
        }
        return changed;
    }

    /**
     * Whether the window should keep drawing frames: some run is queued, starting, training or
     * paused, or a background task has news. Safe from any thread.
     */
    public boolean wantsFrames() {
        return active || !fromBackground.isEmpty();
    }

    private void updateWelcome() {
        boolean anyShown = runs.stream().anyMatch(r -> r.visibleProperty().get());
        welcome.set(!startedThisSession && !anyShown);
    }

    private void updateQueueSummary() {
        long running = runs.stream().filter(r -> r.getState() == RunState.RUNNING
                || r.getState() == RunState.STARTING || r.getState() == RunState.PAUSED).count();
        long queued = runs.stream().filter(r -> r.getState() == RunState.QUEUED).count();
        String text = running + " training · " + queued + " queued · " + scheduler.cores() + " cores";
        queueSummary.set(text);
    }

    /**
     * Stops every run and waits up to {@code timeout} for them to write their files and end; the
     * scheduler then takes no more. Returns whether all ended in time.
     */
    public boolean shutdown(Duration timeout) {
        stopAll();
        scheduler.close();
        io.shutdownNow();
        try {
            return scheduler.awaitIdle(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        shutdown(Duration.ofSeconds(2));
    }

    // ---- read-only state ----

    public RunSetupViewModel setup() {
        return setup;
    }

    public List<Preset> presets() {
        return Preset.ALL;
    }

    public ObservableList<RunViewModel> runs() {
        return runsView;
    }

    public ReadOnlyObjectProperty<RunViewModel> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    public RunViewModel getSelected() {
        return selected.get();
    }

    /** The debiased EMA weight the charts apply to what they show (0 = raw). */
    public ReadOnlyDoubleProperty smoothingProperty() {
        return smoothing.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Path> workspaceProperty() {
        return workspace.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty datasetSummaryProperty() {
        return datasetSummary.getReadOnlyProperty();
    }

    /** The notice bar's text; empty when there is nothing to say. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** True at first start: no run started yet and none shown, so the window says what to do. */
    public ReadOnlyBooleanProperty welcomeProperty() {
        return welcome.getReadOnlyProperty();
    }

    /** How many runs from earlier sessions are listed. */
    public ReadOnlyIntegerProperty earlierRunsProperty() {
        return earlierRuns.getReadOnlyProperty();
    }

    /** "2 training · 1 queued · 2 cores". */
    public ReadOnlyStringProperty queueSummaryProperty() {
        return queueSummary.getReadOnlyProperty();
    }

    /** Goes up by one at each frame in which some run's chart data changed. */
    public ReadOnlyIntegerProperty chartRevisionProperty() {
        return chartRevision.getReadOnlyProperty();
    }

    public RunScheduler scheduler() {
        return scheduler;
    }
}
