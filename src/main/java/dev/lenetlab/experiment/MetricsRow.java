package dev.lenetlab.experiment;

/**
 * One row of metrics.csv: the training figures are averages over the iterations since the previous
 * row; the test figures come from the evaluation slice at this iteration. Accuracies are fractions.
 */
public record MetricsRow(int iteration, double trainLoss, double trainAccuracy,
                         double testLoss, double testAccuracy, double elapsedSeconds) {

    public static final String CSV_HEADER = "iteration,train_loss,train_accuracy,test_loss,test_accuracy,elapsed_seconds";

    /** Locale-independent, shortest round-trip decimal for every number. */
    public String toCsv() {
        return iteration + "," + trainLoss + "," + trainAccuracy + "," + testLoss + "," + testAccuracy + ","
                + elapsedSeconds;
    }
}
