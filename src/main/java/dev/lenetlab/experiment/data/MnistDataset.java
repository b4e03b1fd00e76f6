package dev.lenetlab.experiment.data;

import java.net.URISyntaxException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.List;
import java.util.Objects;

/**
 * MNIST, or any dataset laid out like it (Fashion-MNIST, for one): a training and a test split of 28x28
 * greyscale images in 10 classes, read from the four standard IDX files of a folder.
 *
 * @param train the training split
 * @param test  the test split
 */
public record MnistDataset(ImageSet train, ImageSet test) {
    /** System property that names the data folder, overriding every other place. */
    public static final String DATA_PROPERTY = "lenetlab.data";

    private static final String BUNDLED_FOLDER = "datasets/mnist";

    public MnistDataset {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
    }

    /**
     * Loads the four files {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte},
     * {@code t10k-images-idx3-ubyte} and {@code t10k-labels-idx1-ubyte} from {@code dir}. Each may be gzip
     * compressed, may end in {@code .gz}, and may be spelled with a dot before {@code idx} (as in
     * {@code train-images.idx3-ubyte}), as some unpackers write them.
     *
     * @throws DatasetException if the folder or a file is missing, a file is not valid (see {@link IdxReader}),
     *                          or an image file and its label file disagree on the count
     */
    public static MnistDataset load(Path dir) throws DatasetException {
        Path folder = folder(dir);
        return new MnistDataset(loadSplit(folder, "train"), loadSplit(folder, "t10k"));
    }

    /**
     * Only the test split ({@code t10k-images} and {@code t10k-labels}) of {@code dir}, for what
     * never trains: a folder holding just those two files is enough to evaluate a model.
     */
    public static ImageSet loadTest(Path dir) throws DatasetException {
        return loadSplit(folder(dir), "t10k");
    }

    private static Path folder(Path dir) throws DatasetException {
        Path folder = dir.toAbsolutePath().normalize();
        if (Files.isRegularFile(folder)) {
            throw new DatasetException(folder + " is a file, not a folder; pass --data DIR with the folder that"
                    + " holds the MNIST IDX files (train-images, train-labels, t10k-images, t10k-labels)");
        }
        if (!Files.isDirectory(folder)) {
            throw new DatasetException(folder + ": data folder not found; pass --data DIR with the folder that"
                    + " holds the four MNIST IDX files (train-images, train-labels, t10k-images, t10k-labels)");
        }
        return folder;
    }

    /**
     * The folder to load when none is given: the system property {@value #DATA_PROPERTY} if set, else
     * {@code datasets/mnist} in the working directory if it exists, else {@code datasets/mnist} in the folder
     * above the jar's (the jar lives in {@code target/}), else the working-directory one, so that the error
     * on loading it names a sensible place.
     */
    public static Path defaultDirectory() {
        return resolveDefaultDirectory(System.getProperty(DATA_PROPERTY), Path.of("").toAbsolutePath(),
                codeLocation());
    }

    /** {@link #defaultDirectory()} with its inputs passed in, so each rule can be tested. */
    static Path resolveDefaultDirectory(String property, Path workingDirectory, Path codeLocation) {
        if (property != null && !property.isBlank()) {
            return workingDirectory.resolve(property.trim()).normalize();
        }
        Path inWorkingDirectory = workingDirectory.resolve(BUNDLED_FOLDER).normalize();
        if (Files.isDirectory(inWorkingDirectory)) {
            return inWorkingDirectory;
        }
        // The code location is target/lenet-lab.jar, or target/classes when run from the build.
        Path buildFolder = codeLocation == null ? null : codeLocation.getParent();
        Path projectFolder = buildFolder == null ? null : buildFolder.getParent();
        if (projectFolder != null) {
            Path besideJar = projectFolder.resolve(BUNDLED_FOLDER).normalize();
            if (Files.isDirectory(besideJar)) {
                return besideJar;
            }
        }
        return inWorkingDirectory;
    }

    private static Path codeLocation() {
        try {
            CodeSource source = MnistDataset.class.getProtectionDomain().getCodeSource();
            return source == null ? null : Path.of(source.getLocation().toURI()).toAbsolutePath();
        } catch (URISyntaxException | IllegalArgumentException | FileSystemNotFoundException | SecurityException e) {
            // Loaded from somewhere that is not a plain file (a custom class loader): that rule does not apply.
            return null;
        }
    }

    private static ImageSet loadSplit(Path folder, String split) throws DatasetException {
        Path imageFile = find(folder, split + "-images", "idx3");
        Path labelFile = find(folder, split + "-labels", "idx1");
        IdxReader.IdxImages images = IdxReader.readImages(imageFile, ImageSet.SIDE, ImageSet.SIDE);
        byte[] labels = IdxReader.readLabels(labelFile);
        if (images.count() != labels.length) {
            throw new DatasetException(imageFile + " holds " + images.count() + " images but " + labelFile
                    + " holds " + labels.length + " labels; the two files must come from the same dataset");
        }
        return new ImageSet(images.pixels(), labels);
    }

    private static Path find(Path folder, String name, String format) throws DatasetException {
        List<String> candidates = List.of(
                name + "-" + format + "-ubyte", name + "-" + format + "-ubyte.gz",
                name + "." + format + "-ubyte", name + "." + format + "-ubyte.gz");
        for (String candidate : candidates) {
            Path file = folder.resolve(candidate);
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        throw new DatasetException(folder + ": no " + name + " file in this folder (looked for "
                + String.join(", ", candidates) + "); put the dataset's IDX files there or pass --data DIR");
    }
}
