package org.orrery.memory.timing;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.util.Objects;

/**
 * The {@code System.nanoTime()} stamps of the last {@code capacity} frames, one per
 * {@link FrameStage}, kept off-heap (an arena region or any segment) and written with no lock and
 * no allocation by whichever thread does that stage.
 *
 * <p>Frame {@code f} (numbered from 1) uses record {@code f % capacity}, so frame {@code f +
 * capacity} replaces it. Each stamp is a pair (frame, nanos) guarded like a sequence lock: the
 * writer first marks the pair invalid, then writes the time, then the frame; a reader accepts the
 * time only if it read the same frame before and after it. A stamp is therefore the frame's own
 * or missing, never another frame's time, and a record is complete or reported incomplete (with
 * the stages missing), never half-written. One thread writes each stage.
 *
 * <pre>
 * record: per stage, 16 bytes: long frame (0: none), long nanos; padded to a multiple of 64
 * </pre>
 */
public final class FrameTimeline {

    /** What {@link #read} puts for a stage that has no stamp for the frame. */
    public static final long MISSING = Long.MIN_VALUE;

    /** The stages, once: {@code values()} makes a new array on every call. */
    private static final FrameStage[] ALL_STAGES = FrameStage.values();
    private static final int STAGES = ALL_STAGES.length;
    private static final long PAIR = 16;
    private static final long RECORD = (STAGES * PAIR + 63) / 64 * 64;
    private static final long NONE = 0;
    private static final VarHandle LONG = ValueLayout.JAVA_LONG.varHandle();

    private final MemorySegment memory;
    private final int capacity;

    /**
     * @param memory at least {@link #bytesFor(int)} bytes, 8-byte aligned; cleared here
     * @param capacity how many recent frames are kept
     */
    public FrameTimeline(MemorySegment memory, int capacity) {
        Objects.requireNonNull(memory, "memory");
        if (capacity < 1) {
            throw new IllegalArgumentException("a frame timeline keeps at least one frame, asked for " + capacity);
        }
        if (memory.byteSize() < bytesFor(capacity) || memory.address() % Long.BYTES != 0) {
            throw new IllegalArgumentException("a frame timeline of " + capacity + " frames needs "
                    + bytesFor(capacity) + " bytes, 8-byte aligned; got " + memory.byteSize() + " at " + memory.address());
        }
        this.memory = memory;
        this.capacity = capacity;
        memory.asSlice(0, bytesFor(capacity)).fill((byte) 0);
        VarHandle.fullFence();
    }

    /** Bytes a timeline of {@code capacity} frames needs. */
    public static long bytesFor(int capacity) {
        return RECORD * capacity;
    }

    public int capacity() {
        return capacity;
    }

    /** Stamps {@code stage} of {@code frame} (1 or more) at {@code nanos}. The stage's one writer only. */
    public void stamp(long frame, FrameStage stage, long nanos) {
        if (frame < 1) {
            throw new IllegalArgumentException("frames are numbered from 1, got " + frame);
        }
        long at = offset(frame, stage);
        LONG.setOpaque(memory, at, NONE);
        VarHandle.storeStoreFence(); // the pair is marked invalid before the time changes
        LONG.setOpaque(memory, at + 8, nanos);
        LONG.setRelease(memory, at, frame); // and valid again only after
    }

    /**
     * Reads the stamps of {@code frame} into {@code nanos} (one per stage, in {@link FrameStage}
     * order; {@link #MISSING} where there is none for this frame).
     *
     * @return how many stages have a stamp; the record is complete if that is all of them
     */
    public int read(long frame, long[] nanos) {
        int present = 0;
        for (FrameStage stage : ALL_STAGES) {
            long at = offset(frame, stage);
            long before = (long) LONG.getAcquire(memory, at);
            long time = (long) LONG.getOpaque(memory, at + 8);
            VarHandle.loadLoadFence(); // the frame is read again after the time
            long after = (long) LONG.getOpaque(memory, at);
            boolean own = frame >= 1 && before == frame && after == frame;
            nanos[stage.ordinal()] = own ? time : MISSING;
            present += own ? 1 : 0;
        }
        return present;
    }

    /** Whether every stage of {@code frame} has its stamp. */
    public boolean isComplete(long frame, long[] scratch) {
        return read(frame, scratch) == STAGES;
    }

    private long offset(long frame, FrameStage stage) {
        return RECORD * (frame % capacity) + PAIR * stage.ordinal();
    }
}
