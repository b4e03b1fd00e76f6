package dev.lenetlab.ui.model;

import dev.lenetlab.experiment.Checkpoint;
import dev.lenetlab.experiment.data.DigitPreprocessor;
import dev.lenetlab.experiment.data.StrokeRaster;
import dev.lenetlab.experiment.model.BundledModel;
import dev.lenetlab.experiment.model.Classifier;
import dev.lenetlab.experiment.model.ModelFile;
import dev.lenetlab.experiment.model.ModelFileException;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The drawing panel's state: the strokes on the canvas, the 28×28 input they make, what the chosen
 * model thinks of it and the models to choose from.
 *
 * <p>Everything slow runs on the background executor, and its result is applied through the UI
 * executor (the JavaFX thread): classification on stroke release (preprocessing and a forward pass
 * take a few milliseconds), and all file work — loading a model (a model file, a run's
 * {@code model.lenet}), saving one, and finding out which runs have a model file. The JavaFX thread
 * never waits on a disk. A result that a newer request has overtaken is dropped. Any failure — a
 * broken file, an unexpected exception, running out of memory — becomes a {@link #messageProperty()
 * message}, and the model in use stays in use.
 *
 * <p>State is read-only properties changed only on the UI executor's thread; commands are methods.
 */
public final class DrawingViewModel {
    /** The canvas side in pixels: 10× the network's input. */
    public static final int CANVAS_SIDE = 280;
    /**
     * The pen's width on the canvas: a digit drawn across most of the canvas is shrunk about 12×
     * to MNIST's 20-pixel box, which leaves strokes 2–3 pixels wide, as MNIST's are.
     */
    public static final double PEN_WIDTH = 26;
    public static final String EMPTY_PROMPT = "Draw a digit";
    /** The verdict when the drawing could not be classified (the message says why). */
    public static final String NOT_CLASSIFIED = "Not classified";
    static final String RUNNING_NOT_SAVEABLE = "A running run has no model file yet: save it when it has ended "
            + "(its folder gets model.lenet), or stop it.";

    /**
     * One entry of the model picker. Two choices with the same {@code key} are the same model
     * (the bundled one, one run, one file), however often the list is rebuilt; they are equal when
     * their labels are too. The source takes no part in equality.
     *
     * @param key   what the choice stands for: {@code bundled}, {@code run:<model path>}, {@code file:<path>}
     * @param live  whether it is a running run's weights (a snapshot, which has no optimizer state to save)
     */
    public record ModelChoice(String key, String label, boolean live, Source source) {
        public ModelChoice {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(source, "source");
        }

        /** Whether Save can write it. */
        public boolean saveable() {
            return !live;
        }

        ModelChoice withLabel(String newLabel) {
            return new ModelChoice(key, newLabel, live, source);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ModelChoice c && key.equals(c.key) && label.equals(c.label) && live == c.live;
        }

        @Override
        public int hashCode() {
            return Objects.hash(key, label, live);
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /**
     * Where a choice's network comes from: loaded when chosen, so that a running run gives its
     * weights of now. Called on the background executor: it may read files, and must not touch
     * JavaFX state.
     */
    public interface Source {
        Classifier load() throws ModelFileException;

        /** The whole model (for Save), when there is one; a running run's snapshot has none. */
        default Optional<Checkpoint> checkpoint() throws ModelFileException {
            return Optional.empty();
        }
    }

    /** What a drawing becomes: the network's input and its answer, both null when there is no ink. */
    record Recognition(float[] input, Classifier.Classification classification) {
        static final Recognition NOTHING = new Recognition(null, null);
    }

    /** Turns a drawing into a {@link Recognition}; runs on the background executor. */
    interface Recognizer {
        Recognition recognise(List<StrokeRaster.Stroke> drawing, Classifier using);
    }

    /** Paint the strokes, preprocess as MNIST, classify. */
    static final Recognizer PIPELINE = (drawing, using) -> {
        float[] ink = StrokeRaster.paint(drawing, CANVAS_SIDE, PEN_WIDTH);
        Optional<float[]> digit = DigitPreprocessor.toNetworkInput(ink, CANVAS_SIDE, CANVAS_SIDE);
        return digit.map(d -> new Recognition(d, using.classify(d))).orElse(Recognition.NOTHING);
    };

    private final Executor background;
    private final Executor ui;
    private final Supplier<List<RunViewModel>> runs;
    private final Recognizer recognizer;
    private final List<StrokeRaster.Stroke> strokes = new ArrayList<>();
    private final List<Double> current = new ArrayList<>();
    private final ReadOnlyIntegerWrapper strokeCount = new ReadOnlyIntegerWrapper(this, "strokeCount");
    private final ReadOnlyObjectWrapper<float[]> input = new ReadOnlyObjectWrapper<>(this, "input");
    private final ReadOnlyObjectWrapper<Classifier.Classification> classification =
            new ReadOnlyObjectWrapper<>(this, "classification");
    private final ReadOnlyStringWrapper verdict = new ReadOnlyStringWrapper(this, "verdict", EMPTY_PROMPT);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyObjectWrapper<ModelChoice> model = new ReadOnlyObjectWrapper<>(this, "model");
    private final ReadOnlyBooleanWrapper canSave = new ReadOnlyBooleanWrapper(this, "canSave");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ObservableList<ModelChoice> models = FXCollections.observableArrayList();
    private final ObservableList<ModelChoice> modelsView = FXCollections.unmodifiableObservableList(models);
    /** The runs that had a model when the list was last read, and the model files opened, in order. */
    private List<ModelChoice> runChoices = List.of();
    private final List<ModelChoice> files = new ArrayList<>();
    private final ModelChoice bundled = new ModelChoice("bundled", BundledModel.NAME + ", shipped with LeNet Lab",
            false, new Source() {
                @Override
                public Classifier load() throws ModelFileException {
                    return BundledModel.classifier();
                }

                @Override
                public Optional<Checkpoint> checkpoint() throws ModelFileException {
                    return Optional.of(BundledModel.checkpoint());
                }
            });
    private Classifier classifier;
    /** Bumped by every change of drawing or model: a classification of an older generation is stale. */
    private long generation;
    /** Bumped by every request for another model: only the latest one's result is used. */
    private long modelRequest;
    private long refreshRequest;
    /** File work sent to the background and not yet back. */
    private int pending;
    /** The message a failed classification showed, so that the next good one can take it away. */
    private String classificationProblem = "";

    /**
     * @param background where file work, preprocessing and classification run
     * @param ui         where their results are applied (the JavaFX thread; tests pass a direct executor)
     * @param runs       the runs whose models can be picked (read on the UI thread)
     */
    public DrawingViewModel(Executor background, Executor ui, Supplier<List<RunViewModel>> runs) {
        this(background, ui, runs, PIPELINE);
    }

    /** With another way from drawing to answer: tests use one that fails. */
    DrawingViewModel(Executor background, Executor ui, Supplier<List<RunViewModel>> runs, Recognizer recognizer) {
        this.background = background;
        this.ui = ui;
        this.runs = runs;
        this.recognizer = recognizer;
        publishModels();
        refreshModels();
        choose(bundled);
    }

    // ---- drawing ----

    public void penDown(double x, double y) {
        current.clear();
        penMove(x, y);
    }

    public void penMove(double x, double y) {
        current.add(x);
        current.add(y);
    }

    /** Ends the stroke in progress and classifies the drawing. */
    public void penUp() {
        if (current.isEmpty()) {
            return;
        }
        double[] points = new double[current.size()];
        for (int i = 0; i < points.length; i++) {
            points[i] = current.get(i);
        }
        current.clear();
        strokes.add(new StrokeRaster.Stroke(points));
        strokeCount.set(strokes.size());
        classify();
    }

    public void clear() {
        strokes.clear();
        current.clear();
        strokeCount.set(0);
        classify();
    }

    public void undo() {
        if (!strokes.isEmpty()) {
            strokes.remove(strokes.size() - 1);
            strokeCount.set(strokes.size());
            classify();
        }
    }

    /** The finished strokes, oldest first (for redrawing the canvas). */
    public List<StrokeRaster.Stroke> strokes() {
        return List.copyOf(strokes);
    }

    // ---- models ----

    /**
     * A run as the UI thread saw it when the list was asked for; whether it has a model is found
     * out on the background thread (an ended run's model file is on disk).
     */
    private record RunEntry(String key, String name, String stateLabel, boolean live, RunJob job, Path modelFile) {
        static RunEntry of(RunViewModel run) {
            RunState state = run.getState();
            Path file = run.modelPath();
            String key = "run:" + (file == null ? "#" + run.number() : file.toAbsolutePath().normalize());
            // runs often share a name ("#2 mish", "#3 mish"): the configuration and the result tell them apart
            Double accuracy = run.finalAccuracyProperty().get();
            String ended = (state == null ? "" : state.label()) + (accuracy == null ? ""
                    : String.format(Locale.ROOT, ", %.2f%%", 100 * accuracy)) + " · " + run.summary();
            return new RunEntry(key, run.name(), ended, state != null && state.active(), run.job(), file);
        }

        /** Reads the disk. */
        boolean hasModel() {
            return live ? job != null && job.iterationsDone() > 0 : modelFile != null && Files.isRegularFile(modelFile);
        }
    }

    /**
     * Finds out, in the background, which runs have a model to offer, then lists them with labels
     * of now (a run that has ended no longer says it runs). The choice in use stays chosen; if its
     * run has ended since it was chosen, its final weights replace the snapshot.
     */
    public void refreshModels() {
        List<RunEntry> entries = runs.get().stream().map(RunEntry::of).toList();
        long ticket = ++refreshRequest;
        inBackground(true,
                () -> entries.stream().filter(RunEntry::hasModel).map(DrawingViewModel::runChoice).toList(),
                found -> {
                    if (ticket == refreshRequest) {
                        runChoices = found;
                        publishModels();
                    }
                },
                e -> message.set("Cannot list the runs' models: " + reason(e)));
    }

    private static ModelChoice runChoice(RunEntry run) {
        String label = run.name() + (run.live() ? " — running: its weights now" : " — " + run.stateLabel());
        return new ModelChoice(run.key(), label, run.live(), new Source() {
            @Override
            public Classifier load() throws ModelFileException {
                if (run.live() && run.job() != null) {
                    Optional<Classifier> now = run.job().snapshot(run.name());
                    if (now.isPresent()) {
                        return now.get();
                    }
                }
                if (run.modelFile() == null) {
                    throw new ModelFileException(run.name() + " has no model yet");
                }
                return Classifier.of(run.name(), ModelFile.read(run.modelFile()));
            }

            @Override
            public Optional<Checkpoint> checkpoint() throws ModelFileException {
                return run.live() || run.modelFile() == null ? Optional.empty()
                        : Optional.of(ModelFile.read(run.modelFile()));
            }
        });
    }

    /** The list: the bundled model, the runs', the files'; the choice in use is in it once, labelled as of now. */
    private void publishModels() {
        List<ModelChoice> choices = new ArrayList<>();
        choices.add(bundled);
        choices.addAll(runChoices);
        choices.addAll(files);
        ModelChoice chosen = model.get();
        ModelChoice fresh = chosen == null ? null
                : choices.stream().filter(c -> c.key().equals(chosen.key())).findFirst().orElse(null);
        if (chosen != null && fresh == null) {
            choices.add(chosen); // in use though no longer offered (its run was removed from the list)
        }
        if (fresh != null && fresh.live() && chosen.live()) {
            // still running: the entry keeps the snapshot's label (its iteration) that is in use;
            // picking the run again takes a newer snapshot
            choices.set(choices.indexOf(fresh), chosen);
            fresh = chosen;
        }
        models.setAll(choices);
        if (fresh != null && !fresh.equals(chosen)) {
            if (fresh.live() != chosen.live()) {
                choose(fresh); // the run has ended: its final weights, and Save can write them
            } else {
                model.set(fresh); // the same weights under the label of now
                updateCanSave();
            }
        }
    }

    /**
     * Puts {@code choice} in the list in place of the entry with its key (or at the end): the
     * model in use is always one of the listed ones, or the picker, finding its value in no
     * entry, would show nothing.
     */
    private void list(ModelChoice choice) {
        for (int i = 0; i < models.size(); i++) {
            if (models.get(i).key().equals(choice.key())) {
                if (!models.get(i).equals(choice)) {
                    models.set(i, choice);
                }
                return;
            }
        }
        models.add(choice);
    }

    /**
     * Uses {@code choice} from now on, once it has loaded in the background; if it cannot be
     * loaded, says why and keeps the model in use.
     */
    public void choose(ModelChoice choice) {
        long ticket = ++modelRequest;
        inBackground(true, choice.source()::load,
                loaded -> {
                    if (ticket == modelRequest) {
                        // a snapshot says which iteration it is of (its classifier is named so)
                        use(choice.live() ? choice.withLabel(loaded.name() + " (snapshot of a running run)") : choice,
                                loaded);
                    }
                },
                e -> {
                    if (ticket == modelRequest) {
                        message.set("Cannot use " + choice.label() + ": " + reason(e) + stillUsing());
                    }
                });
    }

    /** A model file read, and the network made of it. */
    private record Opened(Checkpoint checkpoint, Classifier classifier) {}

    /**
     * Loads a model file in the background, lists it and uses it; a broken file is reported and
     * the model in use is kept. Opening a file that is listed already replaces its entry.
     */
    public void openModel(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        String name = String.valueOf(absolute.getFileName());
        long ticket = ++modelRequest;
        message.set("Opening " + file + "…");
        inBackground(true,
                () -> {
                    Checkpoint checkpoint = ModelFile.read(file);
                    return new Opened(checkpoint, Classifier.of(name, checkpoint));
                },
                opened -> {
                    ModelChoice choice = fileChoice(absolute, name, opened.checkpoint());
                    files.removeIf(c -> c.key().equals(choice.key()));
                    files.add(choice);
                    publishModels();
                    if (ticket == modelRequest) {
                        use(choice, opened.classifier());
                    } else if (message.get().startsWith("Opening " + file)) {
                        message.set("");
                    }
                },
                e -> {
                    if (ticket == modelRequest) {
                        message.set(reason(e) + stillUsing());
                    } else if (message.get().startsWith("Opening " + file)) {
                        message.set("");
                    }
                });
    }

    private static ModelChoice fileChoice(Path absolute, String name, Checkpoint checkpoint) {
        return new ModelChoice("file:" + absolute, name + " — " + checkpoint.config().activation().id() + ", "
                + Format.count(checkpoint.iterationsDone()) + " iterations", false, new Source() {
            @Override
            public Classifier load() {
                return Classifier.of(name, checkpoint);
            }

            @Override
            public Optional<Checkpoint> checkpoint() {
                return Optional.of(checkpoint);
            }
        });
    }

    /** Saves the chosen model to {@code file} in the background; says so, or why not. */
    public void saveModel(Path chosen) {
        // a name typed without an extension gets ours, or the Open dialog's *.lenet filter would hide it
        Path file = chosen.getFileName() != null && !chosen.getFileName().toString().contains(".")
                ? chosen.resolveSibling(chosen.getFileName() + ModelFile.EXTENSION) : chosen;
        ModelChoice choice = model.get();
        if (choice == null || !choice.saveable()) {
            message.set(choice == null ? "No model is loaded yet: nothing to save." : RUNNING_NOT_SAVEABLE);
            return;
        }
        message.set("Saving " + choice.label() + " to " + file + "…");
        inBackground(true,
                () -> {
                    Optional<Checkpoint> checkpoint = choice.source().checkpoint();
                    if (checkpoint.isEmpty()) {
                        return false;
                    }
                    ModelFile.write(checkpoint.get(), file);
                    return true;
                },
                saved -> message.set(saved ? "Model saved to " + file : RUNNING_NOT_SAVEABLE),
                e -> message.set(e instanceof ModelFileException ? reason(e)
                        : "Could not save the model to " + file + ": " + reason(e)));
    }

    private void use(ModelChoice choice, Classifier loaded) {
        classifier = loaded;
        list(choice);
        model.set(choice);
        updateCanSave();
        message.set("");
        classify();
    }

    private String stillUsing() {
        return model.get() == null ? "" : ". Still using " + model.get().label() + ".";
    }

    private void updateCanSave() {
        canSave.set(model.get() != null && model.get().saveable());
    }

    public void dismissMessage() {
        message.set("");
    }

    // ---- classification ----

    private void classify() {
        long ticket = ++generation;
        List<StrokeRaster.Stroke> drawing = List.copyOf(strokes);
        Classifier using = classifier;
        if (drawing.isEmpty() || using == null) {
            show(Recognition.NOTHING);
            return;
        }
        inBackground(false, () -> recognizer.recognise(drawing, using),
                recognition -> {
                    if (ticket == generation) {
                        show(recognition);
                    }
                },
                e -> {
                    if (ticket == generation) {
                        // no stale answer left standing for a drawing it is not about
                        input.set(null);
                        classification.set(null);
                        verdict.set(NOT_CLASSIFIED);
                        classificationProblem = "Could not classify the drawing with " + using.name() + ": "
                                + reason(e) + ". Draw again, or choose another model.";
                        message.set(classificationProblem);
                    }
                });
    }

    private void show(Recognition r) {
        Classifier.Classification result = r.classification();
        input.set(r.input());
        classification.set(result);
        verdict.set(result == null ? EMPTY_PROMPT : String.format(Locale.ROOT, "%d  (%.1f%%)",
                result.predicted(), 100 * result.confidence()));
        if (!classificationProblem.isEmpty() && classificationProblem.equals(message.get())) {
            message.set("");
        }
        classificationProblem = "";
    }

    // ---- the background ----

    /**
     * Runs {@code work} on the background executor and hands its result, or whatever it threw, to
     * {@code done} or {@code failed} on the UI executor. File work counts towards {@link #busyProperty()}.
     */
    private <T> void inBackground(boolean fileWork, Callable<T> work, Consumer<T> done, Consumer<Throwable> failed) {
        if (fileWork) {
            pending++;
            busy.set(true);
        }
        try {
            background.execute(() -> {
                T value;
                try {
                    value = work.call();
                } catch (Throwable e) {
                    // Errors too (out of memory reading a huge file, say): reported, not lost with the thread
                    deliver(fileWork, () -> failed.accept(e));
                    return;
                }
                deliver(fileWork, () -> done.accept(value));
            });
        } catch (RejectedExecutionException e) {
            // the window is closing and its executor has stopped: nothing more will be shown
            if (fileWork) {
                settled();
            }
        }
    }

    private void deliver(boolean fileWork, Runnable apply) {
        ui.execute(() -> {
            try {
                apply.run();
            } finally {
                if (fileWork) {
                    settled();
                }
            }
        });
    }

    private void settled() {
        pending--;
        busy.set(pending > 0);
    }

    /** A short reason for a failure, for the message line. */
    static String reason(Throwable e) {
        if (e instanceof ModelFileException) {
            return e.getMessage();
        }
        if (e instanceof OutOfMemoryError) {
            return "not enough memory" + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")");
        }
        return "unexpected " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    // ---- properties ----

    public ReadOnlyIntegerProperty strokeCountProperty() {
        return strokeCount.getReadOnlyProperty();
    }

    /** The 28×28 network input of the drawing, or null for an empty canvas. */
    public ReadOnlyObjectProperty<float[]> inputProperty() {
        return input.getReadOnlyProperty();
    }

    /** What the model thinks of the drawing, or null for an empty canvas: never a guess at nothing. */
    public ReadOnlyObjectProperty<Classifier.Classification> classificationProperty() {
        return classification.getReadOnlyProperty();
    }

    /** "Draw a digit", the top class and its probability, or "Not classified". */
    public ReadOnlyStringProperty verdictProperty() {
        return verdict.getReadOnlyProperty();
    }

    /** A problem or a confirmation to show, or "". */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The model in use; null until the first one has loaded. */
    public ReadOnlyObjectProperty<ModelChoice> modelProperty() {
        return model.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canSaveProperty() {
        return canSave.getReadOnlyProperty();
    }

    /** Whether file work (loading, saving, listing the runs' models) is under way in the background. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ObservableList<ModelChoice> models() {
        return modelsView;
    }
}
