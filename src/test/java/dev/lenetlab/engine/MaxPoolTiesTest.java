package dev.lenetlab.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.lenetlab.engine.reference.ReferenceMaxPool2d;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A window of equal maxima passes its gradient on once, to the first of them in reading order;
 * splitting or copying it would make the pooled network's gradient wrong on flat regions (the
 * zero background of every MNIST digit after a ReLU).
 */
class MaxPoolTiesTest {

    private static float[] backward(MaxPool2d pool, float[] in, float[] gradOut, int samples) {
        Layer.Scratch scratch = pool.newScratch(samples);
        float[] out = new float[samples * pool.outputShape().size()];
        pool.forward(new float[0], in, out, samples, scratch);
        float[] gradIn = new float[in.length];
        Arrays.fill(gradIn, 5f); // must be overwritten
        pool.backward(new float[0], in, out, gradOut, gradIn, new float[0], samples, scratch);
        return gradIn;
    }

    @Test
    void fourEqualValuesGiveTheWholeGradientToTheFirst() {
        MaxPool2d pool = new MaxPool2d("pool", new Shape(1, 2, 2), 2);
        float[] gradIn = backward(pool, new float[] {0.5f, 0.5f, 0.5f, 0.5f}, new float[] {1f}, 1);
        // Exactly 1 in total, not 4, and not 0.25 each.
        assertArrayEquals(new float[] {1f, 0f, 0f, 0f}, gradIn);
    }

    @Test
    void tiesAmongTheMaximaGoToTheFirstInReadingOrder() {
        // 4×4, four windows: all zero (ReLU background); tie on the bottom row; tie down the right
        // column; a single maximum.
        float[] in = {
                0, 0, 1, 3,
                0, 0, 2, 3,
                1, 2, 7, 9,
                4, 4, 8, 3};
        MaxPool2d pool = new MaxPool2d("pool", new Shape(1, 4, 4), 2);
        float[] gradIn = backward(pool, in, new float[] {1f, 2f, 3f, 4f}, 1);
        assertArrayEquals(new float[] {
                1, 0, 0, 2,
                0, 0, 0, 0,
                0, 0, 0, 4,
                3, 0, 0, 0}, gradIn);
    }

    @Test
    void referenceBreaksTiesTheSameWay() {
        ReferenceMaxPool2d pool = new ReferenceMaxPool2d(new Shape(1, 2, 2), 2);
        double[] gradIn = pool.backward(null, 0, new double[] {-1, -1, -1, -1}, new double[] {1}, 1, null);
        assertArrayEquals(new double[] {1, 0, 0, 0}, gradIn);
    }

    @Test
    void tiedWindowsOnSeveralSamplesAndChannelsEachPassTheGradientOnce() {
        int samples = 3;
        MaxPool2d pool = new MaxPool2d("pool", new Shape(2, 4, 6), 2);
        float[] in = new float[samples * 2 * 4 * 6];
        Arrays.fill(in, 0.25f);
        float[] gradOut = new float[samples * pool.outputShape().size()];
        Arrays.fill(gradOut, 1f);
        float[] gradIn = backward(pool, in, gradOut, samples);
        for (int plane = 0; plane < samples * 2; plane++) {
            for (int y = 0; y < 4; y++) {
                for (int x = 0; x < 6; x++) {
                    float expected = y % 2 == 0 && x % 2 == 0 ? 1f : 0f;
                    assertArrayEquals(new float[] {expected}, new float[] {gradIn[(plane * 4 + y) * 6 + x]},
                            "plane " + plane + " (" + y + ", " + x + ")");
                }
            }
        }
    }
}
