package org.orrery.shell.hud;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.orrery.memory.timing.FrameCollector;
import org.orrery.memory.timing.FrameStage;
import org.orrery.memory.timing.FrameTimeline;
import org.orrery.wasm.KernelWorkers;
import org.orrery.wasm.WorkerUtilisation;

/**
 * Reads a running plugin's frame timeline four times a second on a thread of its own and keeps the
 * newest {@link HudStats} for the HUD, so the FX pulse never reads the timeline. The interval
 * percentiles and jitter are over a window of about five seconds: a fresh collector starts every
 * five seconds, and the one before is shown until the new one has enough frames.
 */
public final class HudFeed implements AutoCloseable {

    private static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    private static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final int ENOUGH_INTERVALS = 30;
    private static final int PLOTTED = 300;
    private static final FrameStage[] STAGES = FrameStage.values();

    private final FrameTimeline timeline;
    private final KernelWorkers workers;
    private final WorkerUtilisation utilisation;
    private final LongSupplier newestPresented;
    private final LongSupplier ticks;
    private final Thread thread;
    private final FrameCollector total;
    private final long[] nanos = new long[STAGES.length];
    private final double[] plotted = new double[PLOTTED];
    private int plottedCount;
    private int plottedNext;
    private FrameCollector window;
    private FrameCollector previousWindow;
    private long windowStart;
    private long readUpTo;
    private long lastPresentedNanos = FrameTimeline.MISSING;
    private long copyBefore;
    private long ticksBefore;
    private volatile HudStats latest = HudStats.NONE;
    private volatile boolean running = true;

    /**
     * @param newestPresented the newest frame whose presented stage is stamped
     * @param ticks ticks published so far
     */
    public HudFeed(FrameTimeline timeline, KernelWorkers workers, LongSupplier newestPresented, LongSupplier ticks) {
        this.timeline = timeline;
        this.workers = workers;
        this.utilisation = new WorkerUtilisation(workers);
        this.newestPresented = newestPresented;
        this.ticks = ticks;
        this.total = new FrameCollector(timeline);
        this.window = new FrameCollector(timeline);
        this.windowStart = System.nanoTime();
        this.thread = Thread.ofPlatform().name("orrery-hud-feed").daemon().start(this::run);
    }

    /** The newest statistics. Any thread. */
    public HudStats latest() {
        return latest;
    }

    private void run() {
        while (running) {
            LockSupport.parkNanos(this, PERIOD_NANOS);
            if (running) {
                latest = collect();
            }
        }
    }

    private HudStats collect() {
        long newest = newestPresented.getAsLong();
        long now = System.nanoTime();
        if (now - windowStart >= WINDOW_NANOS) {
            previousWindow = window;
            window = new FrameCollector(timeline);
            window.skipTo(readUpTo);
            windowStart = now;
        }
        total.collect(newest);
        window.collect(newest);
        readIntervals(newest);
        FrameCollector shown = window.intervals() >= ENOUGH_INTERVALS || previousWindow == null ? window : previousWindow;
        utilisation.sample();
        double[] shares = new double[utilisation.workers()];
        int[] cpus = new int[shares.length];
        for (int i = 0; i < shares.length; i++) {
            shares[i] = utilisation.share(i);
            cpus[i] = utilisation.cpu(i);
        }
        return new HudStats(last(), shown.intervalMillis(50), shown.intervalMillis(99), shown.jitterMillis(),
                total.presented(), total.dropped(), plottedInOrder(), stageMillis(shown), shares, cpus);
    }

    /** The intervals between presented frames since the last read, into the plot's ring. */
    private void readIntervals(long newest) {
        for (long frame = Math.max(readUpTo + 1, newest - timeline.capacity() + 1); frame <= newest; frame++) {
            timeline.read(frame, nanos);
            long shownAt = nanos[FrameStage.PRESENTED.ordinal()];
            if (shownAt == FrameTimeline.MISSING) {
                continue;
            }
            if (lastPresentedNanos != FrameTimeline.MISSING && shownAt > lastPresentedNanos) {
                plotted[plottedNext] = (shownAt - lastPresentedNanos) / 1e6;
                plottedNext = (plottedNext + 1) % PLOTTED;
                plottedCount = Math.min(PLOTTED, plottedCount + 1);
            }
            lastPresentedNanos = shownAt;
        }
        readUpTo = Math.max(readUpTo, newest);
    }

    private double last() {
        return plottedCount == 0 ? Double.NaN : plotted[(plottedNext - 1 + PLOTTED) % PLOTTED];
    }

    private double[] plottedInOrder() {
        double[] inOrder = new double[plottedCount];
        int first = (plottedNext - plottedCount + PLOTTED) % PLOTTED;
        for (int i = 0; i < plottedCount; i++) {
            inOrder[i] = plotted[(first + i) % PLOTTED];
        }
        return inOrder;
    }

    /**
     * Queue (tick published to taken), kernel and copy (taken to compute published; the copy is the
     * workers' copying per tick, shared between them as they run side by side), layout (compute
     * published to layout published) and render (layout published to presented).
     */
    private double[] stageMillis(FrameCollector stats) {
        long copy = workers.copyNanos();
        long tickCount = ticks.getAsLong();
        double copyPerTick = tickCount > ticksBefore
                ? (copy - copyBefore) / 1e6 / (tickCount - ticksBefore) / Math.max(1, workers.workerCount()) : 0;
        copyBefore = copy;
        ticksBefore = tickCount;
        double compute = stats.meanStageMillis(FrameStage.COMPUTE_PUBLISHED);
        double[] stages = {
                stats.meanStageMillis(FrameStage.TICK_TAKEN),
                Math.max(0, compute - copyPerTick),
                Math.min(copyPerTick, Double.isNaN(compute) ? 0 : compute),
                sum(stats, FrameStage.LAYOUT_START, FrameStage.LAYOUT_PUBLISHED),
                sum(stats, FrameStage.PULSE, FrameStage.PRESENTED)};
        for (int i = 0; i < stages.length; i++) {
            if (Double.isNaN(stages[i])) {
                stages[i] = 0;
            }
        }
        return stages;
    }

    private static double sum(FrameCollector stats, FrameStage from, FrameStage to) {
        double total = 0;
        for (int s = from.ordinal(); s <= to.ordinal(); s++) {
            double mean = stats.meanStageMillis(STAGES[s]);
            total += Double.isNaN(mean) ? 0 : mean;
        }
        return total;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        LockSupport.unpark(thread);
        thread.join(5_000);
    }
}
