package dev.lenetlab.ui.view;

import dev.lenetlab.engine.Activation;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/** A small plot of an activation f (solid) and its derivative f′ (dashed) on [−4, 4]. */
public final class ActivationPlot extends CanvasRegion {
    private static final double X_MIN = -4;
    private static final double X_MAX = 4;
    private static final Color F = Color.web("#0072B2");
    private static final Color DF = Color.web("#D55E00");
    private static final Color AXIS = Color.web("#b0b7bf");

    private Activation activation = Activation.MISH;

    public ActivationPlot() {
        getStyleClass().add("activation-plot");
        setPrefSize(250, 110);
        setMinSize(120, 80);
    }

    public void setActivation(Activation a) {
        activation = a;
        redraw();
    }

    public Activation getActivation() {
        return activation;
    }

    @Override
    protected void paint(GraphicsContext g, double w, double h) {
        if (w < 10 || h < 10 || activation == null) {
            return;
        }
        int samples = (int) Math.max(50, w);
        double[] xs = new double[samples];
        double[] fs = new double[samples];
        double[] ds = new double[samples];
        double yMin = -1;
        double yMax = 1.2;
        for (int i = 0; i < samples; i++) {
            double x = X_MIN + (X_MAX - X_MIN) * i / (samples - 1);
            xs[i] = x;
            fs[i] = activation.value(x);
            ds[i] = activation.derivative(x);
            yMin = Math.min(yMin, Math.min(fs[i], ds[i]));
            yMax = Math.max(yMax, Math.max(fs[i], ds[i]));
        }
        yMax = Math.min(yMax, 4.2);
        yMin = Math.max(yMin, -1.5);
        double pad = 6;
        double sx = (w - 2 * pad) / (X_MAX - X_MIN);
        double sy = (h - 2 * pad) / (yMax - yMin);
        double ox = pad - X_MIN * sx;
        double oy = pad + yMax * sy;
        g.setStroke(AXIS);
        g.setLineWidth(1);
        g.strokeLine(pad, oy, w - pad, oy);
        g.strokeLine(ox, pad, ox, h - pad);
        g.setFill(AXIS);
        g.setFont(Font.font(9));
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.TOP);
        g.fillText("4", w - pad, oy + 2);
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText("−4", pad, oy + 2);
        plot(g, xs, ds, ox, oy, sx, sy, DF, true, h);
        plot(g, xs, fs, ox, oy, sx, sy, F, false, h);
        g.setFont(Font.font(11));
        g.setTextBaseline(VPos.TOP);
        g.setFill(F);
        g.fillText("f(x)", pad + 2, pad);
        g.setFill(DF);
        g.fillText("f′(x)", pad + 36, pad);
    }

    private static void plot(GraphicsContext g, double[] xs, double[] ys, double ox, double oy, double sx, double sy,
                             Color c, boolean dashed, double h) {
        g.setStroke(c);
        g.setLineWidth(dashed ? 1.5 : 2);
        g.setLineDashes(dashed ? new double[] {5, 4} : null);
        g.beginPath();
        for (int i = 0; i < xs.length; i++) {
            double px = ox + xs[i] * sx;
            double py = Math.max(-2, Math.min(h + 2, oy - ys[i] * sy));
            if (i == 0) {
                g.moveTo(px, py);
            } else {
                g.lineTo(px, py);
            }
        }
        g.stroke();
        g.setLineDashes((double[]) null);
    }
}
