package dev.lenetlab.experiment.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ImageSetTest {
    /** 30 images labelled 9, 8, ..., 0, 9, 8, ...: three of each class, each class's first one at 9 - label. */
    private static ImageSet descendingLabels() {
        byte[] labels = new byte[30];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (byte) (9 - i % 10);
        }
        return new ImageSet(IdxFiles.pixels(labels.length), labels);
    }

    @Test
    void pixelsAreUnsignedAndCopiedAsFractionsOf255() {
        ImageSet set = descendingLabels();
        assertEquals(255, set.pixel(1, 254));
        assertEquals(0, set.pixel(1, 255));

        float[] dst = new float[2 + 784 + 2];
        Arrays.fill(dst, -1f);
        set.copyImage(1, dst, 2);
        for (int p = 0; p < 784; p++) {
            assertEquals(set.pixel(1, p) / 255f, dst[2 + p]);
        }
        assertEquals(1f, dst[2 + 254]);
        assertEquals(-1f, dst[1]);
        assertEquals(-1f, dst[2 + 784]);
        assertThrows(IndexOutOfBoundsException.class, () -> set.copyImage(0, new float[784], 1));
        assertThrows(IndexOutOfBoundsException.class, () -> set.copyImage(30, new float[784], 0));
    }

    @Test
    void isNotChangedThroughTheArraysItWasMadeFrom() {
        byte[] pixels = IdxFiles.pixels(1);
        byte[] labels = {3};
        ImageSet set = new ImageSet(pixels, labels);
        pixels[0] = 99;
        labels[0] = 4;
        assertEquals(0, set.pixel(0, 0));
        assertEquals(3, set.label(0));
    }

    @Test
    void rejectsInconsistentInput() {
        assertThrows(IllegalArgumentException.class, () -> new ImageSet(new byte[783], new byte[1]));
        assertThrows(IllegalArgumentException.class, () -> new ImageSet(new byte[784], new byte[] {10}));
    }

    @Test
    void countsClasses() {
        assertArrayEquals(new int[] {3, 3, 3, 3, 3, 3, 3, 3, 3, 3}, descendingLabels().classCounts());
    }

    @Test
    void balancedIndicesTakeTheFirstOfEachClassInFileOrder() {
        int[] selected = descendingLabels().balancedIndices(20);
        int[] expected = new int[20];
        Arrays.setAll(expected, i -> i);
        assertArrayEquals(expected, selected);
    }

    @Test
    void balancedIndicesGiveTheRemainderToTheLowestClasses() {
        ImageSet set = descendingLabels();
        int[] selected = set.balancedIndices(13);
        // One of every class, then the second 2, 1 and 0, which come at 17, 18 and 19.
        int[] expected = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 17, 18, 19};
        assertArrayEquals(expected, selected);
        int[] perClass = new int[10];
        for (int index : selected) {
            perClass[set.label(index)]++;
        }
        assertArrayEquals(new int[] {2, 2, 2, 1, 1, 1, 1, 1, 1, 1}, perClass);
    }

    @Test
    void balancedIndicesOfTheWholeSetAreAllIndices() {
        int[] all = new int[30];
        Arrays.setAll(all, i -> i);
        assertArrayEquals(all, descendingLabels().balancedIndices(30));
        assertEquals(0, descendingLabels().balancedIndices(0).length);
    }

    @Test
    void balancedIndicesRejectImpossibleSizes() {
        ImageSet set = descendingLabels();
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class, () -> set.balancedIndices(31));
        assertTrue(tooMany.getMessage().contains("Cannot select 31 images from a set of 30"), tooMany::getMessage);
        assertThrows(IllegalArgumentException.class, () -> set.balancedIndices(-1));

        byte[] labels = new byte[20];
        labels[19] = 1;
        ImageSet unbalanced = new ImageSet(IdxFiles.pixels(20), labels);
        IllegalArgumentException noTwos = assertThrows(IllegalArgumentException.class,
                () -> unbalanced.balancedIndices(10));
        assertTrue(noTwos.getMessage().contains("class 2 has only 0 images, 1 needed"), noTwos::getMessage);
    }
}
