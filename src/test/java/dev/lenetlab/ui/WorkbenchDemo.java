package dev.lenetlab.ui;

import dev.lenetlab.engine.Activation;
import dev.lenetlab.engine.WorkerPool;
import dev.lenetlab.experiment.data.MnistDataset;
import dev.lenetlab.ui.model.Preset;
import dev.lenetlab.ui.model.RunState;
import dev.lenetlab.ui.model.RunViewModel;
import dev.lenetlab.ui.view.PngExport;
import dev.lenetlab.ui.view.Shortcut;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Callable;

/**
 * Not a test: a driver for looking at the window (screenshots under Xvfb). Opens the workbench on
 * the workspace {@code -Dlenetlab.workspace} and plays the steps of {@code -Ddemo.script},
 * separated by ';': {@code act NAME}, {@code iterations N}, {@code start}, {@code preset},
 * {@code trio} (sigmoid, relu and mish with the setup's budget), {@code select N}, {@code help},
 * {@code show N}, {@code sleep SECONDS}, {@code waitdone}, {@code snap FILE}, {@code exit}.
 */
public final class WorkbenchDemo {
    public static void main(String[] args) {
        Application.launch(App.class, args);
    }

    /** The application the driver runs. */
    public static final class App extends Application {
    private Workbench workbench;

    @Override
    public void start(Stage stage) {
        workbench = Workbench.standard();
        workbench.show(stage);
        String script = System.getProperty("demo.script", "");
        Thread t = new Thread(() -> play(script), "demo");
        t.setDaemon(true);
        t.start();
    }

    private void play(String script) {
        try {
            Thread.sleep(1500);
            for (String raw : script.split(";")) {
                String step = raw.trim();
                if (step.isEmpty()) {
                    continue;
                }
                String[] w = step.split("\\s+", 2);
                String arg = w.length > 1 ? w[1] : "";
                System.out.println("demo: " + step);
                switch (w[0]) {
                    case "act" -> fx(() -> workbench.model().setup().activationProperty().set(Activation.fromId(arg)));
                    case "iterations" -> fx(() -> workbench.model().setup().iterations().setText(arg));
                    case "evalevery" -> fx(() -> workbench.model().setup().evalEvery().setText(arg));
                    case "lr" -> fx(() -> workbench.model().setup().learningRate().setText(arg));
                    case "start" -> fx(() -> workbench.model().startRun());
                    case "preset" -> fx(() -> workbench.model().launchPreset(Preset.SIGMOID_RELU_MISH));
                    case "trio" -> fx(() -> {
                        for (Activation a : new Activation[] {Activation.SIGMOID, Activation.RELU, Activation.MISH}) {
                            workbench.model().setup().activationProperty().set(a);
                            workbench.model().startRun();
                        }
                    });
                    case "select" -> fx(() -> workbench.model().runs().stream()
                            .filter(r -> r.number() == Integer.parseInt(arg)).findFirst()
                            .ifPresent(workbench.model()::select));
                    case "show" -> fx(() -> workbench.model().runs().stream()
                            .filter(r -> r.number() == Integer.parseInt(arg)).findFirst()
                            .ifPresent(r -> r.setVisible(true)));
                    case "help" -> fx(() -> workbench.view().helpOverlay().toggle());
                    case "sleep" -> Thread.sleep((long) (Double.parseDouble(arg) * 1000));
                    case "waitdone" -> {
                        while (call(() -> workbench.model().runs().stream().map(RunViewModel::getState)
                                .anyMatch(RunState::active))) {
                            Thread.sleep(1000);
                        }
                    }
                    case "snap" -> fx(() -> {
                        try {
                            PngExport.write(workbench.view().getScene().getRoot().snapshot(null, null), Path.of(arg));
                        } catch (Exception e) {
                            e.printStackTrace();
                        }
                    });
                    case "latency" -> latency(Double.parseDouble(arg));
                    case "tab" -> fx(() -> workbench.view().run(arg.equals("draw") ? Shortcut.DRAW_TAB : Shortcut.TRAINING_TAB));
                    case "stroke" -> stroke(arg);
                    case "clear" -> fx(() -> workbench.view().drawingModel().clear());
                    case "exit" -> fx(Platform::exit);
                    default -> System.out.println("demo: unknown step " + step);
                }
            }
        } catch (Exception e) {
            e.printStackTrace();
        }
    }

    /**
     * Draws with the system's mouse (a JavaFX robot, so real pointer events reach the canvas):
     * {@code x,y x,y …} in canvas coordinates, the button held from the first point to the last.
     */
    private void stroke(String points) throws Exception {
        String[] pairs = points.trim().split("\\s+");
        javafx.scene.canvas.Canvas canvas = workbench.view().drawingPanel().canvas();
        javafx.scene.robot.Robot[] robot = new javafx.scene.robot.Robot[1];
        fx(() -> robot[0] = new javafx.scene.robot.Robot());
        double[] prev = null;
        for (int i = 0; i < pairs.length; i++) {
            String[] xy = pairs[i].split(",");
            double[] now = {Double.parseDouble(xy[0]), Double.parseDouble(xy[1])};
            int steps = prev == null ? 1 : 10;
            for (int s = 1; s <= steps; s++) {
                double t = s / (double) steps;
                double x = prev == null ? now[0] : prev[0] + t * (now[0] - prev[0]);
                double y = prev == null ? now[1] : prev[1] + t * (now[1] - prev[1]);
                fx(() -> robot[0].mouseMove(canvas.localToScreen(x, y)));
                Thread.sleep(8);
            }
            if (prev == null) {
                fx(() -> robot[0].mousePress(javafx.scene.input.MouseButton.PRIMARY));
            }
            prev = now;
        }
        fx(() -> robot[0].mouseRelease(javafx.scene.input.MouseButton.PRIMARY));
        Thread.sleep(300);
    }

    /**
     * For {@code seconds}, every 100 ms: moves the smoothing slider (or switches the selected run) on
     * the JavaFX thread and measures how long until the next frame has been drawn with it; prints the
     * median and the worst.
     */
    private void latency(double seconds) throws Exception {
        java.util.List<Double> millis = new java.util.ArrayList<>();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        int i = 0;
        while (System.nanoTime() < end) {
            int k = i++;
            long t0 = System.nanoTime();
            CompletableFuture<Void> drawn = new CompletableFuture<>();
            Platform.runLater(() -> {
                if (k % 2 == 0) {
                    workbench.view().smoothingSlider().setValue(k % 4 == 0 ? 0.3 : 0.8);
                } else {
                    var runs = workbench.model().runs();
                    if (!runs.isEmpty()) {
                        workbench.model().select(runs.get(k % runs.size()));
                    }
                }
                // Done when the next pulse has laid out and rendered the change.
                Runnable[] after = new Runnable[1];
                after[0] = () -> {
                    workbench.view().getScene().removePostLayoutPulseListener(after[0]);
                    drawn.complete(null);
                };
                workbench.view().getScene().addPostLayoutPulseListener(after[0]);
            });
            drawn.get();
            millis.add((System.nanoTime() - t0) / 1e6);
            Thread.sleep(100);
        }
        java.util.Collections.sort(millis);
        System.out.printf(java.util.Locale.ROOT, "latency: %d interactions, median %.1f ms, 95th %.1f ms, worst %.1f ms%n",
                millis.size(), millis.get(millis.size() / 2), millis.get((int) (millis.size() * 0.95)),
                millis.get(millis.size() - 1));
    }

    private static void fx(Runnable r) throws Exception {
        call(() -> {
            r.run();
            return null;
        });
    }

    private static <T> T call(Callable<T> c) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(c.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        return f.get();
    }

    @Override
    public void stop() {
        if (workbench != null) {
            workbench.close(Duration.ofSeconds(1));
        }
        Runtime.getRuntime().halt(0);
    }

}
}
