package org.orrery.servo.interaction;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import javafx.geometry.Point2D;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import org.orrery.memory.ring.ControlBatch;
import org.orrery.memory.ring.ControlRing;
import org.orrery.servo.surface.GpuSurface;

/**
 * Paints heat sources with the primary button: each press, and each step of a drag at least half
 * a radius from the last source, adds a source {x, y, radius, temperature} at the cell under the
 * pointer. Backspace or Ctrl+Z takes the last one back. Every change sends the whole source list
 * through the control ring as the kernel's parameter buffer (its values, then its length, one
 * batch), so the kernel sees a complete list at its next tick.
 */
public final class SourcePainter {

    /** Fields of a source record, in the heat kernel's order. */
    static final int FIELDS = 4;

    private final GpuSurface surface;
    private final ControlRing ring;
    private final AtomicInteger parameterGeneration;
    private final int maxSources;
    private final double radius;
    private final DoubleSupplier temperature;
    private final List<double[]> sources = new ArrayList<>();
    private final ControlBatch batch;
    private long lost;

    private SourcePainter(GpuSurface surface, ControlRing ring, AtomicInteger parameterGeneration, int maxSources,
                          double radius, DoubleSupplier temperature) {
        this.surface = surface;
        this.ring = ring;
        this.parameterGeneration = parameterGeneration;
        this.maxSources = maxSources;
        this.radius = radius;
        this.temperature = temperature;
        this.batch = ring.newBatch(maxSources * FIELDS + 1);
    }

    /**
     * Adds painting to {@code surface}.
     *
     * @param parameterGeneration the pipeline's parameter generation, bumped for each change sent
     * @param maxSources the buffer's most records (the descriptor's {@code maxRecords})
     * @param radius a new source's radius, in cells
     * @param temperature a new source's temperature, asked at each new source
     */
    public static SourcePainter install(GpuSurface surface, ControlRing ring, AtomicInteger parameterGeneration,
                                        int maxSources, double radius, DoubleSupplier temperature) {
        SourcePainter painter = new SourcePainter(surface, ring, parameterGeneration, maxSources, radius, temperature);
        surface.addEventHandler(MouseEvent.MOUSE_PRESSED, event -> painter.paint(event, true));
        surface.addEventHandler(MouseEvent.MOUSE_DRAGGED, event -> painter.paint(event, false));
        surface.addEventHandler(KeyEvent.KEY_PRESSED, painter::keyPressed);
        return painter;
    }

    private void paint(MouseEvent event, boolean press) {
        if (event.getButton() != MouseButton.PRIMARY) {
            return;
        }
        Point2D at = surface.toFramePixel(event.getX(), event.getY());
        if (at == null) {
            return;
        }
        if (!press && !sources.isEmpty()) {
            double[] last = sources.getLast();
            if (Math.hypot(last[0] - at.getX(), last[1] - at.getY()) < radius / 2) {
                return;
            }
        }
        if (!add(at.getX(), at.getY())) {
            surface.showReadout(maxSources + " sources at most: Backspace takes the last back", event.getX(), event.getY());
        }
    }

    private void keyPressed(KeyEvent event) {
        if (event.getCode() == KeyCode.BACK_SPACE || (event.isShortcutDown() && event.getCode() == KeyCode.Z)) {
            removeLast();
            event.consume();
        }
    }

    /** Adds a source at cell coordinates ({@code x}, {@code y}) and sends the list; false if the list is full. */
    public boolean add(double x, double y) {
        if (sources.size() >= maxSources) {
            return false;
        }
        sources.add(new double[] {x, y, radius, temperature.getAsDouble()});
        send();
        return true;
    }

    /** Takes the last source back and sends the list. */
    public void removeLast() {
        if (!sources.isEmpty()) {
            sources.removeLast();
            send();
        }
    }

    /** The sources painted, each {x, y, radius, temperature}. */
    public List<double[]> sources() {
        return List.copyOf(sources);
    }

    /** Changes not sent because the control ring stayed full; the next change sends the whole list again. */
    public long lostSends() {
        return lost;
    }

    private void send() {
        int generation = parameterGeneration.incrementAndGet();
        batch.clear();
        for (int record = 0; record < sources.size(); record++) {
            double[] source = sources.get(record);
            for (int field = 0; field < FIELDS; field++) {
                batch.addBufferValue(generation, record * FIELDS + field, source[field]);
            }
        }
        batch.addBufferLength(generation, sources.size());
        if (!ring.publish(batch, 0)) {
            lost++;
        }
    }
}
