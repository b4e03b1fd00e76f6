package dev.lenetlab.ui;

import dev.lenetlab.experiment.model.Classifier;
import dev.lenetlab.ui.model.DrawingViewModel;
import dev.lenetlab.ui.model.RunViewModel;
import dev.lenetlab.ui.view.Shortcut;
import javafx.geometry.Point2D;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.TilePane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.lenetlab.ui.UiSupport.fx;
import static dev.lenetlab.ui.UiSupport.fxRun;
import static dev.lenetlab.ui.UiSupport.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The drawing panel driven by the mouse, headless: a stroke on the canvas brings the probabilities. */
class DrawingUiTest extends FreshWindowTest {
    @Start
    void start(Stage stage) {
        open(stage);
    }

    private DrawingViewModel drawing() {
        return workbench.view().drawingModel();
    }

    private void openDrawTab(FxRobot robot) {
        fxRun(() -> workbench.view().run(Shortcut.DRAW_TAB));
        WaitForAsyncUtils.waitForFxEvents();
        waitUntil("the canvas is shown", 5, () -> robot.lookup("#drawingCanvas").query().isVisible()
                && robot.lookup("#drawingCanvas").query().getScene() != null);
    }

    /** Drags the mouse through {@code points} (canvas coordinates) with the button held. */
    private void stroke(FxRobot robot, double... points) {
        Canvas canvas = robot.lookup("#drawingCanvas").query();
        Point2D first = fx(() -> canvas.localToScreen(points[0], points[1]));
        robot.moveTo(first);
        robot.press(MouseButton.PRIMARY);
        for (int i = 2; i < points.length; i += 2) {
            double x0 = points[i - 2], y0 = points[i - 1], x1 = points[i], y1 = points[i + 1];
            for (int s = 1; s <= 8; s++) {
                double t = s / 8.0;
                Point2D p = fx(() -> canvas.localToScreen(x0 + t * (x1 - x0), y0 + t * (y1 - y0)));
                robot.moveTo(p);
            }
        }
        robot.release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void anEmptyCanvasAsksForADigitAndGuessesNothing(FxRobot robot) {
        openDrawTab(robot);
        waitUntil("the bundled model has loaded", 10, () -> drawing().modelProperty().get() != null);
        assertEquals(DrawingViewModel.EMPTY_PROMPT, fx(() -> robot.lookup("#verdict").queryAs(Label.class).getText()));
        assertNull(fx(() -> drawing().classificationProperty().get()));
        assertTrue(fx(() -> robot.lookup("#modelPicker").queryAs(ComboBox.class).getValue().toString())
                .startsWith("bundled model"));
    }

    @Test
    void aStrokeOnTheCanvasBringsTheProbabilitiesAndTheFeatureMaps(FxRobot robot) {
        openDrawTab(robot);
        stroke(robot, 150, 40, 146, 140, 142, 240);
        waitUntil("the drawing is classified", 10, () -> drawing().classificationProperty().get() != null);
        Classifier.Classification c = fx(() -> drawing().classificationProperty().get());
        double sum = 0;
        for (double p : c.probabilities()) {
            sum += p;
        }
        assertEquals(1.0, sum, 1e-9);
        assertEquals(1, c.predicted(), "a vertical stroke is a 1");
        String verdict = fx(() -> robot.lookup("#verdict").queryAs(Label.class).getText());
        assertTrue(verdict.startsWith("1  ("), verdict);
        assertEquals(6, fx(() -> robot.lookup("#c1Maps").queryAs(TilePane.class).getChildren().size()));
        assertEquals(16, fx(() -> robot.lookup("#c3Maps").queryAs(TilePane.class).getChildren().size()));
        assertNotNull(fx(() -> robot.lookup("#networkInput").queryAs(ImageView.class).getImage()));
        float[] input = fx(() -> drawing().inputProperty().get());
        assertEquals(28 * 28, input.length);
    }

    @Test
    void clearAndUndoBringBackTheEmptyCanvas(FxRobot robot) {
        openDrawTab(robot);
        stroke(robot, 70, 50, 210, 50, 170, 140, 130, 240);
        waitUntil("the drawing is classified", 10, () -> drawing().classificationProperty().get() != null);
        robot.push(KeyCode.CONTROL, KeyCode.Z);
        waitUntil("Ctrl+Z took the stroke back", 5, () -> drawing().strokeCountProperty().get() == 0
                && drawing().classificationProperty().get() == null);
        stroke(robot, 150, 40, 146, 140, 142, 240);
        waitUntil("the drawing is classified", 10, () -> drawing().classificationProperty().get() != null);
        robot.push(KeyCode.BACK_SPACE);
        waitUntil("Backspace cleared the canvas", 5, () -> drawing().strokeCountProperty().get() == 0
                && DrawingViewModel.EMPTY_PROMPT.equals(drawing().verdictProperty().get()));
    }

    @Test
    void aRunWhoseModelCannotBeLoadedIsReportedAndThePickerGoesBackToTheModelInUse(FxRobot robot) throws Exception {
        Path folder = RunFolders.write(workspace, "a-mish", "mish", "max", "finished", 10);
        byte[] damaged = new byte[300];
        System.arraycopy("LENETLAB".getBytes(StandardCharsets.US_ASCII), 0, damaged, 0, 8);
        Files.write(folder.resolve("model.lenet"), damaged);
        fxRun(() -> workbench.model().loadWorkspace());
        openDrawTab(robot);
        waitUntil("the run is listed", 10, () -> drawing().models().size() == 2 && drawing().modelProperty().get() != null);
        ComboBox<DrawingViewModel.ModelChoice> picker = robot.lookup("#modelPicker").queryComboBox();
        fxRun(() -> picker.setValue(drawing().models().get(1)));
        waitUntil("the load has failed", 10, () -> !drawing().busyProperty().get()
                && drawing().messageProperty().get().startsWith("Cannot use #1 mish"));
        assertTrue(fx(() -> drawing().messageProperty().get()).contains("model.lenet"));
        assertTrue(fx(() -> picker.getValue().key()).equals("bundled"), "the picker shows the model in use");
        assertEquals(2, fx(() -> drawing().models().size()));
    }

    @Test
    void aBrokenModelFileIsReportedAndTheModelInUseIsKept(FxRobot robot) throws Exception {
        openDrawTab(robot);
        waitUntil("the bundled model has loaded", 10, () -> drawing().modelProperty().get() != null);
        Path broken = Files.write(workspace.resolve("broken.lenet"), new byte[] {1, 2, 3});
        fxRun(() -> drawing().openModel(broken));
        waitUntil("the file has been read", 10, () -> !drawing().busyProperty().get()
                && drawing().messageProperty().get().contains("broken.lenet"));
        String message = fx(() -> drawing().messageProperty().get());
        assertTrue(message.contains("broken.lenet is not a LeNet Lab model file") && message.contains("Still using bundled"),
                message);
        assertTrue(fx(() -> robot.lookup("#drawingMessage").queryAs(Label.class).isVisible()));
        assertTrue(fx(() -> drawing().modelProperty().get().label()).startsWith("bundled model"));
    }

    /**
     * A running run picked in the picker stays shown there (labelled with its snapshot's
     * iteration), and once the run ends the picker shows its final model, which Save can write.
     */
    @Test
    void aRunningRunPickedStaysShownAndBecomesItsFinalModelWhenItEnds(FxRobot robot) {
        RunViewModel run = fx(() -> {
            var setup = workbench.model().setup();
            setup.iterations().setText("20000");
            setup.evalEvery().setText("20");
            setup.evalSize().setText("200");
            setup.batchSize().setText("32");
            return workbench.model().startRun().orElseThrow();
        });
        waitUntil("an evaluation", 60, () -> fx(() -> run.rows().size()) >= 1);
        openDrawTab(robot);
        ComboBox<DrawingViewModel.ModelChoice> picker = robot.lookup("#modelPicker").queryComboBox();
        fxRun(() -> drawing().refreshModels());
        waitUntil("the run is offered", 10, () -> fx(() -> drawing().models().size()) == 2);
        fxRun(() -> picker.setValue(drawing().models().get(1)));
        waitUntil("the snapshot is in use", 10, () -> fx(() -> drawing().modelProperty().get().live()));
        fxRun(() -> drawing().refreshModels()); // as opening the picker again does
        waitUntil("the list is read again", 10, () -> !fx(() -> drawing().busyProperty().get()));
        WaitForAsyncUtils.waitForFxEvents();
        String shown = fx(() -> picker.getValue() == null ? null : picker.getValue().label());
        assertTrue(shown != null && shown.startsWith("#1 mish at iteration "), "the picker shows " + shown);
        assertTrue(fx(() -> robot.lookup("#saveModel").queryButton().isDisabled()), "a snapshot has no state to save");

        fxRun(run::stop);
        waitUntil("the picker shows the ended run", 30, () -> fx(() -> picker.getValue() != null
                && picker.getValue().label().startsWith("#1 mish — cancelled")));
        assertEquals(fx(() -> drawing().modelProperty().get()), fx(picker::getValue));
        waitUntil("Save is enabled", 10, () -> !fx(() -> robot.lookup("#saveModel").queryButton().isDisabled()));
    }
}
