package org.orrery.servo.layout;

import java.lang.foreign.MemorySegment;

/** Turns one compute frame into one layout frame: the work of the layout stage for one kind of view. */
public interface FrameLayout {

    /**
     * Lays out {@code computeFrame} into {@code slot} (see {@link LayoutFrame}): pixel size,
     * colour range and ticks, pixels, projected items. Called on the layout thread only; must not
     * allocate.
     */
    void layOut(MemorySegment computeFrame, MemorySegment slot);

    /**
     * A number that changes whenever a setting that shapes the output changes (camera, style,
     * surface size), so that the layout stage lays out the current frame again while compute is
     * paused. Any thread.
     */
    long settingsVersion();
}
