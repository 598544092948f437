package org.orrery.servo.surface;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import javafx.geometry.Rectangle2D;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.util.Callback;
import org.orrery.servo.layout.LayoutFrame;

/**
 * Shows layout frames through JavaFX {@link PixelBuffer}s that wrap the pixels of the layout
 * slots themselves: one image per slot, made when a slot is first shown at a pixel size, so a new
 * frame costs one texture upload by the JavaFX renderer and no copy in Java. Works on every Prism
 * pipeline, the software and headless ones included. (Changing an {@code ImageView}'s image
 * allocates, so each slot keeps its own view and image; the surface shows the front slot's view.)
 *
 * <p>Known limit: JavaFX uploads the texture on its render thread after the pulse. If the layout
 * stage gets the slot back and writes it before that upload ends, one frame can show parts of two
 * layouts. A fourth slot, released one pulse late, would close this window.
 */
public final class PixelBufferBackend implements SurfaceBackend {

    /** Marks the whole image as changed. */
    private static final Callback<PixelBuffer<IntBuffer>, Rectangle2D> WHOLE_IMAGE = buffer -> null;

    @SuppressWarnings("unchecked")
    private final PixelBuffer<IntBuffer>[] buffers = new PixelBuffer[3];
    private final WritableImage[] images = new WritableImage[3];

    @Override
    public String name() {
        return "pixel-buffer";
    }

    @Override
    public void show(int slotIndex, MemorySegment slot, ImageView view) {
        int width = LayoutFrame.width(slot);
        int height = LayoutFrame.height(slot);
        PixelBuffer<IntBuffer> buffer = buffers[slotIndex];
        if (buffer == null || buffer.getWidth() != width || buffer.getHeight() != height) {
            IntBuffer pixels = slot.asSlice(LayoutFrame.PIXELS, 4L * width * height)
                    .asByteBuffer().order(ByteOrder.nativeOrder()).asIntBuffer();
            buffer = new PixelBuffer<>(width, height, pixels, PixelFormat.getIntArgbPreInstance());
            buffers[slotIndex] = buffer;
            images[slotIndex] = new WritableImage(buffer);
            view.setImage(images[slotIndex]);
        } else {
            // JavaFX allocates about 32 bytes in here (an iterator over the buffer's images).
            buffer.updateBuffer(WHOLE_IMAGE);
        }
    }

    @Override
    public void dispose() {
        java.util.Arrays.fill(buffers, null);
        java.util.Arrays.fill(images, null);
    }
}
