package dev.lenetlab.experiment.data;

import static dev.lenetlab.experiment.data.IdxFiles.gzip;
import static dev.lenetlab.experiment.data.IdxFiles.images;
import static dev.lenetlab.experiment.data.IdxFiles.labels;
import static dev.lenetlab.experiment.data.IdxFiles.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistDatasetTest {
    private static final Path BUNDLED = Path.of("datasets/mnist");
    private static final List<String> STANDARD_NAMES = List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte",
            "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");

    private static MnistDataset mnist;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadBundledDataset() throws DatasetException {
        mnist = MnistDataset.load(BUNDLED);
    }

    @Test
    void bundledDatasetHasTheKnownCountsAndFirstLabels() {
        assertEquals(60_000, mnist.train().count());
        assertEquals(10_000, mnist.test().count());
        assertArrayEquals(new int[] {5, 0, 4, 1, 9}, firstLabels(mnist.train(), 5));
        assertArrayEquals(new int[] {7, 2, 1, 0, 4}, firstLabels(mnist.test(), 5));
    }

    @Test
    void bundledTestSetHasTheKnownClassHistogram() {
        assertArrayEquals(new int[] {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009},
                mnist.test().classCounts());
    }

    @Test
    void bundledPixelsSpanTheFullUnsignedRange() {
        for (ImageSet set : List.of(mnist.train(), mnist.test())) {
            int min = 255;
            int max = 0;
            for (int i = 0; i < set.count(); i++) {
                for (int p = 0; p < ImageSet.PIXELS_PER_IMAGE; p++) {
                    int value = set.pixel(i, p);
                    min = Math.min(min, value);
                    max = Math.max(max, value);
                }
            }
            assertEquals(0, min);
            assertEquals(255, max);
        }
    }

    @Test
    void balancedSliceOfTheBundledTrainingSetHas200PerClass() {
        int[] selected = mnist.train().balancedIndices(2000);
        int[] perClass = new int[10];
        for (int k = 0; k < selected.length; k++) {
            assertTrue(k == 0 || selected[k] > selected[k - 1], "indices must ascend");
            perClass[mnist.train().label(selected[k])]++;
        }
        assertArrayEquals(new int[] {200, 200, 200, 200, 200, 200, 200, 200, 200, 200}, perClass);
    }

    @Test
    void uncompressedCopyGivesIdenticalData() throws Exception {
        for (String name : STANDARD_NAMES) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(BUNDLED.resolve(name + ".gz")))) {
                Files.copy(in, dir.resolve(name));
            }
        }
        assertSameData(mnist, MnistDataset.load(dir));
    }

    @Test
    void acceptsTheDottedIdxSpellingWithOrWithoutGz() throws DatasetException {
        // Small files keep this fast; the bundled data already prove the reading itself.
        write(dir.resolve("train-images.idx3-ubyte.gz"), gzip(images(3)));
        write(dir.resolve("train-labels.idx1-ubyte"), labels(7, 8, 9));
        write(dir.resolve("t10k-images.idx3-ubyte"), images(2));
        write(dir.resolve("t10k-labels.idx1-ubyte.gz"), gzip(labels(0, 1)));

        MnistDataset dataset = MnistDataset.load(dir);
        assertArrayEquals(new int[] {7, 8, 9}, firstLabels(dataset.train(), 3));
        assertArrayEquals(new int[] {0, 1}, firstLabels(dataset.test(), 2));
        assertEquals(255, dataset.test().pixel(1, 254));
    }

    @Test
    void missingFolderIsNamed() {
        Path missing = dir.resolve("no-such-folder");
        DatasetException e = assertThrows(DatasetException.class, () -> MnistDataset.load(missing));
        assertEquals(missing + ": data folder not found; pass --data DIR with the folder that holds the four"
                + " MNIST IDX files (train-images, train-labels, t10k-images, t10k-labels)", e.getMessage());
    }

    @Test
    void missingFileNamesTheFolderAndTheNamesTried() {
        write(dir.resolve("train-images-idx3-ubyte.gz"), gzip(images(2)));
        DatasetException e = assertThrows(DatasetException.class, () -> MnistDataset.load(dir));
        assertEquals(dir + ": no train-labels file in this folder (looked for train-labels-idx1-ubyte,"
                + " train-labels-idx1-ubyte.gz, train-labels.idx1-ubyte, train-labels.idx1-ubyte.gz); put the"
                + " dataset's IDX files there or pass --data DIR", e.getMessage());
    }

    @Test
    void imageAndLabelCountsMustAgree() {
        Path trainImages = write(dir.resolve("train-images-idx3-ubyte"), images(3));
        Path trainLabels = write(dir.resolve("train-labels-idx1-ubyte"), labels(1, 2));
        DatasetException e = assertThrows(DatasetException.class, () -> MnistDataset.load(dir));
        assertEquals(trainImages + " holds 3 images but " + trainLabels + " holds 2 labels; the two files must come"
                + " from the same dataset", e.getMessage());
    }

    @Test
    void aBadFileInTheFolderIsNamed() {
        write(dir.resolve("train-images-idx3-ubyte"), images(2));
        write(dir.resolve("train-labels-idx1-ubyte"), labels(1, 2));
        write(dir.resolve("t10k-images-idx3-ubyte"), images(1));
        Path testLabels = write(dir.resolve("t10k-labels-idx1-ubyte"), labels(12));
        DatasetException e = assertThrows(DatasetException.class, () -> MnistDataset.load(dir));
        assertTrue(e.getMessage().startsWith(testLabels + ": label 12 at index 0"), e::getMessage);
    }

    @Test
    void defaultDirectoryPrefersThePropertyThenTheWorkingDirectoryThenBesideTheJar() throws IOException {
        Path workingDirectory = Files.createDirectories(dir.resolve("cwd"));
        Path project = dir.resolve("project");
        Path besideJar = Files.createDirectories(project.resolve("datasets/mnist"));
        Path jar = project.resolve("target/lenet-lab.jar");
        Path classes = project.resolve("target/classes");

        assertEquals(dir.resolve("mine"), MnistDataset.resolveDefaultDirectory("../mine", workingDirectory, jar));
        assertEquals(besideJar, MnistDataset.resolveDefaultDirectory(null, workingDirectory, jar));
        assertEquals(besideJar, MnistDataset.resolveDefaultDirectory(" ", workingDirectory, classes));
        assertEquals(workingDirectory.resolve("datasets/mnist"),
                MnistDataset.resolveDefaultDirectory(null, workingDirectory, null));

        Path inWorkingDirectory = Files.createDirectories(workingDirectory.resolve("datasets/mnist"));
        assertEquals(inWorkingDirectory, MnistDataset.resolveDefaultDirectory(null, workingDirectory, jar));
    }

    @Test
    void defaultDirectoryFromTheProjectRootIsTheBundledFolder() {
        if (System.getProperty(MnistDataset.DATA_PROPERTY) == null) {
            assertEquals(BUNDLED.toAbsolutePath(), MnistDataset.defaultDirectory());
        }
    }

    private static int[] firstLabels(ImageSet set, int n) {
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = set.label(i);
        }
        return labels;
    }

    private static void assertSameData(MnistDataset expected, MnistDataset actual) {
        assertSameImages(expected.train(), actual.train());
        assertSameImages(expected.test(), actual.test());
    }

    private static void assertSameImages(ImageSet expected, ImageSet actual) {
        assertEquals(expected.count(), actual.count());
        float[] expectedImage = new float[ImageSet.PIXELS_PER_IMAGE];
        float[] actualImage = new float[ImageSet.PIXELS_PER_IMAGE];
        for (int i = 0; i < expected.count(); i++) {
            assertEquals(expected.label(i), actual.label(i));
            expected.copyImage(i, expectedImage, 0);
            actual.copyImage(i, actualImage, 0);
            assertArrayEquals(expectedImage, actualImage);
        }
    }
}
