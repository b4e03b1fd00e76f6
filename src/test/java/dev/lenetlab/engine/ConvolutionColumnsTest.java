package dev.lenetlab.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lenetlab.engine.reference.Numerics;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Conv2d's im2col and col2im. The backward pass is right only if col2im is the exact adjoint of
 * im2col (⟨im2col(x), c⟩ = ⟨x, col2im(c)⟩ for all x, c), which in particular means overlapping
 * patches ADD onto the input and padding taps go nowhere.
 */
class ConvolutionColumnsTest {

    private static int columnCount(Conv2d conv, int samples) {
        int patch = conv.inputShape().channels() * conv.kernel() * conv.kernel();
        int positions = conv.outputShape().height() * conv.outputShape().width();
        return patch * samples * positions;
    }

    private static double dot(float[] a, float[] b, int length) {
        double sum = 0;
        for (int i = 0; i < length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }

    private static double dotAbs(float[] a, float[] b, int length) {
        double sum = 0;
        for (int i = 0; i < length; i++) {
            sum += Math.abs((double) a[i] * b[i]);
        }
        return sum;
    }

    @Test
    void col2imIsTheAdjointOfIm2col() {
        Random random = new Random(41);
        for (int trial = 0; trial < 40; trial++) {
            int kernel = 1 + random.nextInt(5);
            int stride = 1 + random.nextInt(3);
            int padding = random.nextInt(3);
            int minimum = Math.max(1, kernel - 2 * padding);
            Shape input = new Shape(1 + random.nextInt(4), minimum + random.nextInt(9), minimum + random.nextInt(9));
            Conv2d conv = new Conv2d("conv", input, 2, kernel, stride, padding);
            int samples = 1 + random.nextInt(6);
            int inLength = samples * input.size();
            float[] x = Numerics.uniformFloats(random, inLength, -1, 1);
            float[] c = Numerics.uniformFloats(random, columnCount(conv, samples), -1, 1);
            float[] columns = new float[c.length];
            float[] back = new float[inLength];
            conv.im2col(x, samples, columns);
            conv.col2im(c, samples, back);
            double left = dot(columns, c, c.length);
            double right = dot(x, back, inLength);
            // Relative to Σ|terms|: col2im sums in float, so only that scale is meaningful.
            double scale = dotAbs(columns, c, c.length);
            String what = String.format("%s, kernel %d, stride %d, padding %d, %d samples", input, kernel, stride,
                    padding, samples);
            assertTrue(Math.abs(left - right) <= 1e-5 * scale,
                    () -> what + ": ⟨im2col(x), c⟩ = " + left + " but ⟨x, col2im(c)⟩ = " + right);
        }
    }

    /** All-ones columns, kernel 3, stride 1, no padding, 5×5: each pixel counts the windows covering it. */
    @Test
    void col2imAddsOverlappingPatches() {
        Conv2d conv = new Conv2d("conv", new Shape(1, 5, 5), 1, 3, 1, 0);
        float[] ones = new float[columnCount(conv, 1)];
        Arrays.fill(ones, 1f);
        float[] out = new float[25];
        Arrays.fill(out, 99f); // col2im must overwrite, not add to what was there
        conv.col2im(ones, 1, out);
        assertArrayEquals(new float[] {
                1, 2, 3, 2, 1,
                2, 4, 6, 4, 2,
                3, 6, 9, 6, 3,
                2, 4, 6, 4, 2,
                1, 2, 3, 2, 1}, out);
    }

    /** With padding 1 more windows reach the border; taps on the padding are dropped, not wrapped. */
    @Test
    void col2imCountsWindowsWithPadding() {
        Conv2d conv = new Conv2d("conv", new Shape(1, 5, 5), 1, 3, 1, 1);
        float[] ones = new float[columnCount(conv, 1)];
        Arrays.fill(ones, 1f);
        float[] out = new float[25];
        conv.col2im(ones, 1, out);
        float[] perAxis = {2, 3, 3, 3, 2};
        float[] expected = new float[25];
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 5; x++) {
                expected[y * 5 + x] = perAxis[y] * perAxis[x];
            }
        }
        assertArrayEquals(expected, out);
    }

    /** Stride 2 over 5×5 with kernel 3: windows at 0 and 2 overlap on the middle row and column only. */
    @Test
    void col2imCountsWindowsWithStrideOnEverySampleAndChannel() {
        Conv2d conv = new Conv2d("conv", new Shape(2, 5, 5), 1, 3, 2, 0);
        int samples = 3;
        float[] ones = new float[columnCount(conv, samples)];
        Arrays.fill(ones, 1f);
        float[] out = new float[samples * 2 * 25];
        conv.col2im(ones, samples, out);
        float[] perAxis = {1, 1, 2, 1, 1};
        for (int plane = 0; plane < samples * 2; plane++) {
            for (int y = 0; y < 5; y++) {
                for (int x = 0; x < 5; x++) {
                    assertEquals(perAxis[y] * perAxis[x], out[plane * 25 + y * 5 + x], "plane " + plane + " (" + y + ", " + x + ")");
                }
            }
        }
    }

    /** im2col on a known input: row (channel, dy, dx), column (sample, y, x), zeros in the padding. */
    @Test
    void im2colLaysOutPatchesByTapThenSampleAndPosition() {
        Conv2d conv = new Conv2d("conv", new Shape(1, 2, 2), 1, 2, 1, 1); // output 3×3
        float[] in = {1, 2, 3, 4, 5, 6, 7, 8}; // two samples
        float[] columns = new float[columnCount(conv, 2)];
        Arrays.fill(columns, 99f);
        conv.im2col(in, 2, columns);
        float[] expected = {
                // tap (dy 0, dx 0): input (oy − 1, ox − 1)
                0, 0, 0, 0, 1, 2, 0, 3, 4, /* sample 2 */ 0, 0, 0, 0, 5, 6, 0, 7, 8,
                // tap (0, 1): input (oy − 1, ox)
                0, 0, 0, 1, 2, 0, 3, 4, 0, 0, 0, 0, 5, 6, 0, 7, 8, 0,
                // tap (1, 0): input (oy, ox − 1)
                0, 1, 2, 0, 3, 4, 0, 0, 0, 0, 5, 6, 0, 7, 8, 0, 0, 0,
                // tap (1, 1): input (oy, ox)
                1, 2, 0, 3, 4, 0, 0, 0, 0, 5, 6, 0, 7, 8, 0, 0, 0, 0};
        assertArrayEquals(expected, columns);
    }
}
