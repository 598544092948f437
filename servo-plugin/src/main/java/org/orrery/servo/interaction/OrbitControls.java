package org.orrery.servo.interaction;

import javafx.geometry.Point2D;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import org.orrery.servo.points.OrbitCamera;
import org.orrery.servo.points.PointsLayout;
import org.orrery.servo.surface.GpuSurface;

/**
 * Mouse and keyboard for a point view: drag to orbit, drag with the right or middle button (or
 * with Shift) to pan, scroll to zoom towards the pointer, double-click or R or Home to go back to
 * the first camera. Each change is a new camera for the layout stage, seen in the next frame.
 */
public final class OrbitControls {

    /** How far one scroll unit zooms: a wheel notch (40 units) moves about 10 % closer. */
    static final double ZOOM_PER_SCROLL_UNIT = 1.0 / 400;

    private final GpuSurface surface;
    private final PointsLayout layout;
    private final OrbitCamera home;
    private PointerDrag drag;

    private OrbitControls(GpuSurface surface, PointsLayout layout) {
        this.surface = surface;
        this.layout = layout;
        this.home = layout.camera();
    }

    /** Adds the controls to {@code surface}, steering {@code layout}'s camera; its current camera is home. */
    public static OrbitControls install(GpuSurface surface, PointsLayout layout) {
        OrbitControls controls = new OrbitControls(surface, layout);
        controls.drag = PointerDrag.follow(surface);
        surface.addEventHandler(MouseEvent.MOUSE_DRAGGED, controls::dragged);
        surface.addEventHandler(ScrollEvent.SCROLL, controls::scrolled);
        ResetGesture.install(surface, controls::reset);
        return controls;
    }

    private void dragged(MouseEvent event) {
        drag.step(event);
        double dx = drag.dx();
        double dy = drag.dy();
        boolean pan = event.getButton() != MouseButton.PRIMARY || event.isShiftDown();
        OrbitCamera camera = layout.camera();
        layout.setCamera(pan ? camera.pan(dx * frameScale(), dy * frameScale(), frameWidth(), frameHeight()) : camera.orbit(dx, dy));
    }

    private void scrolled(ScrollEvent event) {
        Point2D at = surface.toFramePixel(event.getX(), event.getY());
        if (at == null || event.getDeltaY() == 0) {
            return;
        }
        double factor = Math.exp(-event.getDeltaY() * ZOOM_PER_SCROLL_UNIT);
        layout.setCamera(layout.camera().zoomAbout(factor, at.getX(), at.getY(), frameWidth(), frameHeight()));
        event.consume();
    }

    /** Back to the camera the view started with. */
    public void reset() {
        layout.setCamera(home);
    }

    private int frameWidth() {
        return (int) (layout.surfaceSize() >>> 32);
    }

    private int frameHeight() {
        return (int) layout.surfaceSize();
    }

    /**
     * Frame pixels per unit of pointer movement: the screen's scale on a high-DPI screen, less if
     * the surface is larger than a layout slot holds.
     */
    private double frameScale() {
        return frameWidth() / Math.max(1, surface.getWidth());
    }
}
