package org.orrery.servo.interaction;

import javafx.geometry.Point2D;
import javafx.scene.input.MouseEvent;
import org.orrery.servo.surface.GpuSurface;

/** Shows what a {@link Picker} says of the point under the pointer, beside it, while the pointer moves. */
public final class HoverReadout {

    private HoverReadout() {
    }

    public static void install(GpuSurface surface, Picker picker) {
        surface.addEventHandler(MouseEvent.MOUSE_MOVED, event -> {
            Point2D at = surface.toFramePixel(event.getX(), event.getY());
            surface.showReadout(at == null ? null : picker.describe(at), event.getX(), event.getY());
        });
        surface.addEventHandler(MouseEvent.MOUSE_EXITED, event -> surface.showReadout(null, 0, 0));
        surface.addEventHandler(MouseEvent.MOUSE_DRAGGED, event -> surface.showReadout(null, 0, 0));
    }
}
