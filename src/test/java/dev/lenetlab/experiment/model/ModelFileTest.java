package dev.lenetlab.experiment.model;

import dev.lenetlab.engine.Activation;
import dev.lenetlab.engine.OptimizerKind;
import dev.lenetlab.engine.OptimizerParameter;
import dev.lenetlab.engine.OptimizerSpec;
import dev.lenetlab.engine.Pooling;
import dev.lenetlab.experiment.Checkpoint;
import dev.lenetlab.experiment.ConfusionMatrix;
import dev.lenetlab.experiment.MetricsRow;
import dev.lenetlab.experiment.RunConfig;
import dev.lenetlab.experiment.RunOutcome;
import dev.lenetlab.experiment.RunStatus;
import dev.lenetlab.experiment.TrainingListener;
import dev.lenetlab.experiment.TrainingRun;
import dev.lenetlab.experiment.data.ImageSet;
import dev.lenetlab.experiment.data.MnistDataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The model file: what is written reads back exactly, resuming continues bit for bit, and every
 * kind of broken file is refused with a message that says what is wrong.
 */
class ModelFileTest {
    /** FMSGD with a memory step of 3: the optimizer with the most state to carry over. */
    private static final OptimizerSpec FMSGD = OptimizerSpec.defaults(OptimizerKind.FMSGD)
            .with(OptimizerParameter.MEMORY_STEP, "3");
    private static MnistDataset data;
    private static Checkpoint trained;

    @TempDir
    Path dir;

    @BeforeAll
    static void train() throws Exception {
        data = MnistSubset.of(2_000, 1_000);
        TrainingRun run = new TrainingRun(config(120), data);
        run.run();
        trained = run.finalCheckpoint();
    }

    private static RunConfig config(int iterations) {
        return new RunConfig(Activation.MISH, Pooling.MAX, FMSGD, 64, iterations, 100, 200, 0, 7, 2,
                MnistDataset.defaultDirectory());
    }

    @Test
    void writeThenReadGivesTheSameCheckpoint() throws Exception {
        Path file = dir.resolve("m.lenet");
        ModelFile.write(trained, file);
        Checkpoint back = ModelFile.read(file);
        assertEquals(trained.config().toMap(), back.config().toMap());
        assertArrayEquals(bits(trained.parameters()), bits(back.parameters()));
        assertArrayEquals(trained.optimizerState(), back.optimizerState());
        assertEquals(trained.iterationsDone(), back.iterationsDone());
        assertEquals(trained.batchesDrawn(), back.batchesDrawn());
        assertEquals(trained.interval(), back.interval());
        assertEquals(trained.history(), back.history());
        assertEquals(trained.status(), back.status());
        assertEquals(trained.finalTestAccuracy(), back.finalTestAccuracy());
        assertEquals(120, back.iterationsDone());
        assertEquals(2, back.history().size(), "a row at iteration 100 and one at the last, 120");
    }

    @Test
    void loadThenSaveGivesAByteIdenticalFile() throws Exception {
        Path first = dir.resolve("first.lenet");
        Path second = dir.resolve("second.lenet");
        ModelFile.write(trained, first);
        ModelFile.write(ModelFile.read(first), second);
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));
    }

    @Test
    void saveLoadPredictGivesBitwiseIdenticalOutputsOnAThousandTestImages() throws Exception {
        Path file = dir.resolve("m.lenet");
        ModelFile.write(trained, file);
        Classifier before = Classifier.of("trained", trained);
        Classifier after = Classifier.of("loaded", ModelFile.read(file));
        ImageSet test = data.test();
        float[] image = new float[ImageSet.PIXELS_PER_IMAGE];
        for (int i = 0; i < 1_000; i++) {
            test.copyImage(i, image, 0);
            assertArrayEquals(bits(before.logits(image)), bits(after.logits(image)), "test image " + i);
        }
    }

    @Test
    void sixHundredIterationsSavedAndResumedForFourHundredEqualAThousandUninterrupted() throws Exception {
        Recorder whole = new Recorder();
        TrainingRun uninterrupted = new TrainingRun(config(1_000), data);
        uninterrupted.addListener(whole);
        RunOutcome wholeOutcome = uninterrupted.run();

        TrainingRun first = new TrainingRun(config(600), data);
        first.run();
        Path file = dir.resolve("600.lenet");
        ModelFile.write(first.finalCheckpoint(), file);
        Recorder resumedRows = new Recorder();
        TrainingRun resumed = new TrainingRun(config(1_000), data, ModelFile.read(file));
        resumed.addListener(resumedRows);
        RunOutcome resumedOutcome = resumed.run();

        Checkpoint a = uninterrupted.finalCheckpoint();
        Checkpoint b = resumed.finalCheckpoint();
        assertArrayEquals(bits(a.parameters()), bits(b.parameters()), "weights after 1,000 iterations");
        assertArrayEquals(a.optimizerState(), b.optimizerState(), "optimizer state after 1,000 iterations");
        assertEquals(withoutTimes(whole.rows), withoutTimes(resumedRows.rows),
                "metrics rows (the resumed run replays the first 6, then trains 4)");
        assertEquals(10, resumedRows.rows.size());
        assertEquals(6, resumedRows.restored);
        assertEquals(wholeOutcome.finalTestAccuracy(), resumedOutcome.finalTestAccuracy());
        assertEquals(withoutTimes(a.history()), withoutTimes(b.history()));
    }

    @Test
    void resumingRefusesAnotherConfigurationOrTooFewIterations() throws Exception {
        RunConfig other = config(1_000).withActivation(Activation.RELU);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TrainingRun(other, data, trained));
        assertTrue(e.getMessage().contains("only the iterations, threads and data folder"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new TrainingRun(config(120), data, trained));
        assertTrue(e.getMessage().contains("--iterations: 120"), e.getMessage());
        // the thread count may change: results do not depend on it
        new TrainingRun(config(200).withThreads(1), data, trained);
    }

    @Test
    void anEmptyFileIsReportedAsEmpty() throws Exception {
        Path file = Files.write(dir.resolve("empty.lenet"), new byte[0]);
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.read(file));
        assertTrue(e.getMessage().contains("empty.lenet is empty (0 bytes)"), e.getMessage());
    }

    @Test
    void aTruncatedFileIsReportedAsTruncatedWhereverItIsCut() throws Exception {
        byte[] bytes = ModelFile.toBytes(trained);
        // 1 and 7 end inside the magic: what is there of it is right, so the file was cut, not foreign
        for (int length : new int[] {1, 7, 10, 14, 200, bytes.length / 2, bytes.length - 100, bytes.length - 1}) {
            Path file = Files.write(dir.resolve("cut.lenet"), Arrays.copyOf(bytes, length));
            ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.read(file));
            assertTrue(e.getMessage().contains("cut.lenet is truncated"), length + " bytes: " + e.getMessage());
        }
    }

    @Test
    void randomBytesAreNotAModelFile() throws Exception {
        byte[] noise = new byte[5_000];
        new Random(3).nextBytes(noise);
        Path file = Files.write(dir.resolve("noise.lenet"), noise);
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.read(file));
        assertTrue(e.getMessage().contains("is not a LeNet Lab model file"), e.getMessage());
    }

    @Test
    void aNewerFormatVersionAsksForANewerLeNetLab() throws Exception {
        byte[] bytes = ModelFile.toBytes(trained);
        ByteBuffer.wrap(bytes).putInt(8, ModelFile.FORMAT_VERSION + 1);
        Path file = Files.write(dir.resolve("future.lenet"), bytes);
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.read(file));
        assertTrue(e.getMessage().contains("format version 2, newer than this LeNet Lab reads"), e.getMessage());
    }

    @Test
    void theMagicFollowedByRandomBytesIsDamagedNotANewerVersion() throws Exception {
        byte[] bytes = new byte[5_000];
        new Random(5).nextBytes(bytes);
        System.arraycopy("LENETLAB".getBytes(StandardCharsets.US_ASCII), 0, bytes, 0, 8);
        ByteBuffer.wrap(bytes).putInt(8, 991_582_964);
        Path file = Files.write(dir.resolve("scrambled.lenet"), bytes);
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.read(file));
        assertTrue(e.getMessage().contains("scrambled.lenet is damaged or not a LeNet Lab model file")
                && e.getMessage().contains("991582964"), e.getMessage());
        assertFalse(e.getMessage().contains("newer"), e.getMessage());
    }

    @Test
    void aFileTooLargeToBeAModelIsRefusedWithoutBeingRead() throws Exception {
        Path file = dir.resolve("huge.lenet");
        long size = ModelFile.MAX_FILE_BYTES + 1;
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.write("LENETLAB".getBytes(StandardCharsets.US_ASCII));
            f.setLength(size); // sparse: takes no disk, and would take 128 MiB of heap if it were read
        }
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.read(file));
        assertTrue(e.getMessage().contains("huge.lenet is " + size + " bytes, too large to be a LeNet Lab model file"),
                e.getMessage());
    }

    /** A CRC-valid file whose optimizer state is not its configuration's loads no more than a damaged one. */
    @Test
    void anOptimizerStateThatDoesNotFitTheConfigurationIsRefusedOnLoad() throws Exception {
        byte[] sgdState = stateOf(OptimizerSpec.defaults(OptimizerKind.SGD));
        RunConfig momentum = trained.config().withOptimizer(OptimizerSpec.defaults(OptimizerKind.MOMENTUM));
        Path file = dir.resolve("mixed.lenet");
        ModelFile.write(withState(momentum, sgdState), file);
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.read(file));
        assertTrue(e.getMessage().contains("mixed.lenet is damaged: its optimizer state does not fit its "
                + "configuration (optimizer momentum)") && e.getMessage().contains("'sgd', not 'momentum'"),
                e.getMessage());

        byte[] fmsgdState = trained.optimizerState();
        Path longer = dir.resolve("longer.lenet");
        ModelFile.write(withState(trained.config(), Arrays.copyOf(fmsgdState, fmsgdState.length + 4)), longer);
        e = assertThrows(ModelFileException.class, () -> ModelFile.read(longer));
        assertTrue(e.getMessage().contains("longer.lenet is damaged") && e.getMessage().contains("4 bytes more"),
                e.getMessage());

        Path shorter = dir.resolve("shorter.lenet");
        ModelFile.write(withState(trained.config(), Arrays.copyOf(fmsgdState, fmsgdState.length - 4)), shorter);
        e = assertThrows(ModelFileException.class, () -> ModelFile.read(shorter));
        assertTrue(e.getMessage().contains("shorter.lenet is damaged") && e.getMessage().contains("ends early"),
                e.getMessage());
    }

    /** Whatever a checkpoint came from, a run refuses to continue a state that is not its optimizer's. */
    @Test
    void aRunRefusesToResumeFromAnotherOptimizersStateBeforeItTrains() throws Exception {
        RunConfig momentum = trained.config().withOptimizer(OptimizerSpec.defaults(OptimizerKind.MOMENTUM));
        Checkpoint mixed = withState(momentum, stateOf(OptimizerSpec.defaults(OptimizerKind.SGD)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TrainingRun(momentum.withIterations(200), data, mixed));
        assertTrue(e.getMessage().contains("'sgd', not 'momentum'"), e.getMessage());
    }

    private static Checkpoint withState(RunConfig config, byte[] state) {
        return new Checkpoint(config, trained.parameters(), state, trained.iterationsDone(), trained.batchesDrawn(),
                trained.interval(), trained.trainingSeconds(), trained.wallSeconds(), trained.history(),
                trained.status(), trained.finalTestAccuracy(), trained.validationAccuracy());
    }

    private static byte[] stateOf(OptimizerSpec spec) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            spec.create(trained.parameters().length).writeState(out);
        }
        return bytes.toByteArray();
    }

    @Test
    void aChangedByteFailsTheChecksum() throws Exception {
        byte[] bytes = ModelFile.toBytes(trained);
        bytes[bytes.length - 5000] ^= 0x10;
        Path file = Files.write(dir.resolve("flipped.lenet"), bytes);
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.read(file));
        assertTrue(e.getMessage().contains("its checksum does not match"), e.getMessage());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aLayerOfAnotherShapeIsAShapeMismatch() throws Exception {
        Map<String, Object> header = ModelFile.header(trained);
        Map<String, Object> architecture = new LinkedHashMap<>((Map<String, Object>) header.get("architecture"));
        Map<String, Object> layers = new LinkedHashMap<>((Map<String, Object>) architecture.get("layers"));
        Map<String, Object> c1 = new LinkedHashMap<>((Map<String, Object>) layers.get("C1"));
        c1.put("output", "8x28x28");
        c1.put("parameters", 208);
        layers.put("C1", c1);
        architecture.put("layers", layers);
        header.put("architecture", architecture);
        Path file = Files.write(dir.resolve("wide.lenet"), ModelFile.toBytes(trained, header));
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.read(file));
        assertTrue(e.getMessage().contains("shape mismatch in") && e.getMessage().contains("layer C1 is 8x28x28"),
                e.getMessage());
    }

    /** A header edited where the checksum cannot see it (the CRC fixed): what it says must fit the rest. */
    @Test
    void anArchitectureThatDisagreesWithTheConfigurationOrTheWeightsIsDamaged() throws Exception {
        Map<String, String> expected = Map.of("activation", "architecture.activation as 'bogus'",
                "pooling", "architecture.pooling as 'avg'", "parameters", "architecture.parameters as 61707");
        Map<String, Object> edits = Map.of("activation", "bogus", "pooling", "avg", "parameters", 61707);
        for (var edit : edits.entrySet()) {
            Map<String, Object> header = ModelFile.header(trained);
            section(header, "architecture").put(edit.getKey(), edit.getValue());
            Path file = Files.write(dir.resolve(edit.getKey() + ".lenet"), ModelFile.toBytes(trained, header));
            ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.read(file), edit.getKey());
            assertTrue(e.getMessage().contains(file + " is damaged: its header gives " + expected.get(edit.getKey()))
                    && e.getMessage().endsWith("save the model again"), e.getMessage());
        }
    }

    /** Training figures that do not fit each other (or the configuration) mark the file damaged, naming the figure. */
    @Test
    void trainingFiguresThatContradictEachOtherAreDamaged() throws Exception {
        int total = trained.config().iterations();
        Map<String, Map.Entry<Object, String>> edits = new java.util.LinkedHashMap<>();
        edits.put("iterations_done", Map.entry(total + 1000, (total + 1000) + " iterations done of a run of " + total));
        edits.put("status", Map.entry("bogus", "training.status 'bogus' is none of"));
        edits.put("training_seconds", Map.entry(-1.0, "training time -1.0 s"));
        edits.put("interval_iterations", Map.entry(trained.config().evalEvery() + 1, "the open metrics interval"));
        for (var edit : edits.entrySet()) {
            Map<String, Object> header = ModelFile.header(trained);
            section(header, "training").put(edit.getKey(), edit.getValue().getKey());
            Path file = Files.write(dir.resolve(edit.getKey() + ".lenet"), ModelFile.toBytes(trained, header));
            ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.read(file), edit.getKey());
            assertTrue(e.getMessage().contains(file + " is damaged") && e.getMessage().contains(edit.getValue().getValue())
                    && e.getMessage().endsWith("save the model again"), e.getMessage());
        }
        Map<String, Object> header = ModelFile.header(trained);
        section(header, "summary").put("final_test_accuracy", 7.5);
        Path file = Files.write(dir.resolve("accuracy.lenet"), ModelFile.toBytes(trained, header));
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.read(file));
        assertTrue(e.getMessage().contains("an accuracy of 7.5"), e.getMessage());
    }

    /** The configuration's activation edited, and then the architecture's too: the message names the difference. */
    @Test
    void aConfigurationThatDisagreesWithTheLayersSaysWhatDiffers() throws Exception {
        Map<String, Object> header = ModelFile.header(trained);
        section(header, "config").put("activation", "relu");
        Path file = Files.write(dir.resolve("config.lenet"), ModelFile.toBytes(trained, header));
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.read(file));
        assertTrue(e.getMessage().contains("is damaged: its header gives architecture.activation as 'mish' where its "
                + "configuration (LeNet-5 (relu, max pooling)) has relu"), e.getMessage());

        section(header, "architecture").put("activation", "relu");
        Path both = Files.write(dir.resolve("both.lenet"), ModelFile.toBytes(trained, header));
        e = assertThrows(ModelFileException.class, () -> ModelFile.read(both));
        assertTrue(e.getMessage().contains("is damaged: its layer 2 is 'C1 mish' where its configuration "
                + "(LeNet-5 (relu, max pooling)) has 'C1 relu'; save the model again"), e.getMessage());
    }

    /** A modifiable copy of the header's {@code key} section, put back in its place. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(Map<String, Object> header, String key) {
        Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) header.get(key));
        header.put(key, copy);
        return copy;
    }

    @Test
    void parametersOfAnotherCountAreAShapeMismatch() throws Exception {
        float[] fewer = Arrays.copyOf(trained.parameters(), trained.parameters().length - 10);
        Checkpoint smaller = new Checkpoint(trained.config(), fewer, trained.optimizerState(), 1, 1,
                Checkpoint.Interval.EMPTY, 0, 0, List.of(), RunStatus.FINISHED, null, null);
        Path file = Files.write(dir.resolve("small.lenet"), ModelFile.toBytes(smaller));
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.read(file));
        assertTrue(e.getMessage().contains("holds 61696 parameters"), e.getMessage());
    }

    @Test
    void anUnwritablePathIsReportedAndTheFileThereIsKept() throws Exception {
        Path good = dir.resolve("good.lenet");
        ModelFile.write(trained, good);
        byte[] before = Files.readAllBytes(good);
        Path blocked = dir.resolve("not-a-folder");
        Files.writeString(blocked, "a file where a folder should be", StandardCharsets.UTF_8);
        ModelFileException e = assertThrows(ModelFileException.class,
                () -> ModelFile.write(trained, blocked.resolve("m.lenet")));
        assertTrue(e.getMessage().contains("cannot write the model file"), e.getMessage());
        ModelFile.write(trained, good);
        assertArrayEquals(before, Files.readAllBytes(good), "rewritten in place with the same contents");
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList(),
                    "no temporary file left behind");
        }
    }

    @Test
    void theBundledModelLoadsAndIsTheDefaultMishConfigurationFullyTrained() throws Exception {
        Checkpoint bundled = BundledModel.checkpoint();
        assertEquals(Activation.MISH, bundled.config().activation());
        assertEquals(10_000, bundled.iterationsDone());
        assertEquals(RunStatus.FINISHED, bundled.status());
        assertNotNull(bundled.finalTestAccuracy());
        assertTrue(bundled.finalTestAccuracy() >= 0.985, "bundled model accuracy " + bundled.finalTestAccuracy());
    }

    private static int[] bits(float[] values) {
        int[] bits = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Float.floatToRawIntBits(values[i]);
        }
        return bits;
    }

    /** Elapsed seconds are wall-clock time: the only figure allowed to differ. */
    private static List<List<Double>> withoutTimes(List<MetricsRow> rows) {
        List<List<Double>> values = new ArrayList<>();
        for (MetricsRow r : rows) {
            values.add(List.of((double) r.iteration(), r.trainLoss(), r.trainAccuracy(), r.testLoss(), r.testAccuracy()));
        }
        return values;
    }

    private static final class Recorder implements TrainingListener {
        final List<MetricsRow> rows = new ArrayList<>();
        int restored;

        @Override
        public void restored(List<MetricsRow> earlierRows) {
            rows.addAll(earlierRows);
            restored = earlierRows.size();
        }

        @Override
        public void evaluated(MetricsRow row, ConfusionMatrix sliceConfusion) {
            rows.add(row);
        }
    }
}
