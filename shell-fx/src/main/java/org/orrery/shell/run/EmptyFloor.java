package org.orrery.shell.run;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.scene.Scene;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import org.HdrHistogram.Histogram;

/**
 * The floor for the runner's frame intervals: an empty scene of the same size rendered offscreen
 * on every JavaFX pulse, as the runner renders a plugin's, with nothing computed or laid out.
 * Its intervals are what this machine's JavaFX gives with no work at all.
 */
final class EmptyFloor extends AnimationTimer {

    final CountDownLatch done = new CountDownLatch(1);
    final Histogram intervals = new Histogram(TimeUnit.MINUTES.toNanos(1), 3);
    private final StackPane root = new StackPane();
    private final SnapshotParameters parameters = new SnapshotParameters();
    private final WritableImage image;
    private final int frames;
    private final long endNanos;
    private long last;
    private int shown;

    /** Starts on the FX thread; runs for {@code frames} pulses, or {@code seconds} when frames is 0. */
    EmptyFloor(int width, int height, int frames, double seconds) {
        new Scene(root, width, height);
        this.image = new WritableImage(width, height);
        this.frames = frames;
        this.endNanos = frames > 0 ? Long.MAX_VALUE : System.nanoTime() + (long) (seconds * 1e9);
        start();
    }

    @Override
    public void handle(long now) {
        root.snapshot(parameters, image);
        long at = System.nanoTime();
        if (last != 0) {
            intervals.recordValue(at - last);
        }
        last = at;
        if ((frames > 0 && ++shown >= frames) || at >= endNanos) {
            stop();
            done.countDown();
        }
    }
}
