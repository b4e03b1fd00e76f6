package dev.lenetlab.ui;

import dev.lenetlab.experiment.Json;
import dev.lenetlab.ui.model.Preset;
import dev.lenetlab.ui.model.RunState;
import dev.lenetlab.ui.model.RunViewModel;
import dev.lenetlab.ui.view.Shortcut;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.lenetlab.ui.UiSupport.fx;
import static dev.lenetlab.ui.UiSupport.fxRun;
import static dev.lenetlab.ui.UiSupport.type;
import static dev.lenetlab.ui.UiSupport.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The workbench window driven through its controls, headless (Monocle), on small real-MNIST budgets.
 */
class WorkbenchUiTest extends FreshWindowTest {
    @Start
    void start(Stage stage) {
        open(stage);
    }

    private RunViewModel onlyRun() {
        return fx(() -> {
            assertEquals(1, workbench.model().runs().size());
            return workbench.model().runs().get(0);
        });
    }

    /** A small budget typed into the setup panel. */
    private void typeSmallBudget(FxRobot robot, int iterations) {
        type(robot, "#batchSize", "32");
        type(robot, "#iterations", Integer.toString(iterations));
        type(robot, "#evalEvery", "20");
        type(robot, "#evalSize", "200");
    }

    @Test
    void firstStartSaysWhatToDo(FxRobot robot) {
        Node welcome = robot.lookup("#welcome").query();
        assertTrue(fx(welcome::isVisible));
        javafx.scene.chart.NumberAxis accuracyAxis = fx(() -> (javafx.scene.chart.NumberAxis)
                robot.lookup("#accuracyChart").lookup(".chart").queryAs(javafx.scene.chart.LineChart.class).getYAxis());
        assertEquals(100.0, fx(accuracyAxis::getUpperBound), "an empty accuracy chart ends at 100%");
        Button start = robot.lookup("#welcomeStart").queryButton();
        assertFalse(fx(start::isDisabled));
        assertEquals("Start mish run", fx(start::getText));
        assertTrue(fx(() -> robot.lookup("#welcomePreset").queryButton().getText())
                .contains("Sigmoid vs ReLU vs Mish"));
        assertFalse(fx(() -> robot.lookup("#startButton").queryButton().isDisabled()));
        waitUntil("the dataset is described", 60, () -> robot.lookup("#welcomeDataset").queryAs(Label.class)
                .getText().contains("60,000 training and 10,000 test images"));
        assertFalse(fx(() -> robot.lookup("#presetFmsgd").queryButton().isDisabled()),
                "GD vs FMSGD is one click away");
    }

    @Test
    void invalidInputIsMarkedAtTheFieldAndKeepsStartDisabled(FxRobot robot) {
        type(robot, "#learningRate", "abc");
        Label error = robot.lookup("#learningRateError").queryAs(Label.class);
        assertTrue(fx(error::isVisible));
        assertTrue(fx(error::getText).contains("not a number"), fx(error::getText));
        assertTrue(fx(() -> robot.lookup("#startButton").queryButton().isDisabled()));
        assertTrue(fx(() -> robot.lookup("#welcomeStart").queryButton().isDisabled()));
        assertTrue(fx(() -> robot.lookup("#learningRate").queryAs(TextField.class).getPseudoClassStates()
                .stream().anyMatch(p -> p.getPseudoClassName().equals("invalid"))));

        type(robot, "#learningRate", "0.05");
        assertFalse(fx(error::isVisible));
        assertFalse(fx(() -> robot.lookup("#startButton").queryButton().isDisabled()));

        type(robot, "#batchSize", "0");
        assertEquals("must be from 1 to 4,096", fx(() -> robot.lookup("#batchSizeError").queryAs(Label.class).getText()));
        assertTrue(fx(() -> robot.lookup("#startButton").queryButton().isDisabled()));
        type(robot, "#iterations", "50");
        type(robot, "#batchSize", "64");
        assertTrue(fx(() -> robot.lookup("#evalEveryError").queryAs(Label.class).getText())
                .contains("at most the iterations (50)"));
        robot.clickOn("#startButton"); // disabled: nothing starts
        robot.push(KeyCode.CONTROL, KeyCode.ENTER);
        assertTrue(fx(() -> workbench.model().runs().isEmpty()));
    }

    @Test
    void aRunSetUpThroughTheControlsTrainsAndFillsBothChartsAndTheConfusionMatrix(FxRobot robot) throws Exception {
        robot.clickOn("#activation").clickOn("relu");
        assertTrue(fx(() -> robot.lookup("#activationFormula").queryAs(Label.class).getText()).contains("max(0, x)"));
        robot.clickOn("#activation").clickOn("mish");
        assertTrue(fx(() -> robot.lookup("#activationFormula").queryAs(Label.class).getText()).contains("tanh"));
        type(robot, "#learningRate", "0.05");
        typeSmallBudget(robot, 60);
        robot.clickOn("#startButton");

        RunViewModel run = onlyRun();
        assertEquals("mish", run.activationId());
        assertEquals(0.05, ((Number) run.settings().get("learning_rate")).doubleValue());
        assertFalse(fx(() -> robot.lookup("#welcome").query().isVisible()));
        waitUntil("a point on both charts", 90, () -> workbench.view().accuracyChart().pointsOf(run) > 0
                && workbench.view().lossChart().pointsOf(run) > 0);
        waitUntil("the confusion matrix fills", 30, () -> workbench.view().confusionView().getMatrix() != null
                && workbench.view().confusionView().getMatrix().total() > 0);
        waitUntil("finished", 90, () -> run.getState() == RunState.FINISHED);
        assertEquals(3, fx(() -> workbench.view().accuracyChart().pointsOf(run)));
        javafx.scene.chart.NumberAxis iterationAxis = fx(() -> (javafx.scene.chart.NumberAxis)
                robot.lookup("#accuracyChart").lookup(".chart").queryAs(javafx.scene.chart.LineChart.class).getXAxis());
        assertEquals(run.totalIterationsProperty().get(), fx(iterationAxis::getUpperBound), "the axis ends with the run");
        assertEquals(2, fx(() -> workbench.view().lossChart().curvesOf(run)), "train and test loss");
        assertEquals(10_000, fx(() -> workbench.view().confusionView().getMatrix().total()), "full test set at the end");
        assertTrue(fx(() -> workbench.view().confusionView().metricTexts()).stream()
                .flatMap(r -> List.of(r).stream()).noneMatch(t -> t.contains("NaN")));
        assertTrue(fx(() -> robot.lookup("#confusionCaption").queryAs(Label.class).getText()).startsWith("full test set"));
        assertTrue(fx(() -> workbench.view().networkDiagram().headingText()).contains("mish"));
        Path folder = run.folderProperty().get();
        assertEquals("finished", Json.readObject(Files.readString(folder.resolve("run.json"))).get("status"));
        assertTrue(robot.lookup(".table-row-cell").lookup("finished").tryQuery().isPresent(), "state shown in the list");
    }

    @Test
    void spacePausesAndResumesTheSelectedRun(FxRobot robot) {
        typeSmallBudget(robot, 20_000);
        robot.clickOn("#startButton");
        RunViewModel run = onlyRun();
        waitUntil("two evaluations", 90, () -> run.rows().size() >= 2);
        robot.clickOn("#runsTable");
        robot.push(KeyCode.SPACE);
        waitUntil("paused", 5, () -> run.getState() == RunState.PAUSED);
        int rows = fx(() -> run.rows().size());
        UiSupport.sleep(800);
        assertEquals(rows, fx(() -> run.rows().size()), "no evaluations while paused");
        robot.clickOn("#pause-" + run.number()); // the row's resume button
        waitUntil("running again", 5, () -> run.getState() == RunState.RUNNING);
        waitUntil("more evaluations", 30, () -> run.rows().size() > rows);
        robot.push(KeyCode.SPACE);
        waitUntil("paused by key again", 5, () -> run.getState() == RunState.PAUSED);
        robot.push(KeyCode.SPACE);
        waitUntil("resumed by key", 5, () -> run.getState() == RunState.RUNNING);
    }

    @Test
    void stopEndsARunAndItsMetricsStayInTheChartsAndTheCsv(FxRobot robot) throws Exception {
        typeSmallBudget(robot, 20_000);
        robot.clickOn("#startButton");
        RunViewModel run = onlyRun();
        waitUntil("two evaluations", 90, () -> run.rows().size() >= 2);
        robot.clickOn("#stop-" + run.number());
        waitUntil("cancelled", 3, () -> run.getState() == RunState.CANCELLED);
        WaitForAsyncUtils.waitForFxEvents();
        int rows = fx(() -> run.rows().size());
        assertEquals(rows, fx(() -> workbench.view().accuracyChart().pointsOf(run)), "the curve stays");
        Path folder = run.folderProperty().get();
        assertEquals(rows + 1, Files.readAllLines(folder.resolve("metrics.csv")).size());
        assertEquals("cancelled", Json.readObject(Files.readString(folder.resolve("run.json"))).get("status"));
        assertTrue(fx(() -> robot.lookup("#remove-" + run.number()).queryButton().isDisabled()) == false,
                "an ended run can be removed");
        robot.clickOn("#remove-" + run.number());
        assertTrue(fx(() -> workbench.model().runs().isEmpty()));
        waitUntil("its curve is gone", 2, () -> workbench.view().accuracyChart().pointsDrawn() == 0);
    }

    @Test
    void thePresetLaunchesThreeRunsAsAGroupAndKeyboardStopsTheSelected(FxRobot robot) {
        robot.clickOn("#presetPaper");
        List<RunViewModel> runs = fx(() -> List.copyOf(workbench.model().runs()));
        assertEquals(3, runs.size());
        assertEquals(List.of("sigmoid", "relu", "mish"), runs.stream().map(RunViewModel::activationId).toList());
        runs.forEach(r -> assertEquals(Preset.SIGMOID_RELU_MISH.name(), r.group()));
        waitUntil("two training, one queued", 10, () -> runs.get(0).threadsProperty().get() == 1
                && runs.get(1).threadsProperty().get() == 1 && runs.get(2).getState() == RunState.QUEUED);
        fxRun(() -> workbench.model().select(runs.get(2)));
        robot.push(KeyCode.CONTROL, KeyCode.PERIOD);
        assertEquals(RunState.CANCELLED, fx(() -> runs.get(2).getState()), "the queued run leaves the queue");
        fxRun(() -> workbench.model().stopAll());
        waitUntil("all stopped", 30, () -> runs.stream().allMatch(r -> r.getState().ended()));
    }

    /** Ctrl+Z and Backspace belong to the text field being typed in, on either tab; the drawing's only on the Draw tab. */
    @Test
    void ctrlZUndoesTypingInTheSetupFieldsAndTouchesTheDrawingOnlyWhenItHasTheKeys(FxRobot robot) {
        TextField rate = robot.lookup("#learningRate").queryAs(TextField.class);
        String before = fx(rate::getText);
        robot.clickOn("#learningRate");
        robot.push(KeyCode.END);
        robot.write("5");
        assertEquals(before + "5", fx(rate::getText));
        robot.push(KeyCode.CONTROL, KeyCode.Z);
        assertEquals(before, fx(rate::getText), "Ctrl+Z undid the typing on the Training tab");

        fxRun(() -> workbench.view().run(Shortcut.DRAW_TAB));
        var drawing = workbench.view().drawingModel();
        fxRun(() -> {
            drawing.penDown(150, 40);
            drawing.penMove(146, 240);
            drawing.penUp();
        });
        robot.clickOn("#learningRate");
        robot.push(KeyCode.END);
        robot.write("7");
        robot.push(KeyCode.CONTROL, KeyCode.Z);
        assertEquals(before, fx(rate::getText), "Ctrl+Z undid the typing on the Draw tab too");
        robot.push(KeyCode.BACK_SPACE);
        assertEquals(before.substring(0, before.length() - 1), fx(rate::getText), "Backspace deleted in the field");
        assertEquals(1, fx(() -> drawing.strokeCountProperty().get()), "the stroke is untouched");

        robot.clickOn("#drawingCanvas"); // a dot: the canvas takes the focus
        assertEquals(2, fx(() -> drawing.strokeCountProperty().get()));
        robot.push(KeyCode.CONTROL, KeyCode.Z);
        assertEquals(1, fx(() -> drawing.strokeCountProperty().get()), "Ctrl+Z on the canvas undoes a stroke");
        assertEquals(before.substring(0, before.length() - 1), fx(rate::getText));
    }

    @Test
    void theHelpOverlayListsEveryShortcut(FxRobot robot) {
        Node help = robot.lookup("#helpOverlay").query();
        assertFalse(fx(help::isVisible));
        robot.clickOn("#runsTable");
        robot.push(KeyCode.F1);
        assertTrue(fx(help::isVisible));
        assertEquals(fx(() -> workbench.view().getScene().getWidth()),
                fx(() -> ((javafx.scene.layout.Region) help).getWidth()), "it covers the window");
        assertEquals(Shortcut.values().length, robot.lookup("#helpOverlay").lookup(".keycap").queryAll().size());
        assertTrue(robot.lookup("#helpOverlay").lookup("Pause or resume the selected run").tryQuery().isPresent());
        robot.push(KeyCode.ESCAPE);
        assertFalse(fx(help::isVisible));
        robot.clickOn("#helpButton");
        assertTrue(fx(help::isVisible));
        robot.clickOn("#helpOverlay");
        assertFalse(fx(help::isVisible));
    }
}
