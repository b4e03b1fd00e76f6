package dev.lenetlab.engine;

/**
 * SplitMix64: a tiny generator whose whole algorithm is written here, so that a seed gives the
 * same initial weights and the same mini-batch order on every JVM, forever (java.util.Random's
 * contract is the same, but its 48-bit state gives poor low bits for shuffling large arrays).
 */
public final class SeededRandom {
    private long state;

    public SeededRandom(long seed) {
        this.state = seed;
    }

    public long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1) with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, bound), without modulo bias (Lemire's rejection method). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive: " + bound);
        }
        long r = (nextLong() >>> 32) * bound;
        long low = r & 0xFFFFFFFFL;
        if (low < bound) {
            long threshold = (0x1_0000_0000L - bound) % bound;
            while (low < threshold) {
                r = (nextLong() >>> 32) * bound;
                low = r & 0xFFFFFFFFL;
            }
        }
        return (int) (r >>> 32);
    }

    /** Fisher–Yates shuffle of the whole array. */
    public void shuffle(int[] values) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }
}
