package org.orrery.servo.layout;

import java.lang.foreign.MemorySegment;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.orrery.servo.colour.ColourBarTicks;
import org.orrery.servo.colour.FieldColouring;
import org.orrery.servo.colour.FieldStyle;

/**
 * Lays out a grid kernel's frame (one f32 per cell, row after row) as one pixel per cell,
 * coloured by a {@link FieldStyle}, with the colour bar's range and ticks; whole, or a row at a
 * time. Panning and zooming happen after it: {@link FittedLayout} draws the part in view at the
 * surface's size, colouring the rows it needs.
 */
public final class FieldLayout implements RowLayout {

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
        prepare(computeFrame, slot);
        for (int y = 0; y < height; y++) {
            colourRow(computeFrame, y, 0, width, slot, LayoutFrame.PIXELS + 4L * width * y);
        }
    }

    @Override
    public void prepare(MemorySegment computeFrame, MemorySegment slot) {
        FieldStyle current = style; // read once: the rows are coloured by the style the range was fitted for
        colouring.prepare(current, computeFrame, payloadOffset, width * height);
        LayoutFrame.writeFrame(slot, width, height, 0, colouring, current.scale(), ticks);
    }

    @Override
    public void colourRow(MemorySegment computeFrame, int y, int from, int to, MemorySegment pixels, long offset) {
        int row = rowZeroAtBottom ? height - 1 - y : y;
        colouring.colourCells(computeFrame, payloadOffset + 4L * ((long) row * width + from), to - from, pixels, offset);
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
