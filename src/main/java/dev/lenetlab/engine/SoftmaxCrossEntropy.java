package dev.lenetlab.engine;

import java.util.Arrays;

/**
 * Softmax followed by the negative log-likelihood, fused so that it is computed by log-sum-exp:
 * {@code loss = log Σ exp(z_j − max z) + max z − z_label}. Subtracting the maximum keeps every
 * exponent ≤ 0, so logits of ±1e4 give a finite loss and finite gradients.
 */
public final class SoftmaxCrossEntropy {
    private SoftmaxCrossEntropy() {}

    /**
     * For {@code samples} rows of {@code classes} logits: returns the summed loss (NaN if any logit
     * is not finite) and writes the predicted class (the first maximum, or −1 for a row with a
     * non-finite logit, so that it is never counted as correct) into {@code predictions}. Unless
     * {@code gradient} is null, also writes {@code scale · (softmax − onehot)} into it.
     */
    public static double evaluate(float[] logits, int[] labels, int labelOffset, int samples, int classes,
                                  float scale, float[] gradient, int[] predictions) {
        double total = 0;
        for (int s = 0; s < samples; s++) {
            int row = s * classes;
            int label = labels[labelOffset + s];
            double max = Double.NEGATIVE_INFINITY;
            int argmax = 0;
            boolean finite = true;
            for (int j = 0; j < classes; j++) {
                float z = logits[row + j];
                finite &= Float.isFinite(z);
                if (z > max) {
                    max = z;
                    argmax = j;
                }
            }
            if (!finite) {
                total = Double.NaN;
                predictions[s] = -1;
                if (gradient != null) {
                    Arrays.fill(gradient, row, row + classes, 0f);
                }
                continue;
            }
            double sum = 0;
            for (int j = 0; j < classes; j++) {
                sum += Math.exp(logits[row + j] - max);
            }
            double logSumExp = max + Math.log(sum);
            total += logSumExp - logits[row + label];
            predictions[s] = argmax;
            if (gradient != null) {
                for (int j = 0; j < classes; j++) {
                    double p = Math.exp(logits[row + j] - logSumExp);
                    gradient[row + j] = (float) ((p - (j == label ? 1 : 0)) * scale);
                }
            }
        }
        return total;
    }
}
