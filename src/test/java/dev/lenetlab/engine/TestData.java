package dev.lenetlab.engine;

import java.util.Random;

/** Synthetic MNIST-like batches for the network tests. */
final class TestData {
    private TestData() {}

    static final int PIXELS = 28 * 28;

    /**
     * {@code count} 28×28 images: a zero background, as in MNIST, with a random rectangle of
     * values in [0, 1]. The flat background makes exactly tied maxima in pooling; which tied input
     * gets the gradient cannot change a parameter gradient there (the tied positions see identical
     * patches), so MaxPoolTiesTest checks that convention directly.
     */
    static float[] images(Random random, int count) {
        float[] images = new float[count * PIXELS];
        for (int s = 0; s < count; s++) {
            int top = random.nextInt(10);
            int left = random.nextInt(10);
            int bottom = top + 10 + random.nextInt(28 - top - 10);
            int right = left + 10 + random.nextInt(28 - left - 10);
            for (int y = top; y < bottom; y++) {
                for (int x = left; x < right; x++) {
                    images[s * PIXELS + y * 28 + x] = random.nextFloat();
                }
            }
        }
        return images;
    }

    static int[] labels(Random random, int count) {
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = random.nextInt(10);
        }
        return labels;
    }

    /**
     * Sets every bias to a small non-zero value: the initial all-zero biases would let a bias
     * read from the wrong place, or a bias gradient written to the wrong place, go unnoticed in
     * the forward pass.
     */
    static void randomiseBiases(Network network, float[] parameters, Random random) {
        for (Layer layer : network.layers()) {
            if (layer.parameterCount() > 0) {
                int end = layer.parameterOffset() + layer.parameterCount();
                for (int i = end - layer.outputShape().channels(); i < end; i++) {
                    parameters[i] = (float) (0.2 * random.nextDouble() - 0.1);
                }
            }
        }
    }
}
