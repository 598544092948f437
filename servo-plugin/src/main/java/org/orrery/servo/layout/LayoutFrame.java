package org.orrery.servo.layout;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.orrery.memory.frame.ComputeFrame;
import org.orrery.servo.colour.ColourBarTicks;
import org.orrery.servo.colour.FieldColouring;
import org.orrery.servo.colour.ValueScale;

/**
 * The layout of one slot of the layout triple buffer: a {@value #HEADER_BYTES}-byte header, then
 * the frame's pixels ({@code INT_ARGB_PRE}, top row first), then, for point views, one projected
 * record per item. The layout stage writes a slot; the renderer and the colour bar read it on the
 * FX pulse. Offsets, in bytes:
 * <pre>
 *   0  long    generation handle of the compute frame laid out
 *   8  long    layout start, System.nanoTime()
 *  16  long    layout end, System.nanoTime()
 *  24  int     pixel width
 *  28  int     pixel height
 *  32  int     items projected (point views; 0 for fields)
 *  36  int     colour-bar ticks
 *  40  float   value at the colour map's low end
 *  44  float   value at the colour map's high end
 *  48  long    raster end, System.nanoTime() (the layout end if nothing was rastered)
 *  64  double  tick positions along the bar, 0 to 1 [8]
 * 128  double  tick values [8]
 * 256          the compute frame's header, copied ({@link ComputeFrame}, {@value ComputeFrame#HEADER_BYTES} bytes)
 * 512          pixels
 * </pre>
 */
public final class LayoutFrame {

    public static final long SOURCE = 0;
    public static final long LAYOUT_START = 8;
    public static final long LAYOUT_END = 16;
    public static final long WIDTH = 24;
    public static final long HEIGHT = 28;
    public static final long ITEMS = 32;
    public static final long TICKS = 36;
    public static final long LOW = 40;
    public static final long HIGH = 44;
    public static final long RASTER_END = 48;
    private static final long TICK_POSITIONS = 64;
    private static final long TICK_VALUES = 128;
    /** Where the copy of the compute frame's header starts: read it with {@link ComputeFrame}'s methods at this offset. */
    public static final long COMPUTE_HEADER = 256;
    public static final long HEADER_BYTES = COMPUTE_HEADER + ComputeFrame.HEADER_BYTES;
    /** Where the pixels start. */
    public static final long PIXELS = HEADER_BYTES;

    private LayoutFrame() {
    }

    /** Bytes a slot needs for frames of up to {@code maxPixels} pixels and {@code maxItems} projected items. */
    public static long slotBytes(long maxPixels, int maxItems) {
        return itemsOffset(maxPixels) + (long) maxItems * ProjectedItem.BYTES;
    }

    /** Where the projected items start in a slot sized for {@code maxPixels}. */
    public static long itemsOffset(long maxPixels) {
        return PIXELS + 4 * maxPixels;
    }

    public static int width(MemorySegment slot) {
        return slot.get(ValueLayout.JAVA_INT, WIDTH);
    }

    public static int height(MemorySegment slot) {
        return slot.get(ValueLayout.JAVA_INT, HEIGHT);
    }

    public static int ticks(MemorySegment slot) {
        return slot.get(ValueLayout.JAVA_INT, TICKS);
    }

    public static double tickPosition(MemorySegment slot, int i) {
        return slot.get(ValueLayout.JAVA_DOUBLE, TICK_POSITIONS + 8L * i);
    }

    public static double tickValue(MemorySegment slot, int i) {
        return slot.get(ValueLayout.JAVA_DOUBLE, TICK_VALUES + 8L * i);
    }

    /**
     * Writes what a frame's header says of its picture: pixel size, items projected, and the
     * colour range of the values {@code colouring} last coloured, with the colour bar's ticks for
     * {@code scale}, chosen here.
     */
    public static void writeFrame(MemorySegment slot, int width, int height, int items, FieldColouring colouring,
                                  ValueScale scale, ColourBarTicks ticks) {
        slot.set(ValueLayout.JAVA_INT, WIDTH, width);
        slot.set(ValueLayout.JAVA_INT, HEIGHT, height);
        slot.set(ValueLayout.JAVA_INT, ITEMS, items);
        slot.set(ValueLayout.JAVA_FLOAT, LOW, colouring.low());
        slot.set(ValueLayout.JAVA_FLOAT, HIGH, colouring.high());
        int count = ticks.choose(colouring, scale);
        slot.set(ValueLayout.JAVA_INT, TICKS, count);
        for (int i = 0; i < count; i++) {
            slot.set(ValueLayout.JAVA_DOUBLE, TICK_POSITIONS + 8L * i, ticks.position(i));
            slot.set(ValueLayout.JAVA_DOUBLE, TICK_VALUES + 8L * i, ticks.value(i));
        }
    }
}
