package dev.lenetlab.ui;

import javafx.application.Application;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/** The JavaFX application: for now a plain window that says what the product is. */
public final class WorkbenchApp extends Application {

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
    }

    private static boolean isMacOrWindows() {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        return os.contains("mac") || os.contains("win");
    }

    @Override
    public void start(Stage stage) {
        Label title = new Label("LeNet Lab");
        title.setStyle("-fx-font-size: 28px; -fx-font-weight: bold;");
        Label body = new Label("Train LeNet-5 on MNIST and compare activations and optimizers.\n"
                + "The workbench window is being built; the command line already trains:\n"
                + "    java -jar target/lenet-lab.jar train --help");
        VBox root = new VBox(16, title, body);
        root.setPadding(new Insets(24));
        stage.setTitle("LeNet Lab");
        stage.setScene(new Scene(root, 720, 360));
        stage.show();
    }
}
