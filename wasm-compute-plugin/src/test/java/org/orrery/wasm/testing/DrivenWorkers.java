package org.orrery.wasm.testing;

import com.lmax.disruptor.dsl.ProducerType;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;
import org.orrery.memory.ring.ControlRing;
import org.orrery.memory.triple.TripleBuffer;
import org.orrery.wasm.KernelHost;
import org.orrery.wasm.KernelWorkers;

/**
 * A test fixture: {@link KernelWorkers} driven through a control ring by a coordinator thread, as
 * the pipeline drives them. Tests publish to {@link #ring} and wait for frames; closing stops the
 * coordinator and the workers. Shared with the bundled plugins' tests (the test jar).
 */
public final class DrivenWorkers implements AutoCloseable {

    public final KernelWorkers workers;
    public final ControlRing ring;
    private final KernelHost host;

    public DrivenWorkers(KernelWorkers workers) {
        this.host = new KernelHost("test", workers, 64, ProducerType.SINGLE);
        this.workers = workers;
        this.ring = host.ring();
    }

    /** Waits until the coordinator has handled every event published so far. */
    public void awaitHandled() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ring.consumer().handledSequence() < ring.publishedSequence()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the coordinator did not handle the events within 10 s");
            }
            Thread.sleep(1);
        }
    }

    /** Waits until {@code buffer} has published frame {@code generation}, acquires it and returns it. */
    public static MemorySegment awaitFrame(TripleBuffer buffer, int generation) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (buffer.publishedGeneration() < generation) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("frame " + generation + " was not published within 30 s");
            }
            Thread.sleep(1);
        }
        buffer.acquire();
        return buffer.front();
    }

    @Override
    public void close() throws InterruptedException {
        host.close();
    }
}
