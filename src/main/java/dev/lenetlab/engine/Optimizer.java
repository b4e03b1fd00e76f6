package dev.lenetlab.engine;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Map;

/**
 * Updates a network's flat parameter vector from the mean mini-batch gradient, one step at a time.
 *
 * <p>Build one with {@link OptimizerSpec#create(int)}; {@link OptimizerKind} lists what there is.
 * Every optimizer adds L2 weight decay to the gradient before anything else ({@code g + λw}, the
 * classic form, also for Adam), exactly as {@link Sgd} does.
 *
 * <p>An optimizer is stateful (a step count, and per optimizer momenta, moments or a history of
 * past weights) and not thread-safe: one training thread owns it. Its state can be saved and
 * restored exactly, so that a resumed run continues bit for bit.
 */
public interface Optimizer {
    /**
     * One update: {@code parameters} change in place; {@code gradient} is only read.
     *
     * @throws IllegalArgumentException if an array's length is not the optimizer's parameter count
     */
    void step(float[] parameters, float[] gradient);

    /** The id used on the command line and in run files ({@code "sgd"}): an {@link OptimizerKind#id()}. */
    String id();

    /**
     * The settings this optimizer runs with, for {@code run.json}: {@link OptimizerParameter#key()}
     * → {@link Double}, {@link Integer} or {@link Boolean}, in {@link OptimizerKind#parameters()}
     * order, defaults resolved (FMSGD's ε is the value in use). Unmodifiable.
     */
    Map<String, Object> settings();

    /** How many steps have been taken (restored by {@link #readState(DataInput)}). */
    long steps();

    /**
     * Writes the whole mutable state (step count, and momenta, moments or history) so that
     * {@link #readState(DataInput)} on an optimizer built with the same settings continues
     * bit for bit. Floats are written with their raw bits. Settings are not written: they belong
     * in {@code run.json}.
     */
    void writeState(DataOutput out) throws IOException;

    /**
     * Replaces the state with one written by {@link #writeState(DataOutput)}. On any failure the
     * current state is left as it was.
     *
     * @throws IOException if the data is not an optimizer state or ends early
     * @throws IllegalArgumentException if the state belongs to another optimizer, another parameter
     *     count, or another shape of history (FMSGD's memory step or one/two-term)
     */
    void readState(DataInput in) throws IOException;
}
