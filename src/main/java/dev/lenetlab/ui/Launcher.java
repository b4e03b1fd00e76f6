package dev.lenetlab.ui;

/** Entry point of the jar (placeholder until the CLI lands). */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) {
        javafx.application.Application.launch(WorkbenchApp.class, args);
    }
}
