package dev.lenetlab.ui.view;

import dev.lenetlab.engine.Activation;
import dev.lenetlab.engine.Pooling;
import dev.lenetlab.ui.model.Field;
import dev.lenetlab.engine.OptimizerKind;
import dev.lenetlab.engine.OptimizerParameter;
import dev.lenetlab.ui.model.RunSetupViewModel;
import dev.lenetlab.ui.model.RunSetupViewModel.DatasetSource;
import dev.lenetlab.ui.model.RunSetupViewModel.SeedMode;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The run setup form. Every text field is bound to a {@link Field} of the view-model; an invalid
 * one is outlined and says why right under it, and Start stays disabled until all are valid.
 */
public final class SetupPanel extends VBox {
    private static final PseudoClass INVALID = PseudoClass.getPseudoClass("invalid");

    private final RunSetupViewModel vm;
    private final Button start = new Button("Start");
    private final ComboBox<Activation> activation = new ComboBox<>();
    private final VBox optimizerFields = new VBox(6);
    private final TextField learningRateField;

    public SetupPanel(RunSetupViewModel vm, Runnable onStart) {
        this.vm = vm;
        getStyleClass().add("setup-panel");
        setSpacing(10);

        Label title = new Label("New run", Icons.of(MaterialDesignT.TUNE_VARIANT, 18));
        title.getStyleClass().add("panel-title");
        Button defaults = new Button("Paper defaults", Icons.of(MaterialDesignR.RESTORE, 14));
        defaults.getStyleClass().add("link-button");
        defaults.setTooltip(new Tooltip("SGD, lr 0.1, batch 64, 10,000 iterations, evaluation every 100 on 2,000 images, seed 1"));
        defaults.setOnAction(e -> vm.resetToPaperDefaults());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox header = new HBox(8, title, grow, defaults);
        header.setAlignment(Pos.CENTER_LEFT);

        // Activation with its plot.
        activation.setId("activation");
        activation.getItems().setAll(Activation.values());
        activation.setCellFactory(l -> activationCell());
        activation.setButtonCell(activationCell());
        activation.valueProperty().bindBidirectional(vm.activationProperty());
        activation.setMaxWidth(Double.MAX_VALUE);
        ActivationPlot plot = new ActivationPlot();
        plot.setId("activationPlot");
        Label formula = new Label();
        formula.setId("activationFormula");
        formula.getStyleClass().add("formula");
        formula.setWrapText(true);
        Runnable showActivation = () -> {
            Activation a = vm.activationProperty().get();
            plot.setActivation(a);
            formula.setText("f(x) = " + a.formula());
        };
        vm.activationProperty().addListener((o, a, b) -> showActivation.run());
        showActivation.run();

        ComboBox<Pooling> pooling = new ComboBox<>();
        pooling.setId("pooling");
        pooling.getItems().setAll(Pooling.values());
        pooling.valueProperty().bindBidirectional(vm.poolingProperty());
        pooling.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Pooling p) {
                return p == null ? "" : p == Pooling.MAX ? "max pooling" : "average pooling";
            }

            @Override
            public Pooling fromString(String s) {
                return null;
            }
        });
        pooling.setMaxWidth(Double.MAX_VALUE);

        ComboBox<OptimizerKind> optimizer = new ComboBox<>();
        optimizer.setId("optimizer");
        optimizer.getItems().setAll(vm.optimizers());
        optimizer.valueProperty().bindBidirectional(vm.optimizerProperty());
        optimizer.setMaxWidth(Double.MAX_VALUE);
        optimizer.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(OptimizerKind kind) {
                return kind == null ? "" : kind.displayName();
            }

            @Override
            public OptimizerKind fromString(String text) {
                return OptimizerKind.fromId(text);
            }
        });
        optimizer.setTooltip(new Tooltip("SGD, momentum, Nesterov, Adam, or FMSGD (fractional order, fixed memory step)"));
        vm.optimizerParameters().addListener(
                (ListChangeListener<RunSetupViewModel.OptimizerField>) c -> rebuildOptimizerFields());
        rebuildOptimizerFields();

        learningRateField = new TextField();
        VBox lr = field(vm.learningRate(), "learningRate", learningRateField);
        VBox batch = field(vm.batchSize(), "batchSize", new TextField());
        VBox iterations = field(vm.iterations(), "iterations", new TextField());
        VBox evalEvery = field(vm.evalEvery(), "evalEvery", new TextField());
        VBox evalSize = field(vm.evalSize(), "evalSize", new TextField());
        VBox threads = field(vm.threads(), "threads", new TextField());

        // Seed: the field and same/new.
        TextField seedField = new TextField();
        ToggleGroup seedGroup = new ToggleGroup();
        ToggleButton same = new ToggleButton(SeedMode.SAME.toString());
        same.setId("sameSeed");
        same.setTooltip(new Tooltip("Every run uses the seed in the field: runs differ only in what you change"));
        ToggleButton fresh = new ToggleButton(SeedMode.NEW.toString());
        fresh.setId("newSeed");
        fresh.setTooltip(new Tooltip("Each Start draws a new seed and writes it into the field"));
        same.setToggleGroup(seedGroup);
        fresh.setToggleGroup(seedGroup);
        same.getStyleClass().add("left-pill");
        fresh.getStyleClass().add("right-pill");
        Runnable syncSeed = () -> {
            seedGroup.selectToggle(vm.seedModeProperty().get() == SeedMode.SAME ? same : fresh);
            seedField.setDisable(vm.seedModeProperty().get() == SeedMode.NEW);
        };
        seedGroup.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                seedGroup.selectToggle(a); // one is always chosen
            } else {
                vm.seedModeProperty().set(b == same ? SeedMode.SAME : SeedMode.NEW);
            }
        });
        vm.seedModeProperty().addListener((o, a, b) -> syncSeed.run());
        syncSeed.run();
        HBox.setHgrow(seedField, Priority.ALWAYS);
        seedField.setPrefColumnCount(6);
        same.setMinWidth(Region.USE_PREF_SIZE);
        fresh.setMinWidth(Region.USE_PREF_SIZE);
        HBox seedRow = new HBox(6, seedField, new HBox(0, same, fresh));
        seedRow.setAlignment(Pos.CENTER_LEFT);
        VBox seed = field(vm.seed(), "seed", seedField, seedRow);

        // Dataset: bundled or a folder.
        ToggleGroup dataGroup = new ToggleGroup();
        RadioButton bundled = new RadioButton("Bundled MNIST");
        bundled.setId("bundledData");
        RadioButton folder = new RadioButton("Folder");
        folder.setId("folderData");
        bundled.setToggleGroup(dataGroup);
        folder.setToggleGroup(dataGroup);
        TextField folderField = new TextField();
        Button browse = new Button(null, Icons.of(MaterialDesignF.FOLDER_OPEN_OUTLINE));
        browse.setTooltip(new Tooltip("Choose a folder with the four MNIST IDX files"));
        browse.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Folder with the MNIST IDX files");
            File chosen = chooser.showDialog(getScene() == null ? null : getScene().getWindow());
            if (chosen != null) {
                folderField.setText(chosen.getAbsolutePath());
                vm.datasetSourceProperty().set(DatasetSource.FOLDER);
            }
        });
        HBox.setHgrow(folderField, Priority.ALWAYS);
        VBox folderBox = field(vm.datasetFolder(), "dataFolder", folderField, new HBox(4, folderField, browse));
        folderBox.getChildren().remove(0); // the radio button names it
        Runnable syncData = () -> {
            boolean isFolder = vm.datasetSourceProperty().get() == DatasetSource.FOLDER;
            dataGroup.selectToggle(isFolder ? folder : bundled);
            folderBox.setDisable(!isFolder);
        };
        dataGroup.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                dataGroup.selectToggle(a);
            } else {
                vm.datasetSourceProperty().set(b == folder ? DatasetSource.FOLDER : DatasetSource.BUNDLED);
            }
        });
        vm.datasetSourceProperty().addListener((o, a, b) -> syncData.run());
        syncData.run();
        Label dataTitle = new Label("Dataset");
        dataTitle.getStyleClass().add("field-label");
        HBox dataChoice = new HBox(14, bundled, folder);
        VBox data = new VBox(4, dataTitle, dataChoice, folderBox);

        // Start.
        start.setId("startButton");
        start.setGraphic(Icons.of(MaterialDesignP.PLAY, 20));
        start.getStyleClass().add("start-button");
        start.setMaxWidth(Double.MAX_VALUE);
        start.disableProperty().bind(vm.validProperty().not());
        start.setDefaultButton(false);
        start.setOnAction(e -> onStart.run());
        start.setTooltip(new Tooltip("Start this run (" + Shortcut.START.keyText() + ")"));
        Label problems = new Label();
        problems.setId("setupProblems");
        problems.getStyleClass().add("setup-problems");
        problems.setWrapText(true);
        problems.textProperty().bind(vm.problemsProperty());
        problems.visibleProperty().bind(vm.validProperty().not());
        problems.managedProperty().bind(problems.visibleProperty());

        GridPane numbers = new GridPane();
        numbers.setHgap(10);
        numbers.setVgap(8);
        numbers.add(batch, 0, 0);
        numbers.add(iterations, 1, 0);
        numbers.add(evalEvery, 0, 1);
        numbers.add(evalSize, 1, 1);
        numbers.add(threads, 0, 2);
        for (Node n : List.of(batch, iterations, evalEvery, evalSize, threads)) {
            GridPane.setHgrow(n, Priority.ALWAYS);
            GridPane.setValignment(n, javafx.geometry.VPos.TOP);
        }
        javafx.scene.layout.ColumnConstraints half = new javafx.scene.layout.ColumnConstraints();
        half.setPercentWidth(50);
        numbers.getColumnConstraints().setAll(half, half);

        HBox choiceRow = new HBox(8, labelled("Pooling", pooling), labelled("Optimizer", optimizer));
        for (Node n : choiceRow.getChildren()) {
            HBox.setHgrow(n, Priority.ALWAYS);
            ((Region) n).setPrefWidth(100);
        }

        getChildren().addAll(header, labelled("Activation", activation), plot, formula, choiceRow,
                optimizerFields, lr, numbers, seed, data, problems, start);
    }

    private static ListCell<Activation> activationCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(Activation a, boolean empty) {
                super.updateItem(a, empty);
                setText(empty || a == null ? null : a.id());
            }
        };
    }

    private void rebuildOptimizerFields() {
        optimizerFields.getChildren().clear();
        int i = 0;
        for (RunSetupViewModel.OptimizerField f : vm.optimizerParameters()) {
            String id = "optimizer-" + f.parameter().key();
            if (f.parameter().type() == OptimizerParameter.Type.FLAG) {
                CheckBox box = new CheckBox(f.field().label());
                box.setId(id);
                box.setSelected(Boolean.parseBoolean(f.field().getText()));
                box.selectedProperty().addListener((o, a, b) -> f.field().setText(Boolean.toString(b)));
                optimizerFields.getChildren().add(box);
            } else {
                TextField text = new TextField();
                if (f.parameter() == OptimizerParameter.EPSILON) {
                    text.setPromptText("default: 1e-8, or 1e-4 when α > 1");
                }
                optimizerFields.getChildren().add(field(f.field(), id, text));
            }
            i++;
        }
        optimizerFields.setVisible(!vm.optimizerParameters().isEmpty());
        optimizerFields.setManaged(optimizerFields.isVisible());
    }

    private static VBox labelled(String text, Region control) {
        Label label = new Label(text);
        label.getStyleClass().add("field-label");
        label.setLabelFor(control);
        return new VBox(4, label, control);
    }

    /** A labelled text field bound to {@code f}, with its error right under it. */
    static VBox field(Field<?> f, String id, TextField text) {
        return field(f, id, text, text);
    }

    /** As {@link #field(Field, String, TextField)}, with {@code control} (holding {@code text}) shown. */
    static VBox field(Field<?> f, String id, TextField text, Node control) {
        Label label = new Label(f.label());
        label.getStyleClass().add("field-label");
        label.setLabelFor(text);
        text.setId(id);
        text.textProperty().bindBidirectional(f.textProperty());
        text.setPromptText(f.hint());
        text.setTooltip(new Tooltip(f.label() + ": " + f.hint()));
        Label error = new Label();
        error.setId(id + "Error");
        error.getStyleClass().add("field-error");
        error.setWrapText(true);
        error.textProperty().bind(f.errorProperty());
        error.visibleProperty().bind(f.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        Runnable mark = () -> text.pseudoClassStateChanged(INVALID, !f.getError().isEmpty());
        f.errorProperty().addListener((o, a, b) -> mark.run());
        mark.run();
        return new VBox(4, label, control, error);
    }

    /** Puts the keyboard focus on the first input, for "new run". */
    public void focusFirst() {
        activation.requestFocus();
    }

    public Button startButton() {
        return start;
    }

    public TextField learningRateField() {
        return learningRateField;
    }

}
