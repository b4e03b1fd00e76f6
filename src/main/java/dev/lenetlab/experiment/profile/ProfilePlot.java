package dev.lenetlab.experiment.profile;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Draws a performance profile as step curves on a log₂ τ axis, headless, with JFreeChart. */
final class ProfilePlot {
    /** Okabe–Ito: distinguishable with every common colour-vision deficiency. */
    private static final Color[] PALETTE = {new Color(0xE69F00), new Color(0x56B4E9), new Color(0x009E73),
            new Color(0xD55E00), new Color(0x0072B2), new Color(0xCC79A7), new Color(0xF0E442), Color.BLACK};

    private ProfilePlot() {}

    static void write(PerformanceProfile profile, String measure, String target, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYSeriesCollection data = new XYSeriesCollection();
        double right = Math.log(profile.failureRatio()) / Math.log(2);
        for (int s = 0; s < profile.solvers().size(); s++) {
            XYSeries series = new XYSeries(profile.solvers().get(s), false, true);
            for (int i = 0; i < profile.taus().length; i++) {
                series.add(Math.log(profile.taus()[i]) / Math.log(2), profile.rho()[s][i]);
            }
            // carried on to r_M, where only failures are left out
            series.add(right, profile.rho()[s][profile.taus().length - 1]);
            data.addSeries(series);
        }
        NumberAxis x = new NumberAxis("log₂ τ   (τ = cost ÷ the best solver's cost on that problem)");
        x.setRange(0, Math.max(right, 0.5));
        NumberAxis y = new NumberAxis("ρ(τ): fraction of problems within τ of the best");
        y.setRange(0, 1.02);
        XYStepRenderer renderer = new XYStepRenderer();
        for (int s = 0; s < profile.solvers().size(); s++) {
            renderer.setSeriesPaint(s, PALETTE[s % PALETTE.length]);
            renderer.setSeriesStroke(s, new BasicStroke(2.5f));
        }
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xDDDDDD));
        plot.setRangeGridlinePaint(new Color(0xDDDDDD));
        JFreeChart chart = new JFreeChart("Performance profile: " + measure, new Font("SansSerif", Font.BOLD, 18), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        List<String> failures = new ArrayList<>();
        for (int s = 0; s < profile.solvers().size(); s++) {
            failures.add(profile.solvers().get(s) + " " + profile.failures()[s]);
        }
        // two short lines: one long line wraps wherever the width runs out, mid-word included
        Font small = new Font("SansSerif", Font.PLAIN, 12);
        chart.addSubtitle(new TextTitle(String.format(Locale.ROOT, "target: %s · %d problems", target,
                profile.problems()), small));
        chart.addSubtitle(new TextTitle(String.format(Locale.ROOT, "failures (counted at r_M = %.3g): %s",
                profile.failureRatio(), String.join(", ", failures)), small));
        ChartUtils.saveChartAsPNG(file.toFile(), chart, 1000, 650);
    }
}
