package org.orrery.bench.kernel;

import com.lmax.disruptor.dsl.ProducerType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.orrery.api.kernel.KernelDescriptor;
import org.orrery.api.kernel.KernelDescriptorReader;
import org.orrery.memory.arena.ArenaLayout;
import org.orrery.memory.arena.SharedArena;
import org.orrery.memory.arena.Stage;
import org.orrery.memory.ring.ControlRing;
import org.orrery.memory.triple.DeliveryMode;
import org.orrery.memory.triple.TripleBuffer;
import org.orrery.memory.wait.WaitPolicy;
import org.orrery.wasm.KernelModule;
import org.orrery.wasm.KernelSize;
import org.orrery.wasm.KernelWorkers;
import org.orrery.wasm.StepWatchdog;
import org.orrery.wasm.WasmRuntime;
import org.orrery.wasm.topology.CorePartition;
import org.orrery.wasm.topology.CpuTopology;

/**
 * Steps per second of a reference kernel (n-body or heat) through the whole host: ticks over the control
 * ring, ranges over pinned workers, state copied in and out of linear memory, frames published
 * through the arena. Prints steps/s after a warm-up, the same figure the native and V8 drivers
 * print. Run by {@code scripts/bench-kernels}.
 *
 * <p>usage: {@code KernelThroughput nbody|heat KERNEL.wasm ITEMS WORKERS WARMUP_SECONDS SECONDS}
 */
public final class KernelThroughput {

    private static final long HEADER = 64;

    private KernelThroughput() {}

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        Path file = Path.of(args[1]);
        int items = Integer.parseInt(args[2]);
        int workerCount = Integer.parseInt(args[3]);
        double warmup = Double.parseDouble(args[4]);
        double seconds = Double.parseDouble(args[5]);
        KernelDescriptor descriptor = KernelDescriptorReader.read(switch (kind) {
            case "nbody" -> """
                    { "id": "nbody-reference", "version": "1.0.0", "name": "n-body reference", "abi": 1,
                      "module": "nbody.wasm", "items": { "default": 1024, "min": 1, "max": 65536 },
                      "state": { "element": "f32", "lanes": 4 },
                      "parameters": [
                        { "name": "gravity", "type": "real", "min": 0, "max": 10, "default": 1 },
                        { "name": "softening", "type": "real", "min": 0, "max": 1, "default": 0.05 } ],
                      "budget": { "memoryMiB": 64, "stepMillis": 10000 } }
                    """;
            case "heat" -> """
                    { "id": "heat-reference", "version": "1.0.0", "name": "heat reference", "abi": 1,
                      "module": "heat.wasm", "items": { "default": 1048576, "min": 1, "max": 4194304 },
                      "state": { "element": "f32", "lanes": 1 },
                      "parameters": [ { "name": "diffusivity", "type": "real", "min": 0, "max": 10, "default": 1 } ],
                      "budget": { "memoryMiB": 64, "stepMillis": 10000 } }
                    """;
            default -> throw new IllegalArgumentException("kernel kind must be nbody or heat, was " + kind);
        }, "reference");
        int lanes = descriptor.state().lanes();
        // The partition's worker CPUs; asked for more workers than it has (2 on a 2-core machine),
        // every CPU, so that no two workers are pinned to one.
        CpuTopology topology = CpuTopology.detect();
        List<Integer> pool = CorePartition.of(topology).workers();
        if (workerCount > pool.size()) {
            pool = topology.cpus().stream().map(cpu -> cpu.id()).toList();
        }
        List<Integer> cpus = new ArrayList<>();
        for (int i = 0; i < workerCount; i++) {
            cpus.add(pool.get(i % pool.size()));
        }
        long stateBytes = descriptor.stateBytes(items);
        try (WasmRuntime runtime = new WasmRuntime(); StepWatchdog watchdog = new StepWatchdog();
             SharedArena arena = SharedArena.allocate(ArenaLayout.packed(HEADER + stateBytes, 64, 0));
             Arena local = Arena.ofConfined()) {
            if (!runtime.isOptimizing()) {
                System.err.println("warning: " + runtime.interpreterWarning().orElseThrow());
            }
            KernelModule module = new KernelModule(runtime, watchdog, descriptor, file.getFileName().toString(),
                    Files.readAllBytes(file));
            MemorySegment initial = local.allocate(stateBytes, 16);
            int seed = 12345;
            for (long i = 0; i < (long) items * lanes; i++) {
                seed = seed * 1103515245 + 12345;
                initial.setAtIndex(ValueLayout.JAVA_FLOAT, i, ((seed >>> 8) & 0xffff) / 65536f - 0.5f);
            }
            TripleBuffer compute = arena.tripleBuffer(Stage.COMPUTE, DeliveryMode.LIVE, WaitPolicy.BLOCKING);
            KernelWorkers workers = new KernelWorkers(module, KernelSize.items(items), compute, HEADER, initial, cpus,
                    Math.max(workerCount, workerCount * 4), WaitPolicy.BLOCKING, fault -> { });
            ControlRing ring = new ControlRing(16, ProducerType.SINGLE, WaitPolicy.BLOCKING, workers);
            Thread coordinator = new Thread(ring.consumer(), "coordinator");
            coordinator.start();
            try {
                long[] tick = {0};
                runFor(ring, compute, tick, warmup);
                long before = tick[0];
                long copyBefore = workers.copyNanos();
                long start = System.nanoTime();
                runFor(ring, compute, tick, seconds);
                double elapsed = (System.nanoTime() - start) / 1e9;
                if (workers.fault() != null) {
                    throw workers.fault();
                }
                long ticks = tick[0] - before;
                // Copy time is summed over workers, so with two it can exceed the tick's wall time.
                System.out.printf("%.2f (copy %.1f ms)%n", ticks / elapsed, (workers.copyNanos() - copyBefore) / 1e6 / ticks);
            } finally {
                ring.consumer().halt();
                coordinator.join(10_000);
                workers.close();
            }
        }
    }

    /** Ticks back to back, each after the previous frame is published, for {@code seconds}. */
    private static void runFor(ControlRing ring, TripleBuffer compute, long[] tick, double seconds) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            long next = tick[0] + 1;
            if (!ring.publishTick(next, 1_000_000, 0, 0, TimeUnit.SECONDS.toNanos(10))) {
                throw new IllegalStateException("control ring stayed full");
            }
            // Sleep, don't spin: on two cores a spinning driver takes a worker's core.
            while (Integer.toUnsignedLong(compute.publishedGeneration()) < next) {
                compute.awaitFresh(TimeUnit.MILLISECONDS.toNanos(100));
                compute.acquire();
            }
            tick[0] = next;
        }
    }
}
