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
 * each ({@link #pulse}), one tick a pulse, at a fixed offset from it ({@link #tickOffset}). Timed
 * on a clock of its own instead, ticks drift against the pulses, and whenever a frame is laid out
 * just as a pulse comes, frames are shown a period late or dropped (measured with
 * {@code orrery run --late-frames}: most of n-body's 33 ms frames). The offset comes from the
 * frames' latency, tick published to frame laid out (the median of the last
 * {@value #SAMPLES} in the timeline), and the pulses' own period, measured the same way (the
 * headless platform pulses every 16.0 ms, not 16.7): frames laid out within half a period go out
 * with the pulse, slower ones so as to be laid out half-way between two pulses, as far as can be
 * from either (with a margin, {@link #staysWithPulse}, so that ticks do not jump between the two
 * while the latency wavers about half a period). Without a pulse for {@value #PULSE_SILENCE_PERIODS} periods (a window hidden, a
 * pulse held up) it goes back to its own clock.
 */
public final class FrameDriver implements AutoCloseable {

    private static final long RING_TIMEOUT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** JavaFX's pulse: 60 a second. */
    static final long PULSE_PERIOD_NANOS = 1_000_000_000L / 60;
    private static final int PULSE_SILENCE_PERIODS = 4;
    /** Latencies, and pulse intervals, taken for each median. */
    private static final int SAMPLES = 31;
    private static final long NO_TICK = Long.MIN_VALUE;
    /** How many ticks back a frame is sampled for its latency: by then it is laid out. */
    private static final int LATENCY_LAG = 3;

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
    /** The newest pulse's time, which also tells a new pulse from one seen; written by the FX thread alone. */
    private volatile long lastPulseNanos = Long.MIN_VALUE / 2;
    /** Latencies, tick published to frame laid out, and intervals between pulses; the driver thread's alone. */
    private final BatchMedian latency = new BatchMedian(SAMPLES, 0);
    private final BatchMedian pulsePeriod = new BatchMedian(SAMPLES, PULSE_PERIOD_NANOS);
    private final long[] stamps = new long[FrameStage.values().length];
    /** Whether ticks go out with the pulse rather than so as to be laid out half-way between two; the driver thread's alone. */
    private boolean withPulse = true;

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

    /**
     * Tells the driver the FX pulse has come (FX thread); it ticks on pulses at the display's rate.
     *
     * @param pulseNanos the pulse's time on {@link System#nanoTime()}'s clock, as JavaFX hands it to
     *     every animation timer of the pulse
     */
    public void pulse(long pulseNanos) {
        lastPulseNanos = pulseNanos;
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
        long pulseSeen = lastPulseNanos;
        long tickAt = NO_TICK;
        while (running) {
            if (paused) {
                if (stepsRequested != stepsDone && hasRoom()) {
                    stepsDone++;
                    publish();
                } else {
                    LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(50));
                }
                due = System.nanoTime();
                tickAt = NO_TICK;
                continue;
            }
            stepsDone = stepsRequested; // steps asked for while running are already covered
            if (followsPulses()) {
                long pulse = lastPulseNanos;
                if (pulse != pulseSeen) {
                    if (tickAt != NO_TICK) {
                        tickIfRoom(); // the pulse came before the tick due after its predecessor: not lost
                    }
                    samplePulseInterval(pulse - pulseSeen);
                    pulseSeen = pulse;
                    long latencyNanos = latency.median();
                    long period = pulsePeriod.median();
                    withPulse = staysWithPulse(withPulse, latencyNanos, period);
                    tickAt = pulse + (withPulse ? 0 : tickOffset(latencyNanos, period));
                }
                long wait = tickAt == NO_TICK ? PULSE_PERIOD_NANOS : tickAt - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(this, wait); // woken by the next pulse, or when the tick is due
                    continue;
                }
                tickAt = NO_TICK;
                tickIfRoom();
                due = System.nanoTime() + periodNanos; // the clock takes over from here if the pulses stop
                continue;
            }
            tickAt = NO_TICK;
            pulseSeen = lastPulseNanos;
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

    /**
     * Takes the latency of the frame {@value #LATENCY_LAG} ticks back, tick published to laid out,
     * and with every {@value #SAMPLES} samples takes their median.
     */
    private void sampleLatency() {
        long frame = published - LATENCY_LAG;
        if (timeline == null || frame < 1) {
            return;
        }
        timeline.read(frame, stamps);
        long tick = stamps[FrameStage.TICK_PUBLISHED.ordinal()];
        long laidOut = stamps[FrameStage.LAYOUT_PUBLISHED.ordinal()];
        if (tick == FrameTimeline.MISSING || laidOut == FrameTimeline.MISSING) {
            return;
        }
        latency.add(laidOut - tick);
    }

    /** Takes the interval from the pulse seen before; one that spans missed pulses or a silence is left out. */
    private void samplePulseInterval(long nanos) {
        if (nanos <= 0 || nanos > PULSE_PERIOD_NANOS * 3 / 2) {
            return;
        }
        pulsePeriod.add(nanos);
    }

    /**
     * How long after a pulse its tick goes out, for frames laid out {@code latencyNanos} after
     * their tick, with pulses {@code pulsePeriodNanos} apart: none while the frame is laid out
     * within half a period (it is ready for the next pulse with half a period to spare; measured,
     * n-body's frames were steadiest so); else as far as lays the frame out half-way between two
     * pulses. A tick sent with the pulse, its frame laid out 14 ms later, came so near the next
     * pulse that a third of the frames missed it (heat at 1024 x 1024).
     */
    static long tickOffset(long latencyNanos, long pulsePeriodNanos) {
        long half = pulsePeriodNanos / 2;
        return latencyNanos < half ? 0 : Math.floorMod(half - latencyNanos, pulsePeriodNanos);
    }

    /**
     * Whether ticks go out with the pulse from now on, as they did ({@code withPulse}) or not, for
     * frames laid out {@code latencyNanos} after their tick. Ticks leave the pulse only once frames
     * take over half a period and an eighth, and come back once they take under half: the offset
     * jumps from 0 to nearly a period where the latency crosses half a period, and each jump loses
     * a frame or makes one twice. A latency that wavers about half a period (n-body 1024 on a slow
     * host: 7 to 8 ms) would otherwise jump at every other median.
     */
    static boolean staysWithPulse(boolean withPulse, long latencyNanos, long pulsePeriodNanos) {
        long half = pulsePeriodNanos / 2;
        return withPulse ? latencyNanos <= half + pulsePeriodNanos / 8 : latencyNanos < half;
    }

    /** Whether ticks follow the pulses: at the display's rate, with pulses coming. */
    private boolean followsPulses() {
        return Math.abs(periodNanos - PULSE_PERIOD_NANOS) * 20 <= PULSE_PERIOD_NANOS
                && System.nanoTime() - lastPulseNanos < PULSE_SILENCE_PERIODS * PULSE_PERIOD_NANOS;
    }

    private void tickIfRoom() {
        if (hasRoom()) {
            publish();
            sampleLatency();
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
