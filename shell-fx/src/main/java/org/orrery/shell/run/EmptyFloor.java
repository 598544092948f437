package org.orrery.shell.run;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.HdrHistogram.Histogram;

/**
 * The floor for the runner's frame intervals: an empty JavaFX window of the same size, shown on
 * this machine's glass platform (the headless one when there is no display), with nothing
 * computed, laid out or drawn into it. Its pulse intervals are what JavaFX gives here with no
 * work at all.
 */
final class EmptyFloor extends AnimationTimer {

    final CountDownLatch done = new CountDownLatch(1);
    final Histogram intervals = new Histogram(TimeUnit.MINUTES.toNanos(1), 3);
    private final Stage window = new Stage();
    private final int frames;
    private final long endNanos;
    private long last;
    private int shown;

    /** Starts on the FX thread; runs for {@code frames} pulses, or {@code seconds} when frames is 0. */
    EmptyFloor(int width, int height, int frames, double seconds) {
        window.setTitle("Orrery: empty window (the floor)");
        window.setScene(new Scene(new StackPane(), width, height));
        window.show();
        this.frames = frames;
        this.endNanos = frames > 0 ? Long.MAX_VALUE : System.nanoTime() + (long) (seconds * 1e9);
        start();
    }

    @Override
    public void handle(long now) {
        long at = System.nanoTime();
        if (last != 0) {
            intervals.recordValue(at - last);
        }
        last = at;
        if ((frames > 0 && ++shown >= frames) || at >= endNanos) {
            stop();
            window.close();
            done.countDown();
        }
    }
}
