package dev.lenetlab.ui.view;

import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;

import java.util.List;

/**
 * Every keyboard shortcut of the window, in one place: the key handler, the help overlay and the
 * tooltips all read this list. "Shortcut" is Ctrl (⌘ on a Mac). Plain keys (Space, Delete, ?) do
 * not act while a text field has the focus, so that typing stays typing. The drawing panel's keys
 * ({@link #drawingOnly()}) act only while it is showing and no text field has the focus: elsewhere
 * Ctrl+Z and Backspace are the text fields' own undo and delete.
 */
public enum Shortcut {
    NEW_RUN(new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN), "New run: go to the run setup"),
    START(new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN), "Start the run set up on the left"),
    PRESET(new KeyCodeCombination(KeyCode.P, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
            "Launch the preset Paper: Sigmoid vs ReLU vs Mish"),
    PAUSE(new KeyCodeCombination(KeyCode.SPACE), "Pause or resume the selected run"),
    STOP(new KeyCodeCombination(KeyCode.PERIOD, KeyCombination.SHORTCUT_DOWN), "Stop the selected run"),
    REMOVE(new KeyCodeCombination(KeyCode.DELETE), "Remove the selected run from the list (it must have ended)"),
    EXPORT(new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN),
            "Export both charts and the confusion matrix (PNG, 2×) and all metrics (CSV) to a folder"),
    EXPORT_CSV(new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
            "Export all runs' metrics to one CSV file"),
    WORKSPACE(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN), "Open another workspace folder"),
    TRAINING_TAB(new KeyCodeCombination(KeyCode.DIGIT1, KeyCombination.SHORTCUT_DOWN), "Show the training charts"),
    DRAW_TAB(new KeyCodeCombination(KeyCode.DIGIT2, KeyCombination.SHORTCUT_DOWN), "Show the drawing panel"),
    CLEAR_DRAWING(new KeyCodeCombination(KeyCode.BACK_SPACE), "Clear the drawing (drawing panel)"),
    UNDO_STROKE(new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN), "Undo the last stroke (drawing panel)"),
    HELP(new KeyCodeCombination(KeyCode.F1), "Show or hide this list (also ?)"),
    CLOSE(new KeyCodeCombination(KeyCode.ESCAPE), "Close this list");

    private final KeyCodeCombination keys;
    private final String description;

    Shortcut(KeyCodeCombination keys, String description) {
        this.keys = keys;
        this.description = description;
    }

    public KeyCodeCombination keys() {
        return keys;
    }

    public String description() {
        return description;
    }

    /** "Ctrl+N", "Space", "F1". */
    public String keyText() {
        return keys.getDisplayText();
    }

    /** Whether the key stands alone, so that it must not act while the user types. */
    public boolean plainKey() {
        return keys.getShortcut() == KeyCombination.ModifierValue.UP
                && keys.getControl() == KeyCombination.ModifierValue.UP
                && keys.getCode() != KeyCode.F1 && keys.getCode() != KeyCode.ESCAPE;
    }

    /** Whether the key is the drawing panel's, taken only while it shows and no text field has the focus. */
    public boolean drawingOnly() {
        return this == CLEAR_DRAWING || this == UNDO_STROKE;
    }

    public boolean matches(KeyEvent e) {
        return keys.match(e);
    }

    public static List<Shortcut> all() {
        return List.of(values());
    }
}
