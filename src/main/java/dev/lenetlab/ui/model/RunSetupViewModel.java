package dev.lenetlab.ui.model;

import dev.lenetlab.engine.Activation;
import dev.lenetlab.engine.OptimizerKind;
import dev.lenetlab.engine.OptimizerParameter;
import dev.lenetlab.engine.OptimizerSpec;
import dev.lenetlab.engine.Pooling;
import dev.lenetlab.experiment.RunConfig;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The run setup form: every choice of a new run, each text input validated as it is typed. The
 * choices (activation, pooling, optimizer, seed mode, dataset source) and the fields' texts are the
 * form's input, writable so that controls can bind to them; validity and the error summary are
 * read-only and derived.
 */
public final class RunSetupViewModel {
    /** How the seed of a new run is chosen. */
    public enum SeedMode {
        /** The seed in the field, the same for every run: runs differ only in what was changed. */
        SAME("Same seed"),
        /** A fresh random seed for each run (written into the field, so it can be repeated). */
        NEW("New seed");

        private final String label;

        SeedMode(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** Where a new run's images come from. */
    public enum DatasetSource {
        BUNDLED("Bundled MNIST"),
        FOLDER("Folder…");

        private final String label;

        DatasetSource(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** What Start launches: a configuration, and the worker threads asked for (0 for the fair share). */
    public record Launch(RunConfig config, int requestedThreads) {}

    public static final String AUTO = "auto";
    private static final List<String> IDX_PREFIXES =
            List.of("train-images", "train-labels", "t10k-images", "t10k-labels");

    private final Path bundledDirectory;
    private final SplittableRandom seeds = new SplittableRandom();

    private final ObjectProperty<Activation> activation = new SimpleObjectProperty<>(this, "activation", Activation.MISH);
    private final ObjectProperty<Pooling> pooling = new SimpleObjectProperty<>(this, "pooling", Pooling.MAX);
    private final ObjectProperty<OptimizerKind> optimizer =
            new SimpleObjectProperty<>(this, "optimizer", OptimizerKind.SGD);
    private final ObjectProperty<SeedMode> seedMode = new SimpleObjectProperty<>(this, "seedMode", SeedMode.SAME);
    private final ObjectProperty<DatasetSource> datasetSource =
            new SimpleObjectProperty<>(this, "datasetSource", DatasetSource.BUNDLED);

    private final Field<Double> learningRate = new Field<>("Learning rate", "a positive number, e.g. 0.1", "0.1",
            Field.real(false, 100, "a positive number, e.g. 0.1"));
    private final Field<Integer> batchSize = new Field<>("Batch size", "images per step, 1 to 4,096", "64",
            Field.wholeNumber(1, 4096));
    private final Field<Integer> iterations = new Field<>("Iterations", "mini-batch steps", "10000",
            Field.wholeNumber(1, 10_000_000));
    private final Field<Integer> evalEvery;
    private final Field<Integer> evalSize = new Field<>("Eval images",
            "test images per evaluation (a class-balanced slice), 10 to 10,000", "2000", Field.wholeNumber(10, RunConfig.TEST_SET_SIZE));
    private final Field<Long> seed = new Field<>("Seed", "initial weights and batch order", "1", RunSetupViewModel::parseSeed);
    private final Field<Integer> threads = new Field<>("Threads", "'auto' (a fair share of the cores) or 1 to 256",
            AUTO, RunSetupViewModel::parseThreads);
    private final Field<Path> datasetFolder;
    /** The chosen optimizer's own settings (all but the learning rate, which every optimizer has). */
    private final ObservableList<OptimizerField> optimizerParameters = FXCollections.observableArrayList();
    private final ObservableList<OptimizerField> optimizerParametersView =
            FXCollections.unmodifiableObservableList(optimizerParameters);
    /** What was typed per setting, kept across optimizer switches (momentum and Nesterov share "momentum"). */
    private final Map<OptimizerParameter, String> typed = new EnumMap<>(OptimizerParameter.class);
    private final List<Field<?>> commonFields;

    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(this, "valid", false);
    private final ReadOnlyStringWrapper problems = new ReadOnlyStringWrapper(this, "problems", "");

    public RunSetupViewModel(Path bundledDirectory) {
        this.bundledDirectory = bundledDirectory;
        evalEvery = new Field<>("Evaluate every", "iterations between evaluations", "100", text -> {
            int v = Field.wholeNumber(1, 10_000_000).parse(text);
            Optional<Integer> its = iterations.value();
            if (its.isPresent() && v > its.get()) {
                throw new Field.Invalid("must be at most the iterations (" + Format.count(its.get()) + ")");
            }
            return v;
        });
        datasetFolder = new Field<>("Dataset folder", "a folder with the four MNIST IDX files", "",
                this::parseFolder);
        commonFields = List.of(learningRate, batchSize, iterations, evalEvery, evalSize, seed, threads, datasetFolder);
        iterations.textProperty().addListener((o, a, b) -> evalEvery.revalidate());
        datasetSource.addListener((o, a, b) -> datasetFolder.revalidate());
        for (Field<?> f : commonFields) {
            f.validProperty().addListener((o, a, b) -> updateValidity());
        }
        optimizer.addListener((o, a, b) -> rebuildOptimizerParameters());
        rebuildOptimizerParameters();
    }

    private void rebuildOptimizerParameters() {
        for (OptimizerField f : optimizerParameters) {
            typed.put(f.parameter(), f.field().getText());
        }
        List<OptimizerField> fields = new ArrayList<>();
        OptimizerKind kind = optimizer.get() == null ? OptimizerKind.SGD : optimizer.get();
        for (OptimizerParameter p : kind.parameters()) {
            if (p == OptimizerParameter.LEARNING_RATE) {
                continue;
            }
            Field<Object> f = new Field<>(p.label(), p.validRange(), typed.getOrDefault(p, defaultText(p)),
                    text -> parseSetting(p, text));
            f.validProperty().addListener((o, a, b) -> updateValidity());
            fields.add(new OptimizerField(p, f));
        }
        optimizerParameters.setAll(fields);
        updateValidity();
    }

    /** One optimizer setting and its field; a flag's field holds "true" or "false" (a check box shows it). */
    public record OptimizerField(OptimizerParameter parameter, Field<Object> field) {}

    private static String defaultText(OptimizerParameter p) {
        if (p == OptimizerParameter.EPSILON) {
            return ""; // empty: the default for α (1e-8, or 1e-4 above 1), which follows α as it changes
        }
        Object v = OptimizerSpec.defaults(OptimizerKind.FMSGD).value(p);
        return v instanceof Double d ? Format.real(d) : String.valueOf(v);
    }

    private static Object parseSetting(OptimizerParameter p, String text) throws Field.Invalid {
        if (p == OptimizerParameter.EPSILON && text.isBlank()) {
            return null;
        }
        try {
            return p.parse(text.trim());
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            throw new Field.Invalid(m.startsWith(p.option() + ": ") ? m.substring(p.option().length() + 2) : m);
        }
    }

    /** The optimizer and settings the form describes, or empty while a setting is invalid. */
    private Optional<OptimizerSpec> optimizerSpec() {
        try {
            OptimizerSpec spec = OptimizerSpec.defaults(optimizer.get())
                    .withLearningRate(learningRate.value().orElseThrow());
            for (OptimizerField f : optimizerParameters) {
                Optional<Object> v = f.field().value();
                if (v.isEmpty() && !(f.parameter() == OptimizerParameter.EPSILON && f.field().isValid())) {
                    return Optional.empty();
                }
                spec = spec.with(f.parameter(), v.orElse(null));
            }
            return Optional.of(spec);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private void updateValidity() {
        List<String> lines = new ArrayList<>();
        for (Field<?> f : allFields()) {
            if (!f.isValid()) {
                lines.add(f.label() + ": " + f.getError());
            }
        }
        problems.set(String.join("\n", lines));
        valid.set(lines.isEmpty());
    }

    private List<Field<?>> allFields() {
        List<Field<?>> all = new ArrayList<>(commonFields);
        for (OptimizerField f : optimizerParameters) {
            all.add(f.field());
        }
        return all;
    }

    private static Long parseSeed(String t) throws Field.Invalid {
        if (t.isEmpty()) {
            throw new Field.Invalid("required: a whole number, e.g. 1");
        }
        try {
            long v = Long.parseLong(t.replace(",", "").replace("_", ""));
            if (v < 0) {
                throw new Field.Invalid("must be zero or more");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new Field.Invalid("'" + t + "' is not a whole number");
        }
    }

    private static Integer parseThreads(String t) throws Field.Invalid {
        if (t.isEmpty() || t.toLowerCase(Locale.ROOT).equals(AUTO)) {
            return 0;
        }
        try {
            return Field.wholeNumber(1, 256).parse(t);
        } catch (Field.Invalid e) {
            throw new Field.Invalid("'auto' or " + e.getMessage().replace("must be ", "a whole number "));
        }
    }

    private Path parseFolder(String t) throws Field.Invalid {
        if (datasetSource.get() != DatasetSource.FOLDER) {
            return bundledDirectory;
        }
        if (t.isEmpty()) {
            throw new Field.Invalid("choose a folder with the four MNIST IDX files");
        }
        Path folder;
        try {
            folder = Path.of(t);
        } catch (InvalidPathException e) {
            throw new Field.Invalid("not a valid path");
        }
        if (!Files.isDirectory(folder)) {
            throw new Field.Invalid("no such folder");
        }
        List<String> missing = new ArrayList<>(IDX_PREFIXES);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path f : files) {
                String name = f.getFileName().toString().replace('.', '-');
                missing.removeIf(name::startsWith);
            }
        } catch (IOException e) {
            throw new Field.Invalid("cannot read the folder: " + e.getMessage());
        }
        if (!missing.isEmpty()) {
            throw new Field.Invalid("missing " + String.join(", ", missing) + " (IDX files)");
        }
        return folder;
    }

    // ---- input properties ----

    public ObjectProperty<Activation> activationProperty() {
        return activation;
    }

    public ObjectProperty<Pooling> poolingProperty() {
        return pooling;
    }

    public ObjectProperty<OptimizerKind> optimizerProperty() {
        return optimizer;
    }

    public ObjectProperty<SeedMode> seedModeProperty() {
        return seedMode;
    }

    public ObjectProperty<DatasetSource> datasetSourceProperty() {
        return datasetSource;
    }

    public Field<Double> learningRate() {
        return learningRate;
    }

    public Field<Integer> batchSize() {
        return batchSize;
    }

    public Field<Integer> iterations() {
        return iterations;
    }

    public Field<Integer> evalEvery() {
        return evalEvery;
    }

    public Field<Integer> evalSize() {
        return evalSize;
    }

    public Field<Long> seed() {
        return seed;
    }

    public Field<Integer> threads() {
        return threads;
    }

    public Field<Path> datasetFolder() {
        return datasetFolder;
    }

    /** The chosen optimizer's own settings (for SGD: weight decay), rebuilt when the optimizer changes. */
    public ObservableList<OptimizerField> optimizerParameters() {
        return optimizerParametersView;
    }

    /** Every optimizer the engine has. */
    public List<OptimizerKind> optimizers() {
        return List.of(OptimizerKind.values());
    }

    // ---- derived state ----

    /** Whether every input is valid, so Start can be pressed. */
    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    public boolean isValid() {
        return valid.get();
    }

    /** One line per invalid input ("Batch size: must be from 1 to 4,096"); empty when valid. */
    public ReadOnlyStringProperty problemsProperty() {
        return problems.getReadOnlyProperty();
    }

    public Path bundledDirectory() {
        return bundledDirectory;
    }

    /** The folder a new run reads its images from. */
    public Path dataDirectory() {
        return datasetSource.get() == DatasetSource.FOLDER ? datasetFolder.value().orElse(bundledDirectory)
                : bundledDirectory;
    }

    // ---- commands ----

    /**
     * The run that Start launches, or empty when an input is not valid. In "new seed" mode this draws
     * the seed and writes it into the seed field.
     */
    public Optional<Launch> launch() {
        if (!isValid()) {
            return Optional.empty();
        }
        if (seedMode.get() == SeedMode.NEW) {
            seed.setText(Long.toString(seeds.nextInt(1, 1_000_000)));
        }
        Optional<OptimizerSpec> spec = optimizerSpec();
        if (spec.isEmpty()) {
            return Optional.empty();
        }
        int requested = threads.value().orElse(0);
        try {
            RunConfig config = new RunConfig(activation.get(), pooling.get(), spec.get(),
                    batchSize.value().orElseThrow(), iterations.value().orElseThrow(),
                    evalEvery.value().orElseThrow(), evalSize.value().orElseThrow(), 0, seed.value().orElseThrow(),
                    requested > 0 ? requested : 1, dataDirectory());
            return Optional.of(new Launch(config, requested));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The seed a preset's runs share: the field's seed (a fresh one in "new seed" mode). */
    public long presetSeed() {
        if (seedMode.get() == SeedMode.NEW) {
            seed.setText(Long.toString(seeds.nextInt(1, 1_000_000)));
        }
        return seed.value().orElse(1L);
    }

    /** Fills the form with the paper's protocol (SGD, lr 0.1, batch 64, 10,000 iterations …), keeping the dataset. */
    public void resetToPaperDefaults() {
        activation.set(Activation.MISH);
        pooling.set(Pooling.MAX);
        optimizer.set(OptimizerKind.SGD);
        learningRate.setText("0.1");
        batchSize.setText("64");
        iterations.setText("10000");
        evalEvery.setText("100");
        evalSize.setText("2000");
        seedMode.set(SeedMode.SAME);
        seed.setText("1");
        threads.setText(AUTO);
        typed.clear();
        for (OptimizerField f : optimizerParameters) {
            f.field().setText(defaultText(f.parameter()));
        }
    }

    /** Fills the form with an earlier run's configuration, to run it again or vary it. */
    public void load(RunConfig config) {
        activation.set(config.activation());
        pooling.set(config.pooling());
        optimizer.set(config.optimizer().kind());
        learningRate.setText(Format.real(config.learningRate()));
        batchSize.setText(Integer.toString(config.batchSize()));
        iterations.setText(Integer.toString(config.iterations()));
        evalEvery.setText(Integer.toString(config.evalEvery()));
        evalSize.setText(Integer.toString(config.evalSize()));
        seedMode.set(SeedMode.SAME);
        seed.setText(Long.toString(config.seed()));
        for (OptimizerField f : optimizerParameters) {
            Object v = f.parameter() == OptimizerParameter.EPSILON ? config.optimizer().epsilon()
                    : config.optimizer().value(f.parameter());
            f.field().setText(v == null ? "" : v instanceof Double d ? Format.real(d) : String.valueOf(v));
        }
        if (config.dataDirectory().toAbsolutePath().normalize().equals(bundledDirectory.toAbsolutePath().normalize())) {
            datasetSource.set(DatasetSource.BUNDLED);
        } else {
            datasetSource.set(DatasetSource.FOLDER);
            datasetFolder.setText(config.dataDirectory().toString());
        }
    }
}
