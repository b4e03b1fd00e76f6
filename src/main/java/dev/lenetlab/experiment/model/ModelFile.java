package dev.lenetlab.experiment.model;

import dev.lenetlab.engine.Layer;
import dev.lenetlab.engine.Network;
import dev.lenetlab.engine.Shape;
import dev.lenetlab.experiment.Checkpoint;
import dev.lenetlab.experiment.FileErrors;
import dev.lenetlab.experiment.Json;
import dev.lenetlab.experiment.MetricsRow;
import dev.lenetlab.experiment.RunConfig;
import dev.lenetlab.experiment.RunFolder;
import dev.lenetlab.experiment.RunStatus;
import dev.lenetlab.experiment.TrainingRun;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The model file ({@code .lenet}): a trained (or half-trained) LeNet-5 with everything needed to
 * use it and to resume its training bit for bit. Big-endian, in this order:
 *
 * <ol>
 *   <li>the magic {@code LENETLAB} (8 ASCII bytes) and the format version (int, now 1);</li>
 *   <li>a JSON header (int byte length, then UTF-8): {@code architecture} (network, activation,
 *       pooling, input shape, each layer's output shape and parameter count), {@code normalisation}
 *       (how pixels become inputs), {@code config} (the run's configuration, as run.json has it),
 *       {@code training} (iterations done, the position in the mini-batch order, the open metrics
 *       interval, times, status) and {@code summary} (accuracies);</li>
 *   <li>the parameters: an int count, then the floats' raw bits;</li>
 *   <li>the optimizer's state (int byte length, then what {@code Optimizer.writeState} wrote:
 *       FMSGD's history, momenta, Adam's moments, the step count);</li>
 *   <li>the metrics rows so far: an int count, then per row the iteration (int) and five doubles;</li>
 *   <li>a CRC-32 of every byte before it (int).</li>
 * </ol>
 *
 * Writing goes to a temporary file beside the target, forced to disk, then moved over it: a crash
 * or a full disk leaves the previous file whole. Reading checks everything before anything is used.
 */
public final class ModelFile {
    public static final int FORMAT_VERSION = 1;
    public static final String EXTENSION = ".lenet";
    private static final byte[] MAGIC = "LENETLAB".getBytes(StandardCharsets.US_ASCII);
    /** A header larger than this is not ours: refuse it rather than allocate it. */
    private static final int MAX_HEADER_BYTES = 1 << 20;
    /**
     * A file larger than this is not ours: refuse it before reading it into memory. A model is
     * about 250 KB; the largest there can be (FMSGD with memory step 100, two-term: 200 copies of
     * the 61,706 weights) is about 50 MB, and the metrics rows add 44 bytes per evaluation.
     */
    static final long MAX_FILE_BYTES = 128L << 20;
    /**
     * No LeNet Lab will get near this many format versions: a larger one is not a version but the
     * bytes of a damaged or foreign file that happens to start with the magic.
     */
    private static final int MAX_PLAUSIBLE_VERSION = 1000;
    private static final int MAX_PARAMETERS = 1 << 26;
    /** A metrics row: the iteration and five doubles. */
    private static final int ROW_BYTES = 4 + 5 * 8;
    /** How {@code ImageSet.copyImage} (and so every input) scales pixels; kept in the file so that a change shows. */
    static final String NORMALISATION = "pixel / 255, background 0, ink 1";

    private ModelFile() {}

    /**
     * Writes a run's final model beside its metrics ({@link RunFolder#MODEL} in {@code runFolder}),
     * as both the command line and the workbench leave it, so that any run can be drawn with,
     * resumed or evaluated later. Not having it costs the run nothing else, so a failure is
     * returned, not thrown.
     *
     * @param checkpoint the run's final checkpoint; null (a diverged run) writes nothing
     * @return why the model could not be written (the message names the file); empty when written or
     *     when there was nothing to write
     */
    public static Optional<String> writeIntoRunFolder(Checkpoint checkpoint, Path runFolder) {
        if (checkpoint == null) {
            return Optional.empty(); // diverged: its weights are not worth keeping
        }
        Path file = runFolder.resolve(RunFolder.MODEL);
        try {
            write(checkpoint, file);
            return Optional.empty();
        } catch (ModelFileException e) {
            return Optional.of(e.getMessage());
        } catch (RuntimeException | OutOfMemoryError e) {
            return Optional.of("cannot write the model file " + file + ": " + e);
        }
    }

    /** Writes {@code checkpoint} to {@code file} atomically (temporary file, then move). */
    public static void write(Checkpoint checkpoint, Path file) throws ModelFileException {
        byte[] bytes = toBytes(checkpoint);
        Path absolute = file.toAbsolutePath();
        Path directory = absolute.getParent();
        Path temporary = null;
        try {
            if (directory != null) {
                Files.createDirectories(directory);
            }
            // a fresh name beside the target (same file system, so the move is a rename); created
            // with the usual permissions, unlike createTempFile's owner-only ones
            temporary = absolute.resolveSibling("." + absolute.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".tmp");
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE,
                    StandardOpenOption.CREATE_NEW)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // the original error is the one worth reporting
                }
            }
            throw new ModelFileException("cannot write the model file " + file + ": " + FileErrors.writeReason(e)
                    + "; choose a folder you can write to (any model already there is unchanged)", e);
        }
    }

    /**
     * Checks, before hours of training, that {@link #write} will be able to put a model at
     * {@code file}: its folder exists and takes new files (the temporary file goes there), and a
     * file already there is not write-protected (the move would replace it all the same, but a
     * protected file is one its owner meant to keep).
     */
    public static void checkWritable(Path file) throws ModelFileException {
        Path absolute = file.toAbsolutePath();
        Path folder = absolute.getParent();
        if (Files.isDirectory(absolute)) {
            throw new ModelFileException(file + " is a folder; give a file name such as model.lenet");
        }
        if (folder == null || !Files.isDirectory(folder)) {
            throw new ModelFileException("cannot write " + file + ": its folder " + folder
                    + (folder != null && Files.exists(folder) ? " is a file, not a folder" : " does not exist")
                    + "; create it or choose another path");
        }
        if (Files.exists(absolute) && !Files.isWritable(absolute)) {
            throw new ModelFileException("cannot write " + file + ": it is write-protected; make it writable "
                    + "or choose another path");
        }
        try {
            FileErrors.checkCanCreateFiles(folder);
        } catch (IOException e) {
            throw new ModelFileException("cannot write " + file + ": " + FileErrors.writeReason(e)
                    + "; choose a folder you can write to", e);
        }
    }

    /** The file's bytes for {@code checkpoint}. */
    public static byte[] toBytes(Checkpoint checkpoint) {
        return toBytes(checkpoint, header(checkpoint));
    }

    /** With a given header: tests use it to write files that are well-formed but wrong. */
    static byte[] toBytes(Checkpoint checkpoint, Map<String, Object> header) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(8 * checkpoint.parameters().length + 4096);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeInt(FORMAT_VERSION);
            byte[] json = Json.write(header).getBytes(StandardCharsets.UTF_8);
            out.writeInt(json.length);
            out.write(json);
            float[] parameters = checkpoint.parameters();
            out.writeInt(parameters.length);
            ByteBuffer floats = ByteBuffer.allocate(4 * parameters.length);
            floats.asFloatBuffer().put(parameters);
            out.write(floats.array());
            out.writeInt(checkpoint.optimizerState().length);
            out.write(checkpoint.optimizerState());
            out.writeInt(checkpoint.history().size());
            for (MetricsRow row : checkpoint.history()) {
                out.writeInt(row.iteration());
                out.writeDouble(row.trainLoss());
                out.writeDouble(row.trainAccuracy());
                out.writeDouble(row.testLoss());
                out.writeDouble(row.testAccuracy());
                out.writeDouble(row.elapsedSeconds());
            }
            out.flush();
            CRC32 crc = new CRC32();
            crc.update(bytes.toByteArray());
            out.writeInt((int) crc.getValue());
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return bytes.toByteArray();
    }

    static Map<String, Object> header(Checkpoint c) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("format", "LeNet Lab model");
        header.put("architecture", architecture(Network.lenet5(c.config().activation(), c.config().pooling()),
                c.config()));
        Map<String, Object> normalisation = new LinkedHashMap<>();
        normalisation.put("input", NORMALISATION);
        normalisation.put("mean", 0.0);
        normalisation.put("std", 1.0);
        header.put("normalisation", normalisation);
        header.put("config", c.config().toMap());
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("status", c.status().id());
        training.put("iterations_done", c.iterationsDone());
        training.put("batches_drawn", c.batchesDrawn());
        training.put("interval_loss_sum", c.interval().lossSum());
        training.put("interval_correct", c.interval().correct());
        training.put("interval_iterations", c.interval().iterations());
        training.put("training_seconds", c.trainingSeconds());
        training.put("wall_seconds", c.wallSeconds());
        header.put("training", training);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("final_test_accuracy", c.finalTestAccuracy());
        summary.put("final_validation_accuracy", c.validationAccuracy());
        MetricsRow last = c.lastRow();
        summary.put("last_test_accuracy", last == null ? null : last.testAccuracy());
        header.put("summary", summary);
        return header;
    }

    private static Map<String, Object> architecture(Network network, RunConfig config) {
        Map<String, Object> architecture = new LinkedHashMap<>();
        architecture.put("network", "lenet5");
        architecture.put("activation", config.activation().id());
        architecture.put("pooling", config.pooling().id());
        architecture.put("input", shape(network.inputShape()));
        architecture.put("parameters", network.parameterCount());
        Map<String, Object> layers = new LinkedHashMap<>();
        for (Layer layer : network.layers()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("output", shape(layer.outputShape()));
            entry.put("parameters", layer.parameterCount());
            layers.put(layer.name(), entry);
        }
        architecture.put("layers", layers);
        return architecture;
    }

    private static String shape(Shape s) {
        return s.channels() + "x" + s.height() + "x" + s.width();
    }

    /** Reads and checks a model file; the message of any failure names the file. */
    public static Checkpoint read(Path file) throws ModelFileException {
        byte[] bytes;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > MAX_FILE_BYTES) {
                throw tooLarge(file.toString(), size);
            }
            bytes = new byte[(int) size];
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // a file that shrank while being read ends early: the checks below call it truncated
            }
            if (buffer.hasRemaining()) {
                bytes = Arrays.copyOf(bytes, buffer.position());
            }
        } catch (NoSuchFileException e) {
            throw new ModelFileException("model file " + file + " does not exist");
        } catch (IOException e) {
            throw new ModelFileException("cannot read the model file " + file + ": " + FileErrors.reason(e), e);
        } catch (OutOfMemoryError e) {
            throw new ModelFileException("cannot read the model file " + file + ": not enough memory for its "
                    + fileSize(file) + " bytes", e);
        }
        return read(bytes, file.toString());
    }

    /** Reads a model from a stream (a resource, say); {@code source} names it in messages. */
    public static Checkpoint read(InputStream in, String source) throws ModelFileException {
        byte[] bytes;
        try (in) {
            // one byte more than allowed tells a stream that is too long from one that just fits
            bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
        } catch (IOException e) {
            throw new ModelFileException("cannot read the model " + source + ": " + FileErrors.reason(e), e);
        } catch (OutOfMemoryError e) {
            throw new ModelFileException("cannot read the model " + source + ": not enough memory", e);
        }
        if (bytes.length > MAX_FILE_BYTES) {
            throw tooLarge(source, bytes.length);
        }
        return read(bytes, source);
    }

    private static ModelFileException tooLarge(String source, long size) {
        return new ModelFileException(source + " is " + size + " bytes, too large to be a LeNet Lab model file "
                + "(they are at most " + (MAX_FILE_BYTES >> 20) + " MiB); choose a .lenet file written by "
                + "train --save or the workbench");
    }

    private static String fileSize(Path file) {
        try {
            return Long.toString(Files.size(file));
        } catch (IOException e) {
            return "many";
        }
    }

    /** Reads a model from its bytes; {@code source} names it in messages. */
    public static Checkpoint read(byte[] bytes, String source) throws ModelFileException {
        if (bytes.length == 0) {
            throw new ModelFileException(source + " is empty (0 bytes): not a model file; save the model again");
        }
        int compared = Math.min(bytes.length, MAGIC.length);
        if (!Arrays.equals(bytes, 0, compared, MAGIC, 0, compared)) {
            throw new ModelFileException(source + " is not a LeNet Lab model file (it does not start with "
                    + "LENETLAB); choose a .lenet file written by train --save or the workbench");
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        try {
            // a file cut inside the magic is a model file cut short (the EOF below says so), not a stranger
            in.readFully(new byte[MAGIC.length]);
            int version = in.readInt();
            if (version > MAX_PLAUSIBLE_VERSION) {
                throw new ModelFileException(source + " is damaged or not a LeNet Lab model file: it starts with "
                        + "LENETLAB, but its format version reads " + version + ", which no LeNet Lab has written; "
                        + "save or copy the model again");
            }
            if (version > FORMAT_VERSION) {
                throw new ModelFileException(source + " has model format version " + version
                        + ", newer than this LeNet Lab reads (" + FORMAT_VERSION + "); use a newer LeNet Lab");
            }
            if (version < 1) {
                throw new ModelFileException(source + " has an invalid format version " + version + "; the file is damaged");
            }
            int headerLength = in.readInt();
            if (headerLength < 2 || headerLength > MAX_HEADER_BYTES) {
                throw damaged(source, "its header length " + headerLength + " is impossible");
            }
            byte[] json = readExactly(in, headerLength);
            int parameterCount = in.readInt();
            if (parameterCount < 1 || parameterCount > MAX_PARAMETERS) {
                throw damaged(source, "its parameter count " + parameterCount + " is impossible");
            }
            float[] parameters = new float[parameterCount];
            ByteBuffer.wrap(readExactly(in, 4 * parameterCount)).asFloatBuffer().get(parameters);
            int stateLength = in.readInt();
            if (stateLength < 0) {
                throw damaged(source, "its optimizer state length " + stateLength + " is impossible");
            }
            byte[] optimizerState = readExactly(in, stateLength);
            int rowCount = in.readInt();
            if (rowCount < 0) {
                throw damaged(source, "its metrics row count " + rowCount + " is impossible");
            }
            if ((long) rowCount * ROW_BYTES > in.available()) {
                throw new EOFException();
            }
            List<MetricsRow> history = new ArrayList<>(rowCount);
            for (int i = 0; i < rowCount; i++) {
                history.add(new MetricsRow(in.readInt(), in.readDouble(), in.readDouble(), in.readDouble(),
                        in.readDouble(), in.readDouble()));
            }
            int bodyLength = bytes.length - in.available();
            int storedCrc = in.readInt();
            if (in.available() != 0) {
                throw damaged(source, in.available() + " unexpected bytes follow its end");
            }
            CRC32 crc = new CRC32();
            crc.update(bytes, 0, bodyLength);
            if ((int) crc.getValue() != storedCrc) {
                throw damaged(source, "its checksum does not match its contents");
            }
            return checkpoint(source, new String(json, StandardCharsets.UTF_8), parameters, optimizerState, history);
        } catch (EOFException e) {
            throw new ModelFileException(source + " is truncated: it ends early (" + bytes.length
                    + " bytes); it was not written completely, save or copy it again", e);
        } catch (IOException e) {
            throw new ModelFileException("cannot read the model " + source + ": " + FileErrors.reason(e), e);
        }
    }

    private static Checkpoint checkpoint(String source, String headerText, float[] parameters,
                                         byte[] optimizerState, List<MetricsRow> history) throws ModelFileException {
        Map<String, Object> header;
        RunConfig config;
        try {
            header = Json.readObject(headerText);
            config = RunConfig.fromMap(object(header, "config"));
        } catch (IllegalArgumentException e) {
            throw damaged(source, "its header is not valid: " + e.getMessage());
        }
        Map<String, Object> normalisation = object(header, "normalisation");
        if (!NORMALISATION.equals(normalisation.get("input"))) {
            throw new ModelFileException(source + " expects inputs scaled as '" + normalisation.get("input")
                    + "', this LeNet Lab feeds '" + NORMALISATION + "'; the model cannot be used here");
        }
        Network network = Network.lenet5(config.activation(), config.pooling());
        checkArchitecture(source, object(header, "architecture"), config, network, parameters.length);
        checkOptimizerState(source, config, optimizerState);
        Map<String, Object> training = object(header, "training");
        Map<String, Object> summary = object(header, "summary");
        try {
            RunStatus status = status(text(training, "status"));
            return new Checkpoint(config, parameters, optimizerState,
                    (int) whole(training, "iterations_done"), whole(training, "batches_drawn"),
                    new Checkpoint.Interval(real(training, "interval_loss_sum"), whole(training, "interval_correct"),
                            (int) whole(training, "interval_iterations")),
                    real(training, "training_seconds"), real(training, "wall_seconds"), history, status,
                    optionalReal(summary, "final_test_accuracy"), optionalReal(summary, "final_validation_accuracy"));
        } catch (IllegalArgumentException e) {
            throw damaged(source, "its header is not valid: " + e.getMessage());
        }
    }

    private static RunStatus status(String text) {
        for (RunStatus s : RunStatus.values()) {
            if (s.name().equalsIgnoreCase(text)) {
                return s;
            }
        }
        throw new IllegalArgumentException("training.status '" + text + "' is none of "
                + java.util.Arrays.stream(RunStatus.values()).map(s -> s.name().toLowerCase(java.util.Locale.ROOT)).toList());
    }

    /**
     * The file's architecture must be, shape for shape and count for count, the network this code
     * builds from its configuration: the header describes the weights, and a header that disagrees
     * with the configuration or with the weights it comes with was edited or damaged.
     */
    private static void checkArchitecture(String source, Map<String, Object> architecture, RunConfig config,
                                          Network network, int parameterCount) throws ModelFileException {
        if (!"lenet5".equals(architecture.get("network"))) {
            throw new ModelFileException(source + " holds a network named '" + architecture.get("network")
                    + "'; LeNet Lab runs lenet5 only: choose a .lenet file written by train --save or the workbench");
        }
        agrees(source, architecture, "activation", config.activation().id(), network);
        agrees(source, architecture, "pooling", config.pooling().id(), network);
        agrees(source, architecture, "input", shape(network.inputShape()), network);
        Map<String, Object> layers = object(architecture, "layers");
        List<String> names = new ArrayList<>(layers.keySet());
        List<String> expected = network.layers().stream().map(Layer::name).toList();
        if (!names.equals(expected)) {
            int i = 0;
            while (i < Math.min(names.size(), expected.size()) && names.get(i).equals(expected.get(i))) {
                i++;
            }
            String differs = i < Math.min(names.size(), expected.size())
                    ? "its layer " + (i + 1) + " is '" + names.get(i) + "' where its configuration (" + network.description()
                            + ") has '" + expected.get(i) + "'"
                    : "it lists " + names.size() + " layers where its configuration (" + network.description()
                            + ") has " + expected.size();
            throw damaged(source, differs);
        }
        for (Layer layer : network.layers()) {
            Map<String, Object> entry = object(layers, layer.name());
            String shape = shape(layer.outputShape());
            if (!shape.equals(entry.get("output")) || !(entry.get("parameters") instanceof Number n)
                    || n.longValue() != layer.parameterCount()) {
                throw new ModelFileException("shape mismatch in " + source + ": its layer " + layer.name()
                        + " is " + entry.get("output") + " with " + entry.get("parameters") + " parameters, LeNet-5 here has "
                        + shape + " with " + layer.parameterCount());
            }
        }
        if (parameterCount != network.parameterCount()) {
            throw new ModelFileException("shape mismatch in " + source + ": it holds " + parameterCount
                    + " parameters, " + network.description() + " has " + network.parameterCount());
        }
        if (!(architecture.get("parameters") instanceof Number declared) || declared.doubleValue() != parameterCount) {
            throw damaged(source, "its header gives architecture.parameters as " + describeValue(architecture.get("parameters"))
                    + ", but it holds " + parameterCount + " parameters");
        }
    }

    /** {@code architecture.key} must say what the configuration says. */
    private static void agrees(String source, Map<String, Object> architecture, String key, String expected,
                               Network network) throws ModelFileException {
        if (!expected.equals(architecture.get(key))) {
            throw damaged(source, "its header gives architecture." + key + " as " + describeValue(architecture.get(key))
                    + " where its configuration (" + network.description() + ") has " + expected);
        }
    }

    private static String describeValue(Object value) {
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return Long.toString(n.longValue()); // JSON numbers read back as doubles: 61707, not 61707.0
        }
        return value instanceof String text ? "'" + text + "'" : String.valueOf(value);
    }

    /**
     * The optimizer state must be one that the configuration's optimizer takes, whole: otherwise the
     * file loads, and resuming it fails half-way (or, worse, continues another optimizer's state).
     */
    private static void checkOptimizerState(String source, RunConfig config, byte[] optimizerState)
            throws ModelFileException {
        try {
            TrainingRun.restoreOptimizer(config, optimizerState);
        } catch (IllegalArgumentException e) {
            throw damaged(source, "its optimizer state does not fit its configuration (optimizer "
                    + config.optimizer().kind().id() + "): " + e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Map<String, Object> map, String key) throws ModelFileException {
        if (map.get(key) instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new ModelFileException("the model header has no '" + key + "' section; the file is damaged");
    }

    private static String text(Map<String, Object> map, String key) {
        if (map.get(key) instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException(key + " missing");
    }

    private static long whole(Map<String, Object> map, String key) {
        if (map.get(key) instanceof Number n) {
            return n.longValue();
        }
        throw new IllegalArgumentException(key + " missing");
    }

    private static double real(Map<String, Object> map, String key) {
        if (map.get(key) instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException(key + " missing");
    }

    private static Double optionalReal(Map<String, Object> map, String key) {
        return map.get(key) instanceof Number n ? n.doubleValue() : null;
    }

    /** Reads {@code length} bytes; a length beyond the file's end means the file was cut short. */
    private static byte[] readExactly(DataInputStream in, int length) throws IOException {
        if (length > in.available()) {
            throw new EOFException();
        }
        byte[] b = new byte[length];
        in.readFully(b);
        return b;
    }

    private static ModelFileException damaged(String source, String what) {
        return new ModelFileException(source + " is damaged: " + what + "; save the model again");
    }
}
