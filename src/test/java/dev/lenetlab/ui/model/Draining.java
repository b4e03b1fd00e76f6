package dev.lenetlab.ui.model;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Plays the window's frames in a test without a screen: calls {@link WorkbenchViewModel#drain}
 * every 10 ms, as the pulse listener would, until a condition holds.
 */
final class Draining {
    private Draining() {}

    static void until(WorkbenchViewModel vm, String what, BooleanSupplier condition, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                fail("timed out waiting until " + what);
            }
            pause();
            vm.drain(System.nanoTime());
        }
    }

    static void during(WorkbenchViewModel vm, Duration d) {
        long end = System.nanoTime() + d.toNanos();
        while (System.nanoTime() < end) {
            vm.drain(System.nanoTime());
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
