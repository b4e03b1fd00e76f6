package dev.lenetlab.experiment.data;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.Graphics2D;
import java.awt.Image;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Digits rendered from handwriting-style fonts: a test set that is <em>not</em> MNIST.
 *
 * <p>Why: accuracy on MNIST's own test split says little about how the trained network does on
 * digits written by other hands, at other sizes, positions and polarities (a drawing on the canvas,
 * a photo). These samples come from eight freely licensed casual / script / marker / pen fonts
 * shipped in {@code src/test/resources/dev/lenetlab/fonts/} (see the README there), so they are
 * reproducible and need no download. The fonts are loaded from the classpath with
 * {@link Font#createFont}, never from the system, so every machine renders the same glyphs.
 *
 * <p>For every font, every digit 0–9, every canvas side in {@link #SIDES} and both polarities one
 * sample is drawn with Java2D, anti-aliased: the digit's ink (its outline's bounding box) fills
 * 60–80% of the canvas height and sits at a varying position with a margin of at least
 * {@link #MARGIN} of the side on every edge. Paper and ink tones vary slightly. The variation is
 * seeded, so the set is the same on every run. Pure AWT: works with {@code java.awt.headless=true}.
 *
 * <p>{@code main(path)} writes a contact sheet PNG of all samples for a person to check.
 */
public final class FontDigits {

    /** Classpath folder of the font files. */
    public static final String FONT_DIR = "/dev/lenetlab/fonts/";

    /** A font file in {@link #FONT_DIR} (TrueType or OpenType) and the name its samples carry. */
    public record FontFile(String file, String name) {}

    /** The fonts, in sample order. */
    public static final List<FontFile> FONT_FILES = List.of(
            new FontFile("ComicNeue-Regular.otf", "Comic Neue"),
            new FontFile("Humor-Sans.ttf", "Humor Sans"),
            new FontFile("DancingScript-Regular.otf", "Dancing Script"),
            new FontFile("KaushanScript-Regular.otf", "Kaushan Script"),
            new FontFile("Breip.ttf", "Breip"),
            new FontFile("BecauseWeOrganize-Regular.otf", "Because We Organize"),
            new FontFile("SteveHand.ttf", "Steve Hand"),
            new FontFile("Purisa.otf", "Purisa"));

    /** Canvas sides in pixels; every canvas is square. */
    public static final List<Integer> SIDES = List.of(200, 300, 400);

    /** Smallest and largest share of the canvas height that the digit's ink fills. */
    public static final double MIN_FILL = 0.60;
    public static final double MAX_FILL = 0.80;
    /** Least free space between the ink and every edge, as a share of the side. */
    public static final double MARGIN = 0.06;
    /** Widest share of the canvas width the ink may take (a wide glyph is scaled down to fit). */
    private static final double MAX_WIDTH = 1 - 2 * MARGIN;

    private static final String DIGITS = "0123456789";
    private static final long SEED = 20240517L;

    /**
     * One rendered digit.
     *
     * @param label      the digit, 0–9
     * @param font       the font's name, as in {@link #FONT_FILES}
     * @param width      canvas width in pixels
     * @param height     canvas height in pixels
     * @param gray       {@code width × height} luminances in [0, 1], row-major, 1 = white
     * @param darkOnLight true for dark ink on light paper, false for light ink on dark paper
     */
    public record Sample(int label, String font, int width, int height, float[] gray, boolean darkOnLight) {
        public Sample {
            if (gray.length != width * height) {
                throw new IllegalArgumentException("expected " + width + "×" + height + " values, got " + gray.length);
            }
        }

        @Override
        public String toString() {
            return "Sample[" + label + ", " + font + ", " + width + "×" + height
                    + (darkOnLight ? ", dark on light]" : ", light on dark]");
        }
    }

    /** A loaded font and the name used for its samples. */
    public record LoadedFont(String file, String name, Font font) {}

    private FontDigits() {}

    /** Every font in {@link #FONT_FILES}, loaded from the classpath and checked to draw 0–9. */
    public static List<LoadedFont> fonts() {
        List<LoadedFont> fonts = new ArrayList<>();
        for (FontFile file : FONT_FILES) {
            Font font = load(file.file());
            checkDigits(file.file(), font);
            fonts.add(new LoadedFont(file.file(), file.name(), font));
        }
        return fonts;
    }

    /**
     * All samples: fonts × digits × sides × 2 polarities, in that nesting order. They hold a few
     * hundred MB of floats together; use {@link #stream()} to look at them one at a time.
     */
    public static List<Sample> all() {
        return stream().toList();
    }

    /** The same samples as {@link #all()}, each rendered only when the stream reaches it. */
    public static Stream<Sample> stream() {
        List<LoadedFont> fonts = fonts();
        return IntStream.range(0, fonts.size()).boxed().flatMap(f ->
                IntStream.range(0, 10).boxed().flatMap(digit ->
                        IntStream.range(0, SIDES.size()).boxed().flatMap(s ->
                                Stream.of(true, false).map(dark ->
                                        render(fonts.get(f), f, digit, s, dark)))));
    }

    /** Number of samples {@link #all()} gives. */
    public static int count() {
        return FONT_FILES.size() * 10 * SIDES.size() * 2;
    }

    private static Font load(String file) {
        String path = FONT_DIR + file;
        try (InputStream in = FontDigits.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("font " + path + " is not on the classpath");
            }
            return Font.createFont(Font.TRUETYPE_FONT, in);
        } catch (FontFormatException e) {
            throw new IllegalStateException("font " + path + " cannot be read by Java2D: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("font " + path + " cannot be read", e);
        }
    }

    /** Fails unless the font has a real glyph, with visible ink, for each of '0'..'9'. */
    private static void checkDigits(String file, Font font) {
        int missingAt = font.canDisplayUpTo(DIGITS);
        if (missingAt >= 0) {
            throw new IllegalStateException("font " + file + " (" + font.getFontName()
                    + ") cannot display the digit '" + DIGITS.charAt(missingAt) + "'");
        }
        Font sized = font.deriveFont(100f);
        FontRenderContext frc = new FontRenderContext(null, true, true);
        for (char c : DIGITS.toCharArray()) {
            GlyphVector glyphs = sized.createGlyphVector(frc, String.valueOf(c));
            if (glyphs.getNumGlyphs() != 1 || glyphs.getGlyphCode(0) == sized.getMissingGlyphCode()) {
                throw new IllegalStateException("font " + file + " (" + font.getFontName()
                        + ") has no glyph of its own for the digit '" + c + "'");
            }
            Rectangle2D ink = glyphs.getOutline().getBounds2D();
            if (ink.getWidth() < 1 || ink.getHeight() < 1) {
                throw new IllegalStateException("font " + file + " (" + font.getFontName()
                        + ") draws no ink for the digit '" + c + "'");
            }
        }
    }

    private static Sample render(LoadedFont font, int fontIndex, int digit, int sideIndex, boolean darkOnLight) {
        int side = SIDES.get(sideIndex);
        Random random = new Random(SEED ^ (((fontIndex * 16L + digit) * 16L + sideIndex) * 2 + (darkOnLight ? 1 : 0)) * 0x9E3779B97F4A7C15L);

        // The glyph's outline, scaled so that its ink (not the font's ascent) has the chosen height.
        FontRenderContext frc = new FontRenderContext(null, true, true);
        Shape outline = font.font().deriveFont(200f).createGlyphVector(frc, String.valueOf(digit)).getOutline();
        Rectangle2D ink = outline.getBounds2D();
        double fill = MIN_FILL + (MAX_FILL - MIN_FILL) * random.nextDouble();
        double scale = fill * side / ink.getHeight();
        scale = Math.min(scale, MAX_WIDTH * side / ink.getWidth());
        double inkWidth = ink.getWidth() * scale;
        double inkHeight = ink.getHeight() * scale;
        double margin = MARGIN * side;
        double left = margin + (side - 2 * margin - inkWidth) * random.nextDouble();
        double top = margin + (side - 2 * margin - inkHeight) * random.nextDouble();
        AffineTransform place = new AffineTransform();
        place.translate(left, top);
        place.scale(scale, scale);
        place.translate(-ink.getX(), -ink.getY());
        Shape glyph = place.createTransformedShape(outline);

        // Paper and ink tones, slightly varied.
        float paper = darkOnLight ? 0.90f + 0.10f * random.nextFloat() : 0.10f * random.nextFloat();
        float inkTone = darkOnLight ? 0.12f * random.nextFloat() : 0.88f + 0.12f * random.nextFloat();

        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setColor(new Color(paper, paper, paper));
            g.fillRect(0, 0, side, side);
            g.setColor(new Color(inkTone, inkTone, inkTone));
            g.fill(glyph);
        } finally {
            g.dispose();
        }

        float[] gray = new float[side * side];
        int[] rgb = image.getRGB(0, 0, side, side, null, 0, side);
        for (int i = 0; i < rgb.length; i++) {
            int r = (rgb[i] >> 16) & 0xFF;
            int gr = (rgb[i] >> 8) & 0xFF;
            int b = rgb[i] & 0xFF;
            gray[i] = (float) ((0.299 * r + 0.587 * gr + 0.114 * b) / 255.0);
        }
        return new Sample(digit, font.name(), side, side, gray, darkOnLight);
    }

    /**
     * Writes a contact sheet of every sample, downscaled, to {@code args[0]} (PNG): one row per
     * font and polarity, one column per digit and canvas side.
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: FontDigits <contact-sheet.png>");
            System.exit(2);
        }
        int cell = 48;
        int gap = 4;
        int labelWidth = 230;
        int columns = 10 * SIDES.size();
        int rows = FONT_FILES.size() * 2;
        int width = labelWidth + columns * (cell + gap) + 10 * gap;
        int height = rows * (cell + gap) + gap;
        BufferedImage sheet = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        g.setColor(new Color(0xB0C4DE));
        g.fillRect(0, 0, width, height);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        List<String> fontNames = new ArrayList<>();
        int[] count = {0};
        stream().forEach(sample -> {
            if (!fontNames.contains(sample.font())) {
                fontNames.add(sample.font());
            }
            int row = fontNames.indexOf(sample.font()) * 2 + (sample.darkOnLight() ? 0 : 1);
            int sideIndex = SIDES.indexOf(sample.width());
            int column = sample.label() * SIDES.size() + sideIndex;
            int x = labelWidth + column * (cell + gap) + sample.label() * gap;
            int y = gap + row * (cell + gap);
            g.drawImage(toImage(sample).getScaledInstance(cell, cell, Image.SCALE_AREA_AVERAGING), x, y, null);
            if (sample.label() == 0 && sideIndex == 0) {
                g.setColor(Color.BLACK);
                g.drawString(sample.font() + (sample.darkOnLight() ? "  dark/light" : "  light/dark"), 6, y + cell / 2 + 5);
            }
            count[0]++;
        });
        g.dispose();
        File out = new File(args[0]);
        if (!ImageIO.write(sheet, "png", out)) {
            throw new IOException("no PNG writer");
        }
        System.out.println(count[0] + " samples from " + fontNames.size() + " fonts " + fontNames + " -> " + out);
    }

    private static BufferedImage toImage(Sample sample) {
        BufferedImage image = new BufferedImage(sample.width(), sample.height(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < sample.height(); y++) {
            for (int x = 0; x < sample.width(); x++) {
                int v = Math.round(sample.gray()[y * sample.width() + x] * 255);
                image.setRGB(x, y, (v << 16) | (v << 8) | v);
            }
        }
        return image;
    }
}
