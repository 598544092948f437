package org.orrery.bench.pipeline;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** The first bytes of every compute and layout slot in the demo: which frame it is and when stages ended. */
final class FrameHeader {

    static final long FRAME = 0;
    static final long COMPUTE_END_NANOS = 8;
    static final long LAYOUT_END_NANOS = 16;
    /** Payload starts here, a cache line after the header. */
    static final long PAYLOAD = 64;

    private FrameHeader() {}

    static long get(MemorySegment slot, long field) {
        return slot.get(ValueLayout.JAVA_LONG, field);
    }

    static void set(MemorySegment slot, long field, long value) {
        slot.set(ValueLayout.JAVA_LONG, field, value);
    }
}
