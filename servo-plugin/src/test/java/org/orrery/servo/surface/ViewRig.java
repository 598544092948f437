package org.orrery.servo.surface;

import java.lang.foreign.MemorySegment;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import org.orrery.memory.arena.ArenaLayout;
import org.orrery.memory.arena.SharedArena;
import org.orrery.memory.arena.Stage;
import org.orrery.memory.triple.DeliveryMode;
import org.orrery.memory.triple.TripleBuffer;
import org.orrery.memory.wait.WaitPolicy;
import org.orrery.servo.layout.FrameLayout;
import org.orrery.servo.layout.FrameRaster;
import org.orrery.servo.layout.LayoutFrame;

/**
 * One view set up as the app sets it up, minus threads: an arena with compute and layout triple
 * buffers, a layout, and a {@link GpuSurface} in a scene. The test plays the compute and layout
 * stages itself, so frames are exact and repeatable.
 */
public final class ViewRig implements AutoCloseable {

    public final SharedArena arena;
    public final TripleBuffer compute;
    public final TripleBuffer layout;
    public final GpuSurface surface;
    public final Scene scene;

    public ViewRig(long computeSlotBytes, long layoutSlotBytes, int width, int height) throws Exception {
        arena = SharedArena.allocate(ArenaLayout.packed(computeSlotBytes, layoutSlotBytes, 0));
        compute = arena.tripleBuffer(Stage.COMPUTE, DeliveryMode.LIVE, WaitPolicy.BLOCKING);
        layout = arena.tripleBuffer(Stage.LAYOUT, DeliveryMode.LIVE, WaitPolicy.BLOCKING);
        surface = Fx.call(() -> new GpuSurface(layout, new PixelBufferBackend()));
        scene = Fx.call(() -> {
            StackPane root = new StackPane(surface);
            return new Scene(root, width, height);
        });
        Fx.run(() -> {
            scene.getRoot().applyCss();
            scene.getRoot().layout();
        });
    }

    /** The compute stage's part: a frame written by {@code writer} and published. */
    public void publishCompute(java.util.function.Consumer<MemorySegment> writer) {
        writer.accept(compute.back());
        compute.publish();
    }

    /** The layout stage's part: the newest compute frame laid out (and rastered) and published. */
    public void layOut(FrameLayout frameLayout, FrameRaster raster) {
        long handle = compute.acquire();
        MemorySegment slot = layout.back();
        slot.set(java.lang.foreign.ValueLayout.JAVA_LONG, LayoutFrame.SOURCE, handle); // as LayoutStage does
        frameLayout.layOut(compute.front(), slot);
        if (raster != null) {
            raster.draw(slot);
        }
        layout.publish();
    }

    /** The pulse's part, then a snapshot of the surface as ARGB pixels. */
    public int[] presentAndSnapshot() throws Exception {
        return Fx.call(() -> {
            surface.present();
            WritableImage image = surface.snapshot(null, null);
            int w = (int) image.getWidth();
            int h = (int) image.getHeight();
            int[] argb = new int[w * h];
            image.getPixelReader().getPixels(0, 0, w, h,
                    javafx.scene.image.PixelFormat.getIntArgbInstance(), argb, 0, w);
            return argb;
        });
    }

    @Override
    public void close() throws Exception {
        Fx.run(surface::dispose);
        arena.close();
    }
}
