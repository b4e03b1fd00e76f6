package dev.lenetlab.experiment;

import java.util.OptionalDouble;

/** Counts of (true class, predicted class); rows are the truth, columns the prediction. */
public final class ConfusionMatrix {
    private final int classes;
    private final int[][] counts;

    public ConfusionMatrix(int classes) {
        this.classes = classes;
        this.counts = new int[classes][classes];
    }

    /** Tallies predictions against labels; a prediction of −1 (non-finite output) is not counted. */
    public static ConfusionMatrix of(int classes, int[] labels, int[] predictions, int count) {
        ConfusionMatrix m = new ConfusionMatrix(classes);
        for (int i = 0; i < count; i++) {
            if (predictions[i] >= 0) {
                m.counts[labels[i]][predictions[i]]++;
            }
        }
        return m;
    }

    public int classes() {
        return classes;
    }

    public int count(int truth, int predicted) {
        return counts[truth][predicted];
    }

    public int total() {
        int sum = 0;
        for (int[] row : counts) {
            for (int v : row) {
                sum += v;
            }
        }
        return sum;
    }

    public double accuracy() {
        int right = 0;
        for (int c = 0; c < classes; c++) {
            right += counts[c][c];
        }
        int total = total();
        return total == 0 ? 0 : (double) right / total;
    }

    /** Of the samples predicted as {@code c}, the fraction that are {@code c}; empty if none was. */
    public OptionalDouble precision(int c) {
        int predicted = 0;
        for (int t = 0; t < classes; t++) {
            predicted += counts[t][c];
        }
        return predicted == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) counts[c][c] / predicted);
    }

    /** Of the samples of class {@code c}, the fraction predicted as {@code c}; empty if there were none. */
    public OptionalDouble recall(int c) {
        int actual = 0;
        for (int p = 0; p < classes; p++) {
            actual += counts[c][p];
        }
        return actual == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) counts[c][c] / actual);
    }

    /** Harmonic mean of precision and recall; empty where either is undefined, 0 where both are 0. */
    public OptionalDouble f1(int c) {
        OptionalDouble p = precision(c);
        OptionalDouble r = recall(c);
        if (p.isEmpty() || r.isEmpty()) {
            return OptionalDouble.empty();
        }
        double sum = p.getAsDouble() + r.getAsDouble();
        return OptionalDouble.of(sum == 0 ? 0 : 2 * p.getAsDouble() * r.getAsDouble() / sum);
    }

    /** The CSV form: a header row and a header column of class indices. */
    public String toCsv() {
        StringBuilder sb = new StringBuilder("true\\predicted");
        for (int p = 0; p < classes; p++) {
            sb.append(',').append(p);
        }
        sb.append('\n');
        for (int t = 0; t < classes; t++) {
            sb.append(t);
            for (int p = 0; p < classes; p++) {
                sb.append(',').append(counts[t][p]);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** A matrix with the given counts ({@code counts[truth][predicted]}, square); the array is copied. */
    public static ConfusionMatrix ofCounts(int[][] counts) {
        ConfusionMatrix m = new ConfusionMatrix(counts.length);
        for (int t = 0; t < counts.length; t++) {
            if (counts[t].length != counts.length) {
                throw new IllegalArgumentException("row " + t + " has " + counts[t].length + " counts; expected "
                        + counts.length);
            }
            for (int p = 0; p < counts.length; p++) {
                if (counts[t][p] < 0) {
                    throw new IllegalArgumentException("negative count at row " + t + ", column " + p);
                }
                m.counts[t][p] = counts[t][p];
            }
        }
        return m;
    }

    /** Reads the form {@link #toCsv()} writes. */
    public static ConfusionMatrix fromCsv(String csv) {
        String[] lines = csv.strip().split("\\R");
        if (lines.length < 2) {
            throw new IllegalArgumentException("a confusion matrix needs a header and at least one row");
        }
        int classes = lines[0].split(",").length - 1;
        if (lines.length - 1 != classes) {
            throw new IllegalArgumentException("expected " + classes + " rows after the header, found "
                    + (lines.length - 1));
        }
        int[][] counts = new int[classes][classes];
        for (int t = 0; t < classes; t++) {
            String[] cells = lines[t + 1].split(",");
            if (cells.length != classes + 1) {
                throw new IllegalArgumentException("row " + t + " has " + (cells.length - 1) + " counts; expected "
                        + classes);
            }
            for (int p = 0; p < classes; p++) {
                try {
                    counts[t][p] = Integer.parseInt(cells[p + 1].trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("row " + t + ": '" + cells[p + 1] + "' is not a count");
                }
            }
        }
        return ofCounts(counts);
    }
}
