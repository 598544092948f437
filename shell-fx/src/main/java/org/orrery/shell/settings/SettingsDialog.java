package org.orrery.shell.settings;

import java.util.Optional;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;
import org.orrery.wasm.engine.EngineChoice;

/**
 * The settings: worker threads, pinning, target frame rate, render backend, theme, WebAssembly
 * engine. Changes to the pipeline and the engine apply to plugins started or reset afterwards; the
 * theme applies at once.
 *
 * <p>Ids: {@code settings} (its pane), {@code settings-threads}, {@code settings-pinning}, {@code settings-rate},
 * {@code settings-backend}, {@code settings-theme}, {@code settings-engine}.
 */
public final class SettingsDialog extends Dialog<Settings> {

    public SettingsDialog(Window owner, Settings current) {
        initOwner(owner);
        setTitle("Settings");
        setHeaderText("Pipeline settings apply to plugins started or reset from now on.");
        Spinner<Integer> threads = new Spinner<>(0, Settings.MAX_WORKER_THREADS, current.workerThreads());
        threads.setId("settings-threads");
        threads.setEditable(true);
        CheckBox pinning = new CheckBox("Pin each worker to its core");
        pinning.setId("settings-pinning");
        pinning.setSelected(current.pinWorkers());
        Spinner<Double> rate = new Spinner<>(Settings.MIN_FRAME_RATE, Settings.MAX_FRAME_RATE, current.frameRate(), 1);
        rate.setId("settings-rate");
        rate.setEditable(true);
        ComboBox<String> backend = new ComboBox<>();
        backend.setId("settings-backend");
        backend.getItems().setAll(Settings.RENDER_BACKENDS);
        backend.getSelectionModel().select(current.renderBackend());
        ComboBox<Theme> theme = new ComboBox<>();
        theme.setId("settings-theme");
        theme.getItems().setAll(Theme.values());
        theme.getSelectionModel().select(current.theme());
        ComboBox<String> engine = new ComboBox<>();
        engine.setId("settings-engine");
        for (EngineChoice choice : EngineChoice.values()) {
            engine.getItems().add(choice.option());
        }
        engine.getSelectionModel().select(current.engine().option());
        GridPane grid = new GridPane(12, 8);
        grid.addRow(0, new Label("Worker threads (0: one per worker core)"), threads);
        grid.addRow(1, new Label("Pinning"), pinning);
        grid.addRow(2, new Label("Target frame rate (per second)"), rate);
        grid.addRow(3, new Label("Render backend"), backend);
        grid.addRow(4, new Label("Theme"), theme);
        grid.addRow(5, new Label("WebAssembly engine (auto: the faster, measured)"), engine);
        getDialogPane().setContent(grid);
        getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        getDialogPane().setId("settings");
        setResultConverter(button -> button == ButtonType.OK
                ? new Settings(threads.getValue(), pinning.isSelected(), rate.getValue(),
                        backend.getSelectionModel().getSelectedItem(), theme.getSelectionModel().getSelectedItem(),
                        EngineChoice.parse(engine.getSelectionModel().getSelectedItem()))
                : null);
    }

    /** Shows the dialog and waits; the new settings if the user pressed OK. */
    public Optional<Settings> ask() {
        return showAndWait();
    }
}
