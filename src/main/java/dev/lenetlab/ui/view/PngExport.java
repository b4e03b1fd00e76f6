package dev.lenetlab.ui.view;

import dev.lenetlab.ui.chart.MetricChart;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Line;
import javafx.scene.transform.Transform;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.io.OutputStream;
import java.util.List;

/**
 * Renders a panel (a chart, the confusion matrix) to PNG at twice its on-screen size, with a title
 * above and a legend below, as a figure for a report. Must run on the JavaFX thread.
 */
public final class PngExport {
    /** Pixels per on-screen pixel in the exported image. */
    public static final double SCALE = 2;

    private PngExport() {}

    /**
     * The figure: {@code title}, then {@code content} as it shows now, then the legend. The image is
     * {@code SCALE} times the content's width, and {@code SCALE} times the height of the three.
     */
    public static WritableImage render(Region content, String title, List<MetricChart.LegendItem> legend,
                                       String stylesheet) {
        double width = Math.ceil(content.getWidth());
        double height = Math.ceil(content.getHeight());
        SnapshotParameters params = new SnapshotParameters();
        params.setFill(Color.WHITE);
        params.setTransform(Transform.scale(SCALE, SCALE));
        WritableImage body = content.snapshot(params, null);
        ImageView view = new ImageView(body);
        view.setFitWidth(width);
        view.setFitHeight(height);
        view.setSmooth(true);

        Label heading = new Label(title);
        heading.getStyleClass().add("export-title");
        heading.setWrapText(true);
        heading.setMaxWidth(width);
        heading.setPadding(new Insets(10, 12, 4, 12));
        FlowPane key = new FlowPane(14, 4);
        key.setPadding(new Insets(4, 12, 10, 12));
        key.setPrefWrapLength(width - 24);
        for (MetricChart.LegendItem item : legend) {
            Line swatch = new Line(0, 0, 22, 0);
            swatch.setStroke(item.colour());
            swatch.setStrokeWidth(item.dashed() ? 2 : 3);
            if (item.dashed()) {
                swatch.getStrokeDashArray().setAll(6.0, 4.0);
            }
            Label l = new Label(item.text(), swatch);
            l.getStyleClass().add("legend-entry");
            key.getChildren().add(l);
        }
        VBox figure = new VBox(heading, view, key);
        figure.getStyleClass().add("export-figure");
        figure.setStyle("-fx-background-color: white;");
        figure.setMinWidth(width);
        figure.setPrefWidth(width);
        figure.setMaxWidth(width);
        Scene scene = new Scene(new Group(figure));
        if (stylesheet != null) {
            scene.getStylesheets().add(stylesheet);
        }
        figure.applyCss();
        figure.layout();
        figure.resize(width, figure.prefHeight(width));
        figure.layout();
        return figure.snapshot(params, null);
    }

    /** Writes the image as PNG, replacing the file. An unwritable place throws IOException with the reason. */
    public static void write(WritableImage image, Path file) throws IOException {
        BufferedImage buffered = SwingFXUtils.fromFXImage(image, null);
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(temporary)) {
            if (!ImageIO.write(buffered, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        } catch (IOException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
    }
}
