package dev.lenetlab.ui;

import dev.lenetlab.experiment.cli.Cli;
import dev.lenetlab.ui.chart.MetricChart;
import dev.lenetlab.ui.model.RunState;
import dev.lenetlab.ui.model.RunViewModel;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.lenetlab.ui.UiSupport.fx;
import static dev.lenetlab.ui.UiSupport.fxRun;
import static dev.lenetlab.ui.UiSupport.waitUntil;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs from an earlier start, found in the workspace when the window opens: two written as the
 * command line writes them and one made by the command line itself.
 */
class EarlierRunsUiTest extends FreshWindowTest {
    @TempDir
    static Path earlier;
    @TempDir
    Path out;

    @BeforeAll
    static void earlierStart() throws Exception {
        RunFolders.write(earlier, "20250101-120000-relu-seed1", "relu", "max", "finished", 30);
        RunFolders.write(earlier, "20250101-130000-sigmoid-seed1", "sigmoid", "avg", "diverged", 10);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        int code = Cli.run(new String[] {"train", "--activation", "tanh", "--iterations", "40", "--eval-every", "20",
                "--eval-size", "200", "--batch", "16", "--out", earlier.resolve("20250101-140000-cli").toString()},
                new PrintStream(sink), new PrintStream(sink));
        assertEquals(0, code, sink.toString());
    }

    @Start
    void start(Stage stage) {
        open(stage, earlier);
    }

    private RunViewModel run(int number) {
        return fx(() -> workbench.model().runs().stream().filter(r -> r.number() == number).findFirst().orElseThrow());
    }

    private MetricChart accuracy() {
        return workbench.view().accuracyChart();
    }

    @Test
    void runsFromAnEarlierStartAreListedAndOverlayWhenShown(FxRobot robot) {
        assertEquals(3, fx(() -> workbench.model().runs().size()));
        RunViewModel relu = run(1);
        RunViewModel cli = run(3);
        assertEquals("#1 relu", relu.name());
        assertEquals(RunState.FINISHED, fx(relu::getState));
        assertEquals("#3 tanh", cli.name());
        assertEquals(RunState.FINISHED, fx(cli::getState), "the command line's run reads too");
        assertEquals(2, fx(() -> cli.rows().size()));
        assertTrue(robot.lookup("#runsTable").lookup("97.50%").tryQuery().isPresent(), "final accuracy listed");
        assertTrue(robot.lookup("#runsTable").lookup("earlier").tryQuery().isPresent());
        assertTrue(fx(() -> robot.lookup("#welcomeEarlier").queryAs(Label.class).getText()).contains("3 earlier run"));
        assertEquals(0, fx(() -> accuracy().pointsOf(relu)), "listed, not yet overlaid");

        robot.clickOn("#show-1");
        robot.clickOn("#show-3");
        waitUntil("both overlaid", 3, () -> accuracy().pointsOf(relu) == 30 && accuracy().pointsOf(cli) == 2);
        assertEquals(2, fx(() -> workbench.view().lossChart().curvesOf(relu)));
        assertFalse(fx(() -> robot.lookup("#welcome").query().isVisible()));
    }

    @Test
    void aChartExportsToAPngOfTwiceItsSizeWithTitleAndLegend(FxRobot robot) throws Exception {
        fxRun(() -> run(1).setVisible(true));
        waitUntil("overlaid", 3, () -> accuracy().pointsOf(run(1)) == 30);
        Path png = out.resolve("accuracy.png");
        assertTrue(fx(() -> workbench.view().exportChart(accuracy(), png)));
        byte[] bytes = Files.readAllBytes(png);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'},
                java.util.Arrays.copyOf(bytes, 8), "a PNG file");
        BufferedImage image = ImageIO.read(png.toFile());
        double chartWidth = fx(() -> accuracy().chart().getWidth());
        double chartHeight = fx(() -> accuracy().chart().getHeight());
        assertEquals(2 * Math.ceil(chartWidth), image.getWidth(), 1, "2× the chart's width");
        assertTrue(image.getHeight() > 2 * chartHeight + 40, "2× the chart plus title and legend: " + image.getHeight());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 20, "not a single colour: " + colours.size());
        int orange = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (image.getRGB(x, y) == (0xFF000000 | 0xE69F00)) {
                    orange++;
                }
            }
        }
        assertTrue(orange > 50, "the run's curve is drawn in its colour");
        assertTrue(fx(() -> workbench.model().messageProperty().get()).startsWith("Saved"));

        fxRun(() -> workbench.model().select(run(1)));
        Path confusion = out.resolve("confusion.png");
        assertTrue(fx(() -> workbench.view().exportConfusion(confusion)));
        assertNotNull(ImageIO.read(confusion.toFile()));
    }

    @Test
    void anUnwritablePathGivesAMessageNotACrash(FxRobot robot) throws Exception {
        Path blocker = out.resolve("a-file");
        Files.writeString(blocker, "not a folder");
        assertFalse(fx(() -> workbench.view().exportChart(accuracy(), blocker.resolve("chart.png"))));
        Label notice = robot.lookup("#notice").queryAs(Label.class);
        assertTrue(fx(notice::getText).startsWith("Could not write"), fx(notice::getText));
        assertTrue(fx(notice::isVisible));
        assertFalse(fx(() -> workbench.view().exportAll(blocker)));
        assertFalse(Files.exists(blocker.resolve("chart.png")));
    }

    @Test
    void theConfusionMatrixOfTheSelectedRunSaysNaWhereAClassWasNeverPredicted(FxRobot robot) {
        robot.clickOn("#run-1");
        waitUntil("selected", 2, () -> workbench.model().getSelected() == run(1));
        List<String[]> rows = fx(() -> workbench.view().confusionView().metricTexts());
        assertEquals(10, rows.size());
        assertEquals("n/a", rows.get(9)[1], "precision of a class never predicted");
        assertEquals("n/a", rows.get(9)[3], "nor its F1");
        assertEquals("0.000", rows.get(9)[2], "its recall is 0");
        assertTrue(rows.stream().flatMap(r -> List.of(r).stream()).noneMatch(t -> t.contains("NaN")));
        assertTrue(fx(() -> robot.lookup("#confusionCaption").queryAs(Label.class).getText()).startsWith("full test set"));
    }

    @Test
    void theNetworkDiagramFollowsTheSelectedRun(FxRobot robot) {
        assertTrue(fx(() -> workbench.view().networkDiagram().headingText()).contains("mish · max pooling · 61,706"));
        robot.clickOn("#run-2");
        waitUntil("sigmoid shown", 2, () -> workbench.view().networkDiagram().headingText()
                .equals("LeNet-5 · sigmoid · avg pooling · 61,706 parameters"));
        List<String> blocks = fx(() -> workbench.view().networkDiagram().blockTexts());
        assertTrue(blocks.contains("C1 · conv 5×5, pad 2 · 6@28×28 · 156 params · sigmoid"), blocks.toString());
        assertTrue(blocks.contains("S2 · average pool 2×2 · 6@14×14"), blocks.toString());
        assertTrue(blocks.contains("Output · fully connected · 10 · 850 params · softmax"), blocks.toString());
        robot.clickOn("#run-3");
        waitUntil("tanh shown", 2, () -> workbench.view().networkDiagram().headingText().contains("tanh · max"));
    }

    @Test
    void aDivergedRunIsMarkedWhereItDiverged(FxRobot robot) {
        robot.clickOn("#show-2");
        waitUntil("overlaid", 3, () -> accuracy().pointsOf(run(2)) > 0);
        assertEquals(RunState.DIVERGED, fx(() -> run(2).getState()));
        Node marker = robot.lookup("#accuracyChart").lookup(".diverged-marker").query();
        assertNotNull(marker);
        XYChart.Data<Number, Number> last = fx(() -> {
            var data = accuracy().chart().getData().get(0).getData();
            return data.get(data.size() - 1);
        });
        assertEquals(205, last.getXValue().intValue(), "at the iteration where it diverged");
        assertTrue(fx(() -> accuracy().legendItems()).stream().anyMatch(i -> i.text().contains("diverged at 205")));
        assertTrue(robot.lookup("#runsTable").lookup("diverged").tryQuery().isPresent());
    }

    @Test
    void hoverShowsRunIterationAndValue(FxRobot robot) {
        fxRun(() -> run(1).setVisible(true));
        waitUntil("overlaid", 3, () -> accuracy().pointsOf(run(1)) == 30);
        Point2D target = fx(() -> {
            XYChart.Data<Number, Number> d = accuracy().chart().getData().get(0).getData().get(14);
            Region plot = (Region) accuracy().chart().lookup(".chart-plot-background");
            NumberAxis x = (NumberAxis) accuracy().chart().getXAxis();
            NumberAxis y = (NumberAxis) accuracy().chart().getYAxis();
            return plot.localToScreen(x.getDisplayPosition(d.getXValue()), y.getDisplayPosition(d.getYValue()));
        });
        robot.moveTo(target);
        waitUntil("hover text", 3, () -> !accuracy().hoverText().isEmpty());
        String text = fx(() -> accuracy().hoverText());
        assertTrue(text.contains("#1 relu"), text);
        assertTrue(text.contains("iteration 300"), text);
        assertTrue(text.contains("test accuracy"), text);
    }

    @Test
    void showHideColourAndSmoothingChangeOnlyTheView(FxRobot robot) {
        RunViewModel relu = run(1);
        robot.clickOn("#show-1");
        waitUntil("overlaid", 3, () -> accuracy().curvesOf(relu) == 1);
        fxRun(() -> relu.setColour(Color.web("#000000")));
        waitUntil("recoloured", 3, () -> accuracy().styleOf(relu).contains("#000000"));

        Slider slider = robot.lookup("#smoothing").queryAs(Slider.class);
        fxRun(() -> slider.setValue(0));
        waitUntil("raw values", 3, () -> {
            var data = accuracy().chart().getData().get(0).getData();
            return Math.abs(data.get(0).getYValue().doubleValue() - 100 * relu.rows().get(0).testAccuracy()) < 1e-9;
        });
        double raw = fx(() -> accuracy().chart().getData().get(0).getData().get(5).getYValue().doubleValue());
        fxRun(() -> slider.setValue(0.95));
        waitUntil("smoothed values", 3, () ->
                accuracy().chart().getData().get(0).getData().get(5).getYValue().doubleValue() < raw - 0.5);
        assertEquals(30, fx(() -> relu.rows().size()), "the data is unchanged");

        robot.clickOn("#show-1");
        waitUntil("hidden", 3, () -> accuracy().curvesOf(relu) == 0);
        assertTrue(fx(() -> accuracy().legendItems()).isEmpty());
    }
}
