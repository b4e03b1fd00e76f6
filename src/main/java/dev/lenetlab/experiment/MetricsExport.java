package dev.lenetlab.experiment;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.ToDoubleFunction;

/**
 * All runs' metrics in one long-format table, one value per line: {@code run_id, configuration,
 * activation, optimizer, iteration, metric, value}, ready for a plotting or statistics tool.
 * Written with Tablesaw. A value that is not finite is written empty.
 */
public final class MetricsExport {
    /** The metrics exported, in the order of metrics.csv's columns. */
    public static final List<String> METRICS =
            List.of("train_loss", "train_accuracy", "test_loss", "test_accuracy", "elapsed_seconds");

    private static final List<ToDoubleFunction<MetricsRow>> VALUES = List.of(MetricsRow::trainLoss,
            MetricsRow::trainAccuracy, MetricsRow::testLoss, MetricsRow::testAccuracy, MetricsRow::elapsedSeconds);

    private MetricsExport() {}

    /**
     * One run's part of the export.
     *
     * @param runId    the run's identity (its folder name)
     * @param settings its configuration, as in run.json (activation, optimizer, learning_rate …)
     * @param rows     its metrics rows
     */
    public record Entry(String runId, Map<String, Object> settings, List<MetricsRow> rows) {}

    /** The long table for {@code entries}. */
    public static Table table(List<Entry> entries) {
        StringColumn runId = StringColumn.create("run_id");
        StringColumn configuration = StringColumn.create("configuration");
        StringColumn activation = StringColumn.create("activation");
        StringColumn optimizer = StringColumn.create("optimizer");
        IntColumn iteration = IntColumn.create("iteration");
        StringColumn metric = StringColumn.create("metric");
        DoubleColumn value = DoubleColumn.create("value");
        for (Entry entry : entries) {
            String summary = configuration(entry.settings());
            String act = String.valueOf(entry.settings().getOrDefault("activation", ""));
            String opt = String.valueOf(entry.settings().getOrDefault("optimizer", ""));
            for (MetricsRow row : entry.rows()) {
                for (int m = 0; m < METRICS.size(); m++) {
                    double v = VALUES.get(m).applyAsDouble(row);
                    runId.append(entry.runId());
                    configuration.append(summary);
                    activation.append(act);
                    optimizer.append(opt);
                    iteration.append(row.iteration());
                    metric.append(METRICS.get(m));
                    if (Double.isFinite(v)) {
                        value.append(v);
                    } else {
                        value.appendMissing();
                    }
                }
            }
        }
        return Table.create("metrics", runId, configuration, activation, optimizer, iteration, metric, value);
    }

    /** Writes the long table as CSV to {@code file}, replacing it. */
    public static void write(List<Entry> entries, Path file) throws IOException {
        Table table = table(entries);
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            table.write().csv(writer);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (RuntimeException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw e;
        }
    }

    /** The configuration in one field: {@code key=value} pairs separated by spaces, in run.json's order. */
    public static String configuration(Map<String, Object> settings) {
        StringJoiner joiner = new StringJoiner(" ");
        for (Map.Entry<String, Object> e : settings.entrySet()) {
            if (e.getKey().equals("data") || e.getKey().equals("threads")) {
                continue; // neither changes the results
            }
            joiner.add(e.getKey() + "=" + String.valueOf(e.getValue()).toLowerCase(Locale.ROOT));
        }
        return joiner.toString();
    }
}
