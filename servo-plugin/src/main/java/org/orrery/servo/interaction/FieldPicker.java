package org.orrery.servo.interaction;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import javafx.geometry.Point2D;
import org.orrery.memory.handle.StaleHandleException;
import org.orrery.memory.triple.TripleBuffer;
import org.orrery.servo.layout.LayoutFrame;
import org.orrery.servo.surface.ValueText;

/**
 * The value of the cell under the pointer, with its unit and its cell. It reads the compute frame
 * that the layout frame on screen was made from, by the handle in the layout frame's header; if
 * that compute slot has since been reused, the read is refused and nothing is shown until the
 * pointer moves again over a current frame.
 */
public final class FieldPicker implements Picker {

    /** Significant digits of a value read out: more than a tick's, since the user asked for this one. */
    static final int READOUT_DIGITS = 5;

    private final TripleBuffer layout;
    private final TripleBuffer compute;
    private final long payloadOffset;
    private final int width;
    private final int height;
    private final boolean rowZeroAtBottom;
    private final String unit;
    private final MemorySegment cell = Arena.ofAuto().allocate(4);

    /**
     * @param layout the layout triple buffer, whose consumer (the FX thread) calls this
     * @param compute the compute triple buffer the layout frames were made from
     * @param unit the values' unit, or "" if they have none
     */
    public FieldPicker(TripleBuffer layout, TripleBuffer compute, long payloadOffset, int width, int height,
                       boolean rowZeroAtBottom, String unit) {
        this.layout = layout;
        this.compute = compute;
        this.payloadOffset = payloadOffset;
        this.width = width;
        this.height = height;
        this.rowZeroAtBottom = rowZeroAtBottom;
        this.unit = unit;
    }

    @Override
    public String describe(Point2D at) {
        int column = (int) Math.floor(at.getX());
        int row = (int) Math.floor(at.getY());
        if (column < 0 || row < 0 || column >= width || row >= height) {
            return null;
        }
        int gridRow = rowZeroAtBottom ? height - 1 - row : row;
        long handle = layout.front().get(ValueLayout.JAVA_LONG, LayoutFrame.SOURCE);
        try {
            compute.copy(handle, payloadOffset + 4L * ((long) gridRow * width + column), cell, 0, 4);
        } catch (StaleHandleException moved) {
            return null;
        }
        float value = cell.get(ValueLayout.JAVA_FLOAT, 0);
        String shown = Float.isNaN(value) ? "no value" : ValueText.of(value, READOUT_DIGITS) + (unit.isEmpty() ? "" : " " + unit);
        return shown + "  at (" + column + ", " + gridRow + ")";
    }
}
