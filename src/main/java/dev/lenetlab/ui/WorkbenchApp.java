package dev.lenetlab.ui;

import javafx.application.Application;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/** The JavaFX application: for now a plain window that says what the product is. */
public final class WorkbenchApp extends Application {
    @Override
    public void start(Stage stage) {
        Label title = new Label("LeNet Lab");
        title.setStyle("-fx-font-size: 28px; -fx-font-weight: bold;");
        Label body = new Label("Train LeNet-5 on MNIST and compare activations and optimizers.\n"
                + "The workbench is under construction; the command line already trains:\n"
                + "    java -jar target/lenet-lab.jar train --help");
        VBox root = new VBox(16, title, body);
        root.setPadding(new Insets(24));
        stage.setTitle("LeNet Lab");
        stage.setScene(new Scene(root, 720, 360));
        stage.show();
    }
}
