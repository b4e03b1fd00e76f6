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

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The drawing panel's state: the strokes on the canvas, the 28×28 input they make, what the chosen
 * model thinks of it and the models to choose from. Classification happens on stroke release, on
 * a background executor (preprocessing and a forward pass take a few milliseconds, still too long
 * for the JavaFX thread to wait on); a result that a newer drawing has overtaken is dropped.
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

    /**
     * One entry of the model picker.
     *
     * @param saveable whether Save can write it (a running run's snapshot has no optimizer state to save)
     */
    public record ModelChoice(String label, Source source, boolean saveable) {
        ModelChoice(String label, boolean saveable, Source source) {
            this(label, source, saveable);
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** Where a choice's network comes from: loaded when chosen, so that a running run gives its weights of now. */
    public interface Source {
        Classifier load() throws ModelFileException;

        /** The whole model (for Save), when there is one; a running run's snapshot has none. */
        default Optional<Checkpoint> checkpoint() throws ModelFileException {
            return Optional.empty();
        }
    }

    private final Executor background;
    private final Executor ui;
    private final Supplier<List<RunViewModel>> runs;
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
    private final ObservableList<ModelChoice> models = FXCollections.observableArrayList();
    private final ObservableList<ModelChoice> modelsView = FXCollections.unmodifiableObservableList(models);
    private final List<ModelChoice> files = new ArrayList<>();
    private final ModelChoice bundled = new ModelChoice(BundledModel.NAME + ", shipped with LeNet Lab", true, new Source() {
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

    /**
     * @param background where preprocessing and classification run
     * @param ui         where their results are applied (the JavaFX thread; tests pass a direct executor)
     * @param runs       the runs whose models can be picked
     */
    public DrawingViewModel(Executor background, Executor ui, Supplier<List<RunViewModel>> runs) {
        this.background = background;
        this.ui = ui;
        this.runs = runs;
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

    /** Re-reads which runs have a model to offer; keeps the current choice. */
    public void refreshModels() {
        List<ModelChoice> choices = new ArrayList<>();
        choices.add(bundled);
        for (RunViewModel run : runs.get()) {
            if (run.hasModel()) {
                choices.add(runChoice(run));
            }
        }
        choices.addAll(files);
        ModelChoice chosen = model.get();
        models.setAll(choices);
        if (chosen != null && !models.contains(chosen)) {
            models.add(chosen);
        }
    }

    private ModelChoice runChoice(RunViewModel run) {
        boolean live = run.getState() != null && run.getState().active();
        String label = run.name() + (live ? " — running: its weights now" : " — " + run.getState().label());
        return new ModelChoice(label, !live, new Source() {
            @Override
            public Classifier load() throws ModelFileException {
                return run.classifier().orElseThrow(() -> new ModelFileException(run.name() + " has no model yet"));
            }

            @Override
            public Optional<Checkpoint> checkpoint() throws ModelFileException {
                Optional<Path> file = run.getState().active() ? Optional.empty() : run.modelFile();
                return file.isPresent() ? Optional.of(ModelFile.read(file.get())) : Optional.empty();
            }
        });
    }

    /** Uses {@code choice} from now on; if it cannot be loaded, says why and keeps the model in use. */
    public boolean choose(ModelChoice choice) {
        try {
            Classifier loaded = choice.source().load();
            classifier = loaded;
            model.set(choice);
            updateCanSave();
            message.set("");
            classify();
            return true;
        } catch (ModelFileException | RuntimeException e) {
            message.set("Cannot use " + choice.label() + ": " + e.getMessage() + (classifier == null ? ""
                    : ". Still using " + model.get().label() + "."));
            return false;
        }
    }

    /** Loads a model file and uses it; a broken file is reported and the model in use is kept. */
    public boolean openModel(Path file) {
        Checkpoint checkpoint;
        try {
            checkpoint = ModelFile.read(file);
        } catch (ModelFileException e) {
            message.set(e.getMessage() + (model.get() == null ? "" : ". Still using " + model.get().label() + "."));
            return false;
        }
        String name = String.valueOf(file.getFileName());
        ModelChoice choice = new ModelChoice(name + " — " + checkpoint.config().activation().id() + ", "
                + Format.count(checkpoint.iterationsDone()) + " iterations", true, new Source() {
            @Override
            public Classifier load() {
                return Classifier.of(name, checkpoint);
            }

            @Override
            public Optional<Checkpoint> checkpoint() {
                return Optional.of(checkpoint);
            }
        });
        files.add(choice);
        models.add(choice);
        return choose(choice);
    }

    /** Saves the chosen model to {@code file}; says so, or why not. */
    public boolean saveModel(Path file) {
        ModelChoice choice = model.get();
        try {
            Optional<Checkpoint> checkpoint = choice == null ? Optional.empty() : choice.source().checkpoint();
            if (checkpoint.isEmpty()) {
                message.set("A running run has no model file yet: save it when it has ended (its folder gets "
                        + "model.lenet), or stop it.");
                return false;
            }
            ModelFile.write(checkpoint.get(), file);
            message.set("Model saved to " + file);
            return true;
        } catch (ModelFileException e) {
            message.set(e.getMessage());
            return false;
        }
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
            input.set(null);
            classification.set(null);
            verdict.set(EMPTY_PROMPT);
            return;
        }
        background.execute(() -> {
            float[] ink = StrokeRaster.paint(drawing, CANVAS_SIDE, PEN_WIDTH);
            Optional<float[]> digit = DigitPreprocessor.toNetworkInput(ink, CANVAS_SIDE, CANVAS_SIDE);
            Classifier.Classification result = digit.map(using::classify).orElse(null);
            ui.execute(() -> {
                if (ticket != generation) {
                    return;
                }
                input.set(digit.orElse(null));
                classification.set(result);
                verdict.set(result == null ? EMPTY_PROMPT : String.format(Locale.ROOT, "%d  (%.1f%%)",
                        result.predicted(), 100 * result.confidence()));
            });
        });
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

    /** "Draw a digit", or the top class and its probability. */
    public ReadOnlyStringProperty verdictProperty() {
        return verdict.getReadOnlyProperty();
    }

    /** A problem or a confirmation to show, or "". */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ModelChoice> modelProperty() {
        return model.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canSaveProperty() {
        return canSave.getReadOnlyProperty();
    }

    public ObservableList<ModelChoice> models() {
        return modelsView;
    }
}
