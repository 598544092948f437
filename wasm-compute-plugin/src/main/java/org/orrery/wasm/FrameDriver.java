package org.orrery.wasm;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.orrery.memory.ring.ControlRing;
import org.orrery.memory.timing.FrameStage;
import org.orrery.memory.timing.FrameTimeline;

/**
 * The frame driver: a thread that publishes ticks on a kernel's control ring at a steady rate,
 * and stamps each tick's publication into the frame timeline. Tick {@code n} makes compute frame
 * {@code n} (a kernel's workers publish one frame a tick), so the stamp goes to frame {@code n}.
 *
 * <p>It never lets ticks pile up behind a slow kernel: with {@code maxInFlight} ticks published
 * and not yet finished, a tick that falls due is skipped and counted, and the next is due one
 * period later. Pausing stops the ticks; {@link #step} publishes one while paused. The rate can
 * change at any time. Publishing allocates nothing.
 *
 * <p>At the display's rate (60 ticks a second, within 5 %) it follows the FX pulse when told of
 * each ({@link #pulse}): a tick goes out as a pulse comes, so its frame has a whole pulse period
 * to be ready for the next. Timed on a clock of its own instead, ticks drift against the pulses,
 * and whenever one falls just after a pulse its frame misses the next and shows a period late
 * (measured with {@code orrery run --late-frames}: most of n-body's 33 ms frames). Without a pulse
 * for {@value #PULSE_SILENCE_PERIODS} periods (a window hidden, a pulse held up) it goes back to its
 * own clock.
 */
public final class FrameDriver implements AutoCloseable {

    private static final long RING_TIMEOUT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** JavaFX's pulse: 60 a second. */
    static final long PULSE_PERIOD_NANOS = 1_000_000_000L / 60;
    private static final int PULSE_SILENCE_PERIODS = 4;

    private final ControlRing ring;
    private final LongSupplier finishedTicks;
    private final int maxInFlight;
    private final FrameTimeline timeline;
    private final Thread thread;
    private volatile long periodNanos;
    private volatile boolean paused;
    private volatile boolean running = true;
    private volatile int stepsRequested;
    private volatile long published;
    private volatile long skipped;
    /** Pulses told so far and the newest one's time; written by the FX thread alone. */
    private volatile long pulses;
    private volatile long lastPulseNanos = Long.MIN_VALUE / 2;

    /**
     * @param name the plugin's id, for the thread's name
     * @param finishedTicks the newest tick whose frame is published (the compute buffer's generation)
     * @param maxInFlight ticks that may be published and unfinished at once, 1 or more
     * @param timeline where to stamp each tick's publication, or null
     */
    public FrameDriver(String name, ControlRing ring, LongSupplier finishedTicks, double ticksPerSecond, int maxInFlight,
            FrameTimeline timeline) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("at least one tick must be allowed in flight, asked for " + maxInFlight);
        }
        this.ring = ring;
        this.finishedTicks = finishedTicks;
        this.maxInFlight = maxInFlight;
        this.timeline = timeline;
        setRate(ticksPerSecond);
        this.thread = Thread.ofPlatform().name("orrery-driver-" + name).daemon().unstarted(this::run);
    }

    public FrameDriver start() {
        thread.start();
        return this;
    }

    /** Ticks per second from now on, more than 0. */
    public void setRate(double ticksPerSecond) {
        if (!(ticksPerSecond > 0) || Double.isInfinite(ticksPerSecond)) {
            throw new IllegalArgumentException("ticks per second must be a positive number, got " + ticksPerSecond);
        }
        periodNanos = Math.max(1, Math.round(1e9 / ticksPerSecond));
        LockSupport.unpark(thread);
    }

    public void pause() {
        paused = true;
    }

    public void resume() {
        paused = false;
        LockSupport.unpark(thread);
    }

    /** While paused: publishes one tick (when the kernel has room for it). */
    public void step() {
        stepsRequested = stepsRequested + 1; // only the caller's thread (the FX thread) writes it
        LockSupport.unpark(thread);
    }

    public boolean isPaused() {
        return paused;
    }

    /** Tells the driver the FX pulse has come (FX thread); it ticks on pulses at the display's rate. */
    public void pulse() {
        lastPulseNanos = System.nanoTime();
        pulses = pulses + 1; // only the FX thread writes it
        LockSupport.unpark(thread);
    }

    /** Ticks published so far: the last one is the newest tick number. */
    public long ticksPublished() {
        return published;
    }

    /** Ticks that fell due while the kernel had {@code maxInFlight} unfinished, and were skipped. */
    public long ticksSkipped() {
        return skipped;
    }

    private void run() {
        int stepsDone = 0;
        long due = System.nanoTime();
        long pulsesSeen = pulses;
        while (running) {
            if (paused) {
                if (stepsRequested != stepsDone && hasRoom()) {
                    stepsDone++;
                    publish();
                } else {
                    LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(50));
                }
                due = System.nanoTime();
                continue;
            }
            stepsDone = stepsRequested; // steps asked for while running are already covered
            if (followsPulses()) {
                long pulsesNow = pulses;
                if (pulsesNow == pulsesSeen) {
                    LockSupport.parkNanos(this, PULSE_PERIOD_NANOS);
                    continue;
                }
                pulsesSeen = pulsesNow;
                tickIfRoom();
                due = System.nanoTime() + periodNanos; // the clock takes over from here if the pulses stop
                continue;
            }
            pulsesSeen = pulses;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(this, wait);
                continue; // woken early (a new rate, a pause, close) or on time: look again
            }
            tickIfRoom();
            due += periodNanos;
            long now = System.nanoTime();
            if (due < now - periodNanos) {
                due = now; // far behind (a long stall): start the schedule again rather than catch up
            }
        }
    }

    /** Whether ticks follow the pulses: at the display's rate, with pulses coming. */
    private boolean followsPulses() {
        return Math.abs(periodNanos - PULSE_PERIOD_NANOS) * 20 <= PULSE_PERIOD_NANOS
                && System.nanoTime() - lastPulseNanos < PULSE_SILENCE_PERIODS * PULSE_PERIOD_NANOS;
    }

    private void tickIfRoom() {
        if (hasRoom()) {
            publish();
        } else {
            skipped = skipped + 1;
        }
    }

    private boolean hasRoom() {
        return published - finishedTicks.getAsLong() < maxInFlight;
    }

    private void publish() {
        long tick = published + 1;
        FrameTimeline frames = timeline;
        if (frames != null) {
            frames.stamp(tick, FrameStage.TICK_PUBLISHED, System.nanoTime());
        }
        if (ring.publishTick(tick, periodNanos, 0, 0, RING_TIMEOUT_NANOS)) {
            published = tick;
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        LockSupport.unpark(thread);
        if (thread.isAlive()) {
            thread.join(5_000);
        }
    }
}
