package org.orrery.servo.colour;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Colours a grid of f32 values into {@code INT_ARGB_PRE} pixels by a {@link FieldStyle}, and then
 * answers where a value sits on the colour map (for the colour bar's ticks).
 *
 * <p>The log and equalised scales do not take a logarithm per cell. They sort each value's excess
 * over the low end into bins read straight from the float bits of {@code 1 + excess}: the exponent
 * picks the octave and the top {@value #BIN_BITS} bits of the mantissa split it into
 * {@code 2^BIN_BITS} parts, so the bins are spaced like a logarithm, and a table gives each bin's
 * colour. The error this adds is under a 256th of an octave, well under one of the map's 256 steps.
 *
 * <p>One instance per thread: it keeps its tables between frames and allocates nothing.
 */
public final class FieldColouring {

    /** The pixel of an empty cell: transparent, so the surface's background shows. */
    public static final int EMPTY_PIXEL = 0;

    static final int BIN_BITS = 8;
    private static final int MANTISSA_BITS = 23;
    /** A bin is the float bits of {@code 1 + excess}, less those of 1, shifted right this far. */
    public static final int BIN_SHIFT = MANTISSA_BITS - BIN_BITS;
    /** Enough bins for every finite float: 128 octaves above 1. */
    public static final int BINS = 128 << BIN_BITS;
    private static final int ONE_BITS = Float.floatToRawIntBits(1f);

    private final int[] binPixel = new int[BINS];
    /** Equalised scale: cells in each bin, then cells in the bins below each bin. */
    private final int[] binCells = new int[BINS];
    private final int[] cellsBelow = new int[BINS];
    /** Values read a block at a time for the range. */
    private final float[] rangeRow = new float[4096];

    private FieldStyle style;
    private float low;
    private float high;
    private int nonEmpty;
    private int topBin;

    /**
     * Colours a {@code width} x {@code height} grid of f32 values, row after row at {@code from}
     * (offset {@code fromOffset}), into as many pixels at {@code to} (offset {@code toOffset}).
     *
     * @param rowZeroAtBottom whether the grid's first row is its bottom row (y up, as in a chart);
     *     the pixels always start with the top row
     */
    public void colour(FieldStyle style, MemorySegment from, long fromOffset, int width, int height,
                       boolean rowZeroAtBottom, MemorySegment to, long toOffset) {
        prepare(style, from, fromOffset, width * height);
        for (int y = 0; y < height; y++) {
            colourCells(from, fromOffset + 4L * width * (rowZeroAtBottom ? height - 1 - y : y), width,
                    to, toOffset + 4L * width * y);
        }
    }

    /**
     * Colours {@code count} f32 values at {@code from} (offset {@code fromOffset}) into as many
     * pixels at {@code to} (offset {@code toOffset}), by the style and range of the last
     * {@link #prepare}: a row, or part of one, at a time, so that a caller can colour only the
     * cells it shows.
     */
    public void colourCells(MemorySegment from, long fromOffset, int count, MemorySegment to, long toOffset) {
        if (style.scale() == ValueScale.LINEAR) {
            colourLinear(from, fromOffset, count, to, toOffset);
        } else {
            colourByBins(from, fromOffset, count, to, toOffset);
        }
    }

    /**
     * Everything {@link #colour} works out before it colours a cell: the range, and for the log
     * and equalised scales each bin's colour. A GPU backend calls this and colours the cells
     * itself, the same way (see {@link #linearIndexPerValue}, {@link #topBin}, {@link #writeBinPixels}).
     */
    public void prepare(FieldStyle style, MemorySegment from, long fromOffset, int cells) {
        this.style = style;
        fitRange(style, from, fromOffset, cells);
        if (style.scale() != ValueScale.LINEAR) {
            fillBinPixels(style, from, fromOffset, cells);
        }
    }

    /** Linear scale: colour index per unit of value above the low end; 0 for a flat field (all cells take the middle colour). */
    public float linearIndexPerValue() {
        float span = high - low;
        return span > 0 ? ColourMap.SIZE / span : 0;
    }

    /** Log and equalised scales: the last bin in use; excesses beyond it share its colour. */
    public int topBin() {
        return topBin;
    }

    /** Log and equalised scales: copies the colours of bins 0 to {@link #topBin} as ints to {@code to}. */
    public void writeBinPixels(MemorySegment to) {
        MemorySegment.copy(binPixel, 0, to, ValueLayout.JAVA_INT, 0, topBin + 1);
    }

    // The two pixel loops are separate methods so that each is compiled for its own scale: one
    // loop with both paths was compiled for whichever scale ran first and ran the other 3x slower.
    private void colourLinear(MemorySegment from, long fromOffset, int count, MemorySegment to, long toOffset) {
        float indexPerValue = linearIndexPerValue();
        int flatIndex = indexPerValue > 0 ? 0 : ColourMap.SIZE / 2;
        ColourMap map = style.map();
        boolean zeroIsEmpty = style.zeroIsEmpty();
        float base = low;
        for (int x = 0; x < count; x++) {
            float v = from.get(ValueLayout.JAVA_FLOAT, fromOffset + 4L * x);
            int pixel = EMPTY_PIXEL;
            if (!isEmpty(v, zeroIsEmpty)) {
                int index = flatIndex + (int) ((v - base) * indexPerValue);
                pixel = map.pixel(index < 0 ? 0 : Math.min(index, ColourMap.SIZE - 1));
            }
            to.set(ValueLayout.JAVA_INT, toOffset + 4L * x, pixel);
        }
    }

    private void colourByBins(MemorySegment from, long fromOffset, int count, MemorySegment to, long toOffset) {
        boolean zeroIsEmpty = style.zeroIsEmpty();
        float base = low;
        for (int x = 0; x < count; x++) {
            float v = from.get(ValueLayout.JAVA_FLOAT, fromOffset + 4L * x);
            to.set(ValueLayout.JAVA_INT, toOffset + 4L * x, isEmpty(v, zeroIsEmpty) ? EMPTY_PIXEL : binPixel[bin(v - base)]);
        }
    }

    private void fitRange(FieldStyle style, MemorySegment from, long fromOffset, int cells) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        int count = 0;
        boolean zeroIsEmpty = style.zeroIsEmpty();
        if (!zeroIsEmpty) {
            // Most fields have no empty cell: then the range is a plain minimum and maximum, which
            // the JIT vectorises (0.4 ms for a million cells, against 1.5 ms counting cells as it
            // goes). A NaN or an infinity among the cells shows in the result; then count them.
            float[] values = rangeRow;
            for (int start = 0; start < cells; start += values.length) {
                int n = Math.min(values.length, cells - start);
                MemorySegment.copy(from, ValueLayout.JAVA_FLOAT, fromOffset + 4L * start, values, 0, n);
                for (int i = 0; i < n; i++) {
                    min = Math.min(min, values[i]);
                    max = Math.max(max, values[i]);
                }
            }
            if (min - min == 0 && max - max == 0) {
                setRange(style, cells, min, max);
                return;
            }
            min = Float.POSITIVE_INFINITY;
            max = Float.NEGATIVE_INFINITY;
        }
        for (int i = 0; i < cells; i++) {
            float v = from.get(ValueLayout.JAVA_FLOAT, fromOffset + 4L * i);
            if (!isEmpty(v, zeroIsEmpty)) {
                count++;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        setRange(style, count, min, max);
    }

    /** The range from {@code count} cells with a value, the least {@code min} and the greatest {@code max}. */
    private void setRange(FieldStyle style, int count, float min, float max) {
        nonEmpty = count;
        float autoLow = count == 0 ? 0 : min;
        float autoHigh = count == 0 ? 0 : max;
        low = Float.isNaN(style.low()) ? Math.min(autoLow, Float.isNaN(style.high()) ? autoLow : style.high()) : style.low();
        high = Float.isNaN(style.high()) ? Math.max(autoHigh, low) : style.high();
    }

    private void fillBinPixels(FieldStyle style, MemorySegment from, long fromOffset, int cells) {
        topBin = BINS - 1;
        topBin = bin(high - low);
        if (style.scale() == ValueScale.LOG) {
            double top = Math.log1p(high - low);
            for (int b = 0; b <= topBin; b++) {
                binPixel[b] = style.map().pixelAt(top > 0 ? Math.log1p(binExcess(b)) / top : 0.5);
            }
            return;
        }
        countCells(style.zeroIsEmpty(), from, fromOffset, cells);
        int below = 0;
        for (int b = 0; b <= topBin; b++) {
            cellsBelow[b] = below;
            binPixel[b] = style.map().pixelAt(equalisedPosition(b));
            below += binCells[b];
        }
    }

    private void countCells(boolean zeroIsEmpty, MemorySegment from, long fromOffset, int cells) {
        java.util.Arrays.fill(binCells, 0, topBin + 1, 0);
        float base = low;
        for (int i = 0; i < cells; i++) {
            float v = from.get(ValueLayout.JAVA_FLOAT, fromOffset + 4L * i);
            if (!isEmpty(v, zeroIsEmpty)) {
                binCells[bin(v - base)]++;
            }
        }
    }

    /** Where the cells of bin {@code b} sit on an equalised map: the middle of their share. */
    private double equalisedPosition(int b) {
        return nonEmpty == 0 ? 0.5 : (cellsBelow[b] + binCells[b] * 0.5) / nonEmpty;
    }

    /** The bin of an excess over the low end; excesses below 0 go in the first bin, above the range in the last. */
    private int bin(float excess) {
        float x = excess + 1f;
        if (!(x >= 1f)) {
            return 0;
        }
        return Math.min((Float.floatToRawIntBits(x) - ONE_BITS) >>> BIN_SHIFT, topBin);
    }

    /** The excess at the middle of bin {@code b}. */
    private static double binExcess(int b) {
        return Float.intBitsToFloat(ONE_BITS + (b << BIN_SHIFT) + (1 << (BIN_SHIFT - 1))) - 1.0;
    }

    private static boolean isEmpty(float v, boolean zeroIsEmpty) {
        // v - v is NaN for NaN and the infinities: cells with no finite value are empty.
        return v - v != 0 || (zeroIsEmpty && v == 0);
    }

    /** The value at the colour map's low end in the last {@code colour} call. */
    public float low() {
        return low;
    }

    /** The value at the colour map's high end in the last {@code colour} call. */
    public float high() {
        return high;
    }

    /** Cells with a value (not empty) in the last {@code colour} call. */
    public int nonEmptyCells() {
        return nonEmpty;
    }

    /** Where {@code value} sat on the colour map in the last {@code colour} call, 0 to 1. */
    public double positionOf(double value) {
        double span = high - low;
        if (span <= 0) {
            return 0.5;
        }
        double excess = Math.clamp(value - low, 0, span);
        return switch (style.scale()) {
            case LINEAR -> excess / span;
            case LOG -> Math.log1p(excess) / Math.log1p(span);
            case EQUALISED -> equalisedPosition(bin((float) excess));
        };
    }

    /** The value that sat at position {@code t} (0 to 1) on the colour map in the last {@code colour} call. */
    public double valueAt(double t) {
        double span = high - low;
        double clamped = Math.clamp(t, 0, 1);
        return switch (style.scale()) {
            case LINEAR -> low + span * clamped;
            case LOG -> low + Math.expm1(clamped * Math.log1p(span));
            case EQUALISED -> {
                if (clamped <= 0 || clamped >= 1 || topBin == 0) {
                    yield clamped >= 1 ? high : low;
                }
                int b = 0;
                while (b < topBin && equalisedPosition(b) < clamped) {
                    b++;
                }
                yield Math.clamp(low + binExcess(b), low, high);
            }
        };
    }
}
