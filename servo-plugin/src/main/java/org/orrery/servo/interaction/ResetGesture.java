package org.orrery.servo.interaction;

import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import org.orrery.servo.surface.GpuSurface;

/** The one way back to a view's start, the same in every view: double-click, or R or Home. */
final class ResetGesture {

    private ResetGesture() {
    }

    static void install(GpuSurface surface, Runnable reset) {
        surface.addEventHandler(MouseEvent.MOUSE_CLICKED, event -> {
            if (event.getButton() == MouseButton.PRIMARY && event.getClickCount() == 2) {
                reset.run();
            }
        });
        surface.addEventHandler(KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() == KeyCode.R || event.getCode() == KeyCode.HOME) {
                reset.run();
                event.consume();
            }
        });
    }
}
