package dev.lenetlab.ui.chart;

import dev.lenetlab.experiment.MetricsRow;
import dev.lenetlab.ui.model.Format;
import dev.lenetlab.ui.model.Palette;
import dev.lenetlab.ui.model.RunState;
import dev.lenetlab.ui.model.RunViewModel;
import dev.lenetlab.ui.model.WorkbenchViewModel;
import javafx.beans.value.ChangeListener;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;
import javafx.util.StringConverter;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * One live chart of the workbench: test accuracy, or loss (test loss solid, train loss dashed),
 * against iteration, one curve per shown run in the run's colour. It redraws only in
 * {@link #refresh()}, which the window calls once per frame after the view-model has taken in the
 * frame's new points; then only the curves whose data, colour, visibility or smoothing changed are
 * rebuilt (finite points only, smoothed, decimated to {@link Decimator#MAX_POINTS}). Hovering shows
 * the nearest point's run, iteration and value.
 */
public final class MetricChart extends VBox {

    /** Which metric the chart shows. */
    public enum Kind {
        ACCURACY("Test accuracy", "test accuracy (%)"),
        LOSS("Loss", "cross-entropy loss");

        private final String title;
        private final String axisLabel;

        Kind(String title, String axisLabel) {
            this.title = title;
            this.axisLabel = axisLabel;
        }

        public String title() {
            return title;
        }
    }

    /** One line of the legend: a colour, dashed or not, and what it stands for. */
    public record LegendItem(Color colour, boolean dashed, String text) {}

    /** One drawn curve of a run. */
    private record Curve(String metric, boolean dashed, ToDoubleFunction<MetricsRow> value, double scale,
                         XYChart.Series<Number, Number> series, SeriesPoints[] points) {}

    /** A run's curves and the listeners that mark them for redrawing. */
    private final class RunCurves {
        final RunViewModel run;
        final List<Curve> curves = new ArrayList<>();
        boolean dirty = true;
        boolean shown;
        final ListChangeListener<MetricsRow> rowsListener = c -> markDirty();
        final ChangeListener<Object> styleListener = (o, a, b) -> {
            markDirty();
            legendDirty = true;
        };

        RunCurves(RunViewModel run) {
            this.run = run;
            if (kind == Kind.ACCURACY) {
                curves.add(curve("test accuracy", false, MetricsRow::testAccuracy, 100));
            } else {
                curves.add(curve("test loss", false, MetricsRow::testLoss, 1));
                curves.add(curve("train loss", true, MetricsRow::trainLoss, 1));
            }
            run.rows().addListener(rowsListener);
            run.colourProperty().addListener(styleListener);
            run.visibleProperty().addListener(styleListener);
            run.stateProperty().addListener(styleListener);
        }

        private Curve curve(String metric, boolean dashed, ToDoubleFunction<MetricsRow> f, double scale) {
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.setName(run.name() + " " + metric);
            return new Curve(metric, dashed, f, scale, s, new SeriesPoints[1]);
        }

        void markDirty() {
            dirty = true;
        }

        void detach() {
            run.rows().removeListener(rowsListener);
            run.colourProperty().removeListener(styleListener);
            run.visibleProperty().removeListener(styleListener);
            run.stateProperty().removeListener(styleListener);
            for (Curve c : curves) {
                chart.getData().remove(c.series());
            }
        }
    }

    private final Kind kind;
    private final WorkbenchViewModel vm;
    private final NumberAxis xAxis = new NumberAxis();
    private final NumberAxis yAxis = new NumberAxis();
    private final LineChart<Number, Number> chart = new LineChart<>(xAxis, yAxis);
    private final Map<RunViewModel, RunCurves> byRun = new IdentityHashMap<>();
    private final FlowPane legend = new FlowPane(14, 4);
    private final Pane overlay = new Pane();
    private final Circle hoverDot = new Circle(5);
    private final Label hoverLabel = new Label();
    private final Label emptyLabel = new Label("No curves shown yet");
    private boolean listDirty = true;
    private boolean legendDirty = true;
    private boolean allDirty;
    private int pointsDrawn;

    public MetricChart(Kind kind, WorkbenchViewModel vm) {
        this.kind = kind;
        this.vm = vm;
        getStyleClass().add("metric-chart");
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setLegendVisible(false);
        chart.setHorizontalGridLinesVisible(true);
        chart.setVerticalGridLinesVisible(false);
        chart.getStyleClass().add("workbench-chart");
        xAxis.setLabel("iteration");
        xAxis.setAnimated(false);
        xAxis.setForceZeroInRange(true);
        xAxis.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                return String.format(Locale.ROOT, "%,.0f", n.doubleValue());
            }

            @Override
            public Number fromString(String s) {
                return 0;
            }
        });
        yAxis.setLabel(kind.axisLabel);
        yAxis.setAnimated(false);
        yAxis.setForceZeroInRange(kind == Kind.LOSS);
        chart.setMinSize(200, 150);
        VBox.setVgrow(overlay, Priority.ALWAYS);

        hoverDot.setManaged(false);
        hoverDot.setVisible(false);
        hoverDot.getStyleClass().add("hover-dot");
        hoverLabel.setManaged(false);
        hoverLabel.setVisible(false);
        hoverLabel.getStyleClass().add("hover-label");
        overlay.getChildren().addAll(hoverDot, hoverLabel);
        overlay.setMouseTransparent(true);
        emptyLabel.getStyleClass().add("chart-empty");
        emptyLabel.setMouseTransparent(true);

        StackPane stack = new StackPane(chart, emptyLabel, overlay);
        StackPane.setAlignment(emptyLabel, Pos.CENTER);
        VBox.setVgrow(stack, Priority.ALWAYS);
        legend.getStyleClass().add("run-legend");
        getChildren().addAll(stack, legend);

        vm.runs().addListener((ListChangeListener<RunViewModel>) c -> listDirty = true);
        vm.smoothingProperty().addListener((o, a, b) -> allDirty = true);
        chart.addEventHandler(MouseEvent.MOUSE_MOVED, this::hover);
        chart.addEventHandler(MouseEvent.MOUSE_EXITED, e -> hideHover());
    }

    public Kind kind() {
        return kind;
    }

    public String title() {
        return kind.title();
    }

    /** The JavaFX chart inside (for export and tests). */
    public LineChart<Number, Number> chart() {
        return chart;
    }

    /** Points drawn now over all curves. */
    public int pointsDrawn() {
        return pointsDrawn;
    }

    /** The drawn points of a run's first curve (test accuracy or test loss); empty if not shown. */
    public int pointsOf(RunViewModel run) {
        RunCurves rc = byRun.get(run);
        return rc == null || !rc.shown ? 0 : rc.curves.get(0).series().getData().size();
    }

    /** How many of a run's curves are on the chart. */
    public int curvesOf(RunViewModel run) {
        RunCurves rc = byRun.get(run);
        if (rc == null || !rc.shown) {
            return 0;
        }
        return (int) rc.curves.stream().filter(c -> chart.getData().contains(c.series())).count();
    }

    /** The CSS style of a run's first curve (its colour), for tests. */
    public String styleOf(RunViewModel run) {
        RunCurves rc = byRun.get(run);
        if (rc == null || rc.curves.get(0).series().getNode() == null) {
            return "";
        }
        return rc.curves.get(0).series().getNode().getStyle();
    }

    /** The legend as drawn: one item per shown run, and for loss the key to solid and dashed lines. */
    public List<LegendItem> legendItems() {
        return legendItems(false);
    }

    /** As {@link #legendItems()}; {@code compact} leaves out the configurations (the window's legend). */
    public List<LegendItem> legendItems(boolean compact) {
        List<LegendItem> items = new ArrayList<>();
        for (RunViewModel r : vm.runs()) {
            if (r.visibleProperty().get()) {
                String text = compact ? r.name() : r.name() + "  " + r.summary();
                if (r.getState() == RunState.DIVERGED) {
                    text += "  (diverged at " + Format.count(r.divergedAtProperty().get()) + ")";
                }
                items.add(new LegendItem(r.colourProperty().get(), false, text));
            }
        }
        if (kind == Kind.LOSS && !items.isEmpty()) {
            items.add(new LegendItem(Color.web("#555555"), false, "test loss"));
            items.add(new LegendItem(Color.web("#555555"), true, "train loss"));
        }
        return items;
    }

    /** Brings the chart up to date with the view-model; cheap when nothing changed. Call once per frame. */
    public void refresh() {
        boolean changed = false;
        if (listDirty) {
            changed = true;
            listDirty = false;
            legendDirty = true;
            for (RunViewModel r : List.copyOf(byRun.keySet())) {
                if (!vm.runs().contains(r)) {
                    byRun.remove(r).detach();
                }
            }
            for (RunViewModel r : vm.runs()) {
                byRun.computeIfAbsent(r, RunCurves::new);
            }
        }
        for (RunViewModel r : vm.runs()) {
            RunCurves rc = byRun.get(r);
            if (rc != null && (rc.dirty || allDirty)) {
                rebuild(rc);
                changed = true;
            }
        }
        allDirty = false;
        if (changed) {
            pointsDrawn = chart.getData().stream().mapToInt(s -> s.getData().size()).sum();
            emptyLabel.setVisible(pointsDrawn == 0);
            fitIterationAxis();
            if (kind == Kind.ACCURACY) {
                // an empty chart's automatic range runs to 125%; accuracy ends at 100
                yAxis.setAutoRanging(pointsDrawn > 0);
                if (pointsDrawn == 0) {
                    yAxis.setLowerBound(0);
                    yAxis.setUpperBound(100);
                    yAxis.setTickUnit(25);
                }
            }
            hideHover();
        }
        if (legendDirty) {
            legendDirty = false;
            rebuildLegend();
        }
    }

    private void rebuild(RunCurves rc) {
        rc.dirty = false;
        RunViewModel run = rc.run;
        boolean show = run.visibleProperty().get();
        List<MetricsRow> rows = run.rows();
        String colour = Palette.web(run.colourProperty().get());
        for (Curve c : rc.curves) {
            XYChart.Series<Number, Number> series = c.series();
            if (!show) {
                chart.getData().remove(series);
                c.points()[0] = null;
                continue;
            }
            double[] x = new double[rows.size()];
            double[] y = new double[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                x[i] = rows.get(i).iteration();
                y[i] = c.value().applyAsDouble(rows.get(i)) * c.scale();
            }
            SeriesPoints p = SeriesPoints.of(x, y, vm.smoothingProperty().get(), Decimator.MAX_POINTS);
            c.points()[0] = p;
            ObservableList<XYChart.Data<Number, Number>> data = FXCollections.observableArrayList();
            for (int i = 0; i < p.size(); i++) {
                data.add(new XYChart.Data<>(p.x()[i], p.y()[i]));
            }
            if (run.getState() == RunState.DIVERGED && !data.isEmpty() && c == rc.curves.get(0)) {
                int at = run.divergedAtProperty().get();
                XYChart.Data<Number, Number> mark = new XYChart.Data<>(at > 0 ? at : p.x()[p.size() - 1],
                        p.y()[p.size() - 1]);
                mark.setNode(divergedMarker(run, colour));
                data.add(mark);
            }
            if (!chart.getData().contains(series)) {
                series.getData().setAll(data);
                chart.getData().add(series);
            } else {
                series.getData().setAll(data);
            }
            Node line = series.getNode();
            if (line != null) {
                line.setStyle("-fx-stroke: " + colour + "; -fx-stroke-width: " + (c.dashed() ? "1.6px" : "2.2px") + ";"
                        + (c.dashed() ? " -fx-stroke-dash-array: 7 5;" : ""));
            }
        }
        rc.shown = show;
    }

    /**
     * The iteration axis ends where the longest shown run is to end: it does not rescale as runs
     * progress (how far a run has come is visible), and 10,000 iterations end at 10,000 (the
     * automatic range ran to 11,000). Ticks at 1, 2 or 5 × 10^k, about ten of them.
     */
    private void fitIterationAxis() {
        int end = byRun.values().stream().filter(rc -> rc.shown)
                .mapToInt(rc -> Math.max(rc.run.totalIterationsProperty().get(),
                        rc.run.rows().isEmpty() ? 0 : rc.run.rows().get(rc.run.rows().size() - 1).iteration()))
                .max().orElse(0);
        xAxis.setAutoRanging(end <= 0);
        if (end > 0) {
            xAxis.setLowerBound(0);
            xAxis.setUpperBound(end);
            xAxis.setTickUnit(tickUnit(end));
        }
    }

    /** The smallest of 1, 2, 5 × 10^k that cuts {@code end} into at most ten steps; at least 1 (iterations are whole). */
    static double tickUnit(double end) {
        if (end <= 10) {
            return 1;
        }
        double unit = Math.pow(10, Math.floor(Math.log10(end / 10)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (end / (m * unit) <= 10) {
                return m * unit;
            }
        }
        return 10 * unit;
    }

    private Node divergedMarker(RunViewModel run, String colour) {
        Label x = new Label("✕");
        x.getStyleClass().add("diverged-marker");
        x.setStyle("-fx-text-fill: " + colour + ";");
        // The chart gives the point's node its own style classes; the mark keeps its own inside.
        StackPane holder = new StackPane(x);
        holder.setStyle("-fx-background-color: transparent; -fx-padding: 0;");
        Tooltip.install(holder, new Tooltip(run.name() + " diverged at iteration "
                + Format.count(run.divergedAtProperty().get()) + "; last finite metrics shown"));
        return holder;
    }

    private void rebuildLegend() {
        legend.getChildren().clear();
        for (LegendItem item : legendItems(true)) {
            Line swatch = new Line(0, 0, 22, 0);
            swatch.setStroke(item.colour());
            swatch.setStrokeWidth(3);
            if (item.dashed()) {
                swatch.getStrokeDashArray().setAll(6.0, 4.0);
                swatch.setStrokeWidth(2);
            }
            Label l = new Label(item.text(), swatch);
            l.getStyleClass().add("legend-entry");
            legend.getChildren().add(l);
        }
    }

    // ---- hover ----

    private void hover(MouseEvent e) {
        Region plot = (Region) chart.lookup(".chart-plot-background");
        if (plot == null) {
            return;
        }
        Point2D m = plot.sceneToLocal(e.getSceneX(), e.getSceneY());
        double best = 30 * 30;
        RunViewModel bestRun = null;
        Curve bestCurve = null;
        int bestIndex = -1;
        for (RunCurves rc : byRun.values()) {
            if (!rc.shown) {
                continue;
            }
            for (Curve c : rc.curves) {
                SeriesPoints p = c.points()[0];
                if (p == null) {
                    continue;
                }
                for (int i = 0; i < p.size(); i++) {
                    double dx = xAxis.getDisplayPosition(p.x()[i]) - m.getX();
                    double dy = yAxis.getDisplayPosition(p.y()[i]) - m.getY();
                    double d = dx * dx + dy * dy;
                    if (d < best) {
                        best = d;
                        bestRun = rc.run;
                        bestCurve = c;
                        bestIndex = i;
                    }
                }
            }
        }
        if (bestRun == null) {
            hideHover();
            return;
        }
        SeriesPoints p = bestCurve.points()[0];
        Point2D scene = plot.localToScene(xAxis.getDisplayPosition(p.x()[bestIndex]),
                yAxis.getDisplayPosition(p.y()[bestIndex]));
        Point2D local = overlay.sceneToLocal(scene);
        hoverDot.setCenterX(local.getX());
        hoverDot.setCenterY(local.getY());
        hoverDot.setFill(bestRun.colourProperty().get());
        hoverDot.setVisible(true);
        hoverLabel.setText(hoverText(bestRun, bestCurve, p, bestIndex));
        hoverLabel.setVisible(true);
        hoverLabel.autosize();
        double lx = local.getX() + 12;
        double ly = local.getY() - hoverLabel.getHeight() - 8;
        if (lx + hoverLabel.getWidth() > overlay.getWidth()) {
            lx = local.getX() - hoverLabel.getWidth() - 12;
        }
        if (ly < 0) {
            ly = local.getY() + 12;
        }
        hoverLabel.relocate(Math.max(0, lx), ly);
    }

    /** "#2 mish · iteration 1,200 · test accuracy 97.12%" (with the raw value when smoothed). */
    static String hoverText(RunViewModel run, Curve c, SeriesPoints p, int i) {
        boolean percent = c.scale() == 100;
        String value = percent ? String.format(Locale.ROOT, "%.2f%%", p.y()[i]) : Format.loss(p.y()[i]);
        String text = run.name() + "\niteration " + Format.count((long) p.x()[i]) + "\n" + c.metric() + " " + value;
        if (p.y()[i] != p.rawY()[i]) {
            text += percent ? String.format(Locale.ROOT, " (raw %.2f%%)", p.rawY()[i])
                    : " (raw " + Format.loss(p.rawY()[i]) + ")";
        }
        return text;
    }

    /** The hover text showing now, or empty (for tests). */
    public String hoverText() {
        return hoverLabel.isVisible() ? hoverLabel.getText() : "";
    }

    private void hideHover() {
        hoverDot.setVisible(false);
        hoverLabel.setVisible(false);
    }
}
