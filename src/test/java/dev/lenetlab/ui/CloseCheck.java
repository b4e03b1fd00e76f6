package dev.lenetlab.ui;

import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.stage.Window;

/**
 * Not a test: checks by hand that closing the window while runs train ends the JVM in time. Starts
 * the real application, launches the paper preset, and after {@code args[0]} seconds closes the
 * window, printing the moment it did ({@code CLOSE-AT <epoch ms>}); the caller times the exit.
 */
public final class CloseCheck {
    private CloseCheck() {}

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 10;
        Thread driver = new Thread(() -> {
            try {
                while (Window.getWindows().isEmpty()) {
                    Thread.sleep(100);
                }
                Thread.sleep(1000);
                Platform.runLater(() -> ((Button) Window.getWindows().get(0).getScene().lookup("#presetPaper")).fire());
                Thread.sleep((long) (seconds * 1000));
                Platform.runLater(() -> {
                    System.out.println("CLOSE-AT " + System.currentTimeMillis());
                    Window.getWindows().get(0).hide();
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "close-check");
        driver.setDaemon(true);
        driver.start();
        WorkbenchApp.launchWindow(new String[0]);
    }
}
