package org.orrery.servo.interaction;

import java.util.Objects;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import org.orrery.servo.surface.GpuSurface;

/**
 * Mouse and keyboard for a field view: drag to pan, scroll to zoom towards the pointer, double-click
 * or R or Home to see the whole field again. Panning and zooming choose the part of the field the
 * surface shows (its viewport); a fitted surface has it laid out again, within a few milliseconds
 * even while paused. The view stays inside the field and keeps its shape; it shows at least
 * {@value #MIN_CELLS} cells across.
 */
public final class PanZoomControls {

    static final double MIN_CELLS = 4;

    private final GpuSurface surface;
    private final int frameWidth;
    private final int frameHeight;
    private final MouseButton panButton;
    private Rectangle2D view;
    private PointerDrag drag;

    private PanZoomControls(GpuSurface surface, int frameWidth, int frameHeight, MouseButton panButton) {
        this.surface = surface;
        this.frameWidth = frameWidth;
        this.frameHeight = frameHeight;
        this.panButton = Objects.requireNonNull(panButton, "panButton");
        this.view = new Rectangle2D(0, 0, frameWidth, frameHeight);
    }

    /**
     * Adds the controls to {@code surface}, which shows frames of {@code frameWidth} x
     * {@code frameHeight} pixels; dragging with {@code panButton} pans (the heat view keeps the
     * primary button for painting).
     */
    public static PanZoomControls install(GpuSurface surface, int frameWidth, int frameHeight, MouseButton panButton) {
        PanZoomControls controls = new PanZoomControls(surface, frameWidth, frameHeight, panButton);
        controls.drag = PointerDrag.follow(surface);
        surface.addEventHandler(MouseEvent.MOUSE_DRAGGED, controls::dragged);
        surface.addEventHandler(ScrollEvent.SCROLL, controls::scrolled);
        ResetGesture.install(surface, controls::reset);
        surface.setViewport(controls.view);
        return controls;
    }

    private void dragged(MouseEvent event) {
        if (event.getButton() != panButton) {
            return;
        }
        drag.step(event);
        double cellsPerPixel = view.getWidth() / surface.frameBounds().getWidth();
        double dx = drag.dx() * cellsPerPixel;
        double dy = drag.dy() * cellsPerPixel;
        show(view.getMinX() - dx, view.getMinY() - dy, view.getWidth(), view.getHeight());
    }

    private void scrolled(ScrollEvent event) {
        Point2D at = surface.toFramePixel(event.getX(), event.getY());
        if (at == null || event.getDeltaY() == 0) {
            return;
        }
        zoomAbout(Math.exp(-event.getDeltaY() * OrbitControls.ZOOM_PER_SCROLL_UNIT), at.getX(), at.getY());
        event.consume();
    }

    /**
     * Shows {@code factor} times as much of the field (below 1 zooms in), keeping the frame pixel
     * ({@code x}, {@code y}) where it is on the surface.
     */
    public void zoomAbout(double factor, double x, double y) {
        double least = MIN_CELLS / Math.min(view.getWidth(), view.getHeight());
        double most = Math.min(frameWidth / view.getWidth(), frameHeight / view.getHeight());
        double f = Math.clamp(factor, Math.min(least, 1), Math.max(most, 1));
        show(x - (x - view.getMinX()) * f, y - (y - view.getMinY()) * f, view.getWidth() * f, view.getHeight() * f);
    }

    /** The whole field again. */
    public void reset() {
        show(0, 0, frameWidth, frameHeight);
    }

    /** The part of the frame shown, in frame pixels. */
    public Rectangle2D view() {
        return view;
    }

    private void show(double x, double y, double w, double h) {
        // Within a rounding error of the whole field is the whole field.
        double width = w > frameWidth - 1e-6 ? frameWidth : w;
        double height = h > frameHeight - 1e-6 ? frameHeight : h;
        view = new Rectangle2D(Math.clamp(x, 0, frameWidth - width), Math.clamp(y, 0, frameHeight - height), width, height);
        surface.setViewport(view);
    }
}
