package org.orrery.servo.layout;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A field's layout drawn at the size it is shown: the part of the field in view is resampled to
 * the surface's device pixels, so the renderer draws the frame 1:1. Magnified, a pixel takes the
 * cell under its centre; shrunk, it takes the mean of a block of cells from the first it covers,
 * as many as a pixel spans rounded up, so a lone cell (one point in a density) still shows, fainter.
 *
 * <p>A {@link RowLayout} (the field coloured on the CPU) colours only the rows and columns in
 * view, as the resample reads them, into a few rows kept here: nothing of the field is written
 * whole and read back. Any other layout (on the GPU) lays the whole field out into a frame of its
 * own first, whose rows the resample then reads.
 *
 * <p>Why: JavaFX's software pipeline takes 10 ms or more to stretch a 512 x 512 frame over
 * 720 x 720 pixels, and under 1 ms to draw one 1:1. The resample takes 0.3 ms (that case) to about
 * 6 ms (3 million cells shrunk), on the layout thread rather than the render thread.
 *
 * <p>Until {@link #show} is called, frames go out at one pixel per cell, the whole field. A size
 * larger than the slot holds is scaled down to fit it, keeping its shape.
 */
public final class FittedLayout implements FrameLayout {

    /** The widest frame drawn, in pixels (the column table is allocated once, this long). */
    static final int MAX_WIDTH = 8_192;

    /**
     * Cells a pixel averages along an axis, at most: a block of up to 256 cells keeps each
     * channel's sum in 16 bits, two channels to an int.
     */
    static final int MAX_BLOCK = 16;

    /** The cells in view, {@code (x, y, w, h)} in cells, drawn as {@code width x height} pixels. */
    private record Shown(int width, int height, double x, double y, double w, double h) {
    }

    private final FrameLayout cells;
    /** {@link #cells} as a layout that colours a row at a time; null if it lays out whole frames only. */
    private final RowLayout rows;
    private final int cellsWide;
    private final int cellsHigh;
    /** The whole field, one pixel per cell, where {@link #rows} is null; else null. */
    private final MemorySegment cellFrame;
    /**
     * The last {@value #MAX_BLOCK} rows of cells the resample read, coloured, row {@code y} at
     * {@code (y % MAX_BLOCK) * cellsWide}: the rows of a block, and those that the next pixel
     * row's block shares with it, are coloured (or copied) once.
     */
    private final int[] rowCache;
    private final MemorySegment rowCacheSegment;
    /** Which row of cells each of {@link #rowCache}'s rows holds this frame; -1 for none. */
    private final int[] cachedRow = new int[MAX_BLOCK];
    /** For each pixel across: the first cell of its block. */
    private final int[] firstColumn = new int[MAX_WIDTH];
    /** The channel sums of a block's rows, per column of cells; a row of pixels. */
    private final int[] sumAlphaGreen;
    private final int[] sumRedBlue;
    private final int[] columnMean;
    /** Where blocks are more than a cell across: the sums of each block of columns, by its first. */
    private final int[] windowAlphaGreen;
    private final int[] windowRedBlue;
    private final int[] pixelRow = new int[MAX_WIDTH];
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
        this.rows = cells instanceof RowLayout rowLayout ? rowLayout : null;
        this.rowCache = new int[MAX_BLOCK * cellsWide];
        this.rowCacheSegment = MemorySegment.ofArray(rowCache);
        this.sumAlphaGreen = new int[cellsWide];
        this.sumRedBlue = new int[cellsWide];
        this.columnMean = new int[cellsWide];
        this.windowAlphaGreen = new int[cellsWide];
        this.windowRedBlue = new int[cellsWide];
        // Freed by the garbage collector with the layout: nothing else holds it.
        this.cellFrame = rows != null ? null
                : Arena.ofAuto().allocate(LayoutFrame.slotBytes((long) cellsWide * cellsHigh, 0), 64);
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
        Shown view = shown;
        if (rows != null) {
            // What the layout says of the picture (pixel size, colour range, ticks), straight into the slot.
            rows.prepare(computeFrame, slot);
            if (view == null) {
                for (int y = 0; y < cellsHigh; y++) {
                    rows.colourRow(computeFrame, y, 0, cellsWide, slot, LayoutFrame.PIXELS + 4L * y * cellsWide);
                }
                return;
            }
        } else {
            cells.layOut(computeFrame, cellFrame);
            // The same, from the frame of its own; the stage writes the rest, the copy of the
            // compute frame's header included.
            MemorySegment.copy(cellFrame, LayoutFrame.WIDTH, slot, LayoutFrame.WIDTH,
                    LayoutFrame.COMPUTE_HEADER - LayoutFrame.WIDTH);
            if (view == null) {
                MemorySegment.copy(cellFrame, LayoutFrame.PIXELS, slot, LayoutFrame.PIXELS, 4L * cellsWide * cellsHigh);
                return;
            }
        }
        int width = Math.min(view.width, MAX_WIDTH);
        int height = view.height;
        long room = (slot.byteSize() - LayoutFrame.PIXELS) / 4;
        if ((long) width * height > room) {
            double shrink = Math.sqrt((double) room / ((long) width * height));
            width = Math.max(1, (int) (width * shrink));
            height = Math.max(1, (int) (height * shrink));
        }
        double cellsPerColumn = view.w / width;
        double cellsPerRow = view.h / height;
        int across = blockSize(cellsPerColumn);
        int down = blockSize(cellsPerRow);
        for (int px = 0; px < width; px++) {
            firstColumn[px] = firstCell(view.x, cellsPerColumn, px, cellsWide, across);
        }
        // The columns any pixel reads: the same for every row of this frame.
        int from = firstColumn[0];
        int to = Math.min(cellsWide, firstColumn[width - 1] + Math.min(across, cellsWide));
        Arrays.fill(cachedRow, -1);
        long rowBytes = 4L * width;
        int previousRow = -1;
        for (int py = 0; py < height; py++) {
            long out = LayoutFrame.PIXELS + py * rowBytes;
            int firstRow = firstCell(view.y, cellsPerRow, py, cellsHigh, down);
            if (across > 1 || down > 1) {
                meanRow(computeFrame, firstRow, down, across, width, from, to);
                MemorySegment.copy(pixelRow, 0, slot, ValueLayout.JAVA_INT, out, width);
            } else if (firstRow == previousRow) { // magnified: the row above is this one
                MemorySegment.copy(slot, out - rowBytes, slot, out, rowBytes);
            } else {
                int row = cellRow(computeFrame, firstRow, from, to);
                for (int px = 0; px < width; px++) {
                    pixelRow[px] = rowCache[row + firstColumn[px]];
                }
                MemorySegment.copy(pixelRow, 0, slot, ValueLayout.JAVA_INT, out, width);
                previousRow = firstRow;
            }
        }
        slot.set(ValueLayout.JAVA_INT, LayoutFrame.WIDTH, width);
        slot.set(ValueLayout.JAVA_INT, LayoutFrame.HEIGHT, height);
    }

    /**
     * Row {@code y} of cells, its columns {@code from} to {@code to - 1} coloured: returns where
     * the row's cell 0 would sit in {@link #rowCache}. Coloured (or copied from the frame of its
     * own) unless the cache holds it already this frame.
     */
    private int cellRow(MemorySegment computeFrame, int y, int from, int to) {
        int slot = y % MAX_BLOCK;
        int start = slot * cellsWide;
        if (cachedRow[slot] != y) {
            if (rows != null) {
                rows.colourRow(computeFrame, y, from, to, rowCacheSegment, 4L * (start + from));
            } else {
                MemorySegment.copy(cellFrame, ValueLayout.JAVA_INT, LayoutFrame.PIXELS + 4L * ((long) y * cellsWide + from),
                        rowCache, start + from, to - from);
            }
            cachedRow[slot] = y;
        }
        return start;
    }

    /**
     * Cells a pixel averages along an axis: 1 when magnified, else the span of a pixel rounded
     * up, the same for every pixel of the frame (blocks may overlap by a cell), at most
     * {@value #MAX_BLOCK}. A fixed size keeps the inner loop's trip count steady.
     */
    private static int blockSize(double cellsPerPixel) {
        return (int) Math.clamp((long) Math.ceil(cellsPerPixel - 1e-9), 1, MAX_BLOCK);
    }

    /**
     * The first cell of pixel {@code p}'s block along an axis where the view starts at cell
     * {@code start} and a pixel spans {@code cellsPerPixel} cells: the cell under its centre when
     * magnified, else the first cell whose centre it covers; kept inside the field.
     */
    private static int firstCell(double start, double cellsPerPixel, int p, int cells, int block) {
        double from = cellsPerPixel < 1 ? start + (p + 0.5) * cellsPerPixel : Math.ceil(start + p * cellsPerPixel - 0.5);
        return (int) Math.clamp((long) Math.floor(from), 0, Math.max(0, cells - block));
    }

    /**
     * Fills {@link #pixelRow} with a row of shrunk pixels: each the mean of the premultiplied
     * colours of its {@code across x down} block of cells, channel by channel, rounded. The block's
     * rows are summed first, column by column (a loop the JIT vectorises). Two channels share an
     * int, 16 bits each. Then, for blocks of a power of two cells or one cell across, each
     * column's block mean is taken once and pixels pick theirs (a third of the time of a mean per
     * pixel, for 1280 pixels across 1024 cells one cell across); else each pixel adds up its
     * block's columns and divides.
     */
    private void meanRow(MemorySegment computeFrame, int firstRow, int down, int across, int width, int from, int to) {
        int rowCount = Math.min(down, cellsHigh);
        int columns = Math.min(across, cellsWide);
        int first = cellRow(computeFrame, firstRow, from, to);
        for (int x = from; x < to; x++) { // the first row sets the sums: no pass to clear them
            int argb = rowCache[first + x];
            sumAlphaGreen[x] = (argb >>> 8) & 0x00ff00ff;
            sumRedBlue[x] = argb & 0x00ff00ff;
        }
        for (int y = firstRow + 1; y < firstRow + rowCount; y++) {
            int row = cellRow(computeFrame, y, from, to);
            for (int x = from; x < to; x++) {
                int argb = rowCache[row + x];
                sumAlphaGreen[x] += (argb >>> 8) & 0x00ff00ff;
                sumRedBlue[x] += argb & 0x00ff00ff;
            }
        }
        int n = rowCount * columns;
        int half = n / 2;
        boolean powerOfTwo = Integer.bitCount(n) == 1;
        if (columns > 1 && !powerOfTwo) {
            // Dividing by n as a multiply: exact for sums under 2^32 / n, as these are (under 2^16, n <= 256).
            long reciprocal = ((1L << 32) + n - 1) / n;
            for (int px = 0; px < width; px++) {
                int alphaGreen = 0;
                int redBlue = 0;
                for (int x = firstColumn[px], end = x + columns; x < end; x++) {
                    alphaGreen += sumAlphaGreen[x];
                    redBlue += sumRedBlue[x];
                }
                pixelRow[px] = mean(alphaGreen, redBlue, reciprocal, half);
            }
            return;
        }
        // Otherwise each column's block is summed and its mean taken once, in loops the JIT
        // vectorises, and pixels pick theirs: a 1024 x 1024 field shrunk into 720 x 720 pixels
        // (blocks of 2 x 2) took a third of the time a mean per pixel took.
        int last = to - columns; // the last column a block starts at
        int[] blockAlphaGreen = sumAlphaGreen;
        int[] blockRedBlue = sumRedBlue;
        if (columns > 1) {
            blockAlphaGreen = windowAlphaGreen;
            blockRedBlue = windowRedBlue;
            System.arraycopy(sumAlphaGreen, from, blockAlphaGreen, from, last + 1 - from);
            System.arraycopy(sumRedBlue, from, blockRedBlue, from, last + 1 - from);
            for (int k = 1; k < columns; k++) {
                for (int x = from; x <= last; x++) {
                    blockAlphaGreen[x] += sumAlphaGreen[x + k];
                    blockRedBlue[x] += sumRedBlue[x + k];
                }
            }
        }
        if (powerOfTwo) {
            // A sum per channel is under 2^16 - n / 2 and n at most 2^8: shifted right, no bit of one
            // channel's sum reaches the low byte of the channel below it, which the mask keeps.
            int shift = Integer.numberOfTrailingZeros(n);
            int halves = half * 0x00010001;
            for (int x = from; x <= last; x++) {
                columnMean[x] = ((blockAlphaGreen[x] + halves) >>> shift & 0x00ff00ff) << 8
                        | (blockRedBlue[x] + halves) >>> shift & 0x00ff00ff;
            }
        } else {
            long reciprocal = ((1L << 32) + n - 1) / n;
            for (int x = from; x <= last; x++) {
                columnMean[x] = mean(blockAlphaGreen[x], blockRedBlue[x], reciprocal, half);
            }
        }
        for (int px = 0; px < width; px++) {
            pixelRow[px] = columnMean[firstColumn[px]];
        }
    }

    /** The pixel whose channels are those sums over n cells, rounded: {@code reciprocal} is 2^32 / n rounded up, {@code half} n / 2. */
    private static int mean(int alphaGreen, int redBlue, long reciprocal, int half) {
        return (int) (((alphaGreen >>> 16) + half) * reciprocal >>> 32) << 24
                | (int) (((redBlue >>> 16) + half) * reciprocal >>> 32) << 16
                | (int) (((alphaGreen & 0xffff) + half) * reciprocal >>> 32) << 8
                | (int) (((redBlue & 0xffff) + half) * reciprocal >>> 32);
    }

    @Override
    public long settingsVersion() {
        // Both counters only grow, so their sum changes whenever either does.
        return cells.settingsVersion() + version.get();
    }
}
