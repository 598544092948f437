package org.orrery.memory.frame;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The header at the start of a compute frame (a slot of the compute triple buffer), before the
 * kernel's state: what the workers publish about a tick besides the state. The layout stage copies
 * it into the layout frame, so that the pulse reads what a frame says of itself from the frame it
 * shows. Offsets, in bytes:
 * <pre>
 *   0  long    records in the kernel's parameter buffer during the tick (0 if it has none)
 *   8  int     summary values that follow (0 to {@value #MAX_SUMMARIES})
 *  64  double  summary values, in the descriptor's order [{@value #MAX_SUMMARIES}]
 * 192          unused, to {@value #HEADER_BYTES}, which keeps the state on a 128-byte line
 * </pre>
 */
public final class ComputeFrame {

    public static final long RECORDS = 0;
    public static final long SUMMARY_COUNT = 8;
    private static final long SUMMARIES = 64;
    /** The most summary values a header holds. */
    public static final int MAX_SUMMARIES = 16;
    /** The header's size: where the state starts in a compute frame. */
    public static final long HEADER_BYTES = 256;

    private ComputeFrame() {
    }

    /** Writes the header of a tick's frame, {@code frame}, at {@code at}: the record count and the summary values. */
    public static void write(MemorySegment frame, long at, long records, double[] summaries) {
        if (summaries.length > MAX_SUMMARIES) {
            throw new IllegalArgumentException(summaries.length + " summary values; a header holds " + MAX_SUMMARIES);
        }
        frame.set(ValueLayout.JAVA_LONG, at + RECORDS, records);
        frame.set(ValueLayout.JAVA_INT, at + SUMMARY_COUNT, summaries.length);
        for (int i = 0; i < summaries.length; i++) {
            frame.set(ValueLayout.JAVA_DOUBLE, at + SUMMARIES + 8L * i, summaries[i]);
        }
    }

    /** The records in the kernel's buffer, from a header at {@code at}. */
    public static long records(MemorySegment frame, long at) {
        return frame.get(ValueLayout.JAVA_LONG, at + RECORDS);
    }

    /** How many summary values a header at {@code at} holds. */
    public static int summaryCount(MemorySegment frame, long at) {
        return frame.get(ValueLayout.JAVA_INT, at + SUMMARY_COUNT);
    }

    /** Summary value {@code i} of a header at {@code at}. */
    public static double summary(MemorySegment frame, long at, int i) {
        return frame.get(ValueLayout.JAVA_DOUBLE, at + SUMMARIES + 8L * i);
    }
}
