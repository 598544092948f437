package org.orrery.servo.surface;

import javafx.animation.AnimationTimer;
import javafx.scene.Scene;
import org.orrery.memory.timing.FrameStage;
import org.orrery.memory.timing.FrameTimeline;

/**
 * Presents a {@link GpuSurface} in a window on every JavaFX pulse, and stamps the frame timeline's
 * render and presented stages as closely as JavaFX lets a program see them. The render of a pulse
 * starts right after the scene's layout, which a post-layout pulse listener sees; JavaFX has no
 * public hook for its end, so a frame is taken as rendered and presented at the start of the next
 * pulse. While the render keeps up with the pulse that is an upper bound, late by up to one pulse
 * period; the interval between presented frames, which the HUD shows, is the pulse's. FX thread
 * only; nothing here allocates per frame.
 */
public final class WindowPresenter {

    private final GpuSurface surface;
    private final Runnable afterLayout = this::renderStarts;
    private final AnimationTimer pulse = new AnimationTimer() {
        @Override
        public void handle(long now) {
            onPulse();
        }
    };
    private FrameTimeline timeline;
    private Scene scene;
    /** The frame shown at the last pulse, whose render has not been stamped as ended; -1 if none. */
    private long rendering = -1;
    /** The frame taken this pulse, whose render starts after the layout; -1 if none. */
    private long taken = -1;
    /** The newest frame whose presented stage is stamped; 0 before the first. */
    private volatile long presentedFrame;

    public WindowPresenter(GpuSurface surface) {
        this.surface = surface;
    }

    /** Stamps each frame's pulse, render start, render end and presentation into {@code frames}. */
    public WindowPresenter recordInto(FrameTimeline frames) {
        surface.recordInto(frames);
        timeline = frames;
        return this;
    }

    /** Starts presenting; the surface must be in {@code scene}. */
    public void start(Scene scene) {
        this.scene = scene;
        scene.addPostLayoutPulseListener(afterLayout);
        pulse.start();
    }

    /** Stops presenting; the last frame stays. */
    public void stop() {
        pulse.stop();
        if (scene != null) {
            scene.removePostLayoutPulseListener(afterLayout);
            scene = null;
        }
    }

    /** The newest frame stamped as presented, for a collector on another thread; 0 before the first. */
    public long presentedFrame() {
        return presentedFrame;
    }

    void onPulse() {
        long now = System.nanoTime();
        FrameTimeline times = timeline;
        if (rendering >= 0 && times != null) {
            times.stamp(rendering, FrameStage.RENDER_END, now);
            times.stamp(rendering, FrameStage.PRESENTED, now);
        }
        if (rendering >= 0) {
            presentedFrame = rendering;
        }
        rendering = -1;
        taken = surface.present() ? surface.frameShown() : -1;
    }

    void renderStarts() {
        if (taken < 0) {
            return;
        }
        FrameTimeline times = timeline;
        if (times != null) {
            times.stamp(taken, FrameStage.RENDER_START, System.nanoTime());
        }
        rendering = taken;
        taken = -1;
    }
}
