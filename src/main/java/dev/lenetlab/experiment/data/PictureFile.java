package dev.lenetlab.experiment.data;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
     * Reads {@code file}; transparent pixels count as white paper (a drawing exported with a
     * transparent background is dark ink on nothing).
     *
     * @throws IOException with a message naming the file when it is missing or not a picture
     */
    public static Greyscale read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such file");
        }
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": not a readable picture (" + e.getMessage() + ")", e);
        }
        if (image == null) {
            throw new IOException(file + ": not a picture this program reads (PNG, JPEG, GIF or BMP)");
        }
        int width = image.getWidth();
        int height = image.getHeight();
        float[] grey = new float[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int argb = image.getRGB(x, y);
                double alpha = ((argb >>> 24) & 0xFF) / 255.0;
                // Rec. 601 luma, as MNIST's scanned greyscale would have it
                double luma = (0.299 * ((argb >> 16) & 0xFF) + 0.587 * ((argb >> 8) & 0xFF) + 0.114 * (argb & 0xFF)) / 255.0;
                grey[y * width + x] = (float) (alpha * luma + (1 - alpha));
            }
        }
        return new Greyscale(grey, width, height);
    }

    /** The 28×28 network input for the digit in {@code file}, or empty if the picture has no ink. */
    public static Optional<float[]> networkInput(Path file) throws IOException {
        Greyscale g = read(file);
        return DigitPreprocessor.toNetworkInput(DigitPreprocessor.inkFromGreyscale(g.values(), g.width(), g.height()),
                g.width(), g.height());
    }
}
