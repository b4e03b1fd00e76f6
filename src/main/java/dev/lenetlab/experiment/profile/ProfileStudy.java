package dev.lenetlab.experiment.profile;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs every solver on every problem, problems in parallel (each solve single-threaded, so its
 * thread CPU time means something), and writes into a folder: {@code costs.csv} (appended a
 * problem at a time, so an interrupted study resumes where it stopped), {@code profile.csv} and
 * the two plots {@code profile-nit.png} and {@code profile-cpu.png}.
 */
public final class ProfileStudy {
    public static final String COSTS = "costs.csv";
    public static final String PROFILE = "profile.csv";
    public static final String NIT_PLOT = "profile-nit.png";
    public static final String CPU_PLOT = "profile-cpu.png";
    static final String COSTS_HEADER = "problem,solver,iterations,cpu_seconds,status";

    /** The outcome: both profiles and the costs they came from. */
    public record Result(PerformanceProfile iterations, PerformanceProfile cpu, int problemsRun, int problemsReused) {}

    private ProfileStudy() {}

    /**
     * @param target what "solved" means, for the plots' titles (e.g. "‖x − x*‖∞ ≤ 1e-6")
     */
    public static Result run(List<? extends StudyProblem> problems, List<Solver> solvers, Path directory,
                             int parallelism, String target, PrintStream progress) throws IOException {
        Files.createDirectories(directory);
        Path costsFile = directory.resolve(COSTS);
        Map<String, Map<String, Cost>> known = readCosts(costsFile);
        List<StudyProblem> pending = new ArrayList<>();
        for (StudyProblem p : problems) {
            Map<String, Cost> row = known.get(p.id());
            if (row == null || !solvers.stream().allMatch(s -> row.containsKey(s.label()))) {
                pending.add(p);
            }
        }
        int reused = problems.size() - pending.size();
        if (reused > 0) {
            progress.printf(Locale.ROOT, "resuming: %d of %d problems already in %s%n", reused, problems.size(), costsFile);
        }
        if (!Files.exists(costsFile)) {
            Files.writeString(costsFile, COSTS_HEADER + "\n", StandardCharsets.UTF_8);
        } else if (!Files.readString(costsFile, StandardCharsets.UTF_8).endsWith("\n")) {
            // a row cut short by an interruption: new rows start on a line of their own
            Files.writeString(costsFile, "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        }
        if (!pending.isEmpty()) {
            pending.get(0).warmUp(solvers);
        }
        try (BufferedWriter out = Files.newBufferedWriter(costsFile, StandardCharsets.UTF_8, StandardOpenOption.APPEND)) {
            ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallelism), r -> {
                Thread t = new Thread(r, "lenetlab-study");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<?>> futures = new ArrayList<>();
                int[] finished = {0};
                for (StudyProblem problem : pending) {
                    futures.add(pool.submit(() -> {
                        Map<String, Cost> row = new LinkedHashMap<>();
                        for (Solver solver : solvers) {
                            row.put(solver.label(), problem.solve(solver));
                        }
                        synchronized (out) {
                            try {
                                for (Map.Entry<String, Cost> e : row.entrySet()) {
                                    Cost c = e.getValue();
                                    out.write(problem.id() + "," + e.getKey() + "," + c.iterations() + ","
                                            + c.cpuSeconds() + "," + c.status().id() + "\n");
                                }
                                out.flush();
                            } catch (IOException ex) {
                                throw new UncheckedIOException("cannot append to " + costsFile + ": " + ex.getMessage(), ex);
                            }
                            known.put(problem.id(), row);
                            finished[0]++;
                            progress.printf(Locale.ROOT, "problem %d/%d done: %s%n", finished[0], pending.size(), problem.id());
                        }
                        return null;
                    }));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("study interrupted; rerun the same command to resume", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new IOException(e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }
        List<String> labels = solvers.stream().map(Solver::label).toList();
        double[][] iterations = new double[problems.size()][labels.size()];
        double[][] cpu = new double[problems.size()][labels.size()];
        for (int p = 0; p < problems.size(); p++) {
            Map<String, Cost> row = known.get(problems.get(p).id());
            for (int s = 0; s < labels.size(); s++) {
                Cost c = row.get(labels.get(s));
                iterations[p][s] = c.measure(false);
                cpu[p][s] = c.measure(true);
            }
        }
        PerformanceProfile nit = PerformanceProfile.compute(labels, iterations);
        PerformanceProfile time = PerformanceProfile.compute(labels, cpu);
        Files.writeString(directory.resolve(PROFILE), profileCsv(nit, time), StandardCharsets.UTF_8);
        ProfilePlot.write(nit, "iterations", target, directory.resolve(NIT_PLOT));
        ProfilePlot.write(time, "CPU time", target, directory.resolve(CPU_PLOT));
        return new Result(nit, time, pending.size(), reused);
    }

    private static String profileCsv(PerformanceProfile nit, PerformanceProfile cpu) {
        StringBuilder sb = new StringBuilder("measure,");
        String nitCsv = nit.toCsv();
        String cpuCsv = cpu.toCsv();
        sb.append(nitCsv, 0, nitCsv.indexOf('\n') + 1);
        appendRows(sb, "iterations", nitCsv);
        appendRows(sb, "cpu_seconds", cpuCsv);
        return sb.toString();
    }

    private static void appendRows(StringBuilder sb, String measure, String csv) {
        String[] lines = csv.split("\n");
        for (int i = 1; i < lines.length; i++) {
            sb.append(measure).append(',').append(lines[i]).append('\n');
        }
    }

    /** Rows already written: problem → solver → cost. A file that is not a costs table is refused. */
    static Map<String, Map<String, Cost>> readCosts(Path file) throws IOException {
        Map<String, Map<String, Cost>> costs = new HashMap<>();
        if (!Files.exists(file)) {
            return costs;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).equals(COSTS_HEADER)) {
            throw new IOException(file + " is not a costs table of a study (expected the header " + COSTS_HEADER
                    + "); choose another --out");
        }
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",");
            try {
                costs.computeIfAbsent(f[0], k -> new LinkedHashMap<>())
                        .put(f[1], new Cost(Long.parseLong(f[2]), Double.parseDouble(f[3]), Cost.Status.fromId(f[4])));
            } catch (RuntimeException e) {
                // a row cut short by an interruption: that problem simply runs again
                costs.remove(f[0]);
            }
        }
        return costs;
    }
}
