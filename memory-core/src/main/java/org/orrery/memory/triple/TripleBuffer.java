package org.orrery.memory.triple;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.orrery.memory.handle.GenIndex;
import org.orrery.memory.wait.WaitPolicy;
import org.orrery.memory.wait.WaitStrategy;

/**
 * Three equal slots shared by one producer thread and one consumer thread. The producer always
 * owns a back slot to write; the consumer owns a front slot to read; the third, ready, holds the
 * newest published frame. {@link #publish()} swaps back and ready, {@link #acquire()} swaps ready
 * and front, each with one compare-and-set on a single state word, so the consumer only ever sees
 * complete frames.
 *
 * <p>The state lives in a {@value #CONTROL_BYTES}-byte control block (in the arena's metadata
 * region), not in Java fields, so other processes or native code could observe it:
 * <pre>
 *  0  long  state: bits 0-1 ready slot, bit 2 fresh (published, not yet acquired),
 *           bits 32-63 generation of the newest published frame
 *  8  long  frames dropped (published, replaced before they were acquired); producer-written
 * 16  int   generation held by slot 0, 1, 2 (0 while the producer writes it)
 * </pre>
 *
 * <p>Frames are named by {@link GenIndex} handles (slot, generation). The consumer's front slot is
 * stable until its next {@code acquire}, so the consumer reads it directly with {@link #front()}.
 * Any other holder of a handle reads through {@link #readLong} or {@link #copy}, which validate the
 * slot's generation before and after the read and throw
 * {@link org.orrery.memory.handle.StaleHandleException} rather than return data from a reused slot.
 */
public final class TripleBuffer {

    /** Size of the control block this buffer keeps its state in. */
    public static final long CONTROL_BYTES = 32;

    private static final long STATE = 0;
    private static final long DROPPED = 8;
    private static final long SLOT_GENERATIONS = 16;

    private static final long READY_MASK = 0b11;
    private static final long FRESH = 0b100;

    private static final VarHandle LONG = ValueLayout.JAVA_LONG.varHandle();
    private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();

    private final String name;
    private final String owner; // for stale-handle messages, made once: checks must not allocate
    private final MemorySegment control;
    private final MemorySegment[] slots;
    private final DeliveryMode mode;
    private final WaitStrategy producerWait;
    private final WaitStrategy consumerWait;
    // Preallocated conditions: waiting must not allocate.
    private final BooleanSupplier readyTaken = () -> !isFresh(state());
    private final BooleanSupplier freshReady = () -> isFresh(state());

    // Owned by the producer thread.
    private int back = 0;
    // Owned by the consumer thread.
    private int front = 2;
    private int frontGeneration = GenIndex.NO_GENERATION;

    /**
     * Creates a buffer over a control block and three slots, and resets the control block: slot 0
     * is the back, 1 is ready (empty), 2 is the front; no frame is published.
     *
     * @param name what the buffer is, for error messages (for example "compute")
     * @throws IllegalArgumentException if the control block is too small or misaligned, or the
     *     slots differ in size
     */
    public TripleBuffer(String name, MemorySegment control, MemorySegment slotA, MemorySegment slotB,
                        MemorySegment slotC, DeliveryMode mode, WaitPolicy waitPolicy) {
        this.name = Objects.requireNonNull(name, "name");
        this.owner = name + " buffer";
        this.mode = Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(waitPolicy, "waitPolicy");
        if (control.byteSize() < CONTROL_BYTES) {
            throw new IllegalArgumentException(name + " triple buffer: control block has " + control.byteSize()
                    + " bytes, needs " + CONTROL_BYTES);
        }
        if (control.address() % Long.BYTES != 0) {
            throw new IllegalArgumentException(name + " triple buffer: control block at address "
                    + control.address() + " is not 8-byte aligned");
        }
        long size = slotA.byteSize();
        if (slotB.byteSize() != size || slotC.byteSize() != size) {
            throw new IllegalArgumentException(name + " triple buffer: slots differ in size ("
                    + size + ", " + slotB.byteSize() + ", " + slotC.byteSize() + " bytes)");
        }
        this.control = control;
        this.slots = new MemorySegment[] {slotA, slotB, slotC};
        this.producerWait = waitPolicy.newWait();
        this.consumerWait = waitPolicy.newWait();
        for (int i = 0; i < 3; i++) {
            INT.setRelease(control, SLOT_GENERATIONS + i * (long) Integer.BYTES, GenIndex.NO_GENERATION);
        }
        LONG.setRelease(control, DROPPED, 0L);
        LONG.setVolatile(control, STATE, 1L);
    }

    // ---- producer side ------------------------------------------------------------------------

    /** The slot the producer writes next. Valid until the next {@code publish}. Producer thread only. */
    public MemorySegment back() {
        return slots[back];
    }

    /**
     * Publishes the back slot as the newest frame and hands the producer a new back slot.
     * {@link DeliveryMode#LIVE} never waits; {@link DeliveryMode#LOSSLESS} waits, with this
     * buffer's wait strategy, until the consumer has taken the previous frame.
     *
     * @return the handle of the published frame, or {@code 0} if the thread was interrupted while
     *     waiting in lossless mode (nothing was published)
     */
    public long publish() {
        return publish(Long.MAX_VALUE);
    }

    /**
     * Like {@link #publish()}, but a lossless producer waits at most {@code timeoutNanos}.
     *
     * @return the handle of the published frame, or {@code 0} (no generation) if the wait timed out
     *     or was interrupted; nothing was published then and the back slot is unchanged
     */
    public long publish(long timeoutNanos) {
        if (mode == DeliveryMode.LOSSLESS && isFresh(state())) {
            if (!producerWait.await(readyTaken, WaitStrategy.deadlineAfter(timeoutNanos))) {
                return 0L;
            }
        }
        MemorySegment c = control;
        long oldState;
        long newState;
        int generation;
        do {
            oldState = (long) LONG.getVolatile(c, STATE);
            generation = GenIndex.next(generationOf(oldState));
            newState = ((long) generation << 32) | FRESH | back;
            // Stamp the slot before the swap makes it visible; release orders the frame's writes first.
            INT.setRelease(c, slotGenerationOffset(back), generation);
        } while (!LONG.compareAndSet(c, STATE, oldState, newState));

        int published = back;
        back = (int) (oldState & READY_MASK);
        // The new back slot is about to be overwritten: retire its generation first so that
        // handle holders reading it are refused, then fence so the retirement precedes the writes.
        INT.setOpaque(c, slotGenerationOffset(back), GenIndex.NO_GENERATION);
        VarHandle.storeStoreFence();
        if (isFresh(oldState)) {
            LONG.setRelease(c, DROPPED, (long) LONG.getOpaque(c, DROPPED) + 1);
        }
        consumerWait.signal();
        return GenIndex.of(published, generation);
    }

    // ---- consumer side ------------------------------------------------------------------------

    /**
     * Makes the newest published frame the front, if one arrived since the last call; otherwise
     * keeps the current front. Never waits. Consumer thread only.
     *
     * @return the handle of the front frame; its generation is 0 until the first frame is published
     */
    public long acquire() {
        MemorySegment c = control;
        long oldState = (long) LONG.getVolatile(c, STATE);
        if (isFresh(oldState)) {
            long newState = (oldState & ~(FRESH | READY_MASK)) | front;
            // Only this thread clears FRESH and only the producer sets it, so a failed CAS means
            // a newer frame arrived: take that one instead.
            while (!LONG.compareAndSet(c, STATE, oldState, newState)) {
                oldState = (long) LONG.getVolatile(c, STATE);
                newState = (oldState & ~(FRESH | READY_MASK)) | front;
            }
            front = (int) (oldState & READY_MASK);
            frontGeneration = generationOf(oldState);
            producerWait.signal();
        }
        return GenIndex.of(front, frontGeneration);
    }

    /**
     * Waits, with this buffer's wait strategy, until a frame is ready to acquire.
     *
     * @return true if one is ready, false on time-out or interruption
     */
    public boolean awaitFresh(long timeoutNanos) {
        return consumerWait.await(freshReady, WaitStrategy.deadlineAfter(timeoutNanos));
    }

    /** The consumer's front slot. Stable until the consumer's next {@code acquire}. Consumer thread only. */
    public MemorySegment front() {
        return slots[front];
    }

    // ---- any thread ---------------------------------------------------------------------------

    /**
     * Reads a long from the frame a handle names.
     *
     * @throws org.orrery.memory.handle.StaleHandleException if the slot no longer holds that frame,
     *     before or after the read
     */
    public long readLong(long handle, long offset) {
        int slot = checkedSlot(handle);
        long value = slots[slot].get(ValueLayout.JAVA_LONG_UNALIGNED, offset);
        VarHandle.loadLoadFence();
        checkCurrent(handle);
        return value;
    }

    /**
     * Copies bytes out of the frame a handle names.
     *
     * @throws org.orrery.memory.handle.StaleHandleException if the slot no longer holds that frame,
     *     before or after the copy (the destination's content is then unspecified)
     */
    public void copy(long handle, long srcOffset, MemorySegment dst, long dstOffset, long bytes) {
        int slot = checkedSlot(handle);
        MemorySegment.copy(slots[slot], srcOffset, dst, dstOffset, bytes);
        VarHandle.loadLoadFence();
        checkCurrent(handle);
    }

    /**
     * Refuses a handle whose slot no longer holds its frame.
     *
     * @throws org.orrery.memory.handle.StaleHandleException naming both generations
     */
    public void checkCurrent(long handle) {
        int slot = GenIndex.index(handle);
        if (slot < 0 || slot > 2) {
            throw new IllegalArgumentException(name + " triple buffer: handle " + GenIndex.toString(handle)
                    + " names slot " + Integer.toUnsignedString(slot) + ", there are 3");
        }
        GenIndex.check(handle, (int) INT.getAcquire(control, slotGenerationOffset(slot)), owner);
    }

    /** Generation of the newest published frame; 0 before the first publish. */
    public int publishedGeneration() {
        return generationOf((long) LONG.getVolatile(control, STATE));
    }

    /** Frames published and replaced before the consumer acquired them. */
    public long droppedFrames() {
        return (long) LONG.getAcquire(control, DROPPED);
    }

    /** Whether a published frame is waiting to be acquired. */
    public boolean hasFresh() {
        return isFresh(state());
    }

    public DeliveryMode mode() {
        return mode;
    }

    /** Size of each slot in bytes. */
    public long slotBytes() {
        return slots[0].byteSize();
    }

    public String name() {
        return name;
    }

    private int checkedSlot(long handle) {
        checkCurrent(handle);
        return GenIndex.index(handle);
    }

    private long state() {
        return (long) LONG.getVolatile(control, STATE);
    }

    private static boolean isFresh(long state) {
        return (state & FRESH) != 0;
    }

    private static int generationOf(long state) {
        return (int) (state >>> 32);
    }

    private static long slotGenerationOffset(int slot) {
        return SLOT_GENERATIONS + (long) slot * Integer.BYTES;
    }
}
