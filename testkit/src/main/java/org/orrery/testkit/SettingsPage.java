package org.orrery.testkit;

import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Spinner;
import javafx.scene.input.KeyCode;
import org.testfx.api.FxRobot;

/**
 * The Settings dialog (File > Settings, Ctrl+,), open. Change its fields, then {@link #ok()} to
 * keep them (saved at once, and used by plugins started or reset from then on) or
 * {@link #cancel()}.
 */
public final class SettingsPage {

    private final FxRobot robot;
    private final Waits waits;
    private final DialogPane pane;

    private SettingsPage(FxRobot robot, Waits waits, DialogPane pane) {
        this.robot = robot;
        this.waits = waits;
        this.pane = pane;
    }

    static SettingsPage open(FxRobot robot, Waits waits) {
        robot.press(KeyCode.CONTROL, KeyCode.COMMA).release(KeyCode.COMMA, KeyCode.CONTROL);
        DialogPane pane = waits.until("the Settings dialog", () -> waits.onFx(() ->
                robot.lookup("#settings").tryQueryAs(DialogPane.class).filter(p -> p.getScene() != null
                        && p.getScene().getWindow().isShowing()).orElse(null)), p -> p != null);
        return new SettingsPage(robot, waits, pane);
    }

    /** Worker threads; 0 means one per worker core. */
    public int workerThreads() {
        return this.<Integer>spinnerValue("settings-threads");
    }

    public SettingsPage workerThreads(int threads) {
        return spinnerValue("settings-threads", threads);
    }

    /** Whether each worker is pinned to its core. */
    public boolean pinWorkers() {
        return waits.onFx(() -> ((CheckBox) field("settings-pinning")).isSelected());
    }

    public SettingsPage pinWorkers(boolean pin) {
        waits.onFx(() -> ((CheckBox) field("settings-pinning")).setSelected(pin));
        return this;
    }

    /** The target frame rate, per second. */
    public double frameRate() {
        return this.<Double>spinnerValue("settings-rate");
    }

    public SettingsPage frameRate(double perSecond) {
        return spinnerValue("settings-rate", perSecond);
    }

    /** The render backend chosen, as its list shows it. */
    public String renderBackend() {
        return choice("settings-backend");
    }

    public SettingsPage renderBackend(String backend) {
        return choose("settings-backend", backend);
    }

    /** The theme: "LIGHT" or "DARK". */
    public String theme() {
        return choice("settings-theme");
    }

    public SettingsPage theme(String theme) {
        return choose("settings-theme", theme);
    }

    /** The WebAssembly engine choice, as its list shows it ("auto", "graalwasm", "wasmtime"). */
    public String engine() {
        return choice("settings-engine");
    }

    public SettingsPage engine(String engine) {
        return choose("settings-engine", engine);
    }

    /** Presses OK: the settings are kept and saved. */
    public void ok() {
        robot.clickOn(pane.lookupButton(ButtonType.OK));
    }

    /** Presses Cancel: nothing changes. */
    public void cancel() {
        robot.clickOn(pane.lookupButton(ButtonType.CANCEL));
    }

    private javafx.scene.Node field(String id) {
        return pane.lookup("#" + id);
    }

    @SuppressWarnings("unchecked")
    private <T> T spinnerValue(String id) {
        return waits.onFx(() -> ((Spinner<T>) field(id)).getValue());
    }

    @SuppressWarnings("unchecked")
    private <T> SettingsPage spinnerValue(String id, T value) {
        waits.onFx(() -> ((Spinner<T>) field(id)).getValueFactory().setValue(value));
        return this;
    }

    private String choice(String id) {
        return waits.onFx(() -> String.valueOf(((ComboBox<?>) field(id)).getSelectionModel().getSelectedItem()));
    }

    private SettingsPage choose(String id, String shown) {
        waits.onFx(() -> {
            ComboBox<?> box = (ComboBox<?>) field(id);
            int index = box.getItems().stream().map(String::valueOf).toList().indexOf(shown);
            if (index < 0) {
                throw new AssertionError(id + " has no option '" + shown + "'; it has " + box.getItems());
            }
            box.getSelectionModel().select(index);
        });
        return this;
    }
}
