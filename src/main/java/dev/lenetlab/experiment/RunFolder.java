package dev.lenetlab.experiment;

import dev.lenetlab.engine.Network;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Writes a run's folder as the run goes: {@code metrics.csv} a row at each evaluation (flushed, so
 * a killed process loses nothing written), {@code run.json} at the start (status running) and at
 * the end, {@code confusion.csv} at the end of a finished run. The model file {@link #MODEL} is
 * written beside them by whoever holds the run's final checkpoint ({@code train}, the workbench).
 */
public final class RunFolder implements TrainingListener, AutoCloseable {
    public static final String METRICS = "metrics.csv";
    public static final String CONFUSION = "confusion.csv";
    public static final String RUN = "run.json";
    /** The run's model file (a {@code .lenet} model file), written when the run ends unless it diverged. */
    public static final String MODEL = "model.lenet";

    private final Path directory;
    private RunConfig config;
    private BufferedWriter metrics;

    private RunFolder(Path directory) {
        this.directory = directory;
    }

    /**
     * Prepares {@code directory} for a new run: creates it if missing; refuses one that already
     * holds a run unless {@code overwrite}, and one that holds anything else (a run's files would
     * be mixed into, say, a source tree) even then: overwriting replaces a run, nothing more.
     */
    public static RunFolder create(Path directory, boolean overwrite) throws IOException {
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new IOException(directory + " exists and is not a folder; choose another --out");
        }
        if (Files.isDirectory(directory) && !Files.exists(directory.resolve(RUN))) {
            long others = otherEntries(directory);
            if (others > 0) {
                throw new IOException(directory + " already holds " + others + (others == 1 ? " other file or folder" : " other files or folders")
                        + " and no run; choose a new or empty folder");
            }
        }
        if (!overwrite && RUN_FILES.stream().anyMatch(f -> Files.exists(directory.resolve(f)))) {
            throw new IOException(directory + " already holds a run; choose another --out or add --force to replace it");
        }
        try {
            Files.createDirectories(directory);
            // an existing folder may still refuse files (read-only, another user's, /proc): say so now,
            // before the run starts, rather than at its first row
            FileErrors.checkCanCreateFiles(directory);
        } catch (IOException e) {
            throw new IOException("cannot write in " + directory + ": " + FileErrors.writeReason(e)
                    + "; choose a folder you can write to", e);
        }
        Files.deleteIfExists(directory.resolve(CONFUSION));
        // a replaced run's model must not pass for this run's (this one may diverge and write none)
        Files.deleteIfExists(directory.resolve(MODEL));
        return new RunFolder(directory);
    }

    /** The files a run folder holds; any of them is a run (or part of one) that only --force replaces. */
    private static final Set<String> RUN_FILES = Set.of(METRICS, CONFUSION, RUN, MODEL);

    /** Whether {@code name} is one of the files a run writes into its folder. */
    public static boolean isRunFile(String name) {
        return RUN_FILES.contains(name);
    }

    /** Entries of {@code directory} that are not a run's files (nor their temporary files). */
    private static long otherEntries(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.map(p -> p.getFileName().toString())
                    .filter(name -> !RUN_FILES.contains(name) && !isRunTemporary(name, RUN_FILES))
                    .count();
        }
    }

    /** {@link #writeAtomically}'s {@code run.json.tmp}, or the model file's {@code .model.lenet.<n>.tmp}. */
    private static boolean isRunTemporary(String name, Set<String> runFiles) {
        return name.endsWith(".tmp") && runFiles.stream().anyMatch(f -> name.startsWith(f) || name.startsWith("." + f));
    }

    public Path directory() {
        return directory;
    }

    @Override
    public void started(RunConfig config, Network network) {
        this.config = config;
        try {
            metrics = Files.newBufferedWriter(directory.resolve(METRICS), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            metrics.write(MetricsRow.CSV_HEADER);
            metrics.write('\n');
            metrics.flush();
            writeRunJson(RunStatus.RUNNING, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write in " + directory + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void restored(List<MetricsRow> earlierRows) {
        for (MetricsRow row : earlierRows) {
            evaluated(row, null);
        }
    }

    @Override
    public void evaluated(MetricsRow row, ConfusionMatrix sliceConfusion) {
        try {
            metrics.write(row.toCsv());
            metrics.write('\n');
            metrics.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + directory.resolve(METRICS) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void finished(RunOutcome outcome) {
        try {
            close();
            if (outcome.testConfusion() != null) {
                writeAtomically(directory.resolve(CONFUSION), outcome.testConfusion().toCsv());
            }
            writeRunJson(outcome.status(), outcome);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write in " + directory + ": " + e.getMessage(), e);
        }
    }

    private void writeRunJson(RunStatus status, RunOutcome outcome) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>(config.toMap());
        json.put("status", status.id());
        json.put("final_test_accuracy", outcome == null ? null : outcome.finalTestAccuracy());
        if (config.validation() > 0) {
            json.put("final_validation_accuracy", outcome == null ? null : outcome.validationAccuracy());
        }
        if (outcome != null) {
            json.put("iterations_done", outcome.iterationsDone());
            json.put("diverged_at_iteration", outcome.divergedAt() == 0 ? null : outcome.divergedAt());
            json.put("training_seconds", outcome.trainingSeconds());
            json.put("images_per_second", outcome.imagesPerSecond());
        }
        writeAtomically(directory.resolve(RUN), Json.write(json));
    }

    /** Write beside, then rename: a reader never sees half a file. */
    static void writeAtomically(Path target, String content) throws IOException {
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        Files.writeString(temporary, content, StandardCharsets.UTF_8);
        try {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public void close() throws IOException {
        if (metrics != null) {
            metrics.close();
            metrics = null;
        }
    }
}
