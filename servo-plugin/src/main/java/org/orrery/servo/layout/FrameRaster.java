package org.orrery.servo.layout;

import java.lang.foreign.MemorySegment;

/**
 * Draws a laid-out frame's projected items into the slot's own pixels, for surfaces that show
 * pixels (the {@code PixelBuffer} backend). A GPU backend draws the items itself instead.
 */
public interface FrameRaster {

    /** Draws the items of the frame in {@code slot} into its pixels. Layout thread only; must not allocate. */
    void draw(MemorySegment slot);
}
