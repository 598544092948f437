package org.orrery.bench.kernel;

import com.lmax.disruptor.dsl.ProducerType;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.orrery.api.kernel.KernelDescriptor;
import org.orrery.memory.arena.ArenaLayout;
import org.orrery.memory.arena.SharedArena;
import org.orrery.memory.arena.Stage;
import org.orrery.memory.frame.ComputeFrame;
import org.orrery.memory.ring.ControlRing;
import org.orrery.memory.timing.FrameStage;
import org.orrery.memory.timing.FrameTimeline;
import org.orrery.memory.triple.DeliveryMode;
import org.orrery.memory.triple.TripleBuffer;
import org.orrery.memory.wait.WaitPolicy;
import org.orrery.wasm.KernelHost;
import org.orrery.wasm.KernelModule;
import org.orrery.wasm.KernelWarmUp;
import org.orrery.wasm.KernelSize;
import org.orrery.wasm.KernelWorkers;
import org.orrery.wasm.StepWatchdog;
import org.orrery.wasm.engine.EngineChoice;
import org.orrery.wasm.engine.WasmEngine;
import org.orrery.wasm.graal.GraalWasmEngine;
import org.orrery.wasm.topology.CorePartition;
import org.orrery.wasm.topology.CpuTopology;

/**
 * A reference kernel running in Orrery's host, as the shell runs a plugin: ticks published on the
 * control ring, taken by a coordinator thread, stepped in ranges by pinned workers with their own
 * instances, frames published through the arena's compute triple buffer. The caller is the frame
 * driver: {@link #tick} publishes one tick and returns once its frame is taken. The engine is
 * GraalWasm, or as {@code -Dorrery.engine=graalwasm|wasmtime|auto} says: auto warms the module up
 * on both, as the application does, and keeps the faster.
 */
final class HostPipeline implements AutoCloseable {

    private static final long HEADER = ComputeFrame.HEADER_BYTES;

    private final GraalWasmEngine graalWasm = new GraalWasmEngine();
    private final StepWatchdog watchdog = new StepWatchdog();
    private final String engine;
    private final SharedArena arena;
    private final TripleBuffer compute;
    private final KernelWorkers workers;
    private final KernelHost host;
    private final ControlRing ring;
    private final FrameTimeline timeline;
    private long tick;

    HostPipeline(ReferenceKernel kernel, Path file, int items, int workerCount) throws Exception {
        this(kernel, file, items, workerCount, null);
    }

    /** With a timeline: each tick's publication, taking and frame publication are stamped into it. */
    HostPipeline(ReferenceKernel kernel, Path file, int items, int workerCount, FrameTimeline timeline)
            throws Exception {
        KernelDescriptor descriptor = kernel.descriptor();
        if (!graalWasm.isOptimizing()) {
            System.err.println("warning: " + graalWasm.interpreterWarning().orElseThrow());
        }
        long stateBytes = descriptor.stateBytes(items);
        arena = SharedArena.allocate(ArenaLayout.packed(HEADER + stateBytes, 64, 0));
        List<WasmEngine> engines = EngineChoice.parse(System.getProperty("orrery.engine", "graalwasm")).engines(graalWasm);
        byte[] bytes = Files.readAllBytes(file);
        String name = file.getFileName().toString();
        compute = arena.tripleBuffer(Stage.COMPUTE, DeliveryMode.LIVE, WaitPolicy.BLOCKING);
        try (Arena local = Arena.ofConfined()) {
            MemorySegment initial = kernel.initialState(local, items);
            KernelModule module = engines.size() == 1 ? new KernelModule(engines.getFirst(), watchdog, descriptor, name, bytes)
                    : KernelWarmUp.run(engines, watchdog, descriptor, bytes, Optional.empty(), KernelSize.items(items),
                            initial, Duration.ofSeconds(10)).chosen();
            engine = module.engine().name();
            workers = new KernelWorkers(module, KernelSize.items(items), compute, HEADER, initial,
                    workerCpus(workerCount), workerCount * 4, WaitPolicy.BLOCKING, fault -> { });
        }
        this.timeline = timeline;
        if (timeline != null) {
            workers.recordInto(timeline);
        }
        host = new KernelHost(descriptor.id(), workers, 16, ProducerType.SINGLE);
        ring = host.ring();
    }

    /** The engine the kernel runs on. */
    String engine() {
        return engine;
    }

    /**
     * The partition's worker CPUs; asked for more workers than it has (2 on a 2-core machine),
     * every CPU, so that no two workers are pinned to one.
     */
    private static List<Integer> workerCpus(int workerCount) throws IOException {
        CpuTopology topology = CpuTopology.detect();
        List<Integer> pool = CorePartition.of(topology).workers();
        if (workerCount > pool.size()) {
            pool = topology.cpus().stream().map(cpu -> cpu.id()).toList();
        }
        List<Integer> cpus = new ArrayList<>();
        for (int i = 0; i < workerCount; i++) {
            cpus.add(pool.get(i % pool.size()));
        }
        return cpus;
    }

    /**
     * Publishes the next tick and returns once its frame is published and taken. Tick n publishes
     * compute frame n: this pipeline's workers are the buffer's only producer, one frame a tick.
     */
    void tick() {
        long next = tick + 1;
        if (timeline != null) {
            timeline.stamp(next, FrameStage.TICK_PUBLISHED, System.nanoTime());
        }
        if (!ring.publishTick(next, 1_000_000, 0, 0, TimeUnit.SECONDS.toNanos(10))) {
            throw new IllegalStateException("control ring stayed full");
        }
        // Sleep, don't spin: on two cores a spinning driver takes a worker's core.
        while (Integer.toUnsignedLong(compute.publishedGeneration()) < next) {
            compute.awaitFresh(TimeUnit.MILLISECONDS.toNanos(100));
            compute.acquire();
        }
        tick = next;
    }

    /** Ticks run so far: the last one is also the newest compute frame. */
    long ticks() {
        return tick;
    }

    /** Throws the kernel's fault, if it had one. */
    void checkFault() {
        if (workers.fault() != null) {
            throw workers.fault();
        }
    }

    /** Nanoseconds all workers spent copying state into and out of linear memory so far. */
    long copyNanos() {
        return workers.copyNanos();
    }

    /** Nanoseconds all workers spent stepping the kernel and copying so far: their busy time. */
    long busyNanos() {
        long busy = 0;
        for (int i = 0; i < workers.workerCount(); i++) {
            busy += workers.workerBusyNanos(i);
        }
        return busy;
    }

    @Override
    public void close() throws InterruptedException {
        host.close();
        arena.close();
        watchdog.close();
        graalWasm.close();
    }
}
