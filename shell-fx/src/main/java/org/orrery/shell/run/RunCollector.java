package org.orrery.shell.run;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.orrery.memory.timing.FrameCollector;
import org.orrery.memory.timing.FrameStage;
import org.orrery.memory.timing.FrameTimeline;
import org.orrery.shell.run.late.LateFrames;

/**
 * Reads the frame timeline while a run goes on, on a thread of its own, so that the FX pulse only
 * presents: the statistics (after the warm-up) and the report's rows (all frames) are taken every
 * quarter second, often enough that no frame leaves the timeline unread, and once more at the end.
 * For {@code --late-frames} it also keeps every measured frame's stamps.
 */
final class RunCollector implements AutoCloseable {

    private static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private final FrameCollector collector;
    private final RunReport rows;
    private final LongSupplier newestPresented;
    private final LongSupplier lastWarmUpFrame;
    private final FrameTimeline timeline;
    private final LateFrames lateFrames;
    private final long[] stamps = new long[FrameStage.values().length];
    private long keptUpTo;
    private final Thread thread;
    private volatile boolean running = true;
    private boolean warmUpSkipped;

    /**
     * @param rows the report, or null
     * @param newestPresented the newest frame presented so far
     * @param lastWarmUpFrame the last frame of the warm-up once it is over, -1 until then
     * @param lateFrames where the measured frames' stamps go, or null
     */
    RunCollector(FrameTimeline timeline, RunReport rows, LongSupplier newestPresented, LongSupplier lastWarmUpFrame,
                 LateFrames lateFrames) {
        this.collector = new FrameCollector(timeline);
        this.timeline = timeline;
        this.lateFrames = lateFrames;
        this.rows = rows;
        this.newestPresented = newestPresented;
        this.lastWarmUpFrame = lastWarmUpFrame;
        this.thread = Thread.ofPlatform().name("orrery-run-collector").daemon().start(this::run);
    }

    /** The statistics; read them after {@link #close}. */
    FrameCollector statistics() {
        return collector;
    }

    private void run() {
        while (running) {
            LockSupport.parkNanos(this, PERIOD_NANOS);
            collectOnce();
        }
    }

    private void collectOnce() {
        long newest = newestPresented.getAsLong();
        if (rows != null) {
            rows.writeUpTo(newest);
        }
        long warmUpEnd = lastWarmUpFrame.getAsLong();
        if (warmUpEnd < 0) {
            return; // still warming up: nothing counts yet
        }
        if (!warmUpSkipped) {
            collector.skipTo(warmUpEnd);
            keptUpTo = warmUpEnd;
            warmUpSkipped = true;
        }
        collector.collect(newest);
        if (lateFrames != null) {
            for (long frame = Math.max(keptUpTo + 1, newest - timeline.capacity() + 1); frame <= newest; frame++) {
                timeline.read(frame, stamps);
                lateFrames.add(frame, stamps);
            }
            keptUpTo = Math.max(keptUpTo, newest);
        }
    }

    /** Stops the thread and reads what is left. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        LockSupport.unpark(thread);
        thread.join(5_000);
        collectOnce();
    }
}
