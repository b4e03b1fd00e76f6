package dev.lenetlab.experiment.data;

import java.util.Optional;

/**
 * Turns a drawing of any size into what the network was trained on, following how MNIST itself
 * was made: the ink's bounding box, its longer side scaled to 20 pixels by area averaging (aspect
 * ratio kept), placed in a 28×28 field and shifted so that its intensity-weighted centre of mass
 * lies at the field's centre. Values stay in [0, 1] with background 0, as {@link ImageSet#copyImage}
 * gives for the training data.
 */
public final class DigitPreprocessor {
    public static final int SIDE = ImageSet.SIDE;
    /** The longer side of the digit's box in MNIST. */
    public static final int BOX = 20;
    /** Ink below this (of 1) is paper: anti-aliasing haze and scanner noise do not widen the box. */
    private static final float INK_THRESHOLD = 0.05f;

    private DigitPreprocessor() {}

    /**
     * @param ink    {@code width × height} values in [0, 1], row-major, 0 = no ink
     * @return the 28×28 network input, or empty when there is no ink at all
     */
    public static Optional<float[]> toNetworkInput(float[] ink, int width, int height) {
        if (ink.length != width * height) {
            throw new IllegalArgumentException("expected " + width + "×" + height + " values, got " + ink.length);
        }
        int left = width, right = -1, top = height, bottom = -1;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (ink[y * width + x] > INK_THRESHOLD) {
                    left = Math.min(left, x);
                    right = Math.max(right, x);
                    top = Math.min(top, y);
                    bottom = Math.max(bottom, y);
                }
            }
        }
        if (right < 0) {
            return Optional.empty();
        }
        int boxWidth = right - left + 1;
        int boxHeight = bottom - top + 1;
        double scale = (double) BOX / Math.max(boxWidth, boxHeight);
        int targetWidth = Math.max(1, (int) Math.round(boxWidth * scale));
        int targetHeight = Math.max(1, (int) Math.round(boxHeight * scale));
        float[] box = new float[boxWidth * boxHeight];
        for (int y = 0; y < boxHeight; y++) {
            for (int x = 0; x < boxWidth; x++) {
                box[y * boxWidth + x] = clamp(ink[(top + y) * width + left + x]);
            }
        }
        float[] scaled = resizeByAreaAverage(box, boxWidth, boxHeight, targetWidth, targetHeight);

        // Centre of mass of the scaled digit, then the whole-pixel shift that puts it nearest the centre.
        double mass = 0, sumX = 0, sumY = 0;
        for (int y = 0; y < targetHeight; y++) {
            for (int x = 0; x < targetWidth; x++) {
                double v = scaled[y * targetWidth + x];
                mass += v;
                sumX += v * x;
                sumY += v * y;
            }
        }
        double centre = (SIDE - 1) / 2.0;
        int offsetX = (int) Math.round(centre - sumX / mass);
        int offsetY = (int) Math.round(centre - sumY / mass);
        float[] field = new float[SIDE * SIDE];
        for (int y = 0; y < targetHeight; y++) {
            int fy = y + offsetY;
            if (fy < 0 || fy >= SIDE) {
                continue;
            }
            for (int x = 0; x < targetWidth; x++) {
                int fx = x + offsetX;
                if (fx >= 0 && fx < SIDE) {
                    field[fy * SIDE + fx] = scaled[y * targetWidth + x];
                }
            }
        }
        return Optional.of(field);
    }

    /**
     * Ink from a greyscale picture of either polarity: the border tells the paper from the ink
     * (a drawing rarely touches every edge), so dark-on-light and light-on-dark both come out as
     * ink 1 on paper 0, stretched so that the strongest ink is 1.
     *
     * @param grey {@code width × height} luminances in [0, 1]
     */
    public static float[] inkFromGreyscale(float[] grey, int width, int height) {
        double border = 0;
        int count = 0;
        for (int x = 0; x < width; x++) {
            border += grey[x] + grey[(height - 1) * width + x];
            count += 2;
        }
        for (int y = 1; y < height - 1; y++) {
            border += grey[y * width] + grey[y * width + width - 1];
            count += 2;
        }
        double paper = border / count;
        boolean lightPaper = paper >= 0.5;
        float[] ink = new float[grey.length];
        float strongest = 0;
        for (int i = 0; i < grey.length; i++) {
            float v = (float) (lightPaper ? paper - grey[i] : grey[i] - paper);
            ink[i] = Math.max(0f, v);
            strongest = Math.max(strongest, ink[i]);
        }
        if (strongest > 0) {
            for (int i = 0; i < ink.length; i++) {
                ink[i] /= strongest;
            }
        }
        return ink;
    }

    /**
     * Each target pixel is the average of the source area it covers, fractional pixels weighted
     * by their overlap: no pixel is skipped when shrinking (nearest-neighbour would drop thin
     * strokes) and none is duplicated blockily when growing.
     */
    static float[] resizeByAreaAverage(float[] source, int width, int height, int targetWidth, int targetHeight) {
        float[] horizontal = new float[targetWidth * height];
        for (int y = 0; y < height; y++) {
            resampleLine(source, y * width, 1, width, horizontal, y * targetWidth, 1, targetWidth);
        }
        float[] result = new float[targetWidth * targetHeight];
        for (int x = 0; x < targetWidth; x++) {
            resampleLine(horizontal, x, targetWidth, height, result, x, targetWidth, targetHeight);
        }
        return result;
    }

    private static void resampleLine(float[] in, int inStart, int inStep, int inLength,
                                     float[] out, int outStart, int outStep, int outLength) {
        double ratio = (double) inLength / outLength;
        for (int t = 0; t < outLength; t++) {
            double from = t * ratio;
            double to = (t + 1) * ratio;
            double sum = 0;
            for (int s = (int) Math.floor(from); s < Math.min(inLength, (int) Math.ceil(to)); s++) {
                double overlap = Math.min(to, s + 1) - Math.max(from, s);
                if (overlap > 0) {
                    sum += overlap * in[inStart + s * inStep];
                }
            }
            out[outStart + t * outStep] = (float) (sum / ratio);
        }
    }

    private static float clamp(float v) {
        return v < 0 ? 0 : v > 1 ? 1 : v;
    }
}
