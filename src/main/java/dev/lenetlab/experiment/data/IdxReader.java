package dev.lenetlab.experiment.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST: a big-endian header (the magic number
 * {@code 0x000008NN}, where {@code 08} means unsigned bytes and {@code NN} is the number of dimensions, then
 * one 32-bit size per dimension) followed by the data. A file may be gzip-compressed or raw; gzip is
 * recognised by its magic bytes rather than by the file name, because unpackers rename files freely.
 *
 * <p>Every problem with a file, from a missing file to one wrong label, is reported as a single
 * {@link DatasetException} whose message names the file; a file that passes is exactly what its header says.
 */
public final class IdxReader {
    /** Magic number of an IDX file of unsigned bytes in three dimensions: image count, rows, columns. */
    public static final int IMAGE_MAGIC = 0x00000803;
    /** Magic number of an IDX file of unsigned bytes in one dimension: the label count. */
    public static final int LABEL_MAGIC = 0x00000801;
    /** Labels are class numbers from 0 to {@code CLASS_COUNT - 1}. */
    public static final int CLASS_COUNT = 10;

    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;
    private static final int IO_BUFFER_BYTES = 1 << 16;
    // The largest byte array every JVM can allocate; a header promising more data cannot be loaded anyway.
    private static final long MAX_DATA_BYTES = Integer.MAX_VALUE - 8;
    // Enough of a file's start to tell an HTML page or other text from binary data.
    private static final int SNIFF_BYTES = 512;
    private static final String REPLACE_ADVICE = "replace it with an intact copy";

    private IdxReader() {}

    /**
     * The content of an IDX image file.
     *
     * @param count  number of images
     * @param rows   rows per image
     * @param cols   columns per image
     * @param pixels {@code count * rows * cols} unsigned pixel values, image after image, each row-major;
     *               the array belongs to the caller
     */
    public record IdxImages(int count, int rows, int cols, byte[] pixels) {}

    /**
     * Reads an image file (magic {@code 0x00000803}) whose images must all be {@code expectedRows} by
     * {@code expectedCols} pixels.
     *
     * @throws DatasetException if the file is missing, unreadable, not an IDX image file, has other image
     *                          dimensions, holds no images, or its data are truncated, too long or corrupt
     */
    public static IdxImages readImages(Path file, int expectedRows, int expectedCols) throws DatasetException {
        if (expectedRows <= 0 || expectedCols <= 0 || (long) expectedRows * expectedCols > MAX_DATA_BYTES) {
            throw new IllegalArgumentException(
                    "Image size must be positive and fit in memory: " + expectedRows + "x" + expectedCols);
        }
        try (IdxStream stream = IdxStream.open(file)) {
            int[] sizes = stream.readHeader(IMAGE_MAGIC, 3);
            long count = Integer.toUnsignedLong(sizes[0]);
            if (sizes[1] != expectedRows || sizes[2] != expectedCols) {
                throw stream.failure(String.format(Locale.ROOT,
                        "holds images of %sx%s pixels, but %dx%d are expected; use a dataset of %dx%d images",
                        Integer.toUnsignedString(sizes[1]), Integer.toUnsignedString(sizes[2]),
                        expectedRows, expectedCols, expectedRows, expectedCols));
            }
            byte[] pixels = stream.readData(count, (long) expectedRows * expectedCols,
                    "images", " of " + expectedRows + "x" + expectedCols + " bytes");
            return new IdxImages((int) count, expectedRows, expectedCols, pixels);
        }
    }

    /**
     * Reads a label file (magic {@code 0x00000801}) whose labels must all be class numbers 0 to 9.
     *
     * @return one label per item, in file order
     * @throws DatasetException if the file is missing, unreadable, not an IDX label file, holds no labels,
     *                          its data are truncated, too long or corrupt, or a label is outside 0 to 9
     */
    public static byte[] readLabels(Path file) throws DatasetException {
        try (IdxStream stream = IdxStream.open(file)) {
            int[] sizes = stream.readHeader(LABEL_MAGIC, 1);
            byte[] labels = stream.readData(Integer.toUnsignedLong(sizes[0]), 1, "labels", "");
            for (int i = 0; i < labels.length; i++) {
                int label = Byte.toUnsignedInt(labels[i]);
                if (label >= CLASS_COUNT) {
                    throw stream.failure(String.format(Locale.ROOT,
                            "label %d at index %d is outside 0-%d; this is not a label file of a %d-class dataset",
                            label, i, CLASS_COUNT - 1, CLASS_COUNT));
                }
            }
            return labels;
        }
    }

    /** An open IDX file, decompressed if need be, that turns every read problem into a DatasetException. */
    private static final class IdxStream implements AutoCloseable {
        private final Path file;
        private final boolean gzip;
        private final InputStream in;
        private int headerBytes;

        private IdxStream(Path file, boolean gzip, InputStream in) {
            this.file = file;
            this.gzip = gzip;
            this.in = in;
        }

        static IdxStream open(Path requested) throws DatasetException {
            Path file = requested.toAbsolutePath().normalize();
            if (Files.isDirectory(file)) {
                throw new DatasetException(file + ": is a folder, not an IDX file; name the file itself");
            }
            if (!Files.exists(file)) {
                throw new DatasetException(file + ": file not found; check the path");
            }
            InputStream raw = null;
            boolean gzip = false;
            try {
                if (Files.size(file) == 0) {
                    throw new DatasetException(file + ": the file is empty (0 bytes); " + REPLACE_ADVICE);
                }
                raw = new BufferedInputStream(Files.newInputStream(file), IO_BUFFER_BYTES);
                raw.mark(2);
                gzip = raw.read() == GZIP_MAGIC_1 && raw.read() == GZIP_MAGIC_2;
                raw.reset();
                InputStream in = gzip ? new GZIPInputStream(raw, IO_BUFFER_BYTES) : raw;
                return new IdxStream(file, gzip, in);
            } catch (IOException e) {
                closeQuietly(raw);
                throw readFailure(file, gzip, e);
            }
        }

        /**
         * Reads and checks the magic number, then returns the {@code dimensions} sizes that follow it, as
         * unsigned 32-bit values stored in ints.
         */
        int[] readHeader(int expectedMagic, int dimensions) throws DatasetException {
            try {
                byte[] magicBytes = in.readNBytes(4);
                if (magicBytes.length == 0) {
                    throw failure("the file is empty after decompression; " + REPLACE_ADVICE);
                }
                if (magicBytes.length < 4 || ByteBuffer.wrap(magicBytes).getInt() != expectedMagic) {
                    byte[] rest = in.readNBytes(SNIFF_BYTES - magicBytes.length);
                    byte[] start = new byte[magicBytes.length + rest.length];
                    System.arraycopy(magicBytes, 0, start, 0, magicBytes.length);
                    System.arraycopy(rest, 0, start, magicBytes.length, rest.length);
                    throw failure(describeWrongStart(start, expectedMagic));
                }
                byte[] sizeBytes = in.readNBytes(4 * dimensions);
                headerBytes = 4 + 4 * dimensions;
                if (sizeBytes.length < 4 * dimensions) {
                    throw failure(String.format(Locale.ROOT,
                            "is truncated: the IDX header needs %d bytes%s but the file ends after %d; %s",
                            headerBytes, decompressedNote(), 4 + sizeBytes.length, REPLACE_ADVICE));
                }
                ByteBuffer sizes = ByteBuffer.wrap(sizeBytes);
                int[] result = new int[dimensions];
                for (int d = 0; d < dimensions; d++) {
                    result[d] = sizes.getInt();
                }
                return result;
            } catch (IOException e) {
                throw readFailure(file, gzip, e);
            }
        }

        /**
         * Reads the {@code count * bytesPerItem} data bytes the header announced and checks that nothing
         * follows them. Nothing is allocated from the header's count alone (readNBytes grows its buffer with
         * the bytes that actually arrive), so a header with an absurd count fails as truncated, not out of memory.
         */
        byte[] readData(long count, long bytesPerItem, String items, String itemSize) throws DatasetException {
            if (count == 0) {
                throw failure("holds no " + items + " (its header count is 0); " + REPLACE_ADVICE);
            }
            long expectedData = count * bytesPerItem;
            long expectedTotal = headerBytes + expectedData;
            String expectation = String.format(Locale.ROOT, "expected %d bytes%s (%d-byte header + %d %s%s)",
                    expectedTotal, decompressedNote(), headerBytes, count, items, itemSize);
            try {
                if (expectedData > MAX_DATA_BYTES) {
                    long actualTotal = headerBytes + drain();
                    throw failure(actualTotal < expectedTotal
                            ? truncation(expectation, actualTotal)
                            : String.format(Locale.ROOT, "is too large to load: %s, at most %d bytes of data fit",
                                    expectation, MAX_DATA_BYTES));
                }
                byte[] data = in.readNBytes((int) expectedData);
                // Reading to the very end also makes a gzip stream verify its checksum.
                long extra = drain();
                if (data.length < expectedData) {
                    throw failure(truncation(expectation, headerBytes + data.length));
                }
                if (extra > 0) {
                    throw failure(String.format(Locale.ROOT,
                            "has %d extra bytes at the end: %s but found %d; the file is damaged or its header"
                                    + " count is wrong, %s",
                            extra, expectation, expectedTotal + extra, REPLACE_ADVICE));
                }
                return data;
            } catch (IOException e) {
                throw readFailure(file, gzip, e);
            }
        }

        DatasetException failure(String problem) {
            return new DatasetException(file + ": " + problem);
        }

        private static String truncation(String expectation, long actualTotal) {
            return String.format(Locale.ROOT, "is truncated: %s but found only %d bytes; %s",
                    expectation, actualTotal, REPLACE_ADVICE);
        }

        private String decompressedNote() {
            return gzip ? " after decompression" : "";
        }

        private long drain() throws IOException {
            return in.transferTo(OutputStream.nullOutputStream());
        }

        @Override
        public void close() {
            closeQuietly(in);
        }
    }

    private static String describeWrongStart(byte[] start, int expectedMagic) {
        String expected = String.format(Locale.ROOT, "0x%08X", expectedMagic);
        if (looksLikeText(start)) {
            return looksLikeHtml(start)
                    ? "looks like an HTML page, not an IDX file (a web page saved instead of the data?); "
                            + REPLACE_ADVICE
                    : "looks like a text file, not an IDX file; " + REPLACE_ADVICE;
        }
        if (start.length < 4) {
            return "is only " + start.length + " bytes long, too short for an IDX header; " + REPLACE_ADVICE;
        }
        int magic = ByteBuffer.wrap(start).getInt();
        String found = String.format(Locale.ROOT, "0x%08X", magic);
        int swapped = Integer.reverseBytes(magic);
        if ((magic & 0xFFFF) == 0 && (swapped >>> 8) == 0x08) {
            return "has a byte-swapped (little-endian) header: its magic number reads " + found + " instead of "
                    + expected + "; IDX headers are big-endian, rewrite the file with big-endian header fields";
        }
        if (magic == LABEL_MAGIC && expectedMagic == IMAGE_MAGIC) {
            return "is an IDX label file (magic " + found + ") where an image file (" + expected
                    + ") is expected; check which file is which";
        }
        if (magic == IMAGE_MAGIC && expectedMagic == LABEL_MAGIC) {
            return "is an IDX image file (magic " + found + ") where a label file (" + expected
                    + ") is expected; check which file is which";
        }
        if ((magic >>> 16) == 0) {
            return String.format(Locale.ROOT,
                    "is an IDX file of data type 0x%02X in %d dimensions (magic %s), but %s (unsigned bytes in %d"
                            + " dimensions) is expected",
                    (magic >>> 8) & 0xFF, magic & 0xFF, found, expected, expectedMagic & 0xFF);
        }
        return "is not an IDX file: it starts with " + found + " instead of the magic number " + expected;
    }

    // IDX data start with zero bytes, so a start free of control characters is text of some kind.
    private static boolean looksLikeText(byte[] start) {
        if (start.length == 0) {
            return false;
        }
        for (byte b : start) {
            int c = Byte.toUnsignedInt(b);
            boolean whitespace = c == '\t' || c == '\n' || c == '\r';
            if ((c < 0x20 && !whitespace) || c == 0x7F) {
                return false;
            }
        }
        return true;
    }

    private static boolean looksLikeHtml(byte[] start) {
        String text = new String(start, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        return text.contains("<!doctype html") || text.contains("<html") || text.contains("<head")
                || text.contains("<body");
    }

    private static DatasetException readFailure(Path file, boolean gzip, IOException e) {
        String problem;
        if (e instanceof NoSuchFileException) {
            problem = "file not found; check the path";
        } else if (e instanceof AccessDeniedException) {
            problem = "cannot be read: permission denied; check the file's permissions";
        } else if (gzip && e instanceof EOFException) {
            problem = "is truncated: its gzip stream ends before the data do; " + REPLACE_ADVICE;
        } else if (gzip && e instanceof ZipException) {
            problem = "is a corrupt gzip file (" + e.getMessage() + "); " + REPLACE_ADVICE;
        } else {
            problem = "cannot be read: " + e;
        }
        return new DatasetException(file + ": " + problem, e);
    }

    private static void closeQuietly(InputStream in) {
        if (in == null) {
            return;
        }
        try {
            in.close();
        } catch (IOException ignored) {
            // Nothing to recover: the data were read in full already, or a clearer error is on its way.
        }
    }
}
