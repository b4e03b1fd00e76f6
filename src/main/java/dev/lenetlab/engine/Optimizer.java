package dev.lenetlab.engine;

/** Updates a network's flat parameter vector from the mean mini-batch gradient, one step at a time. */
public interface Optimizer {
    /** One update: {@code parameters} change in place; {@code gradient} is only read. */
    void step(float[] parameters, float[] gradient);

    /** The id used on the command line and in run files ("sgd"). */
    String id();
}
