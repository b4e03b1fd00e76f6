package dev.lenetlab.experiment.data;

import java.util.Objects;

/**
 * One split of a dataset of 28x28 greyscale images in 10 classes: {@code count} images of unsigned 8-bit
 * pixels, row-major, with one label from 0 to 9 each. Immutable: the arrays are copied in and never handed
 * out.
 */
public final class ImageSet {
    /** Width and height of every image, in pixels. */
    public static final int SIDE = 28;
    /** Pixels per image. */
    public static final int PIXELS_PER_IMAGE = SIDE * SIDE;
    /** Number of classes; labels run from 0 to {@code CLASS_COUNT - 1}. */
    public static final int CLASS_COUNT = IdxReader.CLASS_COUNT;

    // pixel / 255f for every byte value: the exact quotient, looked up instead of divided per pixel.
    private static final float[] SCALED = new float[256];

    static {
        for (int value = 0; value < SCALED.length; value++) {
            SCALED[value] = value / 255f;
        }
    }

    private final int count;
    private final byte[] pixels;
    private final byte[] labels;

    /**
     * @param pixels {@code labels.length * 784} unsigned pixel values, image after image, each row-major
     * @param labels one class number from 0 to 9 per image
     * @throws IllegalArgumentException if the lengths do not match or a label is outside 0 to 9
     */
    public ImageSet(byte[] pixels, byte[] labels) {
        if (pixels.length != (long) labels.length * PIXELS_PER_IMAGE) {
            throw new IllegalArgumentException("Expected " + labels.length + " images of " + PIXELS_PER_IMAGE
                    + " pixels for " + labels.length + " labels, got " + pixels.length + " pixels");
        }
        for (int i = 0; i < labels.length; i++) {
            if (Byte.toUnsignedInt(labels[i]) >= CLASS_COUNT) {
                throw new IllegalArgumentException("Label " + Byte.toUnsignedInt(labels[i]) + " at index " + i
                        + " is outside 0-" + (CLASS_COUNT - 1));
            }
        }
        this.count = labels.length;
        this.pixels = pixels.clone();
        this.labels = labels.clone();
    }

    /** Number of images. */
    public int count() {
        return count;
    }

    /** Class of image {@code index}, from 0 to 9. */
    public int label(int index) {
        return labels[Objects.checkIndex(index, count)];
    }

    /** Pixel {@code position} (row * 28 + column) of image {@code index}, from 0 (black) to 255 (white). */
    public int pixel(int index, int position) {
        Objects.checkIndex(index, count);
        Objects.checkIndex(position, PIXELS_PER_IMAGE);
        return Byte.toUnsignedInt(pixels[index * PIXELS_PER_IMAGE + position]);
    }

    /**
     * Writes the 784 pixels of image {@code index}, each as {@code pixel / 255f}, to {@code dst} starting at
     * {@code dstOffset}.
     */
    public void copyImage(int index, float[] dst, int dstOffset) {
        Objects.checkIndex(index, count);
        Objects.checkFromIndexSize(dstOffset, PIXELS_PER_IMAGE, dst.length);
        int source = index * PIXELS_PER_IMAGE;
        for (int p = 0; p < PIXELS_PER_IMAGE; p++) {
            dst[dstOffset + p] = SCALED[pixels[source + p] & 0xFF];
        }
    }

    /** Number of images of each class, indexed by label. */
    public int[] classCounts() {
        int[] counts = new int[CLASS_COUNT];
        for (byte label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /**
     * A fixed, class-balanced selection of {@code n} images: {@code n / 10} of each class, the classes with the
     * lowest labels taking one more each while the remainder {@code n % 10} lasts, and within a class always
     * the first images in file order, so the same {@code n} always gives the same images.
     *
     * @return the selected indices in ascending order; all indices when {@code n == count()}
     * @throws IllegalArgumentException if {@code n} is negative or more than {@code count()}, or a class has
     *                                  fewer images than its share
     */
    public int[] balancedIndices(int n) {
        if (n < 0 || n > count) {
            throw new IllegalArgumentException(
                    "Cannot select " + n + " images from a set of " + count + ": choose 0 to " + count);
        }
        int[] selected = new int[n];
        if (n == count) {
            for (int i = 0; i < n; i++) {
                selected[i] = i;
            }
            return selected;
        }
        int[] quota = new int[CLASS_COUNT];
        int[] available = classCounts();
        for (int c = 0; c < CLASS_COUNT; c++) {
            quota[c] = n / CLASS_COUNT + (c < n % CLASS_COUNT ? 1 : 0);
            if (quota[c] > available[c]) {
                throw new IllegalArgumentException("Cannot select " + n + " class-balanced images: class " + c
                        + " has only " + available[c] + " images, " + quota[c] + " needed");
            }
        }
        int taken = 0;
        for (int i = 0; i < count && taken < n; i++) {
            if (quota[labels[i]] > 0) {
                quota[labels[i]]--;
                selected[taken++] = i;
            }
        }
        return selected;
    }
}
