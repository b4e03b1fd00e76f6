package dev.lenetlab.ui.view;

import dev.lenetlab.experiment.ConfusionMatrix;
import dev.lenetlab.ui.model.Format;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

import java.util.ArrayList;
import java.util.List;

/**
 * The confusion matrix as a 10×10 heatmap with counts (rows = true class, columns = predicted) and,
 * beside it, each class's precision, recall and F1 ("n/a" where undefined, never NaN). Cells are
 * shaded by their share of the row: the diagonal in blue, errors in vermillion, so that a few
 * mistakes stay visible next to a thousand right answers.
 */
public final class ConfusionView extends CanvasRegion {
    private static final Color CORRECT = Color.web("#0072B2");
    private static final Color WRONG = Color.web("#D55E00");
    private static final Color INK = Color.web("#1f2328");
    private static final Color MUTED = Color.web("#6a737d");

    private final ReadOnlyObjectWrapper<ConfusionMatrix> matrix = new ReadOnlyObjectWrapper<>(this, "matrix");
    private String emptyText = "No run selected";
    private final javafx.scene.control.Tooltip cellTip = new javafx.scene.control.Tooltip();
    private double gridX;
    private double gridY;
    private double gridCell;

    public ConfusionView() {
        getStyleClass().add("confusion-view");
        matrix.addListener((o, a, b) -> redraw());
        setMinSize(200, 160);
        setPrefSize(420, 300);
        cellTip.setShowDelay(javafx.util.Duration.millis(150));
        setOnMouseMoved(e -> {
            String text = cellText(e.getX() - snappedLeftInset(), e.getY() - snappedTopInset());
            if (text == null) {
                javafx.scene.control.Tooltip.uninstall(this, cellTip);
            } else {
                cellTip.setText(text);
                javafx.scene.control.Tooltip.install(this, cellTip);
            }
        });
    }

    /** "true 3 → predicted 5: 11 images (1.1% of the 3s)" for the cell under (x, y), or null. */
    String cellText(double x, double y) {
        ConfusionMatrix m = matrix.get();
        if (m == null || gridCell <= 0) {
            return null;
        }
        int p = (int) Math.floor((x - gridX) / gridCell);
        int t = (int) Math.floor((y - gridY) / gridCell);
        if (p < 0 || t < 0 || p >= m.classes() || t >= m.classes()) {
            return null;
        }
        int rowTotal = 0;
        for (int k = 0; k < m.classes(); k++) {
            rowTotal += m.count(t, k);
        }
        double share = rowTotal == 0 ? 0 : (double) m.count(t, p) / rowTotal;
        return "true " + t + " → predicted " + p + ": " + Format.count(m.count(t, p)) + " images ("
                + Format.percent(share) + " of the " + t + "s)";
    }

    public void setMatrix(ConfusionMatrix m) {
        matrix.set(m);
        redraw();
    }

    public ReadOnlyObjectProperty<ConfusionMatrix> matrixProperty() {
        return matrix.getReadOnlyProperty();
    }

    public ConfusionMatrix getMatrix() {
        return matrix.get();
    }

    /** What the panel says when there is no matrix ("No run selected", "No evaluation yet"). */
    public void setEmptyText(String text) {
        emptyText = text;
        redraw();
    }

    /** Per class: {class, precision, recall, F1} as shown. */
    public List<String[]> metricTexts() {
        List<String[]> rows = new ArrayList<>();
        ConfusionMatrix m = matrix.get();
        if (m == null) {
            return rows;
        }
        for (int c = 0; c < m.classes(); c++) {
            rows.add(new String[] {Integer.toString(c), Format.ratio(m.precision(c)), Format.ratio(m.recall(c)),
                    Format.ratio(m.f1(c))});
        }
        return rows;
    }

    @Override
    protected void paint(GraphicsContext g, double w, double h) {
        ConfusionMatrix m = matrix.get();
        if (m == null || m.total() == 0) {
            g.setFill(MUTED);
            g.setFont(Font.font(13));
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            g.fillText(emptyText, w / 2, h / 2);
            return;
        }
        int n = m.classes();
        double axisLeft = 34;
        double top = 30;
        double bottom = 18;
        double metricsWidth = 108;
        double cell = Math.floor(Math.min((w - axisLeft - metricsWidth - 8) / n, (h - top - bottom) / n));
        cell = Math.max(cell, 8);
        double gridW = cell * n;
        double x0 = axisLeft;
        double y0 = top;
        gridX = x0;
        gridY = y0;
        gridCell = cell;
        double fontSize = Math.min(12, cell * 0.42);
        Font countFont = Font.font("System", Math.max(7, fontSize));
        Font headFont = Font.font("System", FontWeight.BOLD, Math.max(9, Math.min(12, cell * 0.42)));

        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.CENTER);
        g.setFont(Font.font("System", 11));
        g.setFill(MUTED);
        g.fillText("predicted →", x0 + gridW / 2, 8);
        g.save();
        g.translate(9, y0 + cell * n / 2);
        g.rotate(-90);
        g.fillText("true →", 0, 0);
        g.restore();

        for (int t = 0; t < n; t++) {
            int rowTotal = 0;
            for (int p = 0; p < n; p++) {
                rowTotal += m.count(t, p);
            }
            for (int p = 0; p < n; p++) {
                int count = m.count(t, p);
                double share = rowTotal == 0 ? 0 : (double) count / rowTotal;
                Color fill;
                if (t == p) {
                    fill = Color.WHITE.interpolate(CORRECT, 0.08 + 0.92 * share);
                } else {
                    double s = count == 0 ? 0 : 0.12 + 0.88 * Math.min(1, Math.sqrt(share * 4));
                    fill = Color.WHITE.interpolate(WRONG, s);
                }
                double x = x0 + p * cell;
                double y = y0 + t * cell;
                g.setFill(fill);
                g.fillRect(x, y, cell - 1, cell - 1);
                if (count > 0) {
                    String text = Integer.toString(count);
                    // Shrink long counts to fit their cell; leave out what would be unreadable.
                    double size = Math.min(fontSize, (cell - 3) / (0.6 * text.length()));
                    if (size >= 6) {
                        g.setFill(fill.getBrightness() < 0.65 || (t == p && share > 0.5) ? Color.WHITE : INK);
                        g.setFont(Font.font("System", size));
                        g.fillText(text, x + (cell - 1) / 2, y + (cell - 1) / 2);
                    }
                }
            }
        }
        g.setFont(headFont);
        g.setFill(INK);
        for (int i = 0; i < n; i++) {
            g.fillText(Integer.toString(i), x0 + i * cell + (cell - 1) / 2, y0 - 10);
            g.fillText(Integer.toString(i), x0 - 10, y0 + i * cell + (cell - 1) / 2);
        }

        // Per-class precision, recall and F1.
        double mx = x0 + gridW + 10;
        double col = (w - mx) / 3;
        col = Math.min(col, 36);
        String[] heads = {"P", "R", "F1"};
        for (int k = 0; k < 3; k++) {
            g.setFont(headFont);
            g.setFill(INK);
            g.fillText(heads[k], mx + col * k + col / 2, y0 - 10);
        }
        g.setFont(countFont);
        List<String[]> texts = metricTexts();
        for (int c = 0; c < n; c++) {
            String[] row = texts.get(c);
            for (int k = 0; k < 3; k++) {
                g.setFill(row[k + 1].equals("n/a") ? MUTED : INK);
                g.fillText(row[k + 1], mx + col * k + col / 2, y0 + c * cell + (cell - 1) / 2);
            }
        }
        g.setTextAlign(TextAlignment.LEFT);
        g.setFill(MUTED);
        g.setFont(Font.font("System", 11));
        g.fillText("n = " + Format.count(m.total()) + " · accuracy " + Format.percent(m.accuracy())
                + " · P precision, R recall", x0, y0 + n * cell + 11);
    }
}
