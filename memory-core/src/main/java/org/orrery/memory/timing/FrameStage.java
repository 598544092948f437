package org.orrery.memory.timing;

/** The moments of one frame's way through the pipeline that are stamped, in the order they happen. */
public enum FrameStage {
    /** The frame driver published the tick on the control ring. */
    TICK_PUBLISHED,
    /** The compute host took the tick off the ring. */
    TICK_TAKEN,
    /** The last worker published the compute frame. */
    COMPUTE_PUBLISHED,
    /** The layout stage took the compute frame and began. */
    LAYOUT_START,
    /** The layout stage finished laying out (and rastering). */
    LAYOUT_END,
    /** The layout frame was published. */
    LAYOUT_PUBLISHED,
    /** The FX pulse took the layout frame. */
    PULSE,
    /** JavaFX began drawing it. */
    RENDER_START,
    /** JavaFX finished drawing it. */
    RENDER_END,
    /** It reached the screen (or the offscreen surface, headless). */
    PRESENTED
}
