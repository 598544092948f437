package org.orrery.servo.layout;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A field's layout drawn at the size it is shown. The field's own layout colours one pixel per
 * cell into a frame of its own; then the part of the field in view is resampled to the surface's
 * device pixels, so the renderer draws the frame 1:1. Magnified, a pixel takes the cell under its
 * centre; shrunk, it takes the mean of the cells it covers, so a lone cell (one point in a
 * density) still shows, fainter. JavaFX's software
 * pipeline takes 10 ms or more to stretch a 512 x 512 frame over 720 x 720 pixels, and under 1 ms
 * to draw one 1:1; the resample costs about that here, on the layout thread, not on the pulse.
 *
 * <p>Until {@link #show} is called, frames go out at one pixel per cell, the whole field. A size
 * larger than the slot holds is scaled down to fit it, keeping its shape.
 */
public final class FittedLayout implements FrameLayout {

    /** The widest frame drawn, in pixels (the column table is allocated once, this long). */
    static final int MAX_WIDTH = 8_192;

    /** The cells in view, {@code (x, y, w, h)} in cells, drawn as {@code width x height} pixels. */
    private record Shown(int width, int height, double x, double y, double w, double h) {
    }

    private final FrameLayout cells;
    private final int cellsWide;
    private final int cellsHigh;
    private final MemorySegment cellFrame;
    /** For each pixel across: the first cell it shows, and how many cells (1 unless shrunk). */
    private final int[] firstColumn = new int[MAX_WIDTH];
    private final int[] columnCount = new int[MAX_WIDTH];
    private final AtomicLong version = new AtomicLong();
    private volatile Shown shown;

    /** @param cells lays the field out at one pixel per cell, {@code cellsWide x cellsHigh} */
    public FittedLayout(FrameLayout cells, int cellsWide, int cellsHigh) {
        this.cells = Objects.requireNonNull(cells, "cells");
        if (cellsWide < 1 || cellsHigh < 1) {
            throw new IllegalArgumentException("field must be at least 1 x 1 cells, is " + cellsWide + " x " + cellsHigh);
        }
        this.cellsWide = cellsWide;
        this.cellsHigh = cellsHigh;
        // Freed by the garbage collector with the layout: nothing else holds it.
        this.cellFrame = Arena.ofAuto().allocate(LayoutFrame.slotBytes((long) cellsWide * cellsHigh, 0), 64);
    }

    /**
     * From the next layout on, draws the cells from ({@code x}, {@code y}), {@code w} by {@code h}
     * cells, as frames of {@code width x height} pixels. Any thread.
     */
    public void show(int width, int height, double x, double y, double w, double h) {
        if (width < 1 || height < 1 || !(w > 0) || !(h > 0)) {
            throw new IllegalArgumentException("cannot show " + w + " x " + h + " cells in " + width + " x " + height
                    + " pixels");
        }
        shown = new Shown(width, height, x, y, w, h);
        version.incrementAndGet();
    }

    @Override
    public void layOut(MemorySegment computeFrame, MemorySegment slot) {
        cells.layOut(computeFrame, cellFrame);
        // The header from the pixel size on (colour range, ticks); the stage writes the rest.
        MemorySegment.copy(cellFrame, LayoutFrame.WIDTH, slot, LayoutFrame.WIDTH, LayoutFrame.PIXELS - LayoutFrame.WIDTH);
        Shown view = shown;
        if (view == null) {
            MemorySegment.copy(cellFrame, LayoutFrame.PIXELS, slot, LayoutFrame.PIXELS, 4L * cellsWide * cellsHigh);
            return;
        }
        int width = Math.min(view.width, MAX_WIDTH);
        int height = view.height;
        long room = (slot.byteSize() - LayoutFrame.PIXELS) / 4;
        if ((long) width * height > room) {
            double shrink = Math.sqrt((double) room / ((long) width * height));
            width = Math.max(1, (int) (width * shrink));
            height = Math.max(1, (int) (height * shrink));
        }
        boolean oneCellAcross = true;
        double cellsPerColumn = view.w / width;
        for (int px = 0; px < width; px++) {
            firstColumn[px] = firstCell(view.x, cellsPerColumn, px, cellsWide);
            columnCount[px] = cellCount(view.x, cellsPerColumn, px, cellsWide, firstColumn[px]);
            oneCellAcross &= columnCount[px] == 1;
        }
        double cellsPerRow = view.h / height;
        long rowBytes = 4L * width;
        int previousRow = -1;
        for (int py = 0; py < height; py++) {
            long out = LayoutFrame.PIXELS + py * rowBytes;
            int firstRow = firstCell(view.y, cellsPerRow, py, cellsHigh);
            int rows = cellCount(view.y, cellsPerRow, py, cellsHigh, firstRow);
            if (rows == 1 && oneCellAcross) {
                if (firstRow == previousRow) { // magnified: the row above is this one
                    MemorySegment.copy(slot, out - rowBytes, slot, out, rowBytes);
                    continue;
                }
                long in = LayoutFrame.PIXELS + 4L * firstRow * cellsWide;
                for (int px = 0; px < width; px++) {
                    slot.set(ValueLayout.JAVA_INT, out + 4L * px, cellFrame.get(ValueLayout.JAVA_INT, in + 4L * firstColumn[px]));
                }
                previousRow = firstRow;
            } else {
                for (int px = 0; px < width; px++) {
                    slot.set(ValueLayout.JAVA_INT, out + 4L * px, meanColour(firstColumn[px], columnCount[px], firstRow, rows));
                }
                previousRow = -1;
            }
        }
        slot.set(ValueLayout.JAVA_INT, LayoutFrame.WIDTH, width);
        slot.set(ValueLayout.JAVA_INT, LayoutFrame.HEIGHT, height);
    }

    /**
     * The first cell pixel {@code p} shows along an axis where the view starts at cell
     * {@code start} and a pixel spans {@code cellsPerPixel} cells: the cell under its centre when
     * magnified, else the first cell whose centre it covers.
     */
    private static int firstCell(double start, double cellsPerPixel, int p, int cells) {
        double from = cellsPerPixel < 1 ? start + (p + 0.5) * cellsPerPixel : Math.ceil(start + p * cellsPerPixel - 0.5);
        return (int) Math.clamp((long) Math.floor(from), 0, cells - 1);
    }

    /** How many cells from {@code first} pixel {@code p} covers: 1 when magnified. */
    private static int cellCount(double start, double cellsPerPixel, int p, int cells, int first) {
        if (cellsPerPixel < 1) {
            return 1;
        }
        long end = (long) Math.ceil(start + (p + 1) * cellsPerPixel - 0.5); // past the last centre covered
        return (int) Math.max(1, Math.min(end, cells) - first);
    }

    /** The mean of the premultiplied colours of a block of cells, channel by channel, rounded. */
    private int meanColour(int column, int columns, int row, int rows) {
        long a = 0;
        long r = 0;
        long g = 0;
        long b = 0;
        for (int y = row; y < row + rows; y++) {
            long in = LayoutFrame.PIXELS + 4L * ((long) y * cellsWide + column);
            for (int x = 0; x < columns; x++) {
                int argb = cellFrame.get(ValueLayout.JAVA_INT, in + 4L * x);
                a += argb >>> 24;
                r += (argb >>> 16) & 0xff;
                g += (argb >>> 8) & 0xff;
                b += argb & 0xff;
            }
        }
        long n = (long) columns * rows;
        long half = n / 2;
        return (int) ((a + half) / n) << 24 | (int) ((r + half) / n) << 16 | (int) ((g + half) / n) << 8 | (int) ((b + half) / n);
    }

    @Override
    public long settingsVersion() {
        // Both counters only grow, so their sum changes whenever either does.
        return cells.settingsVersion() + version.get();
    }
}
