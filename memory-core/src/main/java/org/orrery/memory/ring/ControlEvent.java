package org.orrery.memory.ring;

import org.orrery.memory.handle.GenIndex;

/**
 * One preallocated slot of the {@link ControlRing}. Events are reused: the ring writes every field
 * on each publish, and a handler must copy what it keeps before returning. Events carry small
 * values and {@link GenIndex} handles, never bulk data.
 */
public final class ControlEvent {

    private ControlType type = ControlType.PAUSE;
    private long frame;
    private long dtNanos;
    private long parameterGeneration;
    private long frameHandle;
    private int parameterIndex = -1;
    private double parameterValue;

    ControlEvent() {}

    void set(ControlType type, long frame, long dtNanos, long parameterGeneration, long frameHandle,
             int parameterIndex, double parameterValue) {
        this.type = type;
        this.frame = frame;
        this.dtNanos = dtNanos;
        this.parameterGeneration = parameterGeneration;
        this.frameHandle = frameHandle;
        this.parameterIndex = parameterIndex;
        this.parameterValue = parameterValue;
    }

    public ControlType type() {
        return type;
    }

    /** Frame number of a {@link ControlType#TICK}; 0 otherwise. */
    public long frame() {
        return frame;
    }

    /** Simulated time step of a tick, in nanoseconds; 0 otherwise. */
    public long dtNanos() {
        return dtNanos;
    }

    /** Generation of the parameter set this event belongs to (ticks and parameter changes). */
    public long parameterGeneration() {
        return parameterGeneration;
    }

    /** A {@link GenIndex} handle the event refers to (for a tick, the frame to compute from); 0 if none. */
    public long frameHandle() {
        return frameHandle;
    }

    /** Index of the changed parameter; -1 unless {@link ControlType#PARAMETER_CHANGE}. */
    public int parameterIndex() {
        return parameterIndex;
    }

    /** New value of the changed parameter. */
    public double parameterValue() {
        return parameterValue;
    }

    @Override
    public String toString() {
        return switch (type) {
            case TICK -> "TICK(frame " + frame + ", dt " + dtNanos + " ns, params gen " + parameterGeneration
                    + ", frame " + GenIndex.toString(frameHandle) + ")";
            case PARAMETER_CHANGE -> "PARAMETER_CHANGE(#" + parameterIndex + " = " + parameterValue
                    + ", params gen " + parameterGeneration + ")";
            default -> type.name();
        };
    }
}
