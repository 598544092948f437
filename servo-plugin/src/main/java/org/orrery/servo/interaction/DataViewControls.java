package org.orrery.servo.interaction;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.geometry.Rectangle2D;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import org.orrery.memory.ring.ControlBatch;
import org.orrery.memory.ring.ControlRing;
import org.orrery.servo.surface.GpuSurface;

/**
 * Pan and zoom for a field that the kernel computes for a region of data space (the density
 * plugin bins the points inside xMin..xMax, yMin..yMax): instead of showing part of the frame,
 * each drag or scroll sends the new region through the control ring as four parameter changes,
 * and the next compute frame shows it at full resolution. Zoom keeps the data point under the
 * pointer where it is; the frame's top row is the region's top (y up).
 */
public final class DataViewControls {

    /** The parameter indices of the region's edges, in the kernel's parameter order. */
    public record RegionParameters(int xMin, int xMax, int yMin, int yMax) {
    }

    private final GpuSurface surface;
    private final ControlRing ring;
    private final AtomicInteger parameterGeneration;
    private final RegionParameters parameters;
    private Rectangle2D home;
    private Consumer<Rectangle2D> onChange = region -> { };
    private final ControlBatch batch;
    private Rectangle2D region;
    private PointerDrag drag;
    private long lost;

    private DataViewControls(GpuSurface surface, ControlRing ring, AtomicInteger parameterGeneration,
                             RegionParameters parameters, Rectangle2D home) {
        this.surface = surface;
        this.ring = ring;
        this.parameterGeneration = parameterGeneration;
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        this.home = Objects.requireNonNull(home, "home");
        this.region = home;
        this.batch = ring.newBatch(4);
    }

    /**
     * Adds the controls to {@code surface}.
     *
     * @param parameterGeneration the pipeline's parameter generation, bumped for each change sent
     * @param home the region shown at first, and again on reset (min x, min y, width, height in data units)
     */
    public static DataViewControls install(GpuSurface surface, ControlRing ring, AtomicInteger parameterGeneration,
                                           RegionParameters parameters, Rectangle2D home) {
        DataViewControls controls = new DataViewControls(surface, ring, parameterGeneration, parameters, home);
        controls.drag = PointerDrag.follow(surface);
        surface.addEventHandler(MouseEvent.MOUSE_DRAGGED, controls::dragged);
        surface.addEventHandler(ScrollEvent.SCROLL, controls::scrolled);
        ResetGesture.install(surface, controls::reset);
        return controls;
    }

    private void dragged(MouseEvent event) {
        if (event.getButton() != MouseButton.PRIMARY) {
            return;
        }
        drag.step(event);
        Rectangle2D bounds = surface.frameBounds();
        double dx = drag.dx() / bounds.getWidth() * region.getWidth();
        double dy = drag.dy() / bounds.getHeight() * region.getHeight();
        // Dragging right moves the data right: the region moves left. Down moves it up (y up).
        showRegion(new Rectangle2D(region.getMinX() - dx, region.getMinY() + dy, region.getWidth(), region.getHeight()));
    }

    private void scrolled(ScrollEvent event) {
        Rectangle2D bounds = surface.frameBounds();
        double u = (event.getX() - bounds.getMinX()) / bounds.getWidth();
        double v = (event.getY() - bounds.getMinY()) / bounds.getHeight();
        if (event.getDeltaY() == 0 || u < 0 || u > 1 || v < 0 || v > 1) {
            return;
        }
        zoomAbout(Math.exp(-event.getDeltaY() * OrbitControls.ZOOM_PER_SCROLL_UNIT), u, v);
        event.consume();
    }

    /**
     * Shows {@code factor} times as much data (below 1 zooms in), keeping the data point at
     * ({@code u}, {@code v}) of the frame (0 to 1 from the left and from the top) in place.
     */
    public void zoomAbout(double factor, double u, double v) {
        double x = region.getMinX() + u * region.getWidth();
        double y = region.getMaxY() - v * region.getHeight();
        showRegion(new Rectangle2D(x - (x - region.getMinX()) * factor, y - (y - region.getMinY()) * factor,
                region.getWidth() * factor, region.getHeight() * factor));
    }

    /** The first region again. */
    public void reset() {
        showRegion(home);
    }

    /** A new first region (new data loaded), shown at once. */
    public void setHome(Rectangle2D newHome) {
        home = Objects.requireNonNull(newHome, "home");
        showRegion(newHome);
    }

    /** Tells the controls of a region the caller sent the kernel itself (edited by hand), so the next drag starts there. */
    public void regionSentElsewhere(Rectangle2D sent) {
        region = Objects.requireNonNull(sent, "region");
    }

    /** Told each region these controls send, on the FX thread (for fields that show it). */
    public void setOnChange(Consumer<Rectangle2D> listener) {
        onChange = Objects.requireNonNull(listener, "listener");
    }

    /** The region shown, in data units. */
    public Rectangle2D region() {
        return region;
    }

    /** Changes not sent because the control ring stayed full; the next change sends the whole region. */
    public long lostSends() {
        return lost;
    }

    /** Sends {@code next} as the region shown, its four edges in one batch, as a drag or a scroll does. */
    public void showRegion(Rectangle2D next) {
        region = next;
        int generation = parameterGeneration.incrementAndGet();
        batch.clear();
        batch.addParameter(generation, parameters.xMin(), next.getMinX())
                .addParameter(generation, parameters.xMax(), next.getMaxX())
                .addParameter(generation, parameters.yMin(), next.getMinY())
                .addParameter(generation, parameters.yMax(), next.getMaxY());
        if (!ring.publish(batch, 0)) {
            lost++;
        }
        onChange.accept(next);
    }
}
