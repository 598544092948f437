package org.orrery.bench.pipeline;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.locks.LockSupport;
import org.orrery.memory.triple.TripleBuffer;

/**
 * Stand-in for the JavaFX pulse: wakes at display rate, swaps in the newest layout frame and
 * "presents" it, recording how long after its tick was due each frame appeared and the interval
 * between new frames. Prints one line of figures per second.
 */
final class Presenter implements Runnable {

    private final TripleBuffer layout;
    private final TripleBuffer compute;
    private final long periodNanos;
    private final long startNanos;
    private final FrameStats latency;
    private final FrameStats interval;
    private final FrameStats runLatency;
    private final FrameStats runInterval;
    private volatile boolean running = true;
    private long presented;
    private long framesBehind;

    Presenter(TripleBuffer layout, TripleBuffer compute, int rate, long startNanos, int seconds) {
        this.layout = layout;
        this.compute = compute;
        this.periodNanos = 1_000_000_000L / rate;
        this.startNanos = startNanos;
        this.latency = new FrameStats(rate * 4);
        this.interval = new FrameStats(rate * 4);
        int runCapacity = (int) Math.min(Integer.MAX_VALUE - 8, (long) rate * Math.max(seconds, 1) * 2);
        this.runLatency = new FrameStats(runCapacity);
        this.runInterval = new FrameStats(runCapacity);
    }

    @Override
    public void run() {
        long lastFrame = -1;
        long lastPresent = 0;
        long nextReport = startNanos + 1_000_000_000L;
        long vsync = startNanos;
        while (running) {
            vsync += periodNanos;
            LockSupport.parkNanos(vsync - System.nanoTime());
            layout.acquire();
            MemorySegment front = layout.front();
            long frame = FrameHeader.get(front, FrameHeader.FRAME);
            long now = System.nanoTime();
            if (frame > lastFrame) {
                long due = startNanos + frame * periodNanos;
                latency.add(now - due);
                runLatency.add(now - due);
                if (lastPresent != 0) {
                    interval.add(now - lastPresent);
                    runInterval.add(now - lastPresent);
                }
                if (lastFrame >= 0 && frame > lastFrame + 1) {
                    framesBehind += frame - lastFrame - 1;
                }
                lastFrame = frame;
                lastPresent = now;
                presented++;
            }
            if (now >= nextReport) {
                report((now - startNanos) / 1_000_000_000L, latency, interval);
                latency.clear();
                interval.clear();
                nextReport += 1_000_000_000L;
            }
        }
    }

    private void report(long second, FrameStats lat, FrameStats gap) {
        lat.sort();
        gap.sort();
        System.out.printf("t=%3ds  frames %4d  skipped %3d  dropped compute %d layout %d  "
                        + "tick->present p50 %6.2f p99 %6.2f ms  interval p50 %6.2f p99 %6.2f ms  jitter %5.2f ms%n",
                second, lat.count(), framesBehind, compute.droppedFrames(), layout.droppedFrames(),
                lat.percentileMillis(50), lat.percentileMillis(99),
                gap.percentileMillis(50), gap.percentileMillis(99), gap.deviationMillis());
    }

    void stop() {
        running = false;
    }

    /** Whole-run summary; call after the presenter thread has ended. */
    void summary() {
        runLatency.sort();
        runInterval.sort();
        System.out.printf("%nRun: %d frames presented, %d skipped, dropped compute %d layout %d%n",
                presented, framesBehind, compute.droppedFrames(), layout.droppedFrames());
        System.out.printf("  tick->present   p50 %6.2f  p99 %6.2f  p99.9 %6.2f  max %6.2f ms%n",
                runLatency.percentileMillis(50), runLatency.percentileMillis(99),
                runLatency.percentileMillis(99.9), runLatency.maxMillis());
        System.out.printf("  frame interval  p50 %6.2f  p99 %6.2f  p99.9 %6.2f  max %6.2f ms  jitter (sd) %5.2f ms%n",
                runInterval.percentileMillis(50), runInterval.percentileMillis(99),
                runInterval.percentileMillis(99.9), runInterval.maxMillis(), runInterval.deviationMillis());
    }

    long presented() {
        return presented;
    }
}
