package dev.lenetlab.experiment;

import dev.lenetlab.engine.SeededRandom;

/**
 * The two random streams a run's seed drives: the initial weights and the mini-batch order. Every
 * trainer derives them here, so runs of the same seed start from the same weights and see the same
 * batches whatever their optimizer (the comparison a performance profile needs).
 */
public record RunSeeds(long initialisation, long batchOrder) {
    public static RunSeeds of(long seed) {
        SeededRandom random = new SeededRandom(seed);
        return new RunSeeds(random.nextLong(), random.nextLong());
    }
}
