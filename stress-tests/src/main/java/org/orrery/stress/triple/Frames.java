package org.orrery.stress.triple;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.orrery.memory.triple.DeliveryMode;
import org.orrery.memory.triple.TripleBuffer;
import org.orrery.memory.wait.WaitPolicy;

/** Small heap-backed triple buffers for jcstress states, which are made by the million. */
final class Frames {

    /** Words per frame: a frame is whole when all its words are equal. */
    static final int WORDS = 2;

    private Frames() {}

    static TripleBuffer liveBuffer() {
        return new TripleBuffer("stress", MemorySegment.ofArray(new long[4]), slot(), slot(), slot(),
                DeliveryMode.LIVE, WaitPolicy.BUSY_SPIN);
    }

    private static MemorySegment slot() {
        return MemorySegment.ofArray(new long[WORDS]);
    }

    /** Fills the producer's back slot with {@code value}, word by word, as a kernel would. */
    static void write(TripleBuffer buffer, long value) {
        MemorySegment back = buffer.back();
        for (int w = 0; w < WORDS; w++) {
            back.setAtIndex(ValueLayout.JAVA_LONG, w, value);
        }
    }

    static long word(MemorySegment frame, int index) {
        return frame.getAtIndex(ValueLayout.JAVA_LONG, index);
    }
}
