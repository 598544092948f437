package org.orrery.servo.points;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.orrery.servo.colour.ColourBarTicks;
import org.orrery.servo.colour.FieldColouring;
import org.orrery.servo.layout.FrameLayout;
import org.orrery.servo.layout.LayoutFrame;
import org.orrery.servo.layout.ProjectedItem;

/**
 * Lays out a point kernel's frame: each item projected through an {@link OrbitCamera} onto a
 * surface of the current size, with a colour from its speed or one of its lanes. The records go
 * into the slot after the pixels ({@link ProjectedItem}); a {@link PointRaster} then draws them.
 */
public final class PointsLayout implements FrameLayout {

    /** Items nearer the eye than this are not drawn. */
    static final double NEAR = 1e-3;

    private final long payloadOffset;
    private final int items;
    private final PointFormat format;
    private final long maxPixels;
    private final long itemsOffset;
    private final FieldColouring colouring = new FieldColouring();
    private final ColourBarTicks ticks = new ColourBarTicks();
    private final double[] basis = new double[9];
    /** Per item: the value that colours it, then its colour. Off-heap so FieldColouring can read them. */
    private final MemorySegment values;
    private final MemorySegment colours;
    private final AtomicLong version = new AtomicLong();
    private volatile OrbitCamera camera;
    private volatile PointStyle style;
    /** Surface size in pixels, width in the high half. */
    private volatile long surfaceSize;

    /**
     * @param payloadOffset where the items start in a compute frame
     * @param maxPixels the most pixels a layout slot holds; larger surfaces are laid out smaller
     */
    public PointsLayout(long payloadOffset, int items, PointFormat format, long maxPixels, OrbitCamera camera,
                        PointStyle style, int width, int height) {
        if (items < 1) {
            throw new IllegalArgumentException("a point view needs at least one item, has " + items);
        }
        this.payloadOffset = payloadOffset;
        this.items = items;
        this.format = Objects.requireNonNull(format, "format");
        this.maxPixels = maxPixels;
        this.itemsOffset = LayoutFrame.itemsOffset(maxPixels);
        this.camera = Objects.requireNonNull(camera, "camera");
        checkStyle(style);
        this.style = style;
        Arena arena = Arena.ofAuto();
        this.values = arena.allocate(4L * items, 64);
        this.colours = arena.allocate(4L * items, 64);
        setSurfaceSize(width, height);
    }

    private void checkStyle(PointStyle s) {
        Objects.requireNonNull(s, "style");
        if (s.colourBy() == PointStyle.ColourBy.SPEED && format.velocityLane() < 0) {
            throw new IllegalArgumentException("these items have no velocity to colour by");
        }
        if (s.colourBy() == PointStyle.ColourBy.LANE && (s.colourLane() < 0 || s.colourLane() >= format.lanes())) {
            throw new IllegalArgumentException("colour lane " + s.colourLane() + " is outside an item of "
                    + format.lanes() + " lanes");
        }
    }

    @Override
    public void layOut(MemorySegment frame, MemorySegment slot) {
        OrbitCamera cam = camera;
        PointStyle s = style;
        long size = surfaceSize;
        int width = (int) (size >>> 32);
        int height = (int) size;
        gatherColourValues(frame, s);
        colouring.colour(s.colours(), values, 0, items, 1, false, colours, 0);
        project(frame, slot, cam, width, height);
        LayoutFrame.writeFrame(slot, width, height, items, colouring, s.colours().scale(), ticks);
    }

    private void gatherColourValues(MemorySegment frame, PointStyle s) {
        int stride = format.stride();
        boolean speed = s.colourBy() == PointStyle.ColourBy.SPEED;
        long lane = 4L * (speed ? format.velocityLane() : s.colourLane());
        for (int i = 0; i < items; i++) {
            long at = payloadOffset + (long) stride * i + lane;
            float value;
            if (speed) {
                float vx = frame.get(ValueLayout.JAVA_FLOAT, at);
                float vy = frame.get(ValueLayout.JAVA_FLOAT, at + 4);
                float vz = frame.get(ValueLayout.JAVA_FLOAT, at + 8);
                value = (float) Math.sqrt(vx * vx + vy * vy + vz * vz);
            } else {
                value = frame.get(ValueLayout.JAVA_FLOAT, at);
            }
            values.set(ValueLayout.JAVA_FLOAT, 4L * i, value);
        }
    }

    private void project(MemorySegment frame, MemorySegment slot, OrbitCamera cam, int width, int height) {
        cam.basis(basis);
        double ex = cam.eyeX();
        double ey = cam.eyeY();
        double ez = cam.eyeZ();
        double focal = cam.focal(width, height);
        double cx = width / 2.0;
        double cy = height / 2.0;
        int stride = format.stride();
        long xl = 4L * format.xLane();
        long yl = 4L * format.yLane();
        long zl = 4L * format.zLane();
        for (int i = 0; i < items; i++) {
            long at = payloadOffset + (long) stride * i;
            double dx = frame.get(ValueLayout.JAVA_FLOAT, at + xl) - ex;
            double dy = frame.get(ValueLayout.JAVA_FLOAT, at + yl) - ey;
            double dz = frame.get(ValueLayout.JAVA_FLOAT, at + zl) - ez;
            double right = dx * basis[0] + dy * basis[1] + dz * basis[2];
            double up = dx * basis[3] + dy * basis[4] + dz * basis[5];
            double depth = dx * basis[6] + dy * basis[7] + dz * basis[8];
            long record = itemsOffset + ProjectedItem.BYTES * i;
            boolean visible = depth > NEAR;
            slot.set(ValueLayout.JAVA_FLOAT, record + ProjectedItem.X, (float) (cx + focal * right / depth));
            slot.set(ValueLayout.JAVA_FLOAT, record + ProjectedItem.Y, (float) (cy - focal * up / depth));
            slot.set(ValueLayout.JAVA_FLOAT, record + ProjectedItem.DEPTH, visible ? (float) depth : Float.NaN);
            slot.set(ValueLayout.JAVA_INT, record + ProjectedItem.COLOUR, colours.get(ValueLayout.JAVA_INT, 4L * i));
        }
    }

    public OrbitCamera camera() {
        return camera;
    }

    /** Changes the camera from any thread; the next layout uses it. */
    public void setCamera(OrbitCamera newCamera) {
        camera = Objects.requireNonNull(newCamera, "camera");
        version.incrementAndGet();
    }

    public PointStyle style() {
        return style;
    }

    /** Changes the style from any thread; the next layout uses it. */
    public void setStyle(PointStyle newStyle) {
        checkStyle(newStyle);
        style = newStyle;
        version.incrementAndGet();
    }

    /**
     * Sets the surface size from any thread. A surface of more pixels than a slot holds is laid
     * out at the largest size of the same shape that fits, for the surface to scale up.
     */
    public void setSurfaceSize(int width, int height) {
        int w = Math.max(1, width);
        int h = Math.max(1, height);
        if ((long) w * h > maxPixels) {
            double shrink = Math.sqrt((double) maxPixels / ((long) w * h));
            w = Math.max(1, (int) (w * shrink));
            h = Math.max(1, (int) (h * shrink));
        }
        surfaceSize = ((long) w << 32) | h;
        version.incrementAndGet();
    }

    /** The size frames are laid out at: width in the high half, height in the low. */
    public long surfaceSize() {
        return surfaceSize;
    }

    public int items() {
        return items;
    }

    /** Where the projected items start in a layout slot. */
    public long itemsOffset() {
        return itemsOffset;
    }

    @Override
    public long settingsVersion() {
        return version.get();
    }
}
