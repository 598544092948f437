package org.orrery.servo.interaction;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import javafx.geometry.Point2D;
import org.orrery.memory.handle.StaleHandleException;
import org.orrery.memory.triple.TripleBuffer;
import org.orrery.servo.layout.LayoutFrame;
import org.orrery.servo.layout.ProjectedItem;
import org.orrery.servo.points.PointFormat;
import org.orrery.servo.points.PointsLayout;
import org.orrery.servo.surface.ValueText;

/**
 * The item under the pointer in a point view: the nearest projected item within
 * {@value #REACH} pixels (the nearest to the eye among equally near ones), with its index and,
 * read from the compute frame on screen, its speed.
 */
public final class PointPicker implements Picker {

    /** How far from the pointer an item may be, in frame pixels. */
    static final double REACH = 6;

    private final TripleBuffer layout;
    private final TripleBuffer compute;
    private final long payloadOffset;
    private final PointsLayout points;
    private final PointFormat format;
    private final MemorySegment velocity = Arena.ofAuto().allocate(12);

    public PointPicker(TripleBuffer layout, TripleBuffer compute, long payloadOffset, PointsLayout points, PointFormat format) {
        this.layout = layout;
        this.compute = compute;
        this.payloadOffset = payloadOffset;
        this.points = points;
        this.format = format;
    }

    @Override
    public String describe(Point2D at) {
        MemorySegment slot = layout.front();
        int items = slot.get(ValueLayout.JAVA_INT, LayoutFrame.ITEMS);
        int best = -1;
        double bestDistance = REACH * REACH;
        float bestDepth = Float.POSITIVE_INFINITY;
        for (int i = 0; i < items; i++) {
            long record = points.itemsOffset() + ProjectedItem.BYTES * i;
            float depth = slot.get(ValueLayout.JAVA_FLOAT, record + ProjectedItem.DEPTH);
            if (!(depth > 0)) {
                continue;
            }
            double dx = slot.get(ValueLayout.JAVA_FLOAT, record + ProjectedItem.X) - at.getX();
            double dy = slot.get(ValueLayout.JAVA_FLOAT, record + ProjectedItem.Y) - at.getY();
            double distance = dx * dx + dy * dy;
            if (distance < bestDistance || (distance == bestDistance && depth < bestDepth)) {
                best = i;
                bestDistance = distance;
                bestDepth = depth;
            }
        }
        if (best < 0) {
            return null;
        }
        if (format.velocityLane() < 0) {
            return "item " + best;
        }
        long handle = slot.get(ValueLayout.JAVA_LONG, LayoutFrame.SOURCE);
        try {
            compute.copy(handle, payloadOffset + (long) format.stride() * best + 4L * format.velocityLane(), velocity, 0, 12);
        } catch (StaleHandleException moved) {
            return "item " + best;
        }
        double vx = velocity.get(ValueLayout.JAVA_FLOAT, 0);
        double vy = velocity.get(ValueLayout.JAVA_FLOAT, 4);
        double vz = velocity.get(ValueLayout.JAVA_FLOAT, 8);
        return "item " + best + "  speed " + ValueText.of(Math.sqrt(vx * vx + vy * vy + vz * vz), FieldPicker.READOUT_DIGITS);
    }
}
