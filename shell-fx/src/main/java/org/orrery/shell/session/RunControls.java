package org.orrery.shell.session;

import java.util.Locale;
import java.util.function.DoubleConsumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Start, pause, single step, reset, stop and speed (ticks per second) for one plugin. Which
 * buttons are enabled follows the run's state.
 *
 * <p>Ids: {@code run-start}, {@code run-pause}, {@code run-step}, {@code run-reset}, {@code run-stop},
 * {@code run-speed} (a slider), {@code run-speed-value} and {@code run-hud} (shows or hides the HUD).
 */
final class RunControls extends HBox {

    static final double MIN_SPEED = 1;
    static final double MAX_SPEED = 240;

    final Button start = button("run-start", "Start", Feather.PLAY, "Start or resume (F5)");
    final Button pause = button("run-pause", "Pause", Feather.PAUSE, "Pause (F5)");
    final Button step = button("run-step", "Step", Feather.SKIP_FORWARD, "One tick while paused (F6)");
    final Button reset = button("run-reset", "Reset", Feather.ROTATE_CCW, "Start again from the parameters shown (Ctrl+R)");
    final Button stop = button("run-stop", "Stop", Feather.SQUARE, "End the run and free it (Shift+F5)");
    final Slider speed = new Slider(MIN_SPEED, MAX_SPEED, 60);
    final ToggleButton hudShown = new ToggleButton("HUD", new FontIcon(Feather.ACTIVITY));
    private final Label speedValue = new Label();

    RunControls(double rate, DoubleConsumer onSpeed) {
        getStyleClass().add("run-controls");
        setSpacing(6);
        setPadding(new Insets(6, 8, 6, 8));
        setAlignment(Pos.CENTER_LEFT);
        speed.setId("run-speed");
        speed.setValue(Math.clamp(rate, MIN_SPEED, MAX_SPEED));
        speed.setPrefWidth(160);
        speed.setTooltip(new Tooltip("Ticks per second"));
        speedValue.setId("run-speed-value");
        speedValue.setMinWidth(56);
        speed.valueProperty().subscribe(v -> {
            speedValue.setText(String.format(Locale.ROOT, "%.0f /s", v.doubleValue()));
            onSpeed.accept(v.doubleValue());
        });
        Label speedLabel = new Label("Speed");
        speedLabel.setLabelFor(speed);
        hudShown.setId("run-hud");
        hudShown.setSelected(true);
        hudShown.setTooltip(new Tooltip("Show or hide the frame timing over the view"));
        getChildren().addAll(start, pause, step, reset, stop, speedLabel, speed, speedValue, hudShown);
    }

    private static Button button(String id, String text, Feather icon, String tip) {
        Button button = new Button(text, new FontIcon(icon));
        button.setId(id);
        button.setTooltip(new Tooltip(tip));
        return button;
    }

    /** Enables what makes sense in {@code state}. */
    void show(RunState state) {
        start.setDisable(!(state == RunState.IDLE || state == RunState.PAUSED));
        pause.setDisable(state != RunState.RUNNING);
        step.setDisable(state != RunState.PAUSED);
        reset.setDisable(!(state == RunState.RUNNING || state == RunState.PAUSED || state == RunState.FAILED));
        stop.setDisable(state == RunState.IDLE);
    }
}
