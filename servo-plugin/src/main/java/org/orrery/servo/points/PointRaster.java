package org.orrery.servo.points;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import org.orrery.servo.layout.FrameRaster;
import org.orrery.servo.layout.LayoutFrame;
import org.orrery.servo.layout.ProjectedItem;

/**
 * Draws projected points as solid discs into a slot's pixels, nearest in front (a depth buffer,
 * so the result does not depend on item order among different depths). Pixels no point covers
 * are transparent, so the surface's background shows. Deterministic: the same records give the
 * same pixels.
 */
public final class PointRaster implements FrameRaster {

    private final long itemsOffset;
    private final PointsLayout layout;
    private float[] depth = new float[0];

    public PointRaster(PointsLayout layout) {
        this.layout = layout;
        this.itemsOffset = layout.itemsOffset();
    }

    /** Makes the first {@code pixels} pixels transparent. (A slice's fill would allocate the slice.) */
    private static void clear(MemorySegment slot, int pixels) {
        long end = LayoutFrame.PIXELS + 4L * pixels;
        long at = LayoutFrame.PIXELS;
        for (; at + 8 <= end; at += 8) {
            slot.set(ValueLayout.JAVA_LONG_UNALIGNED, at, 0L);
        }
        if (at < end) {
            slot.set(ValueLayout.JAVA_INT, at, 0);
        }
    }

    @Override
    public void draw(MemorySegment slot) {
        int width = LayoutFrame.width(slot);
        int height = LayoutFrame.height(slot);
        int items = slot.get(ValueLayout.JAVA_INT, LayoutFrame.ITEMS);
        int radius = layout.style().radius();
        int pixels = width * height;
        if (depth.length < pixels) {
            depth = new float[pixels]; // only when the surface grows
        }
        Arrays.fill(depth, 0, pixels, Float.POSITIVE_INFINITY);
        clear(slot, pixels);
        int reach = radius * radius + radius; // a rounder disc than r^2 alone gives on a pixel grid
        for (int i = 0; i < items; i++) {
            long record = itemsOffset + ProjectedItem.BYTES * i;
            float z = slot.get(ValueLayout.JAVA_FLOAT, record + ProjectedItem.DEPTH);
            if (!(z > 0)) {
                continue; // behind the eye
            }
            int px = (int) Math.floor(slot.get(ValueLayout.JAVA_FLOAT, record + ProjectedItem.X));
            int py = (int) Math.floor(slot.get(ValueLayout.JAVA_FLOAT, record + ProjectedItem.Y));
            if (px < -radius || py < -radius || px >= width + radius || py >= height + radius) {
                continue;
            }
            int colour = slot.get(ValueLayout.JAVA_INT, record + ProjectedItem.COLOUR);
            for (int dy = -radius; dy <= radius; dy++) {
                int y = py + dy;
                if (y < 0 || y >= height) {
                    continue;
                }
                for (int dx = -radius; dx <= radius; dx++) {
                    int x = px + dx;
                    if (x < 0 || x >= width || dx * dx + dy * dy > reach) {
                        continue;
                    }
                    int at = y * width + x;
                    if (z < depth[at]) {
                        depth[at] = z;
                        slot.set(ValueLayout.JAVA_INT, LayoutFrame.PIXELS + 4L * at, colour);
                    }
                }
            }
        }
    }
}
