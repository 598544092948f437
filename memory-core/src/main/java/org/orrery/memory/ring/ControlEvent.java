package org.orrery.memory.ring;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.orrery.memory.handle.GenIndex;

/**
 * A view of one control event in the {@link ControlRing}. Events are fixed 32-byte records in an
 * off-heap segment, and this object is a cursor over them that the ring moves from record to
 * record: a handler must copy what it keeps before returning. Events carry small values and
 * {@link GenIndex} handles, never bulk data.
 *
 * <p>Record layout (two records per cache line; a Java object per event would take a whole line
 * and measured half the throughput):
 * <pre>
 *  0  int   type (ControlType ordinal)
 *  4  int   parameter generation (unsigned, as GenIndex generations)
 *  8  long  TICK: frame number        PARAMETER_CHANGE, BUFFER_VALUE: index   BUFFER_LENGTH: records
 * 16  long  TICK: dt in nanoseconds   PARAMETER_CHANGE, BUFFER_VALUE: value (IEEE 754 bits)
 * 24  long  TICK: frame handle (GenIndex) or 0
 * </pre>
 */
public final class ControlEvent {

    /** Size of one record. */
    static final long BYTES = 32;

    private static final long TYPE = 0;
    private static final long GENERATION = 4;
    private static final long FIRST = 8;
    private static final long SECOND = 16;
    private static final long HANDLE = 24;
    private static final ControlType[] TYPES = ControlType.values();

    private final MemorySegment records;
    private long offset;

    ControlEvent(MemorySegment records) {
        this.records = records;
    }

    /** Moves this view to the record at {@code offset}. */
    ControlEvent at(long offset) {
        this.offset = offset;
        return this;
    }

    static void writeTick(MemorySegment records, long offset, long frame, long dtNanos, int parameterGeneration,
                          long frameHandle) {
        write(records, offset, ControlType.TICK, parameterGeneration, frame, dtNanos, frameHandle);
    }

    static void writeParameter(MemorySegment records, long offset, int parameterGeneration, int parameterIndex,
                               double value) {
        write(records, offset, ControlType.PARAMETER_CHANGE, parameterGeneration, parameterIndex,
                Double.doubleToRawLongBits(value), 0);
    }

    static void writeBufferValue(MemorySegment records, long offset, int parameterGeneration, int index,
                                 double value) {
        write(records, offset, ControlType.BUFFER_VALUE, parameterGeneration, index, Double.doubleToRawLongBits(value),
                0);
    }

    static void writeBufferLength(MemorySegment records, long offset, int parameterGeneration, int recordCount) {
        write(records, offset, ControlType.BUFFER_LENGTH, parameterGeneration, recordCount, 0, 0);
    }

    static void writeCommand(MemorySegment records, long offset, ControlType command) {
        write(records, offset, command, 0, 0, 0, 0);
    }

    private static void write(MemorySegment records, long offset, ControlType type, int generation, long first,
                              long second, long handle) {
        records.set(ValueLayout.JAVA_INT, offset + TYPE, type.ordinal());
        records.set(ValueLayout.JAVA_INT, offset + GENERATION, generation);
        records.set(ValueLayout.JAVA_LONG, offset + FIRST, first);
        records.set(ValueLayout.JAVA_LONG, offset + SECOND, second);
        records.set(ValueLayout.JAVA_LONG, offset + HANDLE, handle);
    }

    public ControlType type() {
        return TYPES[records.get(ValueLayout.JAVA_INT, offset + TYPE)];
    }

    /** Frame number of a {@link ControlType#TICK}; 0 otherwise. */
    public long frame() {
        return type() == ControlType.TICK ? records.get(ValueLayout.JAVA_LONG, offset + FIRST) : 0;
    }

    /** Simulated time step of a tick, in nanoseconds; 0 otherwise. */
    public long dtNanos() {
        return type() == ControlType.TICK ? records.get(ValueLayout.JAVA_LONG, offset + SECOND) : 0;
    }

    /** Generation of the parameter set this event belongs to (ticks and parameter changes), unsigned. */
    public int parameterGeneration() {
        return records.get(ValueLayout.JAVA_INT, offset + GENERATION);
    }

    /** A {@link GenIndex} handle the event refers to (for a tick, the frame to compute from); 0 if none. */
    public long frameHandle() {
        return records.get(ValueLayout.JAVA_LONG, offset + HANDLE);
    }

    /** Index of the changed parameter; -1 unless {@link ControlType#PARAMETER_CHANGE}. */
    public int parameterIndex() {
        return type() == ControlType.PARAMETER_CHANGE ? (int) records.get(ValueLayout.JAVA_LONG, offset + FIRST) : -1;
    }

    /** New value of the changed parameter; 0 unless {@link ControlType#PARAMETER_CHANGE}. */
    public double parameterValue() {
        return type() == ControlType.PARAMETER_CHANGE
                ? Double.longBitsToDouble(records.get(ValueLayout.JAVA_LONG, offset + SECOND)) : 0.0;
    }

    /** Index of the buffer value (record x fields + field); -1 unless {@link ControlType#BUFFER_VALUE}. */
    public int bufferIndex() {
        return type() == ControlType.BUFFER_VALUE ? (int) records.get(ValueLayout.JAVA_LONG, offset + FIRST) : -1;
    }

    /** The buffer value; 0 unless {@link ControlType#BUFFER_VALUE}. */
    public double bufferValue() {
        return type() == ControlType.BUFFER_VALUE
                ? Double.longBitsToDouble(records.get(ValueLayout.JAVA_LONG, offset + SECOND)) : 0.0;
    }

    /** The buffer's new record count; -1 unless {@link ControlType#BUFFER_LENGTH}. */
    public int bufferRecords() {
        return type() == ControlType.BUFFER_LENGTH ? (int) records.get(ValueLayout.JAVA_LONG, offset + FIRST) : -1;
    }

    @Override
    public String toString() {
        return switch (type()) {
            case TICK -> "TICK(frame " + frame() + ", dt " + dtNanos() + " ns, params gen "
                    + Integer.toUnsignedString(parameterGeneration()) + ", frame " + GenIndex.toString(frameHandle()) + ")";
            case PARAMETER_CHANGE -> "PARAMETER_CHANGE(#" + parameterIndex() + " = " + parameterValue()
                    + ", params gen " + Integer.toUnsignedString(parameterGeneration()) + ")";
            case BUFFER_VALUE -> "BUFFER_VALUE(#" + bufferIndex() + " = " + bufferValue() + ")";
            case BUFFER_LENGTH -> "BUFFER_LENGTH(" + bufferRecords() + " records)";
            default -> type().name();
        };
    }
}
