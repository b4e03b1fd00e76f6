package dev.lenetlab.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An optimizer's state written and read back into a fresh optimizer continues bit for bit; a
 * state that does not fit is refused with a message and leaves the optimizer as it was.
 */
class OptimizerStateTest {
    private static final int N = 257;

    static Stream<OptimizerSpec> specs() {
        OptimizerSpec fmsgd = OptimizerSpec.defaults(OptimizerKind.FMSGD);
        return Stream.of(
                OptimizerSpec.defaults(OptimizerKind.SGD).withWeightDecay(1e-3),
                OptimizerSpec.defaults(OptimizerKind.MOMENTUM),
                OptimizerSpec.defaults(OptimizerKind.NESTEROV).withWeightDecay(1e-3),
                OptimizerSpec.defaults(OptimizerKind.ADAM).withWeightDecay(1e-3),
                fmsgd,
                fmsgd.withMemoryStep(3).withAlpha(1.1),
                fmsgd.withMemoryStep(4).withTwoTerm(true).withWeightDecay(1e-3),
                fmsgd.withAlpha(1.5).withTwoTerm(true));
    }

    static byte[] state(Optimizer optimizer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            optimizer.writeState(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static void restore(Optimizer optimizer, byte[] state) throws IOException {
        optimizer.readState(new DataInputStream(new ByteArrayInputStream(state)));
    }

    /** A noisy quadratic: the gradient depends on the weights, so any difference in state shows. */
    private static void gradient(float[] w, Random noise, float[] out) {
        for (int i = 0; i < w.length; i++) {
            out[i] = (w[i] - (i % 7 - 3) * 0.25f) + (float) (0.1 * noise.nextGaussian());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void aRestoredOptimizerContinuesBitForBit(OptimizerSpec spec) throws IOException {
        Random start = new Random(501);
        float[] w = new float[N];
        for (int i = 0; i < N; i++) {
            w[i] = (float) start.nextGaussian();
        }
        float[] g = new float[N];
        Optimizer original = spec.create(N);
        Random noise = new Random(502);
        // 7 steps: past any warm-up, and not a whole number of turns of a ring of 3 or 4.
        for (int step = 0; step < 7; step++) {
            gradient(w, noise, g);
            original.step(w, g);
        }
        byte[] saved = state(original);
        Optimizer restored = spec.create(N);
        restore(restored, saved);
        assertEquals(7, restored.steps());
        assertArrayEquals(saved, state(restored), "the state reads back as written");

        float[] wRestored = w.clone();
        float[] gRestored = new float[N];
        Random noiseRestored = new Random(503);
        noise = new Random(503);
        for (int step = 0; step < 20; step++) {
            gradient(w, noise, g);
            original.step(w, g);
            gradient(wRestored, noiseRestored, gRestored);
            restored.step(wRestored, gRestored);
            assertArrayEquals(w, wRestored, "step " + (7 + step));
        }
        assertArrayEquals(state(original), state(restored));
        assertEquals(27, restored.steps());
        for (float wi : w) {
            assertTrue(Float.isFinite(wi));
        }
    }

    @Test
    void aLeNetSizedTwoTermHistoryRoundTrips() throws IOException {
        int n = 61_706;
        OptimizerSpec spec = OptimizerSpec.defaults(OptimizerKind.FMSGD).withMemoryStep(3).withTwoTerm(true);
        Optimizer original = spec.create(n);
        Random random = new Random(504);
        float[] w = new float[n];
        float[] g = new float[n];
        for (int step = 0; step < 4; step++) {
            for (int i = 0; i < n; i++) {
                g[i] = (float) random.nextGaussian();
            }
            original.step(w, g);
        }
        byte[] saved = state(original);
        // Header (4 + 4 + 2 + 5 + 4 + 8 bytes), K and the flag, two rings of 3 × n floats.
        assertEquals(27 + 5 + 2 * 3 * n * 4, saved.length);
        Optimizer restored = spec.create(n);
        restore(restored, saved);
        assertArrayEquals(saved, state(restored));
    }

    @Test
    void aStateForAnotherOptimizerIsRefused() {
        byte[] fmsgdState = state(OptimizerSpec.defaults(OptimizerKind.FMSGD).create(N));
        Optimizer adam = OptimizerSpec.defaults(OptimizerKind.ADAM).create(N);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> restore(adam, fmsgdState));
        assertEquals("the optimizer state is for 'fmsgd', not 'adam'", e.getMessage());
        // Momentum and Nesterov hold the same kind of state, but are different optimizers.
        byte[] momentumState = state(OptimizerSpec.defaults(OptimizerKind.MOMENTUM).create(N));
        e = assertThrows(IllegalArgumentException.class,
                () -> restore(OptimizerSpec.defaults(OptimizerKind.NESTEROV).create(N), momentumState));
        assertEquals("the optimizer state is for 'momentum', not 'nesterov'", e.getMessage());
    }

    @Test
    void aStateForAnotherParameterCountIsRefused() {
        for (OptimizerKind kind : OptimizerKind.values()) {
            byte[] saved = state(OptimizerSpec.defaults(kind).create(N));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> restore(OptimizerSpec.defaults(kind).create(N - 1), saved));
            assertEquals("the optimizer state is for 257 parameters, this " + kind.id() + " optimizer has 256",
                    e.getMessage());
        }
        // Sgd built without a count holds nothing per parameter: any Sgd state fits it.
        Sgd unbound = new Sgd(0.1, 0);
        Optimizer bound = OptimizerSpec.defaults(OptimizerKind.SGD).create(N);
        bound.step(new float[N], new float[N]);
        assertDoesNotThrow(() -> restore(unbound, state(bound)));
        assertEquals(1, unbound.steps());
    }

    @Test
    void anFmsgdStateOfAnotherShapeIsRefused() {
        OptimizerSpec fmsgd = OptimizerSpec.defaults(OptimizerKind.FMSGD);
        byte[] memoryThree = state(fmsgd.withMemoryStep(3).create(N));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> restore(fmsgd.create(N), memoryThree));
        assertEquals("the FMSGD state has memory step 3, one-term; this optimizer has memory step 1, one-term",
                e.getMessage());
        byte[] twoTerm = state(fmsgd.withTwoTerm(true).create(N));
        e = assertThrows(IllegalArgumentException.class, () -> restore(fmsgd.create(N), twoTerm));
        assertEquals("the FMSGD state has memory step 1, two-term; this optimizer has memory step 1, one-term",
                e.getMessage());
    }

    @Test
    void aBrokenStateIsRefusedAndChangesNothing() throws IOException {
        Optimizer optimizer = OptimizerSpec.defaults(OptimizerKind.FMSGD).withMemoryStep(2).create(N);
        float[] w = new float[N];
        float[] g = new float[N];
        Arrays.fill(g, 1f);
        optimizer.step(w, g);
        optimizer.step(w, g);
        optimizer.step(w, g);
        byte[] before = state(optimizer);

        byte[] other = state(OptimizerSpec.defaults(OptimizerKind.FMSGD).withMemoryStep(2).create(N));
        byte[] truncated = Arrays.copyOf(other, other.length - 10);
        assertThrows(EOFException.class, () -> restore(optimizer, truncated));
        assertArrayEquals(before, state(optimizer), "a failed read leaves the state alone");

        IOException e = assertThrows(IOException.class, () -> restore(optimizer, "not a state".getBytes()));
        assertEquals("not an optimizer state (unknown header)", e.getMessage());
        byte[] futureVersion = other.clone();
        futureVersion[7] = 9;
        e = assertThrows(IOException.class, () -> restore(optimizer, futureVersion));
        assertEquals("optimizer state version 9 is not supported (expected 1)", e.getMessage());
        assertArrayEquals(before, state(optimizer));
        assertEquals(3, optimizer.steps());
    }
}
