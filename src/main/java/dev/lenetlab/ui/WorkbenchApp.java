package dev.lenetlab.ui;

import javafx.application.Application;
import javafx.stage.Stage;

import java.time.Duration;

/**
 * The JavaFX application: the workbench window. Closing it stops every run (each writes its files
 * as cancelled) and ends the JVM within two seconds, whatever the runs are doing.
 */
public final class WorkbenchApp extends Application {
    /** Time the runs get to stop and write their files when the window closes. */
    static final Duration STOP_GRACE = Duration.ofMillis(1200);
    /** The JVM ends this long after the window closes, at the latest. */
    static final long EXIT_DEADLINE_MILLIS = 1900;

    private Workbench workbench;

    /** Opens the window, or explains why it cannot (no display) and exits with 2. */
    static void launchWindow(String[] args) {
        String display = System.getenv("DISPLAY");
        String wayland = System.getenv("WAYLAND_DISPLAY");
        boolean monocle = "Monocle".equals(System.getProperty("glass.platform"));
        if (!monocle && (display == null || display.isBlank()) && (wayland == null || wayland.isBlank())
                && !isMacOrWindows()) {
            System.err.println("error: no display (DISPLAY is not set): the workbench needs a graphical session. "
                    + "The command line works without one: java -jar target/lenet-lab.jar --help");
            System.exit(2);
        }
        Application.launch(WorkbenchApp.class, args);
        System.exit(0);
    }

    private static boolean isMacOrWindows() {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        return os.contains("mac") || os.contains("win");
    }

    @Override
    public void start(Stage stage) {
        workbench = Workbench.standard();
        workbench.show(stage);
    }

    @Override
    public void stop() {
        // Whatever happens below, the JVM ends in time.
        Thread deadline = new Thread(() -> {
            try {
                Thread.sleep(EXIT_DEADLINE_MILLIS);
            } catch (InterruptedException ignored) {
                return;
            }
            Runtime.getRuntime().halt(0);
        }, "lenetlab-exit-deadline");
        deadline.setDaemon(true);
        deadline.start();
        if (workbench != null) {
            workbench.close(STOP_GRACE);
        }
    }
}
