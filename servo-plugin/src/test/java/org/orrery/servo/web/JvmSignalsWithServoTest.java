package org.orrery.servo.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import jdk.jfr.consumer.RecordingStream;
import org.junit.jupiter.api.Test;

/**
 * The JVM's own use of signals survives Servo in the process. SpiderMonkey installs signal handlers
 * of its own; the test JVM runs as the launcher does, with {@code libjsig.so} preloaded so that the
 * JVM's handlers are chained. While a page animates (SpiderMonkey's JIT busy) and Servo paints,
 * this test makes the JVM stop at safepoints (garbage collections), deoptimise compiled code
 * (a branch its profile never saw), and take implicit null checks in compiled code (a SIGSEGV the
 * JVM turns into a NullPointerException). JFR confirms each happened; the page must still run.
 */
class JvmSignalsWithServoTest {

    @Test
    void garbageCollectionsSafepointsDeoptimisationsAndNullChecksDoNotCrashWithServoRunning() throws Exception {
        ServoView view = ServoRig.page("<!doctype html><html><body><canvas id='c' width='300' height='150'></canvas><script>"
                + "const g = document.getElementById('c').getContext('2d'); window.ticks = 0;"
                + "function step(t) { let s = 0; for (let i = 0; i < 20000; i++) { s += Math.sin(i * t); }"
                + "  g.fillStyle = s > 0 ? '#a00' : '#00a'; g.fillRect(0, 0, 300, 150); window.ticks++;"
                + "  requestAnimationFrame(step); }"
                + "requestAnimationFrame(step);</script></body></html>", 300, 150);
        AtomicLong collections = new AtomicLong();
        AtomicLong safepoints = new AtomicLong();
        AtomicLong deoptimisations = new AtomicLong();
        try (RecordingStream events = new RecordingStream()) {
            events.enable("jdk.GarbageCollection");
            events.enable("jdk.SafepointBegin");
            events.enable("jdk.Deoptimization");
            events.onEvent("jdk.GarbageCollection", e -> collections.incrementAndGet());
            events.onEvent("jdk.SafepointBegin", e -> safepoints.incrementAndGet());
            events.onEvent("jdk.Deoptimization", e -> deoptimisations.incrementAndGet());
            events.startAsync();
            long ticksBefore = Long.parseLong(ServoRig.eval(view, "window.ticks"));

            long nulls = 0;
            for (int round = 0; round < 10; round++) {
                System.gc();
                churn();
                nulls += nullChecks();
                deoptimise(round);
            }
            Thread.sleep(500);
            events.stop();

            assertThat(nulls).as("null pointer exceptions caught").isEqualTo(10 * 100_000);
            assertThat(collections.get()).as("garbage collections").isGreaterThanOrEqualTo(10);
            assertThat(safepoints.get()).as("safepoints").isGreaterThanOrEqualTo(10);
            assertThat(deoptimisations.get()).as("deoptimisations").isPositive();
            long ticksAfter = Long.parseLong(ServoRig.eval(view, "window.ticks"));
            assertThat(ticksAfter).as("the page's animation went on").isGreaterThan(ticksBefore);
            assertThat(view.problem()).isNull();
        } finally {
            view.close();
        }
    }

    private static volatile Object sink;

    private static void churn() {
        for (int i = 0; i < 200_000; i++) {
            sink = new byte[64];
        }
    }

    private static final class Box {
        int value;
    }

    /** NullPointerExceptions from compiled code, where the JVM finds them through a SIGSEGV. */
    private static long nullChecks() {
        Box[] boxes = new Box[64];
        for (int i = 0; i < boxes.length; i += 2) {
            boxes[i] = new Box();
        }
        long caught = 0;
        long sum = 0;
        for (int i = 0; i < 200_000; i++) {
            try {
                sum += read(boxes[i & 63]);
            } catch (NullPointerException e) {
                caught++;
            }
        }
        sink = sum;
        return caught;
    }

    private static int read(Box box) {
        return box.value;
    }

    /** Compiles {@link #branchy} on values that never take its rare branch, then takes it. */
    private static void deoptimise(int round) {
        long sum = 0;
        for (int i = 0; i < 300_000; i++) {
            sum += branchy(i, false);
        }
        sum += branchy(round, true);
        sink = sum;
    }

    private static long branchy(int i, boolean rare) {
        if (rare) {
            return Duration.ofMillis(i).toNanos() ^ i * 31L;
        }
        return i & 7;
    }
}
