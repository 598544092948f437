package org.orrery.bench.pipeline;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;
import org.orrery.memory.ring.ControlEvent;
import org.orrery.memory.ring.ControlHandler;
import org.orrery.memory.ring.ControlType;
import org.orrery.memory.triple.TripleBuffer;

/**
 * Stand-in for a compute plugin until the WebAssembly host exists: particles on springs around the
 * centre, stepped in a private segment (as a kernel steps its own linear memory) and copied into
 * the compute back slot on every tick.
 */
final class ComputeStage implements ControlHandler {

    /** Bytes per particle: x, y, vx, vy as float32. */
    static final long STRIDE = 16;

    private final TripleBuffer out;
    private final int particles;
    private final MemorySegment state;
    private volatile boolean shutdown;

    ComputeStage(TripleBuffer out, int particles, long seed) {
        this.out = out;
        this.particles = particles;
        this.state = Arena.ofAuto().allocate(particles * STRIDE, 64);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < particles; i++) {
            long at = i * STRIDE;
            float x = (float) random.nextDouble(-1, 1);
            float y = (float) random.nextDouble(-1, 1);
            state.set(ValueLayout.JAVA_FLOAT, at, x);
            state.set(ValueLayout.JAVA_FLOAT, at + 4, y);
            state.set(ValueLayout.JAVA_FLOAT, at + 8, -y);
            state.set(ValueLayout.JAVA_FLOAT, at + 12, x);
        }
    }

    @Override
    public void onControl(ControlEvent event, long sequence, boolean endOfBatch) {
        if (event.type() == ControlType.SHUTDOWN) {
            shutdown = true;
        } else if (event.type() == ControlType.TICK && !shutdown) {
            step(event.dtNanos() * 1e-9f);
            MemorySegment back = out.back();
            MemorySegment.copy(state, 0, back, FrameHeader.PAYLOAD, particles * STRIDE);
            FrameHeader.set(back, FrameHeader.FRAME, event.frame());
            FrameHeader.set(back, FrameHeader.COMPUTE_END_NANOS, System.nanoTime());
            out.publish();
        }
    }

    private void step(float dt) {
        for (int i = 0; i < particles; i++) {
            long at = i * STRIDE;
            float x = state.get(ValueLayout.JAVA_FLOAT, at);
            float y = state.get(ValueLayout.JAVA_FLOAT, at + 4);
            float vx = state.get(ValueLayout.JAVA_FLOAT, at + 8) - x * dt;
            float vy = state.get(ValueLayout.JAVA_FLOAT, at + 12) - y * dt;
            state.set(ValueLayout.JAVA_FLOAT, at, x + vx * dt);
            state.set(ValueLayout.JAVA_FLOAT, at + 4, y + vy * dt);
            state.set(ValueLayout.JAVA_FLOAT, at + 8, vx);
            state.set(ValueLayout.JAVA_FLOAT, at + 12, vy);
        }
    }

    boolean isShutdown() {
        return shutdown;
    }
}
