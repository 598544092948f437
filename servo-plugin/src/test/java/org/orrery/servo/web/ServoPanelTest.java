package org.orrery.servo.web;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.event.Event;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.orrery.servo.surface.Fx;

/**
 * A {@link ServoPanel} in a JavaFX window (the headless platform): it shows the page's frames,
 * forwards JavaFX's pointer and key events into the page at the right place, and tells the page
 * its size.
 */
class ServoPanelTest {

    private static final String PAGE = "<!doctype html><html><body style='margin:0'>"
            + "<div id='target' style='position:absolute;left:100px;top:50px;width:100px;height:60px;background:#08f'></div>"
            + "<input id='field' style='position:absolute;left:0;top:150px;width:300px'>"
            + "<script>"
            + "window.clicks = []; window.moves = 0;"
            + "document.getElementById('target').addEventListener('click', function (e) {"
            + "  window.clicks.push([e.clientX, e.clientY]); this.dataset.clicked = 'yes'; });"
            + "document.addEventListener('mousemove', function () { window.moves++; });"
            + "</script></body></html>";

    @Test
    void aClickInJavaFxClicksThePageAtTheSamePlace() throws Exception {
        ServoView view = ServoRig.page(PAGE, 320, 200);
        ServoPanel panel = Fx.call(() -> showInWindow(view, 320, 200));
        try {
            assertThat(ServoRig.eval(view, "document.getElementById('target').dataset.clicked || 'no'"))
                    .isEqualTo("\"no\"");
            Fx.run(() -> {
                fire(panel, MouseEvent.MOUSE_MOVED, 150, 80);
                fire(panel, MouseEvent.MOUSE_PRESSED, 150, 80);
                fire(panel, MouseEvent.MOUSE_RELEASED, 150, 80);
            });
            ServoRig.await("the click to reach the page", () -> evalQuietly(view, "window.clicks.length").equals("1"));
            assertThat(ServoRig.eval(view, "document.getElementById('target').dataset.clicked")).isEqualTo("\"yes\"");
            assertThat(ServoRig.eval(view, "window.clicks[0]")).isEqualTo("[150,80]");
            assertThat(ServoRig.eval(view, "window.moves > 0")).isEqualTo("true");
        } finally {
            Fx.run(panel::dispose);
        }
    }

    @Test
    void keysTypedInJavaFxReachAFocusedInput() throws Exception {
        ServoView view = ServoRig.page(PAGE, 320, 200);
        ServoPanel panel = Fx.call(() -> showInWindow(view, 320, 200));
        try {
            ServoRig.eval(view, "document.getElementById('field').focus()");
            Fx.run(() -> {
                for (KeyCode code : new KeyCode[] {KeyCode.O, KeyCode.K}) {
                    String text = code.getName().toLowerCase();
                    Event.fireEvent(panel.surface(), key(KeyEvent.KEY_PRESSED, text, code));
                    Event.fireEvent(panel.surface(), key(KeyEvent.KEY_RELEASED, text, code));
                }
            });
            ServoRig.await("the keys to reach the input",
                    () -> evalQuietly(view, "document.getElementById('field').value").equals("\"ok\""));
        } finally {
            Fx.run(panel::dispose);
        }
    }

    @Test
    void thePanelSizesThePageToItsDevicePixelsAndShowsItsFrames() throws Exception {
        ServoView view = ServoRig.page(PAGE, 320, 200);
        ServoPanel panel = Fx.call(() -> showInWindow(view, 240, 160));
        try {
            ServoRig.await("the page to take the panel's size",
                    () -> evalQuietly(view, "[innerWidth, innerHeight]").equals("[240,160]"));
            ServoRig.await("a frame shown by the panel", () -> {
                try {
                    return Fx.call(() -> panel.surface().framesShown()) > 0;
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
        } finally {
            Fx.run(panel::dispose);
        }
    }

    private static ServoPanel showInWindow(ServoView view, int width, int height) {
        ServoPanel panel = new ServoPanel(view, "test plugin");
        Stage stage = new Stage();
        stage.setScene(new Scene(new StackPane(panel), width, height));
        stage.show();
        panel.applyCss();
        panel.layout();
        panel.start();
        return panel;
    }

    private static void fire(ServoPanel panel, javafx.event.EventType<MouseEvent> type, double x, double y) {
        Event.fireEvent(panel.surface(), new MouseEvent(type, x, y, x, y, MouseButton.PRIMARY, 1,
                false, false, false, false, type != MouseEvent.MOUSE_MOVED, false, false, true, false, true, null));
    }

    private static KeyEvent key(javafx.event.EventType<KeyEvent> type, String text, KeyCode code) {
        return new KeyEvent(type, text, text, code, false, false, false, false);
    }

    static String evalQuietly(ServoView view, String script) {
        try {
            return ServoRig.eval(view, script);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
