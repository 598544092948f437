package org.orrery.bench.pipeline;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.TimeUnit;
import org.orrery.memory.triple.TripleBuffer;

/** Takes the newest compute frame and projects every particle to viewport pixels in the layout back slot. */
final class LayoutStage implements Runnable {

    /** Bytes per laid-out point: pixel x, y as float32. */
    static final long STRIDE = 8;

    private final TripleBuffer in;
    private final TripleBuffer out;
    private final int particles;
    private final float width;
    private final float height;
    private volatile boolean running = true;

    LayoutStage(TripleBuffer in, TripleBuffer out, int particles, int width, int height) {
        this.in = in;
        this.out = out;
        this.particles = particles;
        this.width = width;
        this.height = height;
    }

    @Override
    public void run() {
        float scale = Math.min(width, height) / 4f;
        while (running) {
            if (!in.awaitFresh(TimeUnit.MILLISECONDS.toNanos(50))) {
                continue;
            }
            in.acquire();
            MemorySegment frame = in.front();
            MemorySegment back = out.back();
            for (int i = 0; i < particles; i++) {
                long from = FrameHeader.PAYLOAD + i * ComputeStage.STRIDE;
                long to = FrameHeader.PAYLOAD + i * STRIDE;
                back.set(ValueLayout.JAVA_FLOAT, to, width / 2 + scale * frame.get(ValueLayout.JAVA_FLOAT, from));
                back.set(ValueLayout.JAVA_FLOAT, to + 4, height / 2 - scale * frame.get(ValueLayout.JAVA_FLOAT, from + 4));
            }
            FrameHeader.set(back, FrameHeader.FRAME, FrameHeader.get(frame, FrameHeader.FRAME));
            FrameHeader.set(back, FrameHeader.COMPUTE_END_NANOS, FrameHeader.get(frame, FrameHeader.COMPUTE_END_NANOS));
            FrameHeader.set(back, FrameHeader.LAYOUT_END_NANOS, System.nanoTime());
            out.publish();
        }
    }

    void stop() {
        running = false;
    }
}
