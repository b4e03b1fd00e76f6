package dev.lenetlab.ui;

import dev.lenetlab.experiment.data.MnistDataset;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;

import java.nio.file.Path;
import java.time.Duration;

import static dev.lenetlab.ui.UiSupport.fxRun;

/**
 * The UI tests' fixture: every test gets a new window (2 worker threads, the bundled MNIST) on an
 * empty workspace of its own (or on one its class prepared), and the window's threads are stopped
 * after it.
 */
@ExtendWith(ApplicationExtension.class)
abstract class FreshWindowTest {
    @TempDir
    Path workspace;
    Workbench workbench;

    /** Called by each test class's {@code @Start} method (TestFX looks for it in the test class only). */
    void open(Stage stage) {
        open(stage, workspace);
    }

    /** The window on a workspace the test class has prepared (runs of an earlier start, say). */
    void open(Stage stage, Path prepared) {
        workbench = new Workbench(prepared, MnistDataset.defaultDirectory(), 2);
        workbench.show(stage);
    }

    @AfterEach
    void close() {
        fxRun(() -> workbench.view().dispose());
        workbench.model().shutdown(Duration.ofSeconds(10));
    }
}
