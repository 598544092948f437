package org.orrery.memory.ring;

/** What a {@link ControlEvent} asks of the pipeline. */
public enum ControlType {
    /** Compute one frame: carries the frame number, dt and the parameter generation. */
    TICK,
    /** One parameter changed: carries its index, its new value and the new parameter generation. */
    PARAMETER_CHANGE,
    /**
     * One value of the kernel's parameter buffer, staged: carries its index (record x fields +
     * field) and the value. Staged values take effect with the BUFFER_LENGTH that follows them.
     */
    BUFFER_VALUE,
    /** The parameter buffer's record count: commits the values staged before it. */
    BUFFER_LENGTH,
    PAUSE,
    RESUME,
    /** Stop after the events before this one; nothing after it is handled. */
    SHUTDOWN
}
