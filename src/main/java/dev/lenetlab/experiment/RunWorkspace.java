package dev.lenetlab.experiment;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A folder of run folders ({@code runs/} by default): the place the workbench writes new runs and
 * where it finds earlier ones, whether the workbench or the command line made them.
 */
public final class RunWorkspace {
    /** The workspace when none is chosen: {@code runs} in the working directory, as for {@code train}. */
    public static final Path DEFAULT = Path.of("runs");

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

    private final Path root;

    public RunWorkspace(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /**
     * What a scan found: the runs, in folder-name order (oldest first for the time-stamped names
     * the workbench and the command line give), and a line for each folder that could not be read.
     */
    public record Scan(List<RunRecord> runs, List<String> problems) {}

    /** Reads every run folder directly inside the workspace; a missing workspace has none. */
    public Scan scan() {
        List<RunRecord> runs = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return new Scan(runs, problems);
        }
        List<Path> folders = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(root, Files::isDirectory)) {
            stream.forEach(folders::add);
        } catch (IOException e) {
            problems.add(root + ": " + e.getMessage());
            return new Scan(runs, problems);
        }
        folders.sort(Comparator.comparing(p -> p.getFileName().toString()));
        for (Path folder : folders) {
            if (!RunRecord.isRunFolder(folder)) {
                continue;
            }
            try {
                runs.add(RunRecord.read(folder));
            } catch (IOException | RuntimeException e) {
                problems.add(folder.getFileName() + ": " + e.getMessage());
            }
        }
        return new Scan(runs, problems);
    }

    /**
     * Creates and returns a new, empty folder for a run, named like the command line's default
     * ({@code 20250101-120000-mish-seed1}) with a suffix {@code -2}, {@code -3} … when taken. Creating
     * it at once reserves the name, so runs started together never share a folder.
     */
    public Path newRunDirectory(RunConfig config) throws IOException {
        Files.createDirectories(root);
        String base = LocalDateTime.now().format(STAMP) + "-" + config.activation().id() + "-seed" + config.seed();
        for (int n = 1; ; n++) {
            Path candidate = root.resolve(n == 1 ? base : base + "-" + n);
            try {
                return Files.createDirectory(candidate);
            } catch (FileAlreadyExistsException taken) {
                // try the next suffix
            }
        }
    }
}
