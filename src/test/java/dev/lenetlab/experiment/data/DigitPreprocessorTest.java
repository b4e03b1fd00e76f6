package dev.lenetlab.experiment.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DigitPreprocessorTest {
    private static final int CANVAS = 280;

    /** A "7": a bar and a diagonal, drawn small in the top-left corner of a large canvas. */
    private static float[] smallSevenInCorner() {
        float[] ink = new float[CANVAS * CANVAS];
        for (int x = 10; x < 40; x++) {
            for (int y = 8; y < 12; y++) {
                ink[y * CANVAS + x] = 1f;
            }
        }
        for (int y = 12; y < 60; y++) {
            int x = 40 - (y - 12) / 2;
            for (int dx = -2; dx <= 1; dx++) {
                ink[y * CANVAS + x + dx] = 1f;
            }
        }
        return ink;
    }

    @Test
    void aSmallDigitInACornerIsScaledToTwentyPixelsAndCentredByMass() {
        float[] field = DigitPreprocessor.toNetworkInput(smallSevenInCorner(), CANVAS, CANVAS).orElseThrow();
        assertEquals(28 * 28, field.length);
        int left = 28, right = -1, top = 28, bottom = -1;
        double mass = 0, sumX = 0, sumY = 0;
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                float v = field[y * 28 + x];
                if (v > 0.05f) {
                    left = Math.min(left, x);
                    right = Math.max(right, x);
                    top = Math.min(top, y);
                    bottom = Math.max(bottom, y);
                }
                mass += v;
                sumX += v * x;
                sumY += v * y;
            }
        }
        int longer = Math.max(right - left + 1, bottom - top + 1);
        assertTrue(Math.abs(longer - 20) <= 1, "longer side " + longer);
        assertEquals(13.5, sumX / mass, 1.0, "centre of mass, x");
        assertEquals(13.5, sumY / mass, 1.0, "centre of mass, y");
    }

    @Test
    void backgroundIsZeroAndSolidInkNearOne() {
        float[] field = DigitPreprocessor.toNetworkInput(smallSevenInCorner(), CANVAS, CANVAS).orElseThrow();
        float max = 0;
        for (float v : field) {
            assertTrue(v >= 0f && v <= 1f, "in [0, 1]: " + v);
            max = Math.max(max, v);
        }
        assertTrue(max > 0.9f, "solid strokes stay near 1: " + max);
        assertEquals(0f, field[0], "corners are paper");
        assertEquals(0f, field[28 * 28 - 1]);
    }

    @Test
    void anEmptyCanvasIsReportedAsEmpty() {
        assertEquals(Optional.empty(), DigitPreprocessor.toNetworkInput(new float[100 * 60], 100, 60));
        float[] haze = new float[50 * 50];
        java.util.Arrays.fill(haze, 0.01f);
        assertEquals(Optional.empty(), DigitPreprocessor.toNetworkInput(haze, 50, 50), "faint haze is not ink");
    }

    @Test
    void bothPolaritiesGiveTheSameInk() {
        float[] ink = smallSevenInCorner();
        float[] darkOnLight = new float[ink.length];
        float[] lightOnDark = new float[ink.length];
        for (int i = 0; i < ink.length; i++) {
            darkOnLight[i] = 0.95f - 0.85f * ink[i];
            lightOnDark[i] = 0.1f + 0.8f * ink[i];
        }
        float[] a = DigitPreprocessor.inkFromGreyscale(darkOnLight, CANVAS, CANVAS);
        float[] b = DigitPreprocessor.inkFromGreyscale(lightOnDark, CANVAS, CANVAS);
        assertArrayEquals(ink, a, 1e-5f);
        assertArrayEquals(ink, b, 1e-5f);
    }

    /**
     * A drawing exported with a transparent background: white ink on nothing read as white on
     * white paper before, a "blank picture". Either ink colour must give the ink of the same
     * drawing in black on opaque white.
     */
    @Test
    void inkOnATransparentBackgroundReadsInEitherColour(@TempDir Path dir) throws Exception {
        float[] reference = PictureFile.networkInput(seven(dir.resolve("opaque.png"), Color.WHITE, Color.BLACK))
                .orElseThrow();
        for (Color ink : List.of(Color.WHITE, Color.BLACK)) {
            Path file = seven(dir.resolve("transparent-" + ink.getRGB() + ".png"), new Color(0, 0, 0, 0), ink);
            float[] input = PictureFile.networkInput(file).orElseThrow(() -> new AssertionError(ink + " ink: no ink found"));
            assertArrayEquals(reference, input, 0.02f, ink + " ink on transparency");
        }
    }

    /** A "7" drawn anti-aliased in {@code ink} on {@code paper} (which may be transparent), as PNG with alpha. */
    private static Path seven(Path file, Color paper, Color ink) throws Exception {
        BufferedImage image = new BufferedImage(120, 140, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setComposite(AlphaComposite.Src);
        g.setColor(paper);
        g.fillRect(0, 0, 120, 140);
        g.setComposite(AlphaComposite.SrcOver);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(ink);
        g.setStroke(new BasicStroke(9, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.drawLine(25, 25, 95, 25);
        g.drawLine(95, 25, 50, 115);
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    @Test
    void areaAveragingKeepsTheMeanOfTheImage() {
        float[] source = new float[7 * 5];
        for (int i = 0; i < source.length; i++) {
            source[i] = (i * 37 % 11) / 10f;
        }
        float[] shrunk = DigitPreprocessor.resizeByAreaAverage(source, 7, 5, 3, 2);
        float[] grown = DigitPreprocessor.resizeByAreaAverage(source, 7, 5, 20, 13);
        assertEquals(mean(source), mean(shrunk), 1e-5);
        assertEquals(mean(source), mean(grown), 1e-5);
    }

    private static double mean(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += v;
        }
        return sum / values.length;
    }
}
