package dev.lenetlab.experiment.data;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;

/**
 * A picture of a handwritten digit on disk (PNG, JPEG, GIF or BMP, any size), read as greyscale
 * and put through the same preprocessing as a drawing on the canvas.
 */
public final class PictureFile {
    private PictureFile() {}

    /** Luminances in [0, 1] (1 = white), row-major. */
    public record Greyscale(float[] values, int width, int height) {}

    /**
     * The most pixels a picture may have: 40 megapixels (a large photo) decode into about 640 MB
     * along the way; a digit needs only 28×28, so larger ones are refused before decoding rather
     * than left to run out of memory.
     */
    public static final long MAX_PIXELS = 40_000_000L;

    /**
     * Reads {@code file}. Where the picture has transparent pixels they are paper: the picture is
     * laid on paper of the colour opposite to its ink (white under dark ink, black under light
     * ink), so that white ink on nothing reads as well as black ink on nothing.
     *
     * @throws IOException with a message naming the file when it is missing, empty, too large or not a picture
     */
    public static Greyscale read(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException(file + ": is a folder, not a picture; give picture files (PNG, JPEG, GIF or BMP)");
        }
        if (!Files.isRegularFile(file)) {
            if (Files.exists(file)) {
                throw new IOException(file + ": is not a regular file (a pipe, device or socket); give picture files");
            }
            if (Files.isSymbolicLink(file)) {
                throw new IOException(file + ": is a symbolic link to nothing (its target is missing, or the links "
                        + "form a loop); give the picture itself");
            }
            throw new IOException(file + ": no such file");
        }
        if (Files.size(file) == 0) {
            throw new IOException(file + ": is empty (0 bytes), not a picture; save or copy the picture again");
        }
        ImageInputStream in;
        try {
            in = ImageIO.createImageInputStream(file.toFile());
        } catch (IOException e) {
            throw unreadable(file, e);
        }
        try (in) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new IOException(file + ": not a picture this program reads (PNG, JPEG, GIF or BMP)");
            }
            ImageReader reader = readers.next();
            try {
                long width;
                long height;
                try {
                    reader.setInput(in, true, true);
                    // the header's size, before any pixel is decoded
                    width = reader.getWidth(0);
                    height = reader.getHeight(0);
                } catch (IOException e) {
                    throw unreadable(file, e);
                }
                if (width * height > MAX_PIXELS) {
                    throw new IOException(String.format(Locale.ROOT,
                            "%s: %d×%d pixels (%.2f megapixels) is too large; scale it down to at most %d megapixels",
                            file, width, height, width * height / 1e6, MAX_PIXELS / 1_000_000));
                }
                try {
                    return greyscale(reader.read(0));
                } catch (IOException e) {
                    throw unreadable(file, e);
                }
            } finally {
                reader.dispose();
            }
        }
    }

    private static IOException unreadable(Path file, IOException e) {
        return new IOException(file + ": not a readable picture (" + e.getMessage() + ")", e);
    }

    /** Luminances of {@code image}, its transparent parts laid on paper opposite to its ink. */
    static Greyscale greyscale(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        int[] row = new int[width];
        // The opaque pixels' mean luma tells the ink's colour (only they show), and so the paper's.
        double paper = 1;
        if (image.getColorModel().hasAlpha()) {
            double opacity = 0;
            double opaqueLuma = 0;
            boolean transparent = false;
            for (int y = 0; y < height; y++) {
                image.getRGB(0, y, width, 1, row, 0, width);
                for (int argb : row) {
                    double alpha = alpha(argb);
                    transparent |= alpha < 1;
                    opacity += alpha;
                    opaqueLuma += alpha * luma(argb);
                }
            }
            if (transparent && opacity > 0 && opaqueLuma / opacity >= 0.5) {
                paper = 0;
            }
        }
        float[] grey = new float[width * height];
        for (int y = 0; y < height; y++) {
            image.getRGB(0, y, width, 1, row, 0, width);
            for (int x = 0; x < width; x++) {
                double alpha = alpha(row[x]);
                grey[y * width + x] = (float) (alpha * luma(row[x]) + (1 - alpha) * paper);
            }
        }
        return new Greyscale(grey, width, height);
    }

    private static double alpha(int argb) {
        return ((argb >>> 24) & 0xFF) / 255.0;
    }

    /** Rec. 601 luma, as MNIST's scanned greyscale would have it, in [0, 1]. */
    private static double luma(int argb) {
        return (0.299 * ((argb >> 16) & 0xFF) + 0.587 * ((argb >> 8) & 0xFF) + 0.114 * (argb & 0xFF)) / 255.0;
    }

    /** The 28×28 network input for the digit in {@code file}, or empty if the picture has no ink. */
    public static Optional<float[]> networkInput(Path file) throws IOException {
        Greyscale g = read(file);
        return DigitPreprocessor.toNetworkInput(DigitPreprocessor.inkFromGreyscale(g.values(), g.width(), g.height()),
                g.width(), g.height());
    }
}
