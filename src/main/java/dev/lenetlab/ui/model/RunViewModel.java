package dev.lenetlab.ui.model;

import dev.lenetlab.experiment.ConfusionMatrix;
import dev.lenetlab.experiment.MetricsRow;
import dev.lenetlab.experiment.RunConfig;
import dev.lenetlab.experiment.RunFolder;
import dev.lenetlab.experiment.RunOutcome;
import dev.lenetlab.experiment.RunRecord;
import dev.lenetlab.experiment.RunScheduler;
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
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.paint.Color;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One run in the runs list: a live one (trained in this session) or one read from the workspace.
 * All state is read-only properties, changed only on the JavaFX thread by {@link #drain(long)} (the
 * once-per-frame hand-over of what the training thread reported) and by the commands.
 */
public final class RunViewModel {
    /** Where the run came from. */
    public enum Origin { LIVE, EARLIER }

    /** How often the progress figures (progress bar, images/s, ETA) change on screen at most. */
    static final long STATS_INTERVAL_NANOS = 500_000_000L;
    /**
     * How often, while the run trains, its evaluations reach the charts and the confusion matrix
     * at most. A fast run evaluates two or three times a second; redrawing every time kept the
     * window's code hot enough to cost the run speed (see WorkbenchView). A run that pauses or
     * ends shows everything at once.
     */
    static final long ROWS_INTERVAL_NANOS = 1_000_000_000L;

    private final int number;
    private final String name;
    private final String summary;
    private final Origin origin;
    private final String group;
    private final RunConfig config;
    private final Map<String, Object> settings;
    private final RunJob job;
    private final RunScheduler scheduler;

    private final ReadOnlyObjectWrapper<RunState> state = new ReadOnlyObjectWrapper<>(this, "state");
    private final ReadOnlyIntegerWrapper iterationsDone = new ReadOnlyIntegerWrapper(this, "iterationsDone");
    private final ReadOnlyIntegerWrapper totalIterations = new ReadOnlyIntegerWrapper(this, "totalIterations");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress");
    private final ReadOnlyDoubleWrapper imagesPerSecond = new ReadOnlyDoubleWrapper(this, "imagesPerSecond", Double.NaN);
    private final ReadOnlyDoubleWrapper etaSeconds = new ReadOnlyDoubleWrapper(this, "etaSeconds", Double.NaN);
    private final ReadOnlyObjectWrapper<Double> finalAccuracy = new ReadOnlyObjectWrapper<>(this, "finalAccuracy");
    private final ReadOnlyDoubleWrapper lastTestAccuracy = new ReadOnlyDoubleWrapper(this, "lastTestAccuracy", Double.NaN);
    private final ReadOnlyIntegerWrapper divergedAt = new ReadOnlyIntegerWrapper(this, "divergedAt");
    private final ReadOnlyIntegerWrapper threads = new ReadOnlyIntegerWrapper(this, "threads");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyObjectWrapper<Path> folder = new ReadOnlyObjectWrapper<>(this, "folder");
    private final ReadOnlyObjectWrapper<ConfusionMatrix> confusion = new ReadOnlyObjectWrapper<>(this, "confusion");
    private final ReadOnlyStringWrapper confusionCaption = new ReadOnlyStringWrapper(this, "confusionCaption", "");
    private final ReadOnlyObjectWrapper<Color> colour = new ReadOnlyObjectWrapper<>(this, "colour");
    private final ReadOnlyBooleanWrapper visible = new ReadOnlyBooleanWrapper(this, "visible", true);
    private final ReadOnlyBooleanWrapper canPause = new ReadOnlyBooleanWrapper(this, "canPause");
    private final ReadOnlyBooleanWrapper canResume = new ReadOnlyBooleanWrapper(this, "canResume");
    private final ReadOnlyBooleanWrapper canStop = new ReadOnlyBooleanWrapper(this, "canStop");
    private final ReadOnlyBooleanWrapper canRemove = new ReadOnlyBooleanWrapper(this, "canRemove");
    private final ObservableList<MetricsRow> rows = FXCollections.observableArrayList();
    private final ObservableList<MetricsRow> rowsView = FXCollections.unmodifiableObservableList(rows);

    private long lastStatsNanos;
    /** Evaluations received and not shown yet (see {@link #ROWS_INTERVAL_NANOS}), the last one's confusion. */
    private final List<MetricsRow> heldRows = new ArrayList<>();
    private RunJob.Evaluated heldLast;
    private long lastRowsNanos;
    private long lastFrameNanos;
    private double activeSeconds;

    private RunViewModel(int number, Origin origin, String group, RunConfig config, Map<String, Object> settings,
                         RunJob job, RunScheduler scheduler, Color colour, int total) {
        this.number = number;
        this.origin = origin;
        this.group = group;
        this.config = config;
        this.settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        this.job = job;
        this.scheduler = scheduler;
        String activation = String.valueOf(settings.getOrDefault("activation", "?"));
        this.name = "#" + number + " " + activation;
        this.summary = summarise(settings);
        this.colour.set(colour);
        this.totalIterations.set(total);
        state.addListener((o, a, b) -> updateAbilities());
    }

    /** A run to be trained now; it starts queued. */
    static RunViewModel live(int number, RunConfig config, int requestedThreads, String group, Color colour,
                             RunJob job, RunScheduler scheduler) {
        Map<String, Object> settings = new LinkedHashMap<>(config.toMap());
        RunViewModel vm = new RunViewModel(number, Origin.LIVE, group, config, settings, job, scheduler, colour,
                config.iterations());
        vm.state.set(RunState.QUEUED);
        vm.updateAbilities();
        return vm;
    }

    /** A run read from its folder; finished runs show their whole-test confusion matrix. */
    static RunViewModel earlier(int number, RunRecord record, Color colour) {
        Optional<RunConfig> config = record.config();
        int total = config.map(RunConfig::iterations).orElse(record.iterationsDone());
        RunViewModel vm = new RunViewModel(number, Origin.EARLIER, null, config.orElse(null), record.settings(),
                null, null, colour, total);
        vm.folder.set(record.folder());
        vm.rows.setAll(record.metrics());
        vm.iterationsDone.set(record.iterationsDone());
        vm.progress.set(total > 0 ? Math.min(1, record.iterationsDone() / (double) total) : 0);
        vm.imagesPerSecond.set(record.imagesPerSecond());
        vm.finalAccuracy.set(record.finalTestAccuracy());
        vm.divergedAt.set(record.divergedAt());
        if (record.settings().get("threads") instanceof Number n) {
            vm.threads.set(n.intValue());
        }
        lastFinite(record.metrics()).ifPresent(r -> vm.lastTestAccuracy.set(r.testAccuracy()));
        if (record.testConfusion() != null) {
            vm.confusion.set(record.testConfusion());
            vm.confusionCaption.set("full test set, " + Format.count(record.testConfusion().total()) + " images");
        }
        vm.state.set(RunState.of(record.status()));
        if (vm.state.get() == RunState.INCOMPLETE) {
            vm.message.set("run.json says the run never ended: its process was stopped, or it still trains elsewhere");
        }
        vm.updateAbilities();
        return vm;
    }

    private static Optional<MetricsRow> lastFinite(List<MetricsRow> rows) {
        for (int i = rows.size() - 1; i >= 0; i--) {
            if (Double.isFinite(rows.get(i).testAccuracy())) {
                return Optional.of(rows.get(i));
            }
        }
        return Optional.empty();
    }

    static String summarise(Map<String, Object> s) {
        StringBuilder sb = new StringBuilder();
        sb.append(s.getOrDefault("optimizer", "?"));
        if (s.get("learning_rate") instanceof Number lr) {
            sb.append(" · lr ").append(Format.real(lr.doubleValue()));
        }
        if ("fmsgd".equals(s.get("optimizer")) && s.get("alpha") instanceof Number alpha) {
            sb.append(" · α ").append(Format.real(alpha.doubleValue()));
            if (s.get("memory_step") instanceof Number k && k.intValue() != 1) {
                sb.append(" · K ").append(k);
            }
            if (Boolean.TRUE.equals(s.get("two_term"))) {
                sb.append(" · two-term");
            }
        }
        if (s.get("batch_size") instanceof Number b) {
            sb.append(" · batch ").append(b);
        }
        if (s.get("iterations") instanceof Number n) {
            sb.append(" · ").append(Format.compact(n.longValue())).append(" it");
        }
        if (s.get("seed") instanceof Number seed) {
            sb.append(" · seed ").append(seed);
        }
        Object pooling = s.get("pooling");
        if (pooling != null && !"max".equals(pooling)) {
            sb.append(" · ").append(pooling).append(" pool");
        }
        if (s.get("weight_decay") instanceof Number wd && wd.doubleValue() != 0) {
            sb.append(" · wd ").append(Format.real(wd.doubleValue()));
        }
        return sb.toString();
    }

    private void updateAbilities() {
        RunState s = state.get();
        boolean live = job != null;
        canPause.set(live && (s == RunState.RUNNING || s == RunState.STARTING));
        canResume.set(live && s == RunState.PAUSED);
        canStop.set(live && s != null && s.active());
        canRemove.set(s == null || s.ended());
    }

    // ---- the per-frame hand-over ----

    /**
     * Applies what the training thread reported since the last frame and refreshes the progress
     * figures (at most twice a second, so that a bar moving by a pixel does not redraw the window at
     * every frame). Returns whether anything that the charts show changed.
     */
    boolean drain(long nowNanos) {
        boolean chartsChanged = false;
        if (job != null) {
            RunJob.Event event;
            while ((event = job.events().poll()) != null) {
                if (event instanceof RunJob.Admitted a) {
                    threads.set(a.threads());
                    state.set(RunState.STARTING);
                } else if (event instanceof RunJob.Started s) {
                    folder.set(s.folder());
                    state.set(job.isPauseRequested() ? RunState.PAUSED : RunState.RUNNING);
                } else if (event instanceof RunJob.Evaluated e) {
                    heldRows.add(e.row());
                    heldLast = e;
                } else if (event instanceof RunJob.Paused p) {
                    iterationsDone.set(p.iterationsDone());
                    state.set(RunState.PAUSED);
                } else if (event instanceof RunJob.Resumed) {
                    state.set(RunState.RUNNING);
                } else if (event instanceof RunJob.Finished f) {
                    showHeldRows(nowNanos);
                    finish(f.outcome());
                    if (f.modelNotice() != null) {
                        // the run stays as it ended; only its model file is missing
                        message.set(f.modelNotice());
                    }
                    chartsChanged = true;
                } else if (event instanceof RunJob.Failed f) {
                    message.set(f.message());
                    state.set(RunState.FAILED);
                    etaSeconds.set(Double.NaN);
                }
            }
            if (!heldRows.isEmpty() && (state.get() != RunState.RUNNING
                    || nowNanos - lastRowsNanos >= ROWS_INTERVAL_NANOS)) {
                showHeldRows(nowNanos);
                chartsChanged = true;
            }
            if (state.get() == RunState.RUNNING && lastFrameNanos != 0) {
                activeSeconds += (nowNanos - lastFrameNanos) / 1e9;
            }
            lastFrameNanos = nowNanos;
            if (state.get() == RunState.RUNNING && nowNanos - lastStatsNanos >= STATS_INTERVAL_NANOS) {
                lastStatsNanos = nowNanos;
                updateStats();
            }
        }
        return chartsChanged;
    }

    /** The held evaluations as one change of the rows, however many there are. */
    private void showHeldRows(long nowNanos) {
        if (heldRows.isEmpty()) {
            return;
        }
        rows.addAll(heldRows);
        heldRows.clear();
        lastRowsNanos = nowNanos;
        lastTestAccuracy.set(heldLast.row().testAccuracy());
        confusion.set(heldLast.confusion());
        confusionCaption.set("test slice at iteration " + Format.count(heldLast.row().iteration()) + ", "
                + Format.count(heldLast.confusion().total()) + " images");
    }

    private void updateStats() {
        int done = job.iterationsDone();
        iterationsDone.set(done);
        int total = totalIterations.get();
        progress.set(total > 0 ? done / (double) total : 0);
        double seconds = job.trainingSeconds();
        if (done > 0 && seconds > 0) {
            imagesPerSecond.set(done * (double) config.batchSize() / seconds);
        }
        if (done > 0 && activeSeconds > 0.5) {
            etaSeconds.set((total - done) * activeSeconds / done);
        }
    }

    private void finish(RunOutcome outcome) {
        etaSeconds.set(Double.NaN);
        if (outcome == null) {
            state.set(RunState.CANCELLED);
            return;
        }
        iterationsDone.set(outcome.iterationsDone());
        int total = totalIterations.get();
        progress.set(total > 0 ? outcome.iterationsDone() / (double) total : 0);
        if (outcome.imagesPerSecond() > 0) {
            imagesPerSecond.set(outcome.imagesPerSecond());
        }
        finalAccuracy.set(outcome.finalTestAccuracy());
        divergedAt.set(outcome.divergedAt());
        if (outcome.testConfusion() != null) {
            confusion.set(outcome.testConfusion());
            confusionCaption.set("full test set, " + Format.count(outcome.testConfusion().total()) + " images");
        }
        switch (outcome.status()) {
            case FINISHED, RUNNING -> state.set(RunState.FINISHED);
            case CANCELLED -> state.set(RunState.CANCELLED);
            case DIVERGED -> {
                message.set("loss became NaN or infinite at iteration " + Format.count(outcome.divergedAt())
                        + "; try a smaller learning rate");
                state.set(RunState.DIVERGED);
            }
        }
    }

    // ---- commands ----

    public void pause() {
        if (canPause.get()) {
            job.pause();
        }
    }

    public void resume() {
        if (canResume.get()) {
            job.resume();
        }
    }

    /** Pauses a training run, resumes a paused one; does nothing otherwise. */
    public void togglePause() {
        if (canResume.get()) {
            resume();
        } else {
            pause();
        }
    }

    /**
     * Stops the run within one iteration (its metrics so far stay), or takes it out of the queue if
     * it has not started.
     */
    public void stop() {
        if (!canStop.get()) {
            return;
        }
        if (state.get() == RunState.QUEUED && scheduler != null && scheduler.withdraw(job)) {
            state.set(RunState.CANCELLED);
            return;
        }
        job.cancel();
    }

    public void setColour(Color c) {
        if (c != null) {
            colour.set(c);
        }
    }

    /** Shows or hides the run's curves (it stays in the list). */
    public void setVisible(boolean v) {
        visible.set(v);
    }

    // ---- read-only state ----

    public int number() {
        return number;
    }

    /** "#3 mish". */
    public String name() {
        return name;
    }

    /** "sgd · lr 0.1 · batch 64 · 10k it · seed 1". */
    public String summary() {
        return summary;
    }

    public Origin origin() {
        return origin;
    }

    /** The preset the run was launched with, or null. */
    public String group() {
        return group;
    }

    /**
     * Where the run's model file is, or will be when the run ends (its folder's {@code model.lenet});
     * null while the run has no folder. Looks at no disk: whether the file exists is for a
     * background thread to find out.
     */
    public Path modelPath() {
        Path f = folder.get();
        return f == null ? null : f.resolve(RunFolder.MODEL);
    }

    /** The configuration, if known (an earlier run's run.json may name an optimizer this version lacks). */
    public Optional<RunConfig> config() {
        return Optional.ofNullable(config);
    }

    /** The configuration as in run.json. */
    public Map<String, Object> settings() {
        return settings;
    }

    public String activationId() {
        return String.valueOf(settings.getOrDefault("activation", "?")).toLowerCase(Locale.ROOT);
    }

    public ReadOnlyObjectProperty<RunState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public RunState getState() {
        return state.get();
    }

    public ReadOnlyIntegerProperty iterationsDoneProperty() {
        return iterationsDone.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty totalIterationsProperty() {
        return totalIterations.getReadOnlyProperty();
    }

    /** From 0 to 1. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** Training throughput, as {@code train} reports it; NaN until known. */
    public ReadOnlyDoubleProperty imagesPerSecondProperty() {
        return imagesPerSecond.getReadOnlyProperty();
    }

    /** Seconds left at the pace so far; NaN when unknown or not running. */
    public ReadOnlyDoubleProperty etaSecondsProperty() {
        return etaSeconds.getReadOnlyProperty();
    }

    /** Accuracy on the whole test set at the end of a finished run; null otherwise. */
    public ReadOnlyObjectProperty<Double> finalAccuracyProperty() {
        return finalAccuracy.getReadOnlyProperty();
    }

    /** The last evaluation's accuracy on the slice; NaN before the first. */
    public ReadOnlyDoubleProperty lastTestAccuracyProperty() {
        return lastTestAccuracy.getReadOnlyProperty();
    }

    /** The iteration at which the loss stopped being finite; 0 if it never did. */
    public ReadOnlyIntegerProperty divergedAtProperty() {
        return divergedAt.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty threadsProperty() {
        return threads.getReadOnlyProperty();
    }

    /** Why the run failed or diverged, why its model file is missing, or a note on an earlier run; empty otherwise. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The run folder, once it exists. */
    public ReadOnlyObjectProperty<Path> folderProperty() {
        return folder.getReadOnlyProperty();
    }

    /** The latest confusion matrix: the evaluation slice's while training, the whole test set's at the end. */
    public ReadOnlyObjectProperty<ConfusionMatrix> confusionProperty() {
        return confusion.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty confusionCaptionProperty() {
        return confusionCaption.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Color> colourProperty() {
        return colour.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty visibleProperty() {
        return visible.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canPauseProperty() {
        return canPause.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canResumeProperty() {
        return canResume.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canStopProperty() {
        return canStop.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRemoveProperty() {
        return canRemove.getReadOnlyProperty();
    }

    /** The metrics rows so far, in order; grows by at most one change per frame. */
    public ObservableList<MetricsRow> rows() {
        return rowsView;
    }

    RunJob job() {
        return job;
    }

    @Override
    public String toString() {
        return name;
    }
}
