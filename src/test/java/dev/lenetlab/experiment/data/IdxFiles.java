package dev.lenetlab.experiment.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Builds small IDX files, good or deliberately broken, for the tests. */
final class IdxFiles {
    private IdxFiles() {}

    /** An IDX header: the magic number, then the sizes, all big-endian. */
    static byte[] header(int magic, int... sizes) {
        ByteBuffer header = ByteBuffer.allocate(4 + 4 * sizes.length).putInt(magic);
        for (int size : sizes) {
            header.putInt(size);
        }
        return header.array();
    }

    /** A valid image file of {@code count} 28x28 images whose pixel p of image i is {@code (i + p) % 256}. */
    static byte[] images(int count) {
        return concat(header(IdxReader.IMAGE_MAGIC, count, 28, 28), pixels(count));
    }

    static byte[] pixels(int count) {
        byte[] pixels = new byte[count * ImageSet.PIXELS_PER_IMAGE];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i / ImageSet.PIXELS_PER_IMAGE + i % ImageSet.PIXELS_PER_IMAGE);
        }
        return pixels;
    }

    /** A valid label file holding {@code labels}. */
    static byte[] labels(int... labels) {
        byte[] data = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            data[i] = (byte) labels[i];
        }
        return concat(header(IdxReader.LABEL_MAGIC, labels.length), data);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static Path write(Path file, byte[] content) {
        try {
            Files.createDirectories(file.getParent());
            return Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
