package org.orrery.memory.ring;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.function.BooleanSupplier;

/**
 * Control events staged by one producer and published to a {@link ControlRing} together, with one
 * claim and one cursor update for the whole batch ({@link ControlRing#publish(ControlBatch, long)}).
 * A frame's parameter changes and its tick are the typical batch: the consumer sees them in the
 * order they were added, back to back, and never a part of the batch without the rest.
 *
 * <p>A batch is preallocated off-heap by {@link ControlRing#newBatch(int)}, is reused after each
 * publish, and is not thread-safe: each producer thread keeps its own.
 */
public final class ControlBatch {

    private final ControlRing ring;
    private final MemorySegment records;
    private final int capacity;
    private final BooleanSupplier hasRoom;
    private int size;

    ControlBatch(ControlRing ring, int capacity, BooleanSupplier hasRoom) {
        this.ring = ring;
        this.capacity = capacity;
        this.hasRoom = hasRoom;
        this.records = Arena.ofAuto().allocate(capacity * ControlEvent.BYTES, 128);
    }

    /** Stages a tick; see {@link ControlRing#publishTick}. */
    public ControlBatch addTick(long frame, long dtNanos, int parameterGeneration, long frameHandle) {
        ControlEvent.writeTick(records, nextOffset(), frame, dtNanos, parameterGeneration, frameHandle);
        size++;
        return this;
    }

    /** Stages a parameter change; see {@link ControlRing#publishParameter}. */
    public ControlBatch addParameter(int parameterGeneration, int parameterIndex, double value) {
        ControlRing.checkParameterIndex(parameterIndex);
        ControlEvent.writeParameter(records, nextOffset(), parameterGeneration, parameterIndex, value);
        size++;
        return this;
    }

    /**
     * Stages one value of the parameter buffer (index = record x fields + field). It takes effect
     * with the next {@link #addBufferLength}, so a batch carries a whole new buffer: its values,
     * then its length.
     */
    public ControlBatch addBufferValue(int parameterGeneration, int index, double value) {
        if (index < 0) {
            throw new IllegalArgumentException("buffer index must not be negative, was " + index);
        }
        ControlEvent.writeBufferValue(records, nextOffset(), parameterGeneration, index, value);
        size++;
        return this;
    }

    /** Stages the parameter buffer's record count, which commits the values staged before it. */
    public ControlBatch addBufferLength(int parameterGeneration, int recordCount) {
        if (recordCount < 0) {
            throw new IllegalArgumentException("record count must not be negative, was " + recordCount);
        }
        ControlEvent.writeBufferLength(records, nextOffset(), parameterGeneration, recordCount);
        size++;
        return this;
    }

    /** Stages a PAUSE, RESUME or SHUTDOWN; see {@link ControlRing#publishCommand}. */
    public ControlBatch addCommand(ControlType command) {
        ControlRing.checkCommand(command);
        ControlEvent.writeCommand(records, nextOffset(), command);
        size++;
        return this;
    }

    /** Events staged and not yet published. */
    public int size() {
        return size;
    }

    /** Most events the batch can hold. */
    public int capacity() {
        return capacity;
    }

    /** Drops the staged events. */
    public void clear() {
        size = 0;
    }

    ControlRing ring() {
        return ring;
    }

    MemorySegment records() {
        return records;
    }

    BooleanSupplier hasRoom() {
        return hasRoom;
    }

    private long nextOffset() {
        if (size == capacity) {
            throw new IllegalStateException("control batch is full (" + capacity + " events): publish it first");
        }
        return size * ControlEvent.BYTES;
    }
}
