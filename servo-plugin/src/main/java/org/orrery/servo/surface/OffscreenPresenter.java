package org.orrery.servo.surface;

import javafx.scene.Scene;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import org.orrery.memory.timing.FrameStage;
import org.orrery.memory.timing.FrameTimeline;

/**
 * Shows a {@link GpuSurface} with no window, for the headless runner and tests: each call takes
 * the newest layout frame as a pulse would and renders the surface into an image through
 * JavaFX's own renderer. Here a frame is presented when that render has finished, which is what
 * the frame timeline's render and presented stamps mean headless. (A window's render runs on
 * JavaFX's render thread after the pulse, with no public hook for its end.) FX thread only.
 */
public final class OffscreenPresenter {

    private final GpuSurface surface;
    private final Scene scene;
    private final SnapshotParameters parameters = new SnapshotParameters();
    private final WritableImage image;
    private FrameTimeline timeline;

    /** Puts {@code surface} alone in a scene of the given size, not shown in any window. */
    public OffscreenPresenter(GpuSurface surface, int width, int height) {
        this.surface = surface;
        this.scene = new Scene(new StackPane(surface), width, height);
        this.image = new WritableImage(width, height);
        scene.getRoot().applyCss();
        scene.getRoot().layout();
    }

    /**
     * Stamps each frame's pulse, render start, render end and presentation into {@code frames},
     * the frame being its compute frame's generation.
     */
    public void recordInto(FrameTimeline frames) {
        surface.recordInto(frames);
        timeline = frames;
    }

    /**
     * Takes the newest layout frame, if one arrived since the last call, and renders it.
     *
     * @return whether a new frame was presented
     */
    public boolean presentAndRender() {
        if (!surface.present()) {
            return false;
        }
        long frame = surface.frameShown();
        FrameTimeline times = timeline;
        if (times != null) {
            times.stamp(frame, FrameStage.RENDER_START, System.nanoTime());
        }
        scene.getRoot().layout(); // what a pulse does before it renders
        scene.getRoot().snapshot(parameters, image);
        if (times != null) {
            long end = System.nanoTime();
            times.stamp(frame, FrameStage.RENDER_END, end);
            times.stamp(frame, FrameStage.PRESENTED, end);
        }
        return true;
    }

    /** The last frame presented, as rendered. */
    public WritableImage image() {
        return image;
    }
}
