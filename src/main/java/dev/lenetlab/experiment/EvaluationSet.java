package dev.lenetlab.experiment;

import dev.lenetlab.experiment.data.ImageSet;

/** Samples chosen for evaluation, converted to network inputs once rather than at every evaluation. */
public record EvaluationSet(float[] images, int[] labels, int count) {

    /** The last {@code count} images of {@code set}: the held-out validation images of a run or study. */
    public static EvaluationSet lastImages(ImageSet set, int count, int inputSize) {
        int[] indices = new int[count];
        for (int i = 0; i < count; i++) {
            indices[i] = set.count() - count + i;
        }
        return of(set, indices, inputSize);
    }

    public static EvaluationSet of(ImageSet set, int[] indices, int inputSize) {
        float[] images = new float[indices.length * inputSize];
        int[] labels = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            set.copyImage(indices[i], images, i * inputSize);
            labels[i] = set.label(indices[i]);
        }
        return new EvaluationSet(images, labels, indices.length);
    }
}
