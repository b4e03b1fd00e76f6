package dev.lenetlab.engine;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector width every Vector API kernel uses, fixed once per JVM (a static final, so that C2
 * folds it into the kernels): the preferred width of this CPU, but at most 256 bits, unless
 * {@code -Dlenetlab.vectorBits=128|256|512} says otherwise (an invalid value is named in a warning and ignored).
 *
 * <p>Why not simply the preferred width: on the AVX-512 AMD EPYC machines we train on, Java 17's
 * 512-bit code ran a LeNet-5 training step 4.5 times slower than its 256-bit code (bench, batch 64:
 * 2,105 against 9,560 images/s), and so did the 256-bit dot products running beside it. Results
 * do not depend on the width: every output element is the same chain of fused multiply-adds
 * whatever the lane count (the scalar twins check that), so the choice changes speed only.
 */
final class VectorWidth {
    /** The system property that overrides the choice. */
    static final String PROPERTY = "lenetlab.vectorBits";
    private static final int DEFAULT_MAX_BITS = 256;

    static final VectorSpecies<Float> FLOAT = choose(System.getProperty(PROPERTY));

    private VectorWidth() {}

    static VectorSpecies<Float> choose(String requested) {
        int preferred = FloatVector.SPECIES_PREFERRED.vectorBitSize();
        if (requested == null || requested.isBlank()) {
            return species(Math.min(preferred, DEFAULT_MAX_BITS));
        }
        int bits;
        try {
            bits = Integer.parseInt(requested.trim());
        } catch (NumberFormatException e) {
            bits = -1;
        }
        int fallback = Math.min(preferred, DEFAULT_MAX_BITS);
        if (bits != 128 && bits != 256 && bits != 512) {
            // A kernel's width is chosen while a class loads, where an exception would only turn
            // into a silent fall-back to the scalar kernels: say what is wrong and go on.
            System.err.println("warning: -D" + PROPERTY + "=" + requested + " ignored: the vector width must be"
                    + " 128, 256 or 512 (bits); using " + fallback);
            return species(fallback);
        }
        if (bits > preferred) {
            System.err.println("warning: -D" + PROPERTY + "=" + requested + " ignored: this CPU's widest vector is "
                    + preferred + " bits; using " + fallback);
            return species(fallback);
        }
        return species(bits);
    }

    private static VectorSpecies<Float> species(int bits) {
        return VectorSpecies.of(float.class, VectorShape.forBitSize(bits));
    }
}
