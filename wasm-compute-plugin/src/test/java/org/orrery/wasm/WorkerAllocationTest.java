package org.orrery.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import com.lmax.disruptor.dsl.ProducerType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.orrery.memory.arena.ArenaLayout;
import org.orrery.memory.arena.SharedArena;
import org.orrery.memory.arena.Stage;
import org.orrery.memory.frame.ComputeFrame;
import org.orrery.memory.ring.ControlRing;
import org.orrery.memory.triple.DeliveryMode;
import org.orrery.memory.triple.TripleBuffer;
import org.orrery.memory.wait.WaitPolicy;
import org.orrery.wasm.engine.WasmEngine;
import org.orrery.wasm.wasmtime.WasmtimeEngine;

/**
 * What the tick loop allocates, measured with the JVM's per-thread counters after warm-up, on the
 * SDK's example kernel. The host's own work allocates nothing: moving state and parameters in and
 * out of linear memory, claiming ranges, publishing and coordinating. The one allocation left is
 * inside GraalWasm: each call into a module ({@code Value.execute}) boxes its arguments, builds
 * Truffle frames and wraps the result, a few hundred bytes that the public polyglot API offers no
 * way to avoid. The test pins the loop to exactly that: a tick may allocate what its steps cost
 * when called alone, and nothing more.
 */
@ParameterizedClass(name = "{0}", autoCloseArguments = false)
@MethodSource("org.orrery.wasm.testing.TestEngines#all")
class WorkerAllocationTest {

    @Parameter
    WasmEngine engine;

    private static final int ITEMS = 2000;
    private static final int CHUNKS = 4;
    private static final int TICKS = 1000;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void copyingStateAndParametersAllocatesNothing() {
        try (Arena arena = Arena.ofConfined(); KernelInstance kernel = TestHost.exampleModule(engine).newInstance(ITEMS)) {
            MemorySegment state = arena.allocate(ITEMS * 16L, 16);
            double[] parameters = {4, 0.1};
            double[] summary = new double[kernel.summaryCount()];
            copies(kernel, state, parameters, summary, 20_000); // warm-up
            long least = Long.MAX_VALUE; // the least of a few windows, as below
            for (int window = 0; window < WINDOWS; window++) {
                long before = THREADS.getCurrentThreadAllocatedBytes();
                copies(kernel, state, parameters, summary, 10_000);
                least = Math.min(least, THREADS.getCurrentThreadAllocatedBytes() - before);
            }
            assertThat(least).as("bytes for 10,000 rounds of parameters in, state in, state out, summary read").isZero();
        }
    }

    private static void copies(KernelInstance kernel, MemorySegment state, double[] parameters, double[] summary,
                               int rounds) {
        for (int i = 0; i < rounds; i++) {
            kernel.writeParameters(parameters);
            kernel.writeState(state);
            kernel.readState(0, ITEMS, state, 0);
            kernel.addSummary(summary);
        }
    }

    private static final int WINDOWS = 3;

    @Test
    void aTickAllocatesOnlyWhatItsModuleCallsCost() throws Exception {
        double stepBytes = bytesPerStepCall();
        if (engine instanceof WasmtimeEngine) {
            // A downcall through FFM, with its arguments and results in the instance's arena.
            assertThat(stepBytes).as("bytes per Wasmtime step call").isZero();
        }
        try (SharedArena arena = SharedArena.allocate(ArenaLayout.packed(ComputeFrame.HEADER_BYTES + ITEMS * 16L, 64, 0));
             Arena local = Arena.ofConfined()) {
            TripleBuffer compute = arena.tripleBuffer(Stage.COMPUTE, DeliveryMode.LIVE, WaitPolicy.BLOCKING);
            MemorySegment initial = local.allocate(ITEMS * 16L, 16);
            KernelWorkers workers = new KernelWorkers(TestHost.exampleModule(engine), KernelSize.items(ITEMS), compute,
                    ComputeFrame.HEADER_BYTES, initial,
                    List.of(-1, -1), CHUNKS, WaitPolicy.BLOCKING, f -> { });
            ControlRing ring = new ControlRing(64, ProducerType.SINGLE, WaitPolicy.BLOCKING, workers);
            Thread coordinator = new Thread(ring.consumer(), "coordinator");
            coordinator.start();
            try {
                ticks(ring, 0, 3 * TICKS); // warm-up: compiled code for steps, copies and the loop
                List<Thread> workerThreads = Thread.getAllStackTraces().keySet().stream()
                        .filter(t -> t.getName().startsWith("orrery-kernel-oscillators-")).toList();
                assertThat(workerThreads).hasSize(2);
                // The least of a few windows, as in memory-core's HotPathAllocationTest: a method
                // recompiled or deoptimised mid-window allocates once, in the interpreter, what
                // compiled code scalar-replaces; an allocation per tick shows in every window.
                double coordinatorPerTick = Double.MAX_VALUE;
                double workersPerTick = Double.MAX_VALUE;
                long next = 3 * TICKS;
                for (int window = 0; window < WINDOWS; window++) {
                    long coordinatorBefore = THREADS.getThreadAllocatedBytes(coordinator.threadId());
                    long workersBefore = allocated(workerThreads);
                    ticks(ring, next, TICKS);
                    next += TICKS;
                    coordinatorPerTick = Math.min(coordinatorPerTick,
                            (THREADS.getThreadAllocatedBytes(coordinator.threadId()) - coordinatorBefore) / (double) TICKS);
                    workersPerTick = Math.min(workersPerTick, (allocated(workerThreads) - workersBefore) / (double) TICKS);
                }
                assertThat(coordinatorPerTick).as("coordinator bytes per tick").isZero();
                // The example swaps its states: each worker's orrery_swap_states is a call too.
                int calls = CHUNKS + 2;
                assertThat(workersPerTick).as("worker bytes per tick, against %d calls of %.0f bytes each",
                        calls, stepBytes).isLessThanOrEqualTo(calls * stepBytes * 1.1);
            } finally {
                ring.consumer().halt();
                coordinator.join(5_000);
                workers.close();
            }
        }
    }

    /** Bytes one {@code orrery_step} call allocates on its own, after warm-up. */
    private double bytesPerStepCall() {
        try (KernelInstance kernel = TestHost.exampleModule(engine).newInstance(ITEMS)) {
            kernel.writeParameters(new double[] {4, 0.1});
            int calls = 5_000;
            for (int i = 0; i < 4 * calls; i++) {
                kernel.step(500, 500, 0.01f);
            }
            long least = Long.MAX_VALUE; // the least of a few windows, as below
            for (int window = 0; window < WINDOWS; window++) {
                long before = THREADS.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < calls; i++) {
                    kernel.step(500, 500, 0.01f);
                }
                least = Math.min(least, THREADS.getCurrentThreadAllocatedBytes() - before);
            }
            return least / (double) calls;
        }
    }

    private static long allocated(List<Thread> threads) {
        return threads.stream().mapToLong(t -> THREADS.getThreadAllocatedBytes(t.threadId())).sum();
    }

    private static void ticks(ControlRing ring, long from, int count) throws InterruptedException {
        for (long t = from; t < from + count; t++) {
            if (!ring.publishTick(t, 1_000_000, 0, 0, TimeUnit.SECONDS.toNanos(5))) {
                throw new AssertionError("ring stayed full");
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (ring.consumer().handledSequence() < ring.publishedSequence()) {
            assertThat(System.nanoTime()).as("ticks handled").isLessThan(deadline);
            Thread.sleep(1);
        }
    }
}
