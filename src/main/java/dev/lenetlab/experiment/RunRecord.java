package dev.lenetlab.experiment;


import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A run folder read back from disk: what {@link RunFolder} (and so {@code train --out}) wrote. A run
 * whose process was killed still reads: its run.json says "running" and metrics.csv holds every row
 * flushed before the end.
 *
 * @param folder            the run folder
 * @param settings          the configuration keys of run.json, as read (numbers as Long or Double)
 * @param status            the status run.json gives ({@code RUNNING} for a run that never ended)
 * @param finalTestAccuracy accuracy on the whole test set, or null if not measured
 * @param iterationsDone    iterations applied (from run.json, else the last metrics row)
 * @param divergedAt        the iteration at which the run diverged, or 0
 * @param imagesPerSecond   training throughput, or NaN if not recorded
 * @param metrics           the rows of metrics.csv in order
 * @param testConfusion     the whole test set's confusion matrix (confusion.csv), or null
 */
public record RunRecord(Path folder, Map<String, Object> settings, RunStatus status, Double finalTestAccuracy,
                        int iterationsDone, int divergedAt, double imagesPerSecond, List<MetricsRow> metrics,
                        ConfusionMatrix testConfusion) {

    public RunRecord {
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        metrics = List.copyOf(metrics);
    }

    /** The folder's name, which identifies the run within its workspace. */
    public String id() {
        return folder.getFileName().toString();
    }

    /** Whether {@code folder} looks like a run folder (it holds run.json). */
    public static boolean isRunFolder(Path folder) {
        return Files.isRegularFile(folder.resolve(RunFolder.RUN));
    }

    /**
     * Reads run.json, metrics.csv and (if present) confusion.csv of {@code folder}.
     *
     * @throws IOException if run.json is missing or unreadable, or a file is not in the expected form
     */
    public static RunRecord read(Path folder) throws IOException {
        Map<String, Object> json;
        try {
            json = Json.readObject(Files.readString(folder.resolve(RunFolder.RUN), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IOException(folder.resolve(RunFolder.RUN) + ": " + e.getMessage(), e);
        }
        List<MetricsRow> rows;
        try {
            rows = readMetrics(folder.resolve(RunFolder.METRICS));
        } catch (NoSuchFileException e) {
            rows = List.of();
        }
        ConfusionMatrix confusion = null;
        Path confusionFile = folder.resolve(RunFolder.CONFUSION);
        if (Files.isRegularFile(confusionFile)) {
            try {
                confusion = ConfusionMatrix.fromCsv(Files.readString(confusionFile, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new IOException(confusionFile + ": " + e.getMessage(), e);
            }
        }
        RunStatus status = RunStatus.RUNNING;
        Object statusText = json.get("status");
        if (statusText instanceof String text) {
            for (RunStatus s : RunStatus.values()) {
                if (s.id().equals(text)) {
                    status = s;
                }
            }
        }
        int lastIteration = rows.isEmpty() ? 0 : rows.get(rows.size() - 1).iteration();
        int done = json.get("iterations_done") instanceof Number n ? n.intValue() : lastIteration;
        int divergedAt = json.get("diverged_at_iteration") instanceof Number n ? n.intValue() : 0;
        double imagesPerSecond = json.get("images_per_second") instanceof Number n ? n.doubleValue() : Double.NaN;
        Double accuracy = json.get("final_test_accuracy") instanceof Number n ? n.doubleValue() : null;
        Map<String, Object> settings = new LinkedHashMap<>(json);
        for (String key : List.of("status", "final_test_accuracy", "iterations_done", "diverged_at_iteration",
                "training_seconds", "images_per_second")) {
            settings.remove(key);
        }
        return new RunRecord(folder, settings, status, accuracy, done, divergedAt, imagesPerSecond, rows, confusion);
    }

    /**
     * Reads a metrics.csv: the columns are found by their header names, so extra columns do no harm; a
     * value that is not a number (such as {@code NaN}) reads as NaN.
     */
    public static List<MetricsRow> readMetrics(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<MetricsRow> rows = new ArrayList<>();
        if (lines.isEmpty()) {
            return rows;
        }
        List<String> header = List.of(lines.get(0).trim().split(","));
        int iteration = header.indexOf("iteration");
        if (iteration < 0) {
            throw new IOException(file + ": no 'iteration' column in the header");
        }
        int trainLoss = header.indexOf("train_loss");
        int trainAccuracy = header.indexOf("train_accuracy");
        int testLoss = header.indexOf("test_loss");
        int testAccuracy = header.indexOf("test_accuracy");
        int elapsed = header.indexOf("elapsed_seconds");
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (cells.length < header.size()) {
                continue; // a line cut short by a killed process: everything before it is good
            }
            int it;
            try {
                it = Integer.parseInt(cell(cells, iteration));
            } catch (NumberFormatException e) {
                continue;
            }
            rows.add(new MetricsRow(it, number(cells, trainLoss), number(cells, trainAccuracy),
                    number(cells, testLoss), number(cells, testAccuracy), number(cells, elapsed)));
        }
        return rows;
    }

    private static String cell(String[] cells, int index) {
        return index >= 0 && index < cells.length ? cells[index].trim() : "";
    }

    private static double number(String[] cells, int index) {
        try {
            return Double.parseDouble(cell(cells, index));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** The configuration as a {@link RunConfig}, if run.json holds a complete and valid one. */
    public Optional<RunConfig> config() {
        try {
            return Optional.of(RunConfig.fromMap(settings));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** A setting as text ("" if absent), e.g. {@code setting("activation")}. */
    public String setting(String key) {
        Object value = settings.get(key);
        return value == null ? "" : value.toString();
    }
}
