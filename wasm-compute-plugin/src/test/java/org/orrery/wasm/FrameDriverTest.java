package org.orrery.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.lmax.disruptor.dsl.ProducerType;
import java.lang.foreign.Arena;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.orrery.memory.ring.ControlRing;
import org.orrery.memory.ring.ControlType;
import org.orrery.memory.timing.FrameStage;
import org.orrery.memory.timing.FrameTimeline;
import org.orrery.memory.wait.WaitPolicy;

/** The frame driver against a real control ring, with a stand-in kernel that finishes ticks when the test says. */
class FrameDriverTest {

    /** Ticks the coordinator took, in order. */
    private final List<Long> ticks = new CopyOnWriteArrayList<>();
    /** The newest tick the stand-in kernel has finished. */
    private final AtomicLong finished = new AtomicLong();
    private volatile boolean finishAtOnce = true;
    private final ControlRing ring = new ControlRing(64, ProducerType.SINGLE, WaitPolicy.BLOCKING, (event, sequence, end) -> {
        if (event.type() == ControlType.TICK) {
            ticks.add(event.frame());
            if (finishAtOnce) {
                finished.set(event.frame());
            }
        }
    });
    private final Thread coordinator = Thread.ofPlatform().name("coordinator").start(ring.consumer());
    private FrameDriver driver;

    @AfterEach
    void stop() throws InterruptedException {
        if (driver != null) {
            driver.close();
        }
        ring.consumer().halt();
        coordinator.join(5_000);
    }

    @Test
    void ticksAreNumberedInOrderAndEachPublicationIsStamped() throws Exception {
        FrameTimeline timeline = new FrameTimeline(Arena.ofAuto().allocate(FrameTimeline.bytesFor(256), 64), 256);
        driver = new FrameDriver("test", ring, finished::get, 200, 2, timeline).start();
        await(() -> ticks.size() >= 20);
        driver.pause();
        Thread.sleep(20); // a publication under way when the pause came finishes
        long last = driver.ticksPublished();
        await(() -> ticks.size() == last);
        assertThat(ticks).startsWith(1L, 2L, 3L);
        for (int i = 0; i < ticks.size(); i++) {
            assertThat(ticks.get(i)).isEqualTo(i + 1);
        }
        long[] nanos = new long[FrameStage.values().length];
        long previous = 0;
        for (long tick = 1; tick <= last; tick++) {
            timeline.read(tick, nanos);
            long stamp = nanos[FrameStage.TICK_PUBLISHED.ordinal()];
            assertThat(stamp).as("tick %d", tick).isNotEqualTo(FrameTimeline.MISSING).isGreaterThan(previous);
            previous = stamp;
        }
    }

    @Test
    void pausedItPublishesNothingButOneTickPerStep() throws Exception {
        driver = new FrameDriver("test", ring, finished::get, 500, 2, null);
        driver.pause();
        driver.start();
        Thread.sleep(100);
        assertThat(ticks).isEmpty();
        driver.step();
        await(() -> ticks.size() == 1);
        driver.step();
        driver.step();
        await(() -> ticks.size() == 3);
        Thread.sleep(50);
        assertThat(ticks).containsExactly(1L, 2L, 3L);
        driver.resume();
        await(() -> ticks.size() > 10);
    }

    @Test
    void aKernelThatFallsBehindGetsNoMoreThanMaxInFlightTicksAndTheRestAreSkipped() throws Exception {
        finishAtOnce = false; // the stand-in kernel finishes nothing until told
        driver = new FrameDriver("test", ring, finished::get, 1_000, 3, null).start();
        await(() -> driver.ticksSkipped() >= 20);
        assertThat(driver.ticksPublished()).isEqualTo(3);
        assertThat(ticks).containsExactly(1L, 2L, 3L);
        finished.set(3); // the kernel catches up: ticks flow again
        await(() -> ticks.size() >= 6);
        assertThat(ticks.subList(0, 6)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    }

    @Test
    void publishingAllocatesNothing() throws Exception {
        FrameTimeline timeline = new FrameTimeline(Arena.ofAuto().allocate(FrameTimeline.bytesFor(64), 64), 64);
        driver = new FrameDriver("alloc", ring, finished::get, 2_000, 2, timeline).start();
        await(() -> ticks.size() >= 400); // warm: the publishing path is compiled
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long id = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("orrery-driver-alloc")).findFirst().orElseThrow().threadId();
        // The least of a few windows: a method recompiled or deoptimised mid-window (under load, a
        // branch first taken, such as a skipped tick) runs once in the interpreter and allocates
        // what compiled code scalar-replaces, a few hundred bytes once. An allocation per tick shows
        // in every window.
        long leastPerTick = Long.MAX_VALUE;
        for (int window = 0; window < 5 && leastPerTick > 0; window++) {
            long bytesBefore = threads.getThreadAllocatedBytes(id);
            long ticksBefore = driver.ticksPublished();
            await(() -> driver.ticksPublished() >= ticksBefore + 400);
            long bytes = threads.getThreadAllocatedBytes(id) - bytesBefore;
            leastPerTick = Math.min(leastPerTick, bytes / (driver.ticksPublished() - ticksBefore));
        }
        assertThat(leastPerTick).as("bytes per tick, the least of the windows").isZero();
    }

    @Test
    void atTheDisplaysRateATickGoesOutWithEachPulseAndTheClockTakesOverWhenPulsesStop() throws Exception {
        driver = new FrameDriver("test", ring, finished::get, 60, 2, null).start();
        await(() -> ticks.size() >= 3); // on its own clock until told of a pulse
        driver.pulse(System.nanoTime());
        await(() -> driver.ticksPublished() == ticks.size()); // whatever the clock published is through
        // Pulses 40 ms apart: one tick each, not the clock's 60 a second (25 against 60 in a second).
        long before = driver.ticksPublished();
        int pulses = 25;
        for (int i = 0; i < pulses; i++) {
            Thread.sleep(40);
            driver.pulse(System.nanoTime());
        }
        long followed = driver.ticksPublished() - before;
        assertThat(followed).as("ticks for %d pulses", pulses).isBetween((long) pulses - 1, (long) pulses + 2);
        // No pulse any more: after four pulse periods the clock ticks again, 60 a second.
        long silentFrom = driver.ticksPublished();
        Thread.sleep(500);
        assertThat(driver.ticksPublished() - silentFrom).as("ticks in 0.5 s without pulses").isGreaterThan(15);
    }

    @Test
    void framesLaidOutWithinHalfAPeriodTickWithThePulseAndSlowerOnesLandHalfWayBetweenTwo() {
        long ms = 1_000_000;
        long period = 16 * ms;
        assertThat(FrameDriver.tickOffset(4 * ms, period)).as("n-body").isZero();
        assertThat(FrameDriver.tickOffset(7 * ms, period)).isZero();
        assertThat(FrameDriver.tickOffset(14 * ms, period)).as("heat at 1024 x 1024").isEqualTo(10 * ms);
        assertThat(FrameDriver.tickOffset(20 * ms, period)).as("over a period").isEqualTo(4 * ms);
        for (long latency = 8 * ms; latency < 5 * period; latency += ms / 3) {
            long laidOut = FrameDriver.tickOffset(latency, period) + latency;
            assertThat(laidOut % period).as("laid out after the pulse, %d ns", latency).isEqualTo(period / 2);
            assertThat(FrameDriver.tickOffset(latency, period)).isBetween(0L, period - 1);
        }
    }

    @Test
    void aLatencyWaveringAboutHalfAPeriodKeepsTheTicksWhereTheyAre() {
        long ms = 1_000_000;
        long period = 16 * ms;
        boolean withPulse = true;
        for (long latency : new long[] {7 * ms, 8 * ms + ms / 2, 7 * ms + ms / 2, 9 * ms, 8 * ms, 10 * ms}) {
            withPulse = FrameDriver.staysWithPulse(withPulse, latency, period);
            assertThat(withPulse).as("with the pulse at %d ns", latency).isTrue();
        }
        withPulse = FrameDriver.staysWithPulse(withPulse, 10 * ms + ms / 2, period);
        assertThat(withPulse).as("over half a period and an eighth: laid out half-way between pulses").isFalse();
        for (long latency : new long[] {9 * ms, 8 * ms, 12 * ms, 8 * ms + ms / 2}) {
            withPulse = FrameDriver.staysWithPulse(withPulse, latency, period);
            assertThat(withPulse).as("half-way at %d ns", latency).isFalse();
        }
        assertThat(FrameDriver.staysWithPulse(false, 7 * ms + ms / 2, period)).as("under half a period").isTrue();
    }

    @Test
    void atAnotherRateThePulsesAreIgnored() throws Exception {
        driver = new FrameDriver("test", ring, finished::get, 200, 2, null).start();
        long before = driver.ticksPublished();
        for (int i = 0; i < 10; i++) {
            Thread.sleep(40);
            driver.pulse(System.nanoTime());
        }
        assertThat(driver.ticksPublished() - before).as("ticks in 0.4 s at 200 a second").isGreaterThan(50);
    }

    @Test
    void refusesARateThatIsNotPositive() {
        driver = new FrameDriver("test", ring, finished::get, 60, 1, null);
        assertThatThrownBy(() -> driver.setRate(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> driver.setRate(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FrameDriver("test", ring, finished::get, 60, 0, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s");
            }
            Thread.sleep(1);
        }
    }
}
