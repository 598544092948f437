package org.orrery.memory.ring;

/** What a {@link ControlEvent} asks of the pipeline. */
public enum ControlType {
    /** Compute one frame: carries the frame number, dt and the parameter generation. */
    TICK,
    /** One parameter changed: carries its index, its new value and the new parameter generation. */
    PARAMETER_CHANGE,
    PAUSE,
    RESUME,
    /** Stop after the events before this one; nothing after it is handled. */
    SHUTDOWN
}
