package org.orrery.servo;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.orrery.servo.layout.LayoutFrame;

/** Comparisons of the pixels in two layout slots. */
public final class SlotPixels {

    private SlotPixels() {
    }

    /** The share of the first {@code pixels} pixels that are the same in both slots. */
    public static double sameShare(MemorySegment a, MemorySegment b, long pixels) {
        long same = 0;
        for (long i = 0; i < pixels; i++) {
            if (a.get(ValueLayout.JAVA_INT, LayoutFrame.PIXELS + 4 * i) == b.get(ValueLayout.JAVA_INT, LayoutFrame.PIXELS + 4 * i)) {
                same++;
            }
        }
        return same / (double) pixels;
    }
}
