package dev.lenetlab.ui.view;

import dev.lenetlab.ui.model.Format;
import dev.lenetlab.ui.model.Palette;
import dev.lenetlab.ui.model.RunState;
import dev.lenetlab.ui.model.RunViewModel;
import dev.lenetlab.ui.model.WorkbenchViewModel;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ColorPicker;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.function.Function;

/**
 * The runs list: one row per run with its colour (click to change), a show/hide box, the run and
 * its configuration, state, progress, images/s, ETA, accuracy, and per-run pause/resume, stop and
 * remove. Selecting a row selects the run for the confusion matrix, the network diagram and the
 * keyboard.
 */
public final class RunsTable extends TableView<RunViewModel> {

    public RunsTable(WorkbenchViewModel vm) {
        super(vm.runs());
        setId("runsTable");
        getStyleClass().add("runs-table");
        setColumnResizePolicy(CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        setPlaceholder(new Label("No runs yet: set one up on the left and press Start, or launch a preset."));
        getColumns().add(colourColumn());
        getColumns().add(showColumn());
        getColumns().add(runColumn());
        getColumns().add(stateColumn());
        getColumns().add(progressColumn());
        getColumns().add(textColumn("img/s", 78, r -> Bindings.createStringBinding(
                () -> Format.rate(r.imagesPerSecondProperty().get()), r.imagesPerSecondProperty())));
        getColumns().add(textColumn("ETA", 62, r -> Bindings.createStringBinding(
                () -> r.getState() == RunState.RUNNING ? Format.duration(r.etaSecondsProperty().get()) : "–",
                r.etaSecondsProperty(), r.stateProperty())));
        getColumns().add(accuracyColumn());
        getColumns().add(actionsColumn(vm));

        getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != vm.getSelected()) {
                vm.select(b);
            }
        });
        vm.selectedProperty().addListener((o, a, b) -> {
            if (getSelectionModel().getSelectedItem() != b) {
                if (b == null) {
                    getSelectionModel().clearSelection();
                } else {
                    getSelectionModel().select(b);
                    scrollTo(b);
                }
            }
        });
    }

    private static <T> TableColumn<RunViewModel, T> column(String title, double width) {
        TableColumn<RunViewModel, T> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setReorderable(false);
        return c;
    }

    private TableColumn<RunViewModel, RunViewModel> colourColumn() {
        TableColumn<RunViewModel, RunViewModel> c = column("", 44);
        c.setMinWidth(44);
        c.setMaxWidth(44);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(d.getValue()));
        c.setCellFactory(col -> new TableCell<>() {
            private final ColorPicker picker = new ColorPicker();
            private final javafx.beans.value.ChangeListener<javafx.scene.paint.Color> colourChanged =
                    (o, a, b) -> picker.setValue(b);
            private RunViewModel bound;

            {
                picker.getStyleClass().addAll(ColorPicker.STYLE_CLASS_BUTTON, "run-colour");
                picker.getCustomColors().setAll(Palette.OKABE_ITO);
                picker.setOnAction(e -> {
                    if (bound != null) {
                        bound.setColour(picker.getValue());
                    }
                });
                picker.setTooltip(new Tooltip("Change the run's colour"));
            }

            @Override
            protected void updateItem(RunViewModel run, boolean empty) {
                super.updateItem(run, empty);
                if (bound != null) {
                    bound.colourProperty().removeListener(colourChanged);
                }
                bound = empty ? null : run;
                if (bound == null) {
                    setGraphic(null);
                } else {
                    picker.setValue(run.colourProperty().get());
                    bound.colourProperty().addListener(colourChanged);
                    setGraphic(picker);
                }
            }
        });
        return c;
    }

    private TableColumn<RunViewModel, RunViewModel> showColumn() {
        TableColumn<RunViewModel, RunViewModel> c = column("Show", 48);
        c.setMinWidth(48);
        c.setMaxWidth(48);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(d.getValue()));
        c.setCellFactory(col -> new TableCell<>() {
            private final CheckBox box = new CheckBox();
            private final javafx.beans.value.ChangeListener<Boolean> visibleChanged = (o, a, b) -> box.setSelected(b);
            private RunViewModel bound;

            {
                box.getStyleClass().add("show-box");
                box.setOnAction(e -> {
                    if (bound != null) {
                        bound.setVisible(box.isSelected());
                    }
                });
                box.setTooltip(new Tooltip("Show or hide the run's curves"));
                setAlignment(Pos.CENTER);
            }

            @Override
            protected void updateItem(RunViewModel run, boolean empty) {
                super.updateItem(run, empty);
                if (bound != null) {
                    bound.visibleProperty().removeListener(visibleChanged);
                }
                bound = empty ? null : run;
                if (bound == null) {
                    setGraphic(null);
                } else {
                    box.setSelected(run.visibleProperty().get());
                    run.visibleProperty().addListener(visibleChanged);
                    box.setId("show-" + run.number());
                    setGraphic(box);
                }
            }
        });
        return c;
    }

    private TableColumn<RunViewModel, RunViewModel> runColumn() {
        TableColumn<RunViewModel, RunViewModel> c = column("Run", 260);
        c.setMinWidth(150);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(d.getValue()));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(RunViewModel run, boolean empty) {
                super.updateItem(run, empty);
                if (empty || run == null) {
                    setGraphic(null);
                    setTooltip(null);
                    return;
                }
                Label name = new Label(run.name());
                name.getStyleClass().add("run-name");
                name.setId("run-" + run.number());
                String origin = run.origin() == RunViewModel.Origin.EARLIER ? "earlier"
                        : run.group() != null ? "preset" : null;
                Label tag = new Label(origin == null ? "" : origin);
                tag.getStyleClass().add("run-tag");
                tag.setVisible(origin != null);
                tag.setManaged(origin != null);
                tag.setMinWidth(Region.USE_PREF_SIZE);
                name.setMinWidth(Region.USE_PREF_SIZE);
                if (run.group() != null) {
                    tag.setTooltip(new Tooltip("Launched with the preset " + run.group()));
                } else if (origin != null) {
                    tag.setTooltip(new Tooltip("Found in the workspace at start"));
                }
                HBox top = new HBox(6, name, tag);
                top.setAlignment(Pos.CENTER_LEFT);
                Label summary = new Label(run.summary());
                summary.getStyleClass().add("run-summary");
                setGraphic(new VBox(0, top, summary));
                String folder = run.folderProperty().get() == null ? "(folder created when it starts)"
                        : run.folderProperty().get().toString();
                setTooltip(new Tooltip(run.name() + "\n" + run.summary() + "\n" + folder));
            }
        });
        return c;
    }

    private TableColumn<RunViewModel, RunState> stateColumn() {
        TableColumn<RunViewModel, RunState> c = column("State", 104);
        c.setMinWidth(96);
        c.setCellValueFactory(d -> d.getValue().stateProperty());
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(RunState state, boolean empty) {
                super.updateItem(state, empty);
                getStyleClass().removeIf(s -> s.startsWith("state-"));
                if (empty || state == null) {
                    setText(null);
                    setGraphic(null);
                    setTooltip(null);
                    return;
                }
                setText(state.label());
                setGraphic(stateIcon(state));
                getStyleClass().add("state-" + state.label());
                RunViewModel run = getTableRow() == null ? null : getTableRow().getItem();
                String message = run == null ? "" : run.messageProperty().get();
                setTooltip(message.isEmpty() ? null : new Tooltip(message));
            }
        });
        return c;
    }

    static FontIcon stateIcon(RunState s) {
        return switch (s) {
            case QUEUED -> Icons.of(MaterialDesignC.CLOCK_OUTLINE, 14);
            case STARTING, RUNNING -> Icons.of(MaterialDesignP.PLAY_CIRCLE_OUTLINE, 14);
            case PAUSED -> Icons.of(MaterialDesignP.PAUSE_CIRCLE_OUTLINE, 14);
            case FINISHED -> Icons.of(MaterialDesignC.CHECK_CIRCLE_OUTLINE, 14);
            case CANCELLED -> Icons.of(MaterialDesignS.STOP_CIRCLE_OUTLINE, 14);
            case DIVERGED -> Icons.of(MaterialDesignA.ALERT_OCTAGON_OUTLINE, 14);
            case FAILED, INCOMPLETE -> Icons.of(MaterialDesignA.ALERT_CIRCLE_OUTLINE, 14);
        };
    }

    private TableColumn<RunViewModel, RunViewModel> progressColumn() {
        TableColumn<RunViewModel, RunViewModel> c = column("Progress", 150);
        c.setMinWidth(110);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(d.getValue()));
        c.setCellFactory(col -> new TableCell<>() {
            private final ProgressBar bar = new ProgressBar(0);
            private final Label text = new Label();
            private final StackPane box = new StackPane(bar, text);

            {
                bar.setMaxWidth(Double.MAX_VALUE);
                text.getStyleClass().add("progress-text");
            }

            @Override
            protected void updateItem(RunViewModel run, boolean empty) {
                super.updateItem(run, empty);
                bar.progressProperty().unbind();
                text.textProperty().unbind();
                if (empty || run == null) {
                    setGraphic(null);
                    return;
                }
                bar.progressProperty().bind(run.progressProperty());
                text.textProperty().bind(Bindings.createStringBinding(
                        () -> Format.count(run.iterationsDoneProperty().get()) + " / "
                                + Format.count(run.totalIterationsProperty().get()),
                        run.iterationsDoneProperty(), run.totalIterationsProperty()));
                setGraphic(box);
            }
        });
        return c;
    }

    private TableColumn<RunViewModel, String> textColumn(String title, double width,
                                                         Function<RunViewModel, ObservableValue<String>> value) {
        TableColumn<RunViewModel, String> c = column(title, width);
        c.setMinWidth(54);
        c.setCellValueFactory(d -> value.apply(d.getValue()));
        c.getStyleClass().add("number-column");
        return c;
    }

    private TableColumn<RunViewModel, RunViewModel> accuracyColumn() {
        TableColumn<RunViewModel, RunViewModel> c = column("Accuracy", 84);
        c.setMinWidth(70);
        c.getStyleClass().add("number-column");
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(d.getValue()));
        c.setCellFactory(col -> new TableCell<>() {
            private RunViewModel bound;
            private final javafx.beans.InvalidationListener refresh = o -> show();

            @Override
            protected void updateItem(RunViewModel run, boolean empty) {
                super.updateItem(run, empty);
                if (bound != null) {
                    bound.finalAccuracyProperty().removeListener(refresh);
                    bound.lastTestAccuracyProperty().removeListener(refresh);
                }
                bound = empty ? null : run;
                if (bound != null) {
                    bound.finalAccuracyProperty().addListener(refresh);
                    bound.lastTestAccuracyProperty().addListener(refresh);
                }
                show();
            }

            private void show() {
                getStyleClass().remove("provisional");
                if (bound == null) {
                    setText(null);
                    setTooltip(null);
                    return;
                }
                Double fin = bound.finalAccuracyProperty().get();
                if (fin != null) {
                    setText(Format.percent(fin));
                    setTooltip(new Tooltip("Final accuracy on all 10,000 test images"));
                } else {
                    setText(Format.percent(bound.lastTestAccuracyProperty().get()));
                    getStyleClass().add("provisional");
                    setTooltip(new Tooltip("Last evaluation on the test slice (the final accuracy comes at the end)"));
                }
            }
        });
        return c;
    }

    private TableColumn<RunViewModel, RunViewModel> actionsColumn(WorkbenchViewModel vm) {
        TableColumn<RunViewModel, RunViewModel> c = column("", 104);
        c.setMinWidth(104);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(d.getValue()));
        c.setCellFactory(col -> new TableCell<>() {
            private final Button pause = iconButton(Icons.of(MaterialDesignP.PAUSE), "Pause (" + Shortcut.PAUSE.keyText() + ")");
            private final Button stop = iconButton(Icons.of(MaterialDesignS.STOP), "Stop (" + Shortcut.STOP.keyText() + ")");
            private final Button remove = iconButton(Icons.of(MaterialDesignD.DELETE_OUTLINE),
                    "Remove from the list; the folder stays (" + Shortcut.REMOVE.keyText() + ")");
            private final HBox box = new HBox(2, pause, stop, remove);
            private final javafx.beans.InvalidationListener resumeChanged = o -> syncPause();
            private RunViewModel bound;

            private void syncPause() {
                boolean resume = bound != null && bound.canResumeProperty().get();
                pause.setGraphic(Icons.of(resume ? MaterialDesignP.PLAY : MaterialDesignP.PAUSE));
                pause.getTooltip().setText((resume ? "Resume" : "Pause") + " (" + Shortcut.PAUSE.keyText() + ")");
            }

            {
                box.setAlignment(Pos.CENTER);
                pause.setOnAction(e -> {
                    if (bound != null) {
                        bound.togglePause();
                    }
                });
                stop.setOnAction(e -> {
                    if (bound != null) {
                        bound.stop();
                    }
                });
                remove.setOnAction(e -> vm.remove(bound));
            }

            @Override
            protected void updateItem(RunViewModel run, boolean empty) {
                super.updateItem(run, empty);
                pause.disableProperty().unbind();
                stop.disableProperty().unbind();
                remove.disableProperty().unbind();
                if (bound != null) {
                    bound.canResumeProperty().removeListener(resumeChanged);
                }
                bound = empty ? null : run;
                if (bound == null) {
                    setGraphic(null);
                    return;
                }
                pause.setId("pause-" + run.number());
                stop.setId("stop-" + run.number());
                remove.setId("remove-" + run.number());
                pause.disableProperty().bind(run.canPauseProperty().not().and(run.canResumeProperty().not()));
                stop.disableProperty().bind(run.canStopProperty().not());
                remove.disableProperty().bind(run.canRemoveProperty().not());
                run.canResumeProperty().addListener(resumeChanged);
                syncPause();
                setGraphic(box);
            }
        });
        return c;
    }

    private static Button iconButton(Node icon, String tip) {
        Button b = new Button(null, icon);
        b.getStyleClass().add("icon-button");
        b.setTooltip(new Tooltip(tip));
        b.setFocusTraversable(false);
        return b;
    }
}
