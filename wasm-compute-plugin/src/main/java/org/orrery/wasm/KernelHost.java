package org.orrery.wasm;

import com.lmax.disruptor.dsl.ProducerType;
import org.orrery.memory.ring.ControlRing;
import org.orrery.memory.wait.WaitPolicy;

/**
 * A kernel's workers behind their control ring: the ring, and the coordinator thread that takes
 * its events and hands each to the workers. Producers (the frame driver, the FX thread's
 * controls) publish to {@link #ring()}. Closing stops the coordinator, then the workers.
 */
public final class KernelHost implements AutoCloseable {

    private final KernelWorkers workers;
    private final ControlRing ring;
    private final Thread coordinator;

    /**
     * Starts the coordinator.
     *
     * @param capacity the ring's size, a power of two
     * @param producers SINGLE if one thread publishes, MULTI if several do
     */
    public KernelHost(String name, KernelWorkers workers, int capacity, ProducerType producers) {
        this.workers = workers;
        this.ring = new ControlRing(capacity, producers, WaitPolicy.BLOCKING, workers);
        this.coordinator = Thread.ofPlatform().name("orrery-coordinator-" + name).daemon().start(ring.consumer());
    }

    public KernelWorkers workers() {
        return workers;
    }

    public ControlRing ring() {
        return ring;
    }

    @Override
    public void close() throws InterruptedException {
        ring.consumer().halt();
        coordinator.join(5_000);
        workers.close();
    }
}
