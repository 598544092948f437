package org.orrery.servo.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Java side of a panel update allocates nothing per frame: the host's publishing of a frame's
 * values, and the engine thread's turn (spin Servo, poll the view, paint the new frame into the
 * pixel slot, hand the page the values), measured in bytes allocated by each thread, as the JVM
 * counts them, after a warm-up. Servo's own allocations are native, not the JVM's.
 */
class PanelUpdateAllocationTest {

    private static final int WARM_UP = 400;
    private static final int FRAMES = 150;
    private static final int WINDOWS = 3;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void publishingValuesAndTheEngineTurnAllocateNothingPerFrame() throws Exception {
        // Each frame's values change the page's text: Servo lays out and paints a new frame.
        ServoView view = ServoRig.page("<!doctype html><html><body><div id='v'></div><script>"
                + "orrery.onFrame(function (v) { document.getElementById('v').textContent = v[0].toFixed(1); });"
                + "</script></body></html>", 200, 60);
        try {
            view.describe(List.of("value"));
            Thread engine = engineThread();
            assertThat(engine).as("the servo-engine thread").isNotNull();
            for (int i = 0; i < WARM_UP; i++) {
                frame(view, i);
            }
            long leastHost = Long.MAX_VALUE;
            long leastEngine = Long.MAX_VALUE;
            long frame = WARM_UP;
            for (int window = 0; window < WINDOWS; window++) {
                long postedBefore = view.framesPosted();
                long engineBefore = THREADS.getThreadAllocatedBytes(engine.threadId());
                long hostBytes = 0;
                for (int i = 0; i < FRAMES; i++) {
                    long before = THREADS.getCurrentThreadAllocatedBytes();
                    view.setValue(0, frame++);
                    view.publishValues(1);
                    hostBytes += THREADS.getCurrentThreadAllocatedBytes() - before;
                    Thread.sleep(4); // a frame's pacing, so the page takes most frames
                }
                long engineBytes = THREADS.getThreadAllocatedBytes(engine.threadId()) - engineBefore;
                assertThat(view.framesPosted() - postedBefore).as("frames the page took in window %d", window)
                        .isGreaterThan(FRAMES / 10);
                leastHost = Math.min(leastHost, hostBytes / FRAMES);
                leastEngine = Math.min(leastEngine, engineBytes / FRAMES);
            }
            assertThat(leastHost).as("bytes the host allocates per frame published").isZero();
            assertThat(leastEngine).as("bytes the engine thread allocates per frame").isZero();
            assertThat(view.problem()).isNull();
        } finally {
            view.close();
        }
    }

    private static void frame(ServoView view, int i) throws InterruptedException {
        view.setValue(0, i);
        view.publishValues(1);
        Thread.sleep(2);
    }

    private static Thread engineThread() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("servo-engine")).findFirst().orElse(null);
    }
}
