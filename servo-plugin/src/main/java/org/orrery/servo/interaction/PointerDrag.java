package org.orrery.servo.interaction;

import javafx.scene.input.MouseEvent;
import org.orrery.servo.surface.GpuSurface;

/** Where the pointer was at the last press or drag on a surface, so that each drag step is a difference. */
final class PointerDrag {

    private double lastX;
    private double lastY;
    private double dx;
    private double dy;

    /** Follows presses on {@code surface} (which also take the keyboard focus, for R and Home). */
    static PointerDrag follow(GpuSurface surface) {
        PointerDrag drag = new PointerDrag();
        surface.addEventHandler(MouseEvent.MOUSE_PRESSED, event -> {
            drag.lastX = event.getX();
            drag.lastY = event.getY();
            surface.requestFocus();
        });
        return drag;
    }

    /** Takes a drag event: {@link #dx} and {@link #dy} are then its movement since the last one. */
    void step(MouseEvent event) {
        dx = event.getX() - lastX;
        dy = event.getY() - lastY;
        lastX = event.getX();
        lastY = event.getY();
    }

    double dx() {
        return dx;
    }

    double dy() {
        return dy;
    }
}
