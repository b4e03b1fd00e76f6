package dev.lenetlab.ui.view;

import dev.lenetlab.engine.Activation;
import dev.lenetlab.engine.ActivationLayer;
import dev.lenetlab.engine.Dense;
import dev.lenetlab.engine.Layer;
import dev.lenetlab.engine.Network;
import dev.lenetlab.engine.Pooling;
import dev.lenetlab.engine.Shape;
import dev.lenetlab.ui.model.Format;
import javafx.geometry.HPos;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.control.Label;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.List;

/**
 * LeNet-5 drawn as its layers, top to bottom: each with a bar whose length grows with the size
 * of its output, its name, what it does, its output shape (6@28×28 …), parameter count and the
 * activation that follows it. Shows the network of the selected run (or of the setup
 * when no run is selected).
 */
public final class NetworkDiagram extends VBox {
    private final Label heading = new Label();
    private final GridPane grid = new GridPane();
    private Activation activation;
    private Pooling pooling;

    public NetworkDiagram() {
        getStyleClass().add("network-diagram");
        heading.getStyleClass().add("diagram-heading");
        heading.setWrapText(true);
        grid.setHgap(7);
        grid.setVgap(0);
        grid.getStyleClass().add("layer-grid");
        ColumnConstraints fixed = new ColumnConstraints();
        ColumnConstraints what = new ColumnConstraints();
        what.setHgrow(Priority.ALWAYS);
        what.setMinWidth(20);
        grid.getColumnConstraints().setAll(fixed, fixed, what, fixed, fixed, fixed);
        getChildren().addAll(heading, grid);
        setSpacing(6);
    }

    public Activation activation() {
        return activation;
    }

    public Pooling pooling() {
        return pooling;
    }

    /** The heading as shown ("LeNet-5 · mish · max pooling · 61,706 parameters"). */
    public String headingText() {
        return heading.getText();
    }

    /** One line per block as shown, for tests: "C1 · conv 5×5, pad 2 · 6@28×28 · 156 params · mish". */
    public List<String> blockTexts() {
        List<String> texts = new ArrayList<>();
        for (var node : grid.getChildren()) {
            if (node.getUserData() instanceof String s) {
                texts.add(s);
            }
        }
        return texts;
    }

    public void show(Activation activation, Pooling pooling) {
        if (activation == this.activation && pooling == this.pooling) {
            return;
        }
        this.activation = activation;
        this.pooling = pooling;
        Network net = Network.lenet5(activation, pooling);
        heading.setText("LeNet-5 · " + activation.id() + " · " + pooling.id() + " pooling · "
                + Format.count(net.parameterCount()) + " parameters");
        grid.getChildren().clear();
        grid.addRow(0, new Label(), head("layer"), head(""), head("output"), head("params"), head("then"));
        List<Layer> layers = net.layers();
        double maxLog = Math.log(net.inputShape().size() * 6.0);
        int row = 1;
        addBlock(row++, "Input", "28×28 image", net.inputShape(), 0, null, maxLog, "input");
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            if (layer instanceof ActivationLayer) {
                continue;
            }
            String act = i + 1 < layers.size() && layers.get(i + 1) instanceof ActivationLayer ? activation.id()
                    : (i == layers.size() - 1 ? "softmax" : null);
            String kind = layer instanceof Dense ? "dense" : layer.describe().contains("pool") ? "pool" : "conv";
            addBlock(row++, layer.name(), layer.describe(), layer.outputShape(), layer.parameterCount(), act, maxLog,
                    kind);
        }
    }

    private static Label head(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("layer-head");
        return l;
    }

    private void addBlock(int row, String name, String what, Shape shape, int params, String act, double maxLog,
                          String kind) {
        Region bar = new Region();
        bar.getStyleClass().addAll("layer-bar", "layer-" + kind);
        double fraction = Math.max(0.08, Math.log(Math.max(2, shape.size())) / maxLog);
        bar.setPrefWidth(4 + 34 * fraction);
        bar.setMinWidth(Region.USE_PREF_SIZE);
        bar.setMaxWidth(Region.USE_PREF_SIZE);
        bar.setPrefHeight(13);
        bar.setMaxHeight(13);
        Label nameLabel = new Label(name);
        nameLabel.getStyleClass().add("layer-name");
        nameLabel.setMinWidth(Region.USE_PREF_SIZE);
        Label whatLabel = new Label(what);
        whatLabel.getStyleClass().add("layer-what");
        whatLabel.setMinWidth(20);
        whatLabel.setTooltip(new javafx.scene.control.Tooltip(what));
        Label shapeLabel = new Label(shape.toString());
        shapeLabel.getStyleClass().add("layer-shape");
        shapeLabel.setMinWidth(Region.USE_PREF_SIZE);
        String paramText = params > 0 ? Format.count(params) : "";
        Label paramLabel = new Label(paramText);
        paramLabel.getStyleClass().add("layer-params");
        paramLabel.setMinWidth(Region.USE_PREF_SIZE);
        Label actLabel = new Label(act == null ? "" : act);
        actLabel.getStyleClass().add("layer-activation");
        actLabel.setMinWidth(Region.USE_PREF_SIZE);
        grid.addRow(row, bar, nameLabel, whatLabel, shapeLabel, paramLabel, actLabel);
        GridPane.setHalignment(paramLabel, HPos.RIGHT);
        nameLabel.setUserData(name + " · " + what + " · " + shape + (paramText.isEmpty() ? "" : " · " + paramText
                + " params") + (act == null ? "" : " · " + act));
    }
}
