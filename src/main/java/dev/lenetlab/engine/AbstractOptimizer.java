package dev.lenetlab.engine;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every optimizer shares: the step count, the length checks, and the state format
 * (a header naming the optimizer and the parameter count, then the optimizer's own payload).
 */
abstract class AbstractOptimizer implements Optimizer {
    /** The parameter count of an {@link Sgd} built without one: it has no per-parameter state. */
    static final int ANY_PARAMETER_COUNT = -1;

    /** "LLOS": LeNet Lab optimizer state. */
    private static final int STATE_MAGIC = 0x4C4C4F53;
    private static final int STATE_VERSION = 1;
    /** Floats go through a buffer of this many bytes, not one call per float. */
    private static final int IO_CHUNK_BYTES = 1 << 16;

    private final OptimizerKind kind;
    private final int parameterCount;
    private final Map<String, Object> settings;
    private long steps;

    AbstractOptimizer(OptimizerKind kind, int parameterCount, Map<String, Object> settings) {
        if (parameterCount < 1 && parameterCount != ANY_PARAMETER_COUNT) {
            throw new IllegalArgumentException("parameter count must be positive: " + parameterCount);
        }
        this.kind = kind;
        this.parameterCount = parameterCount;
        this.settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** Does the update for step number {@code step} (0 for the first); the count is advanced after. */
    abstract void update(float[] parameters, float[] gradient, long step);

    /** Writes what the optimizer holds beyond the step count. */
    abstract void writePayload(DataOutput out) throws IOException;

    /**
     * Reads a payload into new storage and returns the action that installs it, so that a
     * state that fails half-way leaves the optimizer untouched.
     */
    abstract Runnable readPayload(DataInput in) throws IOException;

    @Override
    public final void step(float[] parameters, float[] gradient) {
        if (parameterCount != ANY_PARAMETER_COUNT && parameters.length != parameterCount) {
            throw new IllegalArgumentException(id() + " was built for " + parameterCount + " parameters, got "
                    + parameters.length);
        }
        if (gradient.length != parameters.length) {
            throw new IllegalArgumentException("gradient has " + gradient.length + " values for "
                    + parameters.length + " parameters");
        }
        update(parameters, gradient, steps);
        steps++;
    }

    @Override
    public final String id() {
        return kind.id();
    }

    final OptimizerKind kind() {
        return kind;
    }

    final int parameterCount() {
        return parameterCount;
    }

    @Override
    public final Map<String, Object> settings() {
        return settings;
    }

    @Override
    public final long steps() {
        return steps;
    }

    @Override
    public final void writeState(DataOutput out) throws IOException {
        out.writeInt(STATE_MAGIC);
        out.writeInt(STATE_VERSION);
        out.writeUTF(id());
        out.writeInt(parameterCount);
        out.writeLong(steps);
        writePayload(out);
    }

    @Override
    public final void readState(DataInput in) throws IOException {
        if (in.readInt() != STATE_MAGIC) {
            throw new IOException("not an optimizer state (unknown header)");
        }
        int version = in.readInt();
        if (version != STATE_VERSION) {
            throw new IOException("optimizer state version " + version + " is not supported (expected "
                    + STATE_VERSION + ")");
        }
        String storedId = in.readUTF();
        if (!storedId.equals(id())) {
            throw new IllegalArgumentException("the optimizer state is for '" + storedId + "', not '" + id() + "'");
        }
        int storedCount = in.readInt();
        // An Sgd built without a parameter count takes any state of Sgd: it holds no per-parameter data.
        if (storedCount != parameterCount && parameterCount != ANY_PARAMETER_COUNT
                && storedCount != ANY_PARAMETER_COUNT) {
            throw new IllegalArgumentException("the optimizer state is for " + storedCount
                    + " parameters, this " + id() + " optimizer has " + parameterCount);
        }
        long storedSteps = in.readLong();
        if (storedSteps < 0) {
            throw new IOException("optimizer state has a negative step count: " + storedSteps);
        }
        Runnable install = readPayload(in);
        install.run();
        steps = storedSteps;
    }

    /** Writes {@code length} floats from {@code offset} with their raw bits (NaN payloads included). */
    static void writeFloats(DataOutput out, float[] values, int offset, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(Math.min(IO_CHUNK_BYTES, Math.max(4, 4 * length)));
        int end = offset + length;
        int i = offset;
        while (i < end) {
            buffer.clear();
            while (i < end && buffer.remaining() >= 4) {
                buffer.putInt(Float.floatToRawIntBits(values[i++]));
            }
            out.write(buffer.array(), 0, buffer.position());
        }
    }

    /** Reads {@code length} floats written by {@link #writeFloats}. */
    static float[] readFloats(DataInput in, int length) throws IOException {
        float[] values = new float[length];
        byte[] bytes = new byte[Math.min(IO_CHUNK_BYTES, Math.max(4, 4 * length))];
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        int i = 0;
        while (i < length) {
            int count = Math.min(bytes.length / 4, length - i);
            in.readFully(bytes, 0, 4 * count);
            buffer.clear();
            for (int k = 0; k < count; k++) {
                values[i++] = Float.intBitsToFloat(buffer.getInt());
            }
        }
        return values;
    }

    /** The settings map every optimizer starts from: learning rate, then weight decay. */
    static Map<String, Object> baseSettings(double learningRate, double weightDecay) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put(OptimizerParameter.LEARNING_RATE.key(), learningRate);
        settings.put(OptimizerParameter.WEIGHT_DECAY.key(), weightDecay);
        return settings;
    }
}
