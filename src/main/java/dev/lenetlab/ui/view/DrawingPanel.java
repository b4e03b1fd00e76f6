package dev.lenetlab.ui.view;

import dev.lenetlab.experiment.data.StrokeRaster;
import dev.lenetlab.experiment.model.Classifier;
import dev.lenetlab.ui.model.DrawingViewModel;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.shape.StrokeLineJoin;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignE;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignU;

import java.io.File;
import java.util.List;
import java.util.Locale;

/**
 * Draw a digit and see what a network makes of it: the canvas (white ink on black, as MNIST), the
 * 28×28 input it becomes, the ten class probabilities, and the feature maps of C1 and C3.
 */
public final class DrawingPanel extends VBox {
    private static final int INPUT_ZOOM = 5;
    private static final int C1_ZOOM = 3;
    private static final int C3_ZOOM = 5;

    private final DrawingViewModel vm;
    private final Canvas canvas = new Canvas(DrawingViewModel.CANVAS_SIDE, DrawingViewModel.CANVAS_SIDE);
    private final ImageView inputView = new ImageView();
    private final Label verdict = new Label();
    private final ProgressBar[] bars = new ProgressBar[10];
    private final Label[] percents = new Label[10];
    private final TilePane c1Maps = new TilePane(4, 4);
    private final TilePane c3Maps = new TilePane(3, 3);
    private final ComboBox<DrawingViewModel.ModelChoice> picker = new ComboBox<>();
    private double lastX;
    private double lastY;

    public DrawingPanel(DrawingViewModel vm) {
        this.vm = vm;
        getStyleClass().add("drawing");
        setSpacing(8);
        setPadding(new Insets(8));

        HBox body = new HBox(14, canvasColumn(), resultColumn(), featureColumn());
        body.setAlignment(Pos.TOP_LEFT);
        ScrollPane scroll = new ScrollPane(body);
        scroll.setFitToHeight(true);
        scroll.getStyleClass().add("drawing-scroll");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        getChildren().addAll(modelBar(), messageLine(), scroll);

        vm.classificationProperty().addListener((o, a, b) -> showClassification(b));
        vm.inputProperty().addListener((o, a, b) -> showInput(b));
        vm.strokeCountProperty().addListener((o, a, b) -> redraw());
        verdict.textProperty().bind(vm.verdictProperty());
        redraw();
        showClassification(vm.classificationProperty().get());
        showInput(vm.inputProperty().get());
    }

    // ---- building ----

    private HBox modelBar() {
        Label title = new Label("Model");
        title.getStyleClass().add("panel-title");
        picker.setId("modelPicker");
        picker.setItems(vm.models());
        picker.setPrefWidth(420);
        picker.setOnShowing(e -> vm.refreshModels());
        // choosing loads in the background: the picker shows the pick at once, and goes back to
        // the model in use if it could not be loaded (the message says why)
        picker.valueProperty().addListener((o, a, b) -> {
            if (b != null && !b.equals(vm.modelProperty().get())) {
                vm.choose(b);
            }
        });
        vm.modelProperty().addListener((o, a, b) -> picker.setValue(b));
        vm.busyProperty().addListener((o, wasBusy, busy) -> {
            if (!busy && picker.getValue() != vm.modelProperty().get()) {
                picker.setValue(vm.modelProperty().get());
            }
        });
        picker.setValue(vm.modelProperty().get());
        picker.setTooltip(new Tooltip("The bundled model, any run that has weights (a running run: its weights now), "
                + "or a model file you opened"));
        Button open = new Button("Open…", Icons.of(MaterialDesignF.FOLDER_OPEN_OUTLINE));
        open.setId("openModel");
        open.setOnAction(e -> chooseModelFile());
        Button save = new Button("Save…", Icons.of(MaterialDesignC.CONTENT_SAVE_OUTLINE));
        save.setId("saveModel");
        save.disableProperty().bind(vm.canSaveProperty().not());
        save.setOnAction(e -> chooseSaveFile());
        HBox bar = new HBox(8, title, picker, open, save);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private Label messageLine() {
        Label message = new Label();
        message.setId("drawingMessage");
        message.getStyleClass().add("panel-caption");
        message.setWrapText(true);
        message.textProperty().bind(vm.messageProperty());
        message.visibleProperty().bind(vm.messageProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());
        return message;
    }

    private VBox canvasColumn() {
        canvas.setId("drawingCanvas");
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        canvas.addEventHandler(MouseEvent.MOUSE_RELEASED, this::released);
        Button clear = new Button("Clear", Icons.of(MaterialDesignE.ERASER));
        clear.setId("clearDrawing");
        clear.setTooltip(new Tooltip("Clear the canvas (" + Shortcut.CLEAR_DRAWING.keyText() + ")"));
        clear.setOnAction(e -> vm.clear());
        Button undo = new Button("Undo stroke", Icons.of(MaterialDesignU.UNDO));
        undo.setId("undoStroke");
        undo.setTooltip(new Tooltip("Remove the last stroke (" + Shortcut.UNDO_STROKE.keyText() + ")"));
        undo.setOnAction(e -> vm.undo());
        undo.disableProperty().bind(vm.strokeCountProperty().isEqualTo(0));
        clear.disableProperty().bind(vm.strokeCountProperty().isEqualTo(0));
        Label hint = new Label("Draw with the mouse; the digit is read when you let go.");
        hint.getStyleClass().add("panel-caption");
        VBox box = new VBox(6, heading("Draw a digit"), canvas, new HBox(6, clear, undo), hint);
        box.getStyleClass().add("panel");
        return box;
    }

    private VBox resultColumn() {
        inputView.setId("networkInput");
        inputView.setSmooth(false);
        inputView.setFitWidth(28 * INPUT_ZOOM);
        inputView.setFitHeight(28 * INPUT_ZOOM);
        Label inputCaption = new Label("The 28×28 input: cropped, scaled to 20 px, centred by mass");
        inputCaption.getStyleClass().add("panel-caption");
        inputCaption.setWrapText(true);
        inputCaption.setMaxWidth(28 * INPUT_ZOOM + 60);
        Region frame = new VBox(inputView);
        frame.getStyleClass().add("input-frame");
        frame.setMaxWidth(Region.USE_PREF_SIZE);
        verdict.setId("verdict");
        verdict.getStyleClass().add("verdict");
        GridPane grid = new GridPane();
        grid.setId("probabilities");
        grid.setHgap(6);
        grid.setVgap(3);
        for (int c = 0; c < 10; c++) {
            Label digit = new Label(Integer.toString(c));
            digit.getStyleClass().add("probability-digit");
            bars[c] = new ProgressBar(0);
            bars[c].setPrefWidth(170);
            bars[c].getStyleClass().add("probability-bar");
            percents[c] = new Label("");
            percents[c].getStyleClass().add("probability-value");
            percents[c].setMinWidth(52);
            grid.addRow(c, digit, bars[c], percents[c]);
        }
        VBox box = new VBox(6, heading("What the network sees"), frame, inputCaption, verdict, grid);
        box.getStyleClass().add("panel");
        return box;
    }

    private VBox featureColumn() {
        c1Maps.setId("c1Maps");
        c3Maps.setId("c3Maps");
        c1Maps.setPrefColumns(3);
        c3Maps.setPrefColumns(4);
        c1Maps.setMaxWidth(Region.USE_PREF_SIZE);
        c3Maps.setMaxWidth(Region.USE_PREF_SIZE);
        Label c1 = new Label("C1: 6 maps, 28×28, after the activation");
        c1.getStyleClass().add("panel-caption");
        Label c3 = new Label("C3: 16 maps, 10×10, after the activation");
        c3.getStyleClass().add("panel-caption");
        VBox box = new VBox(6, heading("Feature maps"), c1, c1Maps, c3, c3Maps);
        box.getStyleClass().add("panel");
        return box;
    }

    private static Label heading(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("panel-title");
        return l;
    }

    // ---- drawing ----

    private void pressed(MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        // the canvas takes the focus from a text field, so that Ctrl+Z and Backspace act on the drawing
        canvas.requestFocus();
        lastX = clamp(e.getX());
        lastY = clamp(e.getY());
        vm.penDown(lastX, lastY);
        GraphicsContext g = pen();
        g.strokeLine(lastX, lastY, lastX, lastY);
    }

    private void dragged(MouseEvent e) {
        if (!e.isPrimaryButtonDown()) {
            return;
        }
        double x = clamp(e.getX());
        double y = clamp(e.getY());
        vm.penMove(x, y);
        pen().strokeLine(lastX, lastY, x, y);
        lastX = x;
        lastY = y;
    }

    private void released(MouseEvent e) {
        if (e.getButton() == MouseButton.PRIMARY) {
            vm.penUp();
        }
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(DrawingViewModel.CANVAS_SIDE - 1, v));
    }

    private GraphicsContext pen() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setStroke(Color.WHITE);
        g.setLineWidth(DrawingViewModel.PEN_WIDTH);
        g.setLineCap(StrokeLineCap.ROUND);
        g.setLineJoin(StrokeLineJoin.ROUND);
        return g;
    }

    /** Repaints the finished strokes (after Clear or Undo, and at the start). */
    private void redraw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(Color.BLACK);
        g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
        pen();
        for (StrokeRaster.Stroke s : vm.strokes()) {
            double[] p = s.points();
            g.beginPath();
            g.moveTo(p[0], p[1]);
            for (int i = 2; i < p.length; i += 2) {
                g.lineTo(p[i], p[i + 1]);
            }
            if (p.length == 2) {
                g.lineTo(p[0], p[1]);
            }
            g.stroke();
        }
    }

    // ---- results ----

    private void showInput(float[] input) {
        inputView.setImage(grey(input == null ? new float[28 * 28] : input, 28, 28, 0, 1));
    }

    private void showClassification(Classifier.Classification c) {
        int top = c == null ? -1 : c.predicted();
        for (int k = 0; k < 10; k++) {
            double p = c == null ? 0 : c.probabilities()[k];
            bars[k].setProgress(p);
            percents[k].setText(c == null ? "" : String.format(Locale.ROOT, "%.1f%%", 100 * p));
            bars[k].pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("top"), k == top);
        }
        c1Maps.getChildren().clear();
        c3Maps.getChildren().clear();
        if (c == null) {
            return;
        }
        for (Classifier.FeatureMaps maps : c.featureMaps()) {
            boolean first = maps.layer().equals("C1");
            TilePane target = first ? c1Maps : c3Maps;
            int zoom = first ? C1_ZOOM : C3_ZOOM;
            int h = maps.shape().height();
            int w = maps.shape().width();
            for (int m = 0; m < maps.shape().channels(); m++) {
                float[] one = new float[h * w];
                System.arraycopy(maps.values(), m * h * w, one, 0, h * w);
                float lo = 0;
                float hi = 1e-6f;
                for (float v : one) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
                ImageView view = new ImageView(grey(one, w, h, lo, hi));
                view.setSmooth(false);
                view.setFitWidth(w * zoom);
                view.setFitHeight(h * zoom);
                Tooltip.install(view, new Tooltip(maps.layer() + " map " + (m + 1) + ": from "
                        + String.format(Locale.ROOT, "%.2f to %.2f", lo, hi)));
                target.getChildren().add(view);
            }
        }
    }

    /** A greyscale image of {@code values}, {@code lo} black and {@code hi} white. */
    private static WritableImage grey(float[] values, int width, int height, float lo, float hi) {
        WritableImage image = new WritableImage(width, height);
        PixelWriter writer = image.getPixelWriter();
        float span = hi - lo;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double v = Math.max(0, Math.min(1, (values[y * width + x] - lo) / span));
                writer.setColor(x, y, Color.gray(v));
            }
        }
        return image;
    }

    // ---- files ----

    private Window window() {
        return getScene() == null ? null : getScene().getWindow();
    }

    private FileChooser modelChooser() {
        FileChooser chooser = new FileChooser();
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("LeNet Lab model (*.lenet)", "*.lenet"));
        return chooser;
    }

    /** The file is read in the background: the view-model says when it is in use, or why not. */
    private void chooseModelFile() {
        FileChooser chooser = modelChooser();
        chooser.setTitle("Open a model file");
        File f = chooser.showOpenDialog(window());
        if (f != null) {
            vm.openModel(f.toPath());
        }
    }

    /** The file is written in the background: the view-model says when it is saved, or why not. */
    private void chooseSaveFile() {
        FileChooser chooser = modelChooser();
        chooser.setTitle("Save the model");
        chooser.setInitialFileName("model.lenet");
        File f = chooser.showSaveDialog(window());
        if (f != null) {
            vm.saveModel(f.toPath());
        }
    }

    /** For tests and shortcuts: the canvas. */
    public Canvas canvas() {
        return canvas;
    }

    List<ProgressBar> bars() {
        return List.of(bars);
    }
}
