package dev.lenetlab.ui;

import javafx.application.Platform;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.scene.input.KeyCode;

import static org.junit.jupiter.api.Assertions.fail;

/** Helpers shared by the TestFX tests: read state on the JavaFX thread, wait for it, type into fields. */
final class UiSupport {
    private UiSupport() {}

    /** Runs {@code c} on the JavaFX thread and returns its result. */
    static <T> T fx(Callable<T> c) {
        if (Platform.isFxApplicationThread()) {
            try {
                return c.call();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(c.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static void fxRun(Runnable r) {
        fx(() -> {
            r.run();
            return null;
        });
    }

    /** Waits (up to {@code seconds}) until {@code condition}, evaluated on the JavaFX thread, holds. */
    static void waitUntil(String what, double seconds, Callable<Boolean> condition) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (!fx(condition)) {
            if (System.nanoTime() > end) {
                fail("timed out after " + seconds + " s waiting until " + what);
            }
            sleep(25);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Replaces the text of the field {@code query} by typing, as a user would. */
    static void type(FxRobot robot, String query, String text) {
        robot.clickOn(query);
        robot.push(KeyCode.CONTROL, KeyCode.A);
        robot.push(KeyCode.BACK_SPACE);
        robot.write(text);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
