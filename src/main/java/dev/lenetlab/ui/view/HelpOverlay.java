package dev.lenetlab.ui.view;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.materialdesign2.MaterialDesignK;

/** The keyboard shortcuts, listed from {@link Shortcut}, over a dimmed window; F1, ? or Esc close it. */
public final class HelpOverlay extends StackPane {

    public HelpOverlay() {
        setId("helpOverlay");
        getStyleClass().add("help-overlay");
        Label title = new Label("Keyboard shortcuts", Icons.of(MaterialDesignK.KEYBOARD_OUTLINE, 20));
        title.getStyleClass().add("help-title");
        GridPane grid = new GridPane();
        grid.setHgap(16);
        grid.setVgap(8);
        int row = 0;
        for (Shortcut s : Shortcut.all()) {
            Label key = new Label(s.keyText());
            key.getStyleClass().add("keycap");
            Label what = new Label(s.description());
            what.getStyleClass().add("help-text");
            what.setWrapText(true);
            what.setMaxWidth(420);
            grid.addRow(row++, key, what);
        }
        Label foot = new Label("Space, Delete and ? do nothing while you type in a field. Click anywhere or press Esc to close.");
        foot.getStyleClass().add("help-foot");
        foot.setWrapText(true);
        foot.setMaxWidth(520);
        VBox card = new VBox(14, title, grid, foot);
        card.getStyleClass().add("help-card");
        card.setMaxSize(VBox.USE_PREF_SIZE, VBox.USE_PREF_SIZE);
        getChildren().add(card);
        setAlignment(Pos.CENTER);
        setVisible(false);
        setOnMouseClicked(e -> setVisible(false));
    }

    public void toggle() {
        setVisible(!isVisible());
    }

    /** The shortcuts as listed: "key — description" per line (for tests). */
    public java.util.List<String> lines() {
        return Shortcut.all().stream().map(s -> s.keyText() + " — " + s.description()).toList();
    }
}
