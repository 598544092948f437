package org.orrery.servo.surface;

import java.lang.foreign.MemorySegment;
import javafx.scene.image.ImageView;

/**
 * How a {@link GpuSurface} gets a layout frame onto the screen. Called on the FX thread only.
 * {@link PixelBufferBackend} is the one there is: the OpenGL backends ({@code org.orrery.servo.gl})
 * draw into the slot's pixels, which it shows. A backend that put GPU textures on screen without
 * the read-back would implement this; JavaFX has no public API to import such a texture today.
 */
public interface SurfaceBackend {

    /** The name settings and the HUD use. */
    String name();

    /**
     * Makes {@code view} show the layout frame in {@code slot}, which is the layout triple buffer's
     * slot number {@code slotIndex}. The same index always names the same memory and comes with
     * the same view (the surface keeps one view per slot and shows the front one), so a backend
     * sets a view's image only when it makes a new one. Must not allocate unless the frame's pixel
     * size changed.
     */
    void show(int slotIndex, MemorySegment slot, ImageView view);

    /** Lets go of what the backend holds (images, textures). */
    void dispose();
}
