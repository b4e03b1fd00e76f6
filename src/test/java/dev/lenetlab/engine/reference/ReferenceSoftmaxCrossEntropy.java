package dev.lenetlab.engine.reference;

/** Mean softmax cross-entropy over a batch, by log-sum-exp, and its gradient at the logits. */
public final class ReferenceSoftmaxCrossEntropy {
    private ReferenceSoftmaxCrossEntropy() {}

    /** The batch's mean loss and d(mean loss)/d(logits). */
    public record Result(double meanLoss, double[] gradient) {}

    /** Cross-entropy of one row: log Σ exp(z_j) − z_label, with the maximum shifted out. */
    public static double rowLoss(double[] logits, int row, int classes, int label) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < classes; j++) {
            max = Math.max(max, logits[row + j]);
        }
        double sum = 0;
        for (int j = 0; j < classes; j++) {
            sum += Math.exp(logits[row + j] - max);
        }
        return max + Math.log(sum) - logits[row + label];
    }

    public static Result evaluate(double[] logits, int[] labels, int samples, int classes) {
        double total = 0;
        double[] gradient = new double[samples * classes];
        for (int s = 0; s < samples; s++) {
            int row = s * classes;
            double loss = rowLoss(logits, row, classes, labels[s]);
            total += loss;
            double logSumExp = loss + logits[row + labels[s]];
            for (int j = 0; j < classes; j++) {
                double p = Math.exp(logits[row + j] - logSumExp);
                gradient[row + j] = (p - (j == labels[s] ? 1 : 0)) / samples;
            }
        }
        return new Result(total / samples, gradient);
    }
}
