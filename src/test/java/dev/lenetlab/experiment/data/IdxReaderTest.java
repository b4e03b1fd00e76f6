package dev.lenetlab.experiment.data;

import static dev.lenetlab.experiment.data.IdxFiles.concat;
import static dev.lenetlab.experiment.data.IdxFiles.gzip;
import static dev.lenetlab.experiment.data.IdxFiles.header;
import static dev.lenetlab.experiment.data.IdxFiles.images;
import static dev.lenetlab.experiment.data.IdxFiles.labels;
import static dev.lenetlab.experiment.data.IdxFiles.pixels;
import static dev.lenetlab.experiment.data.IdxFiles.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsRawAndGzipFilesByContentNotByName() throws DatasetException {
        Path rawNamedGz = write(dir.resolve("raw-images.gz"), images(3));
        Path gzipWithoutSuffix = write(dir.resolve("gzip-images"), gzip(images(3)));

        for (Path file : new Path[] {rawNamedGz, gzipWithoutSuffix}) {
            IdxReader.IdxImages read = IdxReader.readImages(file, 28, 28);
            assertEquals(3, read.count());
            assertEquals(28, read.rows());
            assertEquals(28, read.cols());
            assertArrayEquals(pixels(3), read.pixels());
        }
    }

    @Test
    void readsLabels() throws DatasetException {
        Path file = write(dir.resolve("labels.gz"), gzip(labels(5, 0, 4, 1, 9)));
        assertArrayEquals(new byte[] {5, 0, 4, 1, 9}, IdxReader.readLabels(file));
    }

    @Test
    void missingFile() {
        assertFailure(dir.resolve("nowhere-idx3-ubyte"), "nowhere-idx3-ubyte: file not found");
    }

    @Test
    void folderInsteadOfFile() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("images-folder"));
        assertFailure(folder, "images-folder: is a folder");
    }

    @Test
    void emptyFile() {
        assertFailure(write(dir.resolve("empty-idx3-ubyte"), new byte[0]), "empty (0 bytes)");
    }

    @Test
    void gzipOfNothing() {
        assertFailure(write(dir.resolve("nothing.gz"), gzip(new byte[0])), "empty after decompression");
    }

    @Test
    void htmlPage() {
        byte[] page = "\n<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head></html>\n"
                .getBytes(StandardCharsets.UTF_8);
        assertFailure(write(dir.resolve("page-idx3-ubyte"), page), "looks like an HTML page");
        assertFailure(write(dir.resolve("page-idx3-ubyte.gz"), gzip(page)), "looks like an HTML page");
    }

    @Test
    void textFile() {
        byte[] text = "label,pixel0,pixel1\n5,0,0\n".getBytes(StandardCharsets.UTF_8);
        assertFailure(write(dir.resolve("train.csv"), text), "looks like a text file");
    }

    @Test
    void byteSwappedHeader() {
        byte[] littleEndian = concat(header(Integer.reverseBytes(IdxReader.IMAGE_MAGIC),
                Integer.reverseBytes(1), Integer.reverseBytes(28), Integer.reverseBytes(28)), pixels(1));
        assertFailure(write(dir.resolve("swapped-idx3-ubyte"), littleEndian),
                "byte-swapped (little-endian) header: its magic number reads 0x03080000 instead of 0x00000803");

        Path labels = write(dir.resolve("swapped-idx1-ubyte"),
                concat(header(Integer.reverseBytes(IdxReader.LABEL_MAGIC), Integer.reverseBytes(1)), new byte[1]));
        DatasetException e = assertThrows(DatasetException.class, () -> IdxReader.readLabels(labels));
        assertMessage(e, labels, "byte-swapped");
    }

    @Test
    void foreignMagicNumber() {
        byte[] binary = {0x12, 0x34, 0x56, 0x78, 0, 0, 0, 1, 0, 0, 0, 28, 0, 0, 0, 28};
        assertFailure(write(dir.resolve("foreign.bin"), binary),
                "is not an IDX file: it starts with 0x12345678 instead of the magic number 0x00000803");
    }

    @Test
    void tooShortForAHeader() {
        assertFailure(write(dir.resolve("short.bin"), new byte[] {0, 0}), "only 2 bytes long");
    }

    @Test
    void labelFileWhereImagesAreExpected() {
        assertFailure(write(dir.resolve("train-labels-idx1-ubyte"), labels(1, 2)),
                "is an IDX label file (magic 0x00000801) where an image file (0x00000803) is expected");
    }

    @Test
    void imageFileWhereLabelsAreExpected() {
        Path file = write(dir.resolve("train-images-idx3-ubyte"), images(1));
        DatasetException e = assertThrows(DatasetException.class, () -> IdxReader.readLabels(file));
        assertMessage(e, file, "is an IDX image file (magic 0x00000803) where a label file");
    }

    @Test
    void idxFileOfAnotherDataType() {
        byte[] floats = concat(header(0x00000D03, 1, 28, 28), new byte[4 * 784]);
        assertFailure(write(dir.resolve("floats-idx3"), floats), "data type 0x0D in 3 dimensions");
    }

    @Test
    void wrongImageSize() {
        byte[] large = concat(header(IdxReader.IMAGE_MAGIC, 2, 32, 32), new byte[2 * 32 * 32]);
        assertFailure(write(dir.resolve("cifar-idx3-ubyte"), large),
                "holds images of 32x32 pixels, but 28x28 are expected");
    }

    @Test
    void truncatedData() {
        byte[] truncated = concat(header(IdxReader.IMAGE_MAGIC, 10_000, 28, 28), pixels(100));
        assertFailure(write(dir.resolve("t10k-images-idx3-ubyte"), truncated),
                "is truncated: expected 7840016 bytes (16-byte header + 10000 images of 28x28 bytes)"
                        + " but found only 78416 bytes");
        assertFailure(write(dir.resolve("t10k-images-idx3-ubyte.gz"), gzip(truncated)),
                "is truncated: expected 7840016 bytes after decompression");
    }

    @Test
    void truncatedHeader() {
        byte[] shortHeader = Arrays.copyOf(header(IdxReader.IMAGE_MAGIC, 1, 28, 28), 10);
        assertFailure(write(dir.resolve("cut-idx3-ubyte"), shortHeader),
                "is truncated: the IDX header needs 16 bytes but the file ends after 10");
    }

    @Test
    void truncatedGzipStream() {
        byte[] compressed = gzip(images(20));
        assertFailure(write(dir.resolve("cut-idx3-ubyte.gz"), Arrays.copyOf(compressed, compressed.length / 2)),
                "is truncated: its gzip stream ends before the data do");
    }

    @Test
    void trailingGarbage() {
        byte[] tooLong = concat(images(2), new byte[] {1, 2, 3, 4, 5});
        assertFailure(write(dir.resolve("long-idx3-ubyte"), tooLong),
                "has 5 extra bytes at the end: expected 1584 bytes (16-byte header + 2 images of 28x28 bytes)"
                        + " but found 1589");
    }

    @Test
    void corruptGzipChecksum() {
        byte[] compressed = gzip(images(2));
        compressed[compressed.length - 8] ^= 0x55;
        assertFailure(write(dir.resolve("crc-idx3-ubyte.gz"), compressed), "is a corrupt gzip file");
    }

    @Test
    void corruptGzipData() {
        // A valid gzip header followed by a deflate block of the reserved type 3.
        byte[] compressed = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff, 0x07, 0, 0, 0, 0, 0, 0, 0, 0};
        assertFailure(write(dir.resolve("bad-idx3-ubyte.gz"), compressed), "is a corrupt gzip file");
    }

    @Test
    void labelOutsideTheTenClasses() {
        Path file = write(dir.resolve("labels-idx1-ubyte"), labels(1, 2, 3, 4, 5, 11, 0));
        DatasetException e = assertThrows(DatasetException.class, () -> IdxReader.readLabels(file));
        assertMessage(e, file, "label 11 at index 5 is outside 0-9");
    }

    @Test
    void absurdCountsFailWithoutAllocating() {
        byte[] twoBillionImages = concat(header(IdxReader.IMAGE_MAGIC, 1 << 31, 28, 28), pixels(1));
        assertFailure(write(dir.resolve("huge-idx3-ubyte"), twoBillionImages),
                "is truncated: expected 1683627180048 bytes (16-byte header + 2147483648 images of 28x28 bytes)"
                        + " but found only 800 bytes");

        Path labels = write(dir.resolve("huge-idx1-ubyte"), concat(header(IdxReader.LABEL_MAGIC, -1), new byte[3]));
        DatasetException e = assertThrows(DatasetException.class, () -> IdxReader.readLabels(labels));
        assertMessage(e, labels, "expected 4294967303 bytes (8-byte header + 4294967295 labels) but found only 11");
    }

    @Test
    void noImages() {
        assertFailure(write(dir.resolve("none-idx3-ubyte"), header(IdxReader.IMAGE_MAGIC, 0, 28, 28)),
                "holds no images");
    }

    private static void assertFailure(Path imageFile, String expectedPhrase) {
        DatasetException e = assertThrows(DatasetException.class, () -> IdxReader.readImages(imageFile, 28, 28));
        assertMessage(e, imageFile, expectedPhrase);
    }

    private static void assertMessage(DatasetException e, Path file, String expectedPhrase) {
        String message = e.getMessage();
        assertTrue(message.startsWith(file.toAbsolutePath().normalize().toString()),
                () -> "message should start with the file: " + message);
        assertTrue(message.contains(expectedPhrase), () -> "expected '" + expectedPhrase + "' in: " + message);
        assertFalse(message.contains("\n"), () -> "message should be one line: " + message);
    }
}
