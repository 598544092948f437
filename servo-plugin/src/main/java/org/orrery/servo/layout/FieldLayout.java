package org.orrery.servo.layout;

import java.lang.foreign.MemorySegment;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.orrery.servo.colour.ColourBarTicks;
import org.orrery.servo.colour.FieldColouring;
import org.orrery.servo.colour.FieldStyle;

/**
 * Lays out a grid kernel's frame (one f32 per cell, row after row) as one pixel per cell,
 * coloured by a {@link FieldStyle}, with the colour bar's range and ticks. Panning and zooming
 * happen after it: {@link FittedLayout} draws the part in view at the surface's size.
 */
public final class FieldLayout implements FrameLayout {

    private final long payloadOffset;
    private final int width;
    private final int height;
    private final boolean rowZeroAtBottom;
    private final FieldColouring colouring = new FieldColouring();
    private final ColourBarTicks ticks = new ColourBarTicks();
    private final AtomicLong version = new AtomicLong();
    private volatile FieldStyle style;

    /**
     * @param payloadOffset where the grid starts in a compute frame
     * @param rowZeroAtBottom whether the grid's first row is its bottom one (y up)
     */
    public FieldLayout(long payloadOffset, int width, int height, boolean rowZeroAtBottom, FieldStyle style) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("grid must be at least 1 x 1, is " + width + " x " + height);
        }
        this.payloadOffset = payloadOffset;
        this.width = width;
        this.height = height;
        this.rowZeroAtBottom = rowZeroAtBottom;
        this.style = Objects.requireNonNull(style, "style");
    }

    @Override
    public void layOut(MemorySegment computeFrame, MemorySegment slot) {
        FieldStyle current = style;
        colouring.colour(current, computeFrame, payloadOffset, width, height, rowZeroAtBottom, slot, LayoutFrame.PIXELS);
        LayoutFrame.writeFrame(slot, width, height, 0, colouring, current.scale(), ticks);
    }

    public FieldStyle style() {
        return style;
    }

    /** Changes the style from any thread; the next layout uses it. */
    public void setStyle(FieldStyle newStyle) {
        style = Objects.requireNonNull(newStyle, "style");
        version.incrementAndGet();
    }

    @Override
    public long settingsVersion() {
        return version.get();
    }
}
