package dev.lenetlab.ui;

import dev.lenetlab.experiment.Json;
import dev.lenetlab.experiment.MetricsRow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes run folders as {@code train --out} leaves them, for tests of "earlier runs". */
public final class RunFolders {
    private RunFolders() {}

    /**
     * A folder {@code name} in {@code workspace} with {@code rows} evaluations every 20 iterations,
     * the given status, and (for a finished run) a full-test confusion matrix whose class 9 was never
     * predicted.
     */
    public static Path write(Path workspace, String name, String activation, String pooling, String status, int rows)
            throws IOException {
        Path dir = workspace.resolve(name);
        Files.createDirectories(dir);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("activation", activation);
        json.put("pooling", pooling);
        json.put("optimizer", "sgd");
        json.put("learning_rate", 0.1);
        json.put("weight_decay", 0.0);
        json.put("batch_size", 64);
        json.put("iterations", rows * 20);
        json.put("eval_every", 20);
        json.put("eval_size", 2000);
        json.put("seed", 1);
        json.put("threads", 2);
        json.put("data", "datasets/mnist");
        json.put("status", status);
        json.put("final_test_accuracy", status.equals("finished") ? 0.975 : null);
        json.put("iterations_done", rows * 20);
        json.put("diverged_at_iteration", status.equals("diverged") ? rows * 20 + 5 : null);
        json.put("training_seconds", 12.5);
        json.put("images_per_second", 5120.0);
        Files.writeString(dir.resolve("run.json"), Json.write(json));
        StringBuilder csv = new StringBuilder(MetricsRow.CSV_HEADER).append('\n');
        for (int i = 1; i <= rows; i++) {
            double acc = 1 - 0.9 * Math.exp(-i / 8.0);
            double loss = 2.3 * Math.exp(-i / 8.0) + 0.05;
            csv.append(new MetricsRow(i * 20, loss * 1.1, acc * 0.98, loss, acc, i * 0.5).toCsv()).append('\n');
        }
        Files.writeString(dir.resolve("metrics.csv"), csv.toString());
        if (status.equals("finished")) {
            StringBuilder c = new StringBuilder("true\\predicted,0,1,2,3,4,5,6,7,8,9\n");
            for (int t = 0; t < 10; t++) {
                c.append(t);
                for (int p = 0; p < 10; p++) {
                    int v = p == 9 ? 0 : t == p ? 900 : (t == 9 && p == 4 ? 950 : (p == (t + 1) % 9 ? 12 : 0));
                    c.append(',').append(v);
                }
                c.append('\n');
            }
            Files.writeString(dir.resolve("confusion.csv"), c.toString());
        }
        return dir;
    }
}
