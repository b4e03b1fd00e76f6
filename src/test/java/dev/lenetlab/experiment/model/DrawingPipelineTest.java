package dev.lenetlab.experiment.model;

import dev.lenetlab.experiment.data.DigitPreprocessor;
import dev.lenetlab.experiment.data.FontDigits;
import dev.lenetlab.experiment.data.ImageSet;
import dev.lenetlab.experiment.data.StrokeRaster;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The path a drawing takes (a picture of any size → ink → MNIST-like 28×28 → the bundled model)
 * measured on digits whose answer is known: real MNIST digits blown up 10×, and digits rendered
 * from handwriting fonts, which are not MNIST at all.
 */
class DrawingPipelineTest {
    private static Classifier bundled;

    @BeforeAll
    static void load() throws Exception {
        bundled = BundledModel.classifier();
    }

    /**
     * 1,000 test digits, each enlarged to 280×280 by bilinear interpolation (a smooth picture, not
     * blocks), half as dark ink on white paper and half as white on black, go through the pipeline
     * and are classified as the raw digit is at least 97 % of the time.
     */
    @Test
    void aThousandMnistDigitsRenderedAtTenTimesKeepTheirClassification() throws Exception {
        ImageSet test = MnistSubset.full().test();
        float[] raw = new float[ImageSet.PIXELS_PER_IMAGE];
        int side = 280;
        int agree = 0;
        int n = 1_000;
        for (int i = 0; i < n; i++) {
            test.copyImage(i, raw, 0);
            boolean darkOnLight = i % 2 == 0;
            float[] picture = enlarge(raw, 28, side);
            for (int p = 0; p < picture.length; p++) {
                picture[p] = darkOnLight ? 1 - picture[p] : picture[p];
            }
            float[] input = DigitPreprocessor.toNetworkInput(DigitPreprocessor.inkFromGreyscale(picture, side, side),
                    side, side).orElseThrow();
            if (bundled.classify(input).predicted() == bundled.classify(raw).predicted()) {
                agree++;
            }
        }
        double agreement = agree / (double) n;
        System.out.printf(Locale.ROOT, "round trip: %d of %d MNIST test digits rendered at 10x classified as the raw digit (%.1f%%)%n",
                agree, n, 100 * agreement);
        assertTrue(agreement >= 0.97, "agreement " + agreement);
    }

    /**
     * 480 digits from 8 handwriting fonts, 200–400 px, both polarities: the bundled model, trained
     * on MNIST alone, names at least 90 % of them.
     */
    @Test
    void digitsFromHandwritingFontsAreClassifiedCorrectly() {
        AtomicInteger right = new AtomicInteger();
        AtomicInteger total = new AtomicInteger();
        Map<String, int[]> byFont = new TreeMap<>();
        FontDigits.stream().forEach(sample -> {
            float[] ink = DigitPreprocessor.inkFromGreyscale(sample.gray(), sample.width(), sample.height());
            float[] input = DigitPreprocessor.toNetworkInput(ink, sample.width(), sample.height()).orElseThrow();
            boolean correct = bundled.classify(input).predicted() == sample.label();
            int[] counts = byFont.computeIfAbsent(sample.font(), f -> new int[2]);
            counts[0] += correct ? 1 : 0;
            counts[1]++;
            right.addAndGet(correct ? 1 : 0);
            total.incrementAndGet();
        });
        double accuracy = right.get() / (double) total.get();
        StringBuilder report = new StringBuilder();
        byFont.forEach((font, c) -> report.append(String.format(Locale.ROOT, "%n  %-22s %3d/%d", font, c[0], c[1])));
        System.out.printf(Locale.ROOT, "font digits: %d of %d correct (%.1f%%)%s%n", right.get(), total.get(),
                100 * accuracy, report);
        assertEquals(FontDigits.count(), total.get());
        assertTrue(accuracy >= 0.90, "font digits accuracy " + accuracy + report);
    }

    /** Pen strokes as the canvas records them: simple shapes of 0, 1 and 7 are read as such. */
    @Test
    void strokesDrawnWithThePenAreRead() {
        int side = 280;
        double pen = 26;
        StrokeRaster.Stroke one = new StrokeRaster.Stroke(new double[] {150, 40, 145, 140, 140, 240});
        StrokeRaster.Stroke seven = new StrokeRaster.Stroke(new double[] {70, 50, 210, 50, 170, 140, 130, 240});
        double[] ring = new double[2 * 41];
        for (int i = 0; i <= 40; i++) {
            double a = 2 * Math.PI * i / 40;
            ring[2 * i] = 140 + 60 * Math.cos(a);
            ring[2 * i + 1] = 140 + 95 * Math.sin(a);
        }
        StrokeRaster.Stroke zero = new StrokeRaster.Stroke(ring);
        Map<Integer, StrokeRaster.Stroke> digits = Map.of(1, one, 7, seven, 0, zero);
        digits.forEach((label, stroke) -> {
            float[] ink = StrokeRaster.paint(List.of(stroke), side, pen);
            float[] input = DigitPreprocessor.toNetworkInput(ink, side, side).orElseThrow();
            Classifier.Classification c = bundled.classify(input);
            assertEquals(label, c.predicted(), "drawn " + label + ": probabilities " + java.util.Arrays.toString(c.probabilities()));
        });
    }

    /** Bilinear enlargement of a {@code from × from} image to {@code to × to}, pixel centres aligned. */
    static float[] enlarge(float[] image, int from, int to) {
        float[] out = new float[to * to];
        double scale = (double) from / to;
        for (int y = 0; y < to; y++) {
            double sy = Math.max(0, Math.min(from - 1, (y + 0.5) * scale - 0.5));
            int y0 = (int) sy;
            int y1 = Math.min(from - 1, y0 + 1);
            double fy = sy - y0;
            for (int x = 0; x < to; x++) {
                double sx = Math.max(0, Math.min(from - 1, (x + 0.5) * scale - 0.5));
                int x0 = (int) sx;
                int x1 = Math.min(from - 1, x0 + 1);
                double fx = sx - x0;
                double top = image[y0 * from + x0] * (1 - fx) + image[y0 * from + x1] * fx;
                double bottom = image[y1 * from + x0] * (1 - fx) + image[y1 * from + x1] * fx;
                out[y * to + x] = (float) (top * (1 - fy) + bottom * fy);
            }
        }
        return out;
    }
}
