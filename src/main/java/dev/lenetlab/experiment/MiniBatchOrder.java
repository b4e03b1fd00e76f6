package dev.lenetlab.experiment;

import dev.lenetlab.engine.SeededRandom;

/**
 * Which training samples make up each mini-batch: the training set is shuffled at the start of
 * every epoch and cut into consecutive batches; the incomplete last batch of an epoch is dropped
 * (60,000 / 64 → 937 batches), as PyTorch's DataLoader does with drop_last.
 */
public final class MiniBatchOrder {
    private final int[] permutation;
    private final int batchSize;
    private final SeededRandom random;
    private int position;
    private int epoch;

    public MiniBatchOrder(int samples, int batchSize, long seed) {
        if (batchSize > samples) {
            throw new IllegalArgumentException("batch size " + batchSize + " exceeds the " + samples + " training samples");
        }
        this.permutation = new int[samples];
        this.batchSize = batchSize;
        this.random = new SeededRandom(seed);
        startEpoch();
        this.epoch = 0;
    }

    private void startEpoch() {
        for (int i = 0; i < permutation.length; i++) {
            permutation[i] = i;
        }
        random.shuffle(permutation);
        position = 0;
        epoch++;
    }

    /** Fills {@code indices[0, batchSize)} with the next batch's sample indices. */
    public void next(int[] indices) {
        if (position + batchSize > permutation.length) {
            startEpoch();
        }
        System.arraycopy(permutation, position, indices, 0, batchSize);
        position += batchSize;
    }

    /**
     * Moves past {@code batches} batches as if {@link #next} had been called that often: the order
     * is a function of the seed alone, so its position is just a count (what a model file keeps).
     */
    public void skip(long batches) {
        int[] scratch = new int[batchSize];
        for (long b = 0; b < batches; b++) {
            next(scratch);
        }
    }

    /** Completed passes over the training set. */
    public int epoch() {
        return epoch;
    }
}
