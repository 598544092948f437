package org.orrery.memory.timing;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.util.Objects;

/**
 * What each chunk (range of items) of the last {@code frames} ticks cost: its start and end
 * ({@code System.nanoTime()}), the worker and CPU that ran it, and the bytes it copied into and
 * out of linear memory. Kept off-heap and written with no lock and no allocation by the worker
 * that ran the chunk; the per-stage stamps of the same frames are in {@link FrameTimeline}.
 *
 * <p>Frame {@code f} uses record {@code f % frames}. Each chunk's entry is guarded like a sequence
 * lock by its frame tag, as in {@link FrameTimeline}: the writer clears the tag, writes the
 * fields, then sets the tag; a reader accepts the fields only if it read the frame's tag before
 * and after them. An entry is the frame's own, whole, or missing.
 *
 * <pre>
 * entry: 64 bytes (one cache line, so that workers writing neighbouring chunks do not share one):
 *   long frame (0: none), long start, long end, int worker, int cpu, long bytesIn, long bytesOut
 * record: chunks entries
 * </pre>
 */
public final class ChunkTimeline {

    /** Indexes into the array {@link #read} fills. */
    public static final int START = 0;
    public static final int END = 1;
    public static final int WORKER = 2;
    public static final int CPU = 3;
    public static final int BYTES_IN = 4;
    public static final int BYTES_OUT = 5;
    /** The length of the array {@link #read} fills. */
    public static final int FIELDS = 6;

    private static final long ENTRY = 64;
    private static final long NONE = 0;
    private static final VarHandle LONG = ValueLayout.JAVA_LONG.varHandle();
    private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();

    private final MemorySegment memory;
    private final int frames;
    private final int chunks;

    /**
     * @param memory at least {@link #bytesFor(int, int)} bytes, 8-byte aligned; cleared here
     * @param frames how many recent frames are kept
     * @param chunks the most chunks a tick has
     */
    public ChunkTimeline(MemorySegment memory, int frames, int chunks) {
        Objects.requireNonNull(memory, "memory");
        if (frames < 1 || chunks < 1) {
            throw new IllegalArgumentException("a chunk timeline keeps at least one frame of one chunk, asked for "
                    + frames + " frames of " + chunks);
        }
        if (memory.byteSize() < bytesFor(frames, chunks) || memory.address() % Long.BYTES != 0) {
            throw new IllegalArgumentException("a chunk timeline of " + frames + " frames of " + chunks + " chunks needs "
                    + bytesFor(frames, chunks) + " bytes, 8-byte aligned; got " + memory.byteSize());
        }
        this.memory = memory;
        this.frames = frames;
        this.chunks = chunks;
        memory.asSlice(0, bytesFor(frames, chunks)).fill((byte) 0);
        VarHandle.fullFence();
    }

    /** Bytes a timeline of {@code frames} frames of up to {@code chunks} chunks needs. */
    public static long bytesFor(int frames, int chunks) {
        return ENTRY * chunks * frames;
    }

    /** The most chunks a tick may have here. */
    public int chunks() {
        return chunks;
    }

    /** Records chunk {@code chunk} of {@code frame} (1 or more). The chunk's one writer only. */
    public void stamp(long frame, int chunk, long start, long end, int worker, int cpu, long bytesIn, long bytesOut) {
        if (frame < 1) {
            throw new IllegalArgumentException("frames are numbered from 1, got " + frame);
        }
        long at = offset(frame, chunk);
        LONG.setOpaque(memory, at, NONE);
        VarHandle.storeStoreFence(); // the entry is marked invalid before its fields change
        LONG.setOpaque(memory, at + 8, start);
        LONG.setOpaque(memory, at + 16, end);
        INT.setOpaque(memory, at + 24, worker);
        INT.setOpaque(memory, at + 28, cpu);
        LONG.setOpaque(memory, at + 32, bytesIn);
        LONG.setOpaque(memory, at + 40, bytesOut);
        LONG.setRelease(memory, at, frame); // and valid again only after
    }

    /**
     * Reads chunk {@code chunk} of {@code frame} into {@code fields} ({@link #FIELDS} long, indexed
     * by {@link #START} and the others).
     *
     * @return whether the frame has that chunk's entry; if not, {@code fields} is left as it was
     */
    public boolean read(long frame, int chunk, long[] fields) {
        if (frame < 1) {
            return false;
        }
        long at = offset(frame, chunk);
        long before = (long) LONG.getAcquire(memory, at);
        long start = (long) LONG.getOpaque(memory, at + 8);
        long end = (long) LONG.getOpaque(memory, at + 16);
        int worker = (int) INT.getOpaque(memory, at + 24);
        int cpu = (int) INT.getOpaque(memory, at + 28);
        long bytesIn = (long) LONG.getOpaque(memory, at + 32);
        long bytesOut = (long) LONG.getOpaque(memory, at + 40);
        VarHandle.loadLoadFence(); // the tag is read again after the fields
        long after = (long) LONG.getOpaque(memory, at);
        if (before != frame || after != frame) {
            return false;
        }
        fields[START] = start;
        fields[END] = end;
        fields[WORKER] = worker;
        fields[CPU] = cpu;
        fields[BYTES_IN] = bytesIn;
        fields[BYTES_OUT] = bytesOut;
        return true;
    }

    private long offset(long frame, int chunk) {
        if (chunk < 0 || chunk >= chunks) {
            throw new IndexOutOfBoundsException("chunk " + chunk + " of a timeline of " + chunks + " chunks");
        }
        return ENTRY * ((frame % frames) * chunks + chunk);
    }
}
