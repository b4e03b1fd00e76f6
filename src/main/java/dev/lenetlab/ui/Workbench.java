package dev.lenetlab.ui;

import dev.lenetlab.engine.WorkerPool;
import dev.lenetlab.experiment.RunWorkspace;
import dev.lenetlab.experiment.data.DatasetCache;
import dev.lenetlab.experiment.data.MnistDataset;
import dev.lenetlab.ui.model.WorkbenchViewModel;
import dev.lenetlab.ui.view.WorkbenchView;
import javafx.stage.Stage;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The workbench put together: its view-model (over a workspace and the machine's cores) and its
 * view, shown in a stage. The application and the UI tests build it the same way.
 */
public final class Workbench {
    /** System property naming the workspace folder; {@code runs} when unset. */
    public static final String WORKSPACE_PROPERTY = "lenetlab.workspace";
    /** The window's one stylesheet. */
    public static final String STYLESHEET = "/dev/lenetlab/ui/workbench.css";
    public static final double WIDTH = 1280;
    public static final double HEIGHT = 800;

    private final WorkbenchViewModel model;
    private final WorkbenchView view;

    /**
     * @param workspace the folder of run folders
     * @param dataDirectory the bundled MNIST folder
     * @param cores the thread budget the runs share
     */
    public Workbench(Path workspace, Path dataDirectory, int cores) {
        model = new WorkbenchViewModel(workspace, dataDirectory, cores, DatasetCache.shared());
        model.loadWorkspace();
        model.describeDatasetInBackground();
        view = new WorkbenchView(model, stylesheet());
    }

    /** The workbench as the application opens it: workspace {@code runs} (or the property), all cores. */
    public static Workbench standard() {
        TrainingFirstCompiler.apply();
        String ws = System.getProperty(WORKSPACE_PROPERTY);
        Path workspace = ws == null || ws.isBlank() ? RunWorkspace.DEFAULT : Path.of(ws);
        return new Workbench(workspace, MnistDataset.defaultDirectory(), WorkerPool.availableCores());
    }

    public static String stylesheet() {
        return Objects.requireNonNull(Workbench.class.getResource(STYLESHEET), STYLESHEET).toExternalForm();
    }

    public void show(Stage stage) {
        stage.setTitle("LeNet Lab — workbench");
        stage.setScene(view.newScene(WIDTH, HEIGHT));
        stage.setMinWidth(960);
        stage.setMinHeight(620);
        stage.show();
        view.runsTable().requestFocus();
    }

    public WorkbenchViewModel model() {
        return model;
    }

    public WorkbenchView view() {
        return view;
    }

    /** Stops every run and the frame timer; waits up to {@code timeout} for the runs to write their files. */
    public boolean close(Duration timeout) {
        view.dispose();
        return model.shutdown(timeout);
    }
}
