package dev.lenetlab.ui.view;

import dev.lenetlab.engine.Kernels;
import dev.lenetlab.experiment.ConfusionMatrix;
import dev.lenetlab.experiment.RunConfig;
import dev.lenetlab.ui.chart.MetricChart;
import dev.lenetlab.ui.model.DrawingViewModel;
import dev.lenetlab.ui.model.Preset;
import dev.lenetlab.ui.model.RunViewModel;
import dev.lenetlab.ui.model.WorkbenchViewModel;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ChangeListener;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.Slider;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignE;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignG;
import org.kordamp.ikonli.materialdesign2.MaterialDesignH;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The workbench window's content: toolbar, run setup (left), the two live charts with the
 * confusion matrix and network diagram beside them, the runs list below, a status line, a notice
 * bar and the help overlay. It binds to the {@link WorkbenchViewModel} and holds no state of its
 * own beyond what is on screen.
 *
 * <p>Frames: a pulse listener on the scene hands the training threads' reports to the view-model
 * and redraws the charts, once per frame (a pulse) and before layout, so however many points
 * arrived they reach the screen as one batch. While runs are active, a small ticker asks JavaFX for
 * a pulse four times a second (an evaluation reaches the screen within 250 ms; the user's own
 * input brings its pulses at once): at ten, the window's code ran hot enough to keep the JIT
 * compiling it while the first run trained, and a watched run lost up to 16% of its speed. When
 * nothing trains, no frame is drawn unless the user does something. (An {@link javafx.animation.AnimationTimer} would do the same but keep JavaFX pulsing
 * at 60 frames a second, CPU taken from training.)
 */
public final class WorkbenchView extends StackPane {
    private final WorkbenchViewModel vm;
    private final String stylesheet;
    private final SetupPanel setup;
    private final MetricChart accuracy;
    private final MetricChart loss;
    private final ConfusionView confusion = new ConfusionView();
    private final NetworkDiagram network = new NetworkDiagram();
    private final RunsTable table;
    private final HelpOverlay help = new HelpOverlay();
    private final Label confusionTitle = new Label();
    private final Label confusionCaption = new Label();
    private final Label networkTitle = new Label();
    private final VBox welcome;
    private final Runnable framePulse = () -> frame(System.nanoTime());
    private final ScheduledExecutorService ticker;
    /** Pulses asked for per second while runs are active (see above for why four). */
    static final int FRAMES_PER_SECOND = 4;
    private final Slider smoothing = new Slider(0, WorkbenchViewModel.MAX_SMOOTHING, 0.6);
    private final TabPane tabs = new TabPane();
    /** Drawings are classified here, off the JavaFX thread. */
    private final ExecutorService drawingExecutor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "lenetlab-drawing");
        t.setDaemon(true);
        return t;
    });
    private final DrawingViewModel drawingModel;
    private final DrawingPanel drawing;

    public WorkbenchView(WorkbenchViewModel vm, String stylesheet) {
        this.vm = vm;
        this.stylesheet = stylesheet;
        getStyleClass().add("workbench");
        setup = new SetupPanel(vm.setup(), this::startRun);
        setup.setId("setupPanel");
        accuracy = new MetricChart(MetricChart.Kind.ACCURACY, vm);
        accuracy.setId("accuracyChart");
        loss = new MetricChart(MetricChart.Kind.LOSS, vm);
        loss.setId("lossChart");
        confusion.setId("confusion");
        network.setId("network");
        table = new RunsTable(vm);

        ScrollPane setupScroll = new ScrollPane(setup);
        setupScroll.setFitToWidth(true);
        setupScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        setupScroll.getStyleClass().add("setup-scroll");
        setupScroll.setMinWidth(270);
        setupScroll.setPrefWidth(292);

        VBox charts = new VBox(6, panel(accuracy, "Test accuracy", accuracyExport()),
                panel(loss, "Loss  (solid: test · dashed: train)", lossExport()));
        charts.getStyleClass().add("charts");
        for (Node n : charts.getChildren()) {
            VBox.setVgrow(n, Priority.ALWAYS);
        }
        welcome = welcomePane();
        StackPane chartStack = new StackPane(charts, welcome);
        StackPane.setAlignment(welcome, Pos.CENTER);

        VBox side = new VBox(6, confusionPanel(), networkPanel());
        side.getStyleClass().add("side");
        side.setMinWidth(330);
        side.setPrefWidth(410);
        VBox.setVgrow(side.getChildren().get(0), Priority.ALWAYS);

        SplitPane upper = new SplitPane(chartStack, side);
        upper.setDividerPositions(0.58);
        SplitPane.setResizableWithParent(side, false);
        VBox runsBox = new VBox(table);
        VBox.setVgrow(table, Priority.ALWAYS);
        runsBox.getStyleClass().add("runs-box");
        SplitPane center = new SplitPane(upper, runsBox);
        center.setOrientation(Orientation.VERTICAL);
        center.setDividerPositions(0.76);
        SplitPane.setResizableWithParent(runsBox, false);

        drawingModel = new DrawingViewModel(drawingExecutor, Platform::runLater, vm::runs);
        // a run that ends is listed with its final model at once (replacing its snapshot, if that
        // is in use), not only when the picker next opens
        vm.runs().forEach(this::refreshDrawingModelsWhenEnded);
        vm.runs().addListener((ListChangeListener<RunViewModel>) c -> {
            while (c.next()) {
                c.getAddedSubList().forEach(this::refreshDrawingModelsWhenEnded);
            }
        });
        drawing = new DrawingPanel(drawingModel);
        drawing.setId("drawingPanel");
        Tab trainingTab = new Tab("Training", center);
        trainingTab.setGraphic(Icons.of(MaterialDesignC.CHART_LINE));
        Tab drawTab = new Tab("Draw a digit", drawing);
        drawTab.setGraphic(Icons.of(MaterialDesignG.GESTURE));
        drawTab.setId("drawTab");
        tabs.getTabs().addAll(trainingTab, drawTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("tabs");
        tabs.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b == drawTab) {
                drawingModel.refreshModels();
            }
        });

        BorderPane main = new BorderPane();
        main.setTop(new VBox(toolbar(), noticeBar()));
        main.setLeft(setupScroll);
        main.setCenter(tabs);
        main.setBottom(statusBar());
        getChildren().addAll(main, help);

        // Panels that follow the selected run.
        vm.selectedProperty().addListener((o, a, b) -> followSelection(a, b));
        vm.setup().activationProperty().addListener((o, a, b) -> followSelection(null, vm.getSelected()));
        vm.setup().poolingProperty().addListener((o, a, b) -> followSelection(null, vm.getSelected()));
        followSelection(null, null);

        sceneProperty().addListener((o, a, b) -> {
            if (a != null) {
                a.removePreLayoutPulseListener(framePulse);
            }
            if (b != null) {
                b.addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
                b.addEventFilter(KeyEvent.KEY_TYPED, this::onTyped);
                b.addPreLayoutPulseListener(framePulse);
            }
        });

        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lenetlab-frames");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(() -> {
            if (vm.wantsFrames()) {
                Platform.requestNextPulse();
            }
        }, 0, 1000 / FRAMES_PER_SECOND, TimeUnit.MILLISECONDS);
    }

    private void refreshDrawingModelsWhenEnded(RunViewModel run) {
        run.stateProperty().addListener((o, before, now) -> {
            if (before != null && before.active() && now != null && !now.active()) {
                drawingModel.refreshModels();
            }
        });
    }

    /** One frame: take in what the training threads reported, then redraw what changed. */
    void frame(long now) {
        vm.drain(now);
        accuracy.refresh();
        loss.refresh();
    }

    /** Stops asking for frames (the window is closing). */
    public void dispose() {
        ticker.shutdownNow();
        drawingExecutor.shutdownNow();
        if (getScene() != null) {
            getScene().removePreLayoutPulseListener(framePulse);
        }
    }

    // ---- building ----

    private ToolBar toolbar() {
        Button newRun = new Button("New run", Icons.of(MaterialDesignP.PLUS));
        newRun.setId("newRunButton");
        newRun.setTooltip(new Tooltip(Shortcut.NEW_RUN.description() + " (" + Shortcut.NEW_RUN.keyText() + ")"));
        newRun.setOnAction(e -> setup.focusFirst());

        List<Node> presetButtons = new ArrayList<>();
        for (Preset p : vm.presets()) {
            Button b = new Button(p.name(), Icons.of(MaterialDesignP.PLAY_BOX_MULTIPLE_OUTLINE));
            b.getStyleClass().add("preset-button");
            b.setId(p == Preset.SIGMOID_RELU_MISH ? "presetPaper" : "presetFmsgd");
            String tip = p.description() + (p.available() ? " (" + Shortcut.PRESET.keyText() + ")"
                    : ": " + p.unavailableReason().orElse(""));
            b.setTooltip(new Tooltip(tip));
            b.setDisable(!p.available());
            b.setOnAction(e -> vm.launchPreset(p));
            // A disabled button shows no tooltip; wrap it so that the reason still shows.
            StackPane holder = new StackPane(b);
            if (!p.available()) {
                Tooltip.install(holder, new Tooltip(tip));
            }
            presetButtons.add(holder);
        }

        MenuButton export = new MenuButton("Export", Icons.of(MaterialDesignE.EXPORT));
        export.setId("exportMenu");
        MenuItem all = new MenuItem("Everything to a folder…  (" + Shortcut.EXPORT.keyText() + ")",
                Icons.of(MaterialDesignF.FOLDER_OPEN_OUTLINE));
        all.setOnAction(e -> chooseExportFolder());
        MenuItem acc = new MenuItem("Accuracy chart as PNG…", Icons.of(MaterialDesignI.IMAGE_OUTLINE));
        acc.setOnAction(e -> chooseChartFile(accuracy));
        MenuItem lossItem = new MenuItem("Loss chart as PNG…", Icons.of(MaterialDesignI.IMAGE_OUTLINE));
        lossItem.setOnAction(e -> chooseChartFile(loss));
        MenuItem conf = new MenuItem("Confusion matrix as PNG…", Icons.of(MaterialDesignI.IMAGE_OUTLINE));
        conf.setOnAction(e -> chooseConfusionFile());
        MenuItem csv = new MenuItem("All runs' metrics as CSV…  (" + Shortcut.EXPORT_CSV.keyText() + ")",
                Icons.of(MaterialDesignF.FILE_DELIMITED_OUTLINE));
        csv.setOnAction(e -> chooseCsvFile());
        export.getItems().addAll(all, acc, lossItem, conf, csv);

        Button workspace = new Button(null, Icons.of(MaterialDesignF.FOLDER_OPEN_OUTLINE));
        workspace.setId("workspaceButton");
        workspace.textProperty().bind(Bindings.createStringBinding(
                () -> "Workspace: " + shortName(vm.workspaceProperty().get()), vm.workspaceProperty()));
        workspace.setMaxWidth(230);
        Tooltip workspaceTip = new Tooltip();
        workspaceTip.textProperty().bind(Bindings.createStringBinding(() -> "Where runs are written and found: "
                + vm.workspaceProperty().get().toAbsolutePath().normalize() + " (" + Shortcut.WORKSPACE.keyText() + ")",
                vm.workspaceProperty()));
        workspace.setTooltip(workspaceTip);
        workspace.setOnAction(e -> chooseWorkspace());

        smoothing.setId("smoothing");
        smoothing.setPrefWidth(110);
        smoothing.setValue(vm.smoothingProperty().get());
        smoothing.valueProperty().addListener((o, a, b) -> vm.setSmoothing(b.doubleValue()));
        smoothing.setTooltip(new Tooltip("Debiased exponential moving average of the curves, as TensorBoard's; "
                + "changes only the view"));
        Label smoothingValue = new Label();
        smoothingValue.getStyleClass().add("smoothing-value");
        smoothingValue.textProperty().bind(Bindings.createStringBinding(
                () -> String.format(Locale.ROOT, "%.2f", vm.smoothingProperty().get()), vm.smoothingProperty()));
        smoothingValue.setMinWidth(32);
        Label smoothingLabel = new Label("Smoothing", Icons.of(MaterialDesignC.CHART_BELL_CURVE_CUMULATIVE));

        Button helpButton = new Button(null, Icons.of(MaterialDesignH.HELP_CIRCLE_OUTLINE, 18));
        helpButton.setId("helpButton");
        helpButton.setTooltip(new Tooltip("Keyboard shortcuts (" + Shortcut.HELP.keyText() + " or ?)"));
        helpButton.setOnAction(e -> help.toggle());

        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        ToolBar bar = new ToolBar();
        bar.getItems().add(newRun);
        bar.getItems().addAll(presetButtons);
        bar.getItems().addAll(new Separator(Orientation.VERTICAL), export, workspace, grow, smoothingLabel, smoothing,
                smoothingValue, new Separator(Orientation.VERTICAL), helpButton);
        bar.getStyleClass().add("main-toolbar");
        return bar;
    }

    private static String shortName(Path p) {
        Path name = p.getFileName();
        return name == null ? p.toString() : name.toString();
    }

    private Node noticeBar() {
        Label text = new Label();
        text.setId("notice");
        text.textProperty().bind(vm.messageProperty());
        text.setWrapText(true);
        text.setGraphic(Icons.of(MaterialDesignI.INFORMATION_OUTLINE));
        Button close = new Button(null, Icons.of(MaterialDesignC.CLOSE, 14));
        close.getStyleClass().add("icon-button");
        close.setOnAction(e -> vm.dismissMessage());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox bar = new HBox(8, text, grow, close);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("notice-bar");
        bar.visibleProperty().bind(vm.messageProperty().isNotEmpty());
        bar.managedProperty().bind(bar.visibleProperty());
        return bar;
    }

    private Node statusBar() {
        Label data = new Label();
        data.setId("datasetSummary");
        data.textProperty().bind(vm.datasetSummaryProperty());
        Label queue = new Label();
        queue.setId("queueSummary");
        queue.textProperty().bind(vm.queueSummaryProperty());
        Label kernel = new Label("kernel: " + Kernels.gemm().name());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox bar = new HBox(14, data, grow, queue, new Separator(Orientation.VERTICAL), kernel);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("status-bar");
        data.setMinWidth(0);
        return bar;
    }

    private VBox panel(Region content, String title, Button export) {
        Label heading = new Label(title);
        heading.getStyleClass().add("panel-title");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox header = new HBox(6, heading, grow, export);
        header.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(2, header, content);
        VBox.setVgrow(content, Priority.ALWAYS);
        box.getStyleClass().add("panel");
        return box;
    }

    private Button exportButton(String tip, Runnable action) {
        Button b = new Button(null, Icons.of(MaterialDesignC.CAMERA_OUTLINE, 15));
        b.getStyleClass().add("icon-button");
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        b.setFocusTraversable(false);
        return b;
    }

    private Button accuracyExport() {
        return exportButton("Save the accuracy chart as PNG (2×, with title and legend)", () -> chooseChartFile(accuracy));
    }

    private Button lossExport() {
        return exportButton("Save the loss chart as PNG (2×, with title and legend)", () -> chooseChartFile(loss));
    }

    private VBox confusionPanel() {
        confusionTitle.getStyleClass().add("panel-title");
        confusionCaption.getStyleClass().add("panel-caption");
        confusionCaption.setId("confusionCaption");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox header = new HBox(6, confusionTitle, grow,
                exportButton("Save the confusion matrix as PNG (2×)", this::chooseConfusionFile));
        header.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(2, header, confusionCaption, confusion);
        VBox.setVgrow(confusion, Priority.ALWAYS);
        box.getStyleClass().add("panel");
        return box;
    }

    private VBox networkPanel() {
        networkTitle.getStyleClass().add("panel-title");
        networkTitle.setGraphic(Icons.of(MaterialDesignL.LAYERS_OUTLINE));
        VBox box = new VBox(4, networkTitle, network);
        box.getStyleClass().add("panel");
        return box;
    }

    private VBox welcomePane() {
        Label title = new Label("Train LeNet-5 on MNIST and compare runs live");
        title.getStyleClass().add("welcome-title");
        title.setWrapText(true);
        Label steps = new Label("1  Choose an activation and an optimizer under New run, on the left.\n"
                + "2  Press Start: accuracy and loss curves appear here as it trains.\n"
                + "3  Start more runs to overlay them, or launch the paper's comparison in one click.");
        steps.getStyleClass().add("welcome-steps");
        steps.setWrapText(true);
        Button start = new Button();
        start.setId("welcomeStart");
        start.getStyleClass().add("start-button");
        start.setGraphic(Icons.of(MaterialDesignP.PLAY, 20));
        start.textProperty().bind(Bindings.createStringBinding(() -> "Start " + vm.setup().activationProperty().get().id()
                        + " run", vm.setup().activationProperty()));
        start.disableProperty().bind(vm.setup().validProperty().not());
        start.setOnAction(e -> startRun());
        Button preset = new Button(Preset.SIGMOID_RELU_MISH.name(), Icons.of(MaterialDesignP.PLAY_BOX_MULTIPLE_OUTLINE, 18));
        preset.setId("welcomePreset");
        preset.getStyleClass().add("preset-big");
        preset.setOnAction(e -> vm.launchPreset(Preset.SIGMOID_RELU_MISH));
        preset.setTooltip(new Tooltip(Preset.SIGMOID_RELU_MISH.description()));
        javafx.scene.layout.FlowPane buttons = new javafx.scene.layout.FlowPane(12, 10, start, preset);
        buttons.setAlignment(Pos.CENTER_LEFT);
        Label data = new Label();
        data.setId("welcomeDataset");
        data.getStyleClass().add("welcome-data");
        data.setWrapText(true);
        data.textProperty().bind(vm.datasetSummaryProperty());
        data.setGraphic(Icons.of(MaterialDesignF.FLASK_OUTLINE));
        Label earlier = new Label();
        earlier.setId("welcomeEarlier");
        earlier.getStyleClass().add("welcome-data");
        earlier.setWrapText(true);
        earlier.textProperty().bind(Bindings.createStringBinding(() -> vm.earlierRunsProperty().get() == 0
                        ? "Runs are saved in " + vm.workspaceProperty().get() + "/ as they train (metrics.csv, "
                        + "confusion.csv, run.json, as train --out writes them, and model.lenet when they end)."
                        : vm.earlierRunsProperty().get() + " earlier run(s) found in " + vm.workspaceProperty().get()
                        + "/: tick Show in the runs list to overlay them.",
                vm.earlierRunsProperty(), vm.workspaceProperty()));
        Label keys = new Label("Press F1 or ? for the keyboard shortcuts.");
        keys.getStyleClass().add("welcome-data");
        VBox card = new VBox(14, title, steps, buttons, data, earlier, keys);
        card.getStyleClass().add("welcome-card");
        card.setMaxSize(540, Region.USE_PREF_SIZE);
        card.setId("welcome");
        card.visibleProperty().bind(vm.welcomeProperty());
        card.managedProperty().bind(card.visibleProperty());
        return card;
    }

    // ---- following the selection ----

    private final ChangeListener<ConfusionMatrix> confusionListener = (o, a, b) -> showConfusion();
    private final ChangeListener<String> captionListener = (o, a, b) -> showConfusion();

    private void followSelection(RunViewModel before, RunViewModel now) {
        if (before != null) {
            before.confusionProperty().removeListener(confusionListener);
            before.confusionCaptionProperty().removeListener(captionListener);
        }
        if (now != null && before != now) {
            now.confusionProperty().addListener(confusionListener);
            now.confusionCaptionProperty().addListener(captionListener);
        }
        showConfusion();
        if (now != null && now.config().isPresent()) {
            RunConfig c = now.config().get();
            network.show(c.activation(), c.pooling());
            networkTitle.setText("Network of " + now.name());
        } else {
            network.show(vm.setup().activationProperty().get(), vm.setup().poolingProperty().get());
            networkTitle.setText(now == null ? "Network (new run)" : "Network (new run; " + now.name() + " unknown)");
        }
    }

    private void showConfusion() {
        RunViewModel run = vm.getSelected();
        if (run == null) {
            confusionTitle.setText("Confusion matrix");
            confusionCaption.setText("Select a run in the list");
            confusion.setEmptyText("No run selected");
            confusion.setMatrix(null);
            return;
        }
        confusionTitle.setText("Confusion matrix of " + run.name());
        String caption = run.confusionCaptionProperty().get();
        confusionCaption.setText(caption.isEmpty() ? "rows: true class · columns: predicted" : caption);
        confusion.setEmptyText("No evaluation yet");
        confusion.setMatrix(run.confusionProperty().get());
    }

    // ---- commands ----

    private void startRun() {
        vm.startRun();
        table.requestFocus();
    }

    private void onKey(KeyEvent e) {
        boolean typing = e.getTarget() instanceof TextInputControl
                || (getScene() != null && getScene().getFocusOwner() instanceof TextInputControl);
        for (Shortcut s : Shortcut.all()) {
            // the drawing's Ctrl+Z and Backspace must not take the text fields' undo and delete away
            if (!s.matches(e) || (s.plainKey() && typing) || (s.drawingOnly() && (typing || !drawingShown()))) {
                continue;
            }
            if (s == Shortcut.CLOSE && !help.isVisible()) {
                return;
            }
            e.consume();
            run(s);
            return;
        }
    }

    private void onTyped(KeyEvent e) {
        boolean typing = getScene() != null && getScene().getFocusOwner() instanceof TextInputControl;
        if ("?".equals(e.getCharacter()) && !typing) {
            e.consume();
            help.toggle();
        }
    }

    /** Does what a shortcut stands for. */
    public void run(Shortcut s) {
        switch (s) {
            case NEW_RUN -> setup.focusFirst();
            case START -> {
                if (vm.setup().isValid()) {
                    startRun();
                } else {
                    vm.post("Cannot start: " + vm.setup().problemsProperty().get().replace('\n', ';'));
                }
            }
            case PRESET -> vm.launchPreset(Preset.SIGMOID_RELU_MISH);
            case PAUSE -> vm.togglePauseSelected();
            case STOP -> vm.stopSelected();
            case REMOVE -> vm.removeSelected();
            case EXPORT -> chooseExportFolder();
            case EXPORT_CSV -> chooseCsvFile();
            case WORKSPACE -> chooseWorkspace();
            case TRAINING_TAB -> tabs.getSelectionModel().select(0);
            case DRAW_TAB -> tabs.getSelectionModel().select(1);
            case CLEAR_DRAWING -> {
                if (drawingShown()) {
                    drawingModel.clear();
                }
            }
            case UNDO_STROKE -> {
                if (drawingShown()) {
                    drawingModel.undo();
                }
            }
            case HELP -> help.toggle();
            case CLOSE -> help.setVisible(false);
        }
    }

    private boolean drawingShown() {
        return tabs.getSelectionModel().getSelectedIndex() == 1;
    }

    public DrawingPanel drawingPanel() {
        return drawing;
    }

    public DrawingViewModel drawingModel() {
        return drawingModel;
    }

    public TabPane tabs() {
        return tabs;
    }

    private Window window() {
        return getScene() == null ? null : getScene().getWindow();
    }

    private void chooseChartFile(MetricChart chart) {
        FileChooser chooser = pngChooser(chart.kind() == MetricChart.Kind.ACCURACY ? "accuracy.png" : "loss.png");
        File f = chooser.showSaveDialog(window());
        if (f != null) {
            exportChart(chart, f.toPath());
        }
    }

    private void chooseConfusionFile() {
        File f = pngChooser("confusion.png").showSaveDialog(window());
        if (f != null) {
            exportConfusion(f.toPath());
        }
    }

    private FileChooser pngChooser(String name) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save as PNG");
        chooser.setInitialFileName(name);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG image", "*.png"));
        return chooser;
    }

    private void chooseCsvFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save all runs' metrics as CSV");
        chooser.setInitialFileName("metrics-long.csv");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
        File f = chooser.showSaveDialog(window());
        if (f != null) {
            vm.exportMetricsCsv(f.toPath());
        }
    }

    private void chooseExportFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Export charts, confusion matrix and metrics into");
        File f = chooser.showDialog(window());
        if (f != null) {
            exportAll(f.toPath());
        }
    }

    private void chooseWorkspace() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Workspace: the folder of run folders");
        File current = vm.workspaceProperty().get().toAbsolutePath().toFile();
        if (current.isDirectory()) {
            chooser.setInitialDirectory(current);
        }
        File f = chooser.showDialog(window());
        if (f != null) {
            vm.setWorkspace(f.toPath());
        }
    }

    /** Saves a chart as PNG at 2× with title and legend; an unwritable path gives a notice. Returns success. */
    public boolean exportChart(MetricChart chart, Path file) {
        String title = chart.kind() == MetricChart.Kind.ACCURACY
                ? "LeNet-5 on MNIST: test accuracy against iteration" : "LeNet-5 on MNIST: loss against iteration";
        if (vm.smoothingProperty().get() > 0) {
            title += String.format(Locale.ROOT, " (smoothing %.2f)", vm.smoothingProperty().get());
        }
        WritableImage image = PngExport.render(chart.chart(), title, chart.legendItems(), stylesheet);
        return write(image, file);
    }

    /** Saves the confusion matrix panel as PNG at 2×; an unwritable path gives a notice. Returns success. */
    public boolean exportConfusion(Path file) {
        RunViewModel run = vm.getSelected();
        if (run == null || confusion.getMatrix() == null) {
            vm.post("No confusion matrix to export: select a run that has been evaluated");
            return false;
        }
        String title = "Confusion matrix of " + run.name() + " (" + run.summary() + "), "
                + run.confusionCaptionProperty().get();
        List<MetricChart.LegendItem> legend = List.of(
                new MetricChart.LegendItem(javafx.scene.paint.Color.web("#0072B2"), false,
                        "correct (shade: share of the true class)"),
                new MetricChart.LegendItem(javafx.scene.paint.Color.web("#D55E00"), false, "mistaken"));
        WritableImage image = PngExport.render(confusion, title, legend, stylesheet);
        return write(image, file);
    }

    /** Writes accuracy.png, loss.png, confusion.png (if a matrix shows) and metrics-long.csv into {@code folder}. */
    public boolean exportAll(Path folder) {
        boolean ok = exportChart(accuracy, folder.resolve("accuracy.png"))
                && exportChart(loss, folder.resolve("loss.png"));
        if (ok && confusion.getMatrix() != null) {
            ok = exportConfusion(folder.resolve("confusion.png"));
        }
        ok = ok && vm.exportMetricsCsv(folder.resolve("metrics-long.csv"));
        if (ok) {
            vm.post("Exported accuracy.png, loss.png" + (confusion.getMatrix() != null ? ", confusion.png" : "")
                    + " and metrics-long.csv to " + folder);
        }
        return ok;
    }

    private boolean write(WritableImage image, Path file) {
        try {
            PngExport.write(image, file);
            vm.post("Saved " + file + " (" + (int) image.getWidth() + "×" + (int) image.getHeight() + " px)");
            return true;
        } catch (IOException | RuntimeException e) {
            vm.post("Could not write " + file + ": " + WorkbenchViewModel.reason(e));
            return false;
        }
    }

    // ---- for tests and the application ----

    public SetupPanel setupPanel() {
        return setup;
    }

    public MetricChart accuracyChart() {
        return accuracy;
    }

    public MetricChart lossChart() {
        return loss;
    }

    public ConfusionView confusionView() {
        return confusion;
    }

    public NetworkDiagram networkDiagram() {
        return network;
    }

    public RunsTable runsTable() {
        return table;
    }

    public HelpOverlay helpOverlay() {
        return help;
    }

    public Node welcome() {
        return welcome;
    }

    public Slider smoothingSlider() {
        return smoothing;
    }

    /** Installs the view in a new scene with the stylesheet. */
    public Scene newScene(double width, double height) {
        Scene scene = new Scene(this, width, height);
        if (stylesheet != null) {
            scene.getStylesheets().add(stylesheet);
        }
        return scene;
    }

}
