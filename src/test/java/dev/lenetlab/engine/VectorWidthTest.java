package dev.lenetlab.engine;

import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class VectorWidthTest {
    private static final int PREFERRED = FloatVector.SPECIES_PREFERRED.vectorBitSize();

    @Test
    void defaultIsThePreferredWidthCappedAt256Bits() {
        assertEquals(Math.min(PREFERRED, 256), VectorWidth.choose(null).vectorBitSize());
        assertEquals(Math.min(PREFERRED, 256), VectorWidth.choose(" ").vectorBitSize());
        assertEquals(Math.min(PREFERRED, 256), VectorWidth.FLOAT.vectorBitSize(),
                "the suite runs without -D" + VectorWidth.PROPERTY);
    }

    @Test
    void anAskedForWidthTheCpuHasIsUsed() {
        assertEquals(128, VectorWidth.choose("128").vectorBitSize());
        assertEquals(PREFERRED, VectorWidth.choose(Integer.toString(PREFERRED)).vectorBitSize());
    }

    @Test
    void anInvalidOrTooWideRequestFallsBackToTheDefault() {
        int fallback = Math.min(PREFERRED, 256);
        assertEquals(fallback, VectorWidth.choose("wide").vectorBitSize());
        assertEquals(fallback, VectorWidth.choose("384").vectorBitSize());
        assertEquals(fallback, VectorWidth.choose(Integer.toString(PREFERRED * 2)).vectorBitSize());
    }
}
