package org.orrery.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import com.lmax.disruptor.dsl.ProducerType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.orrery.api.kernel.KernelDescriptorReader;
import org.orrery.memory.arena.ArenaLayout;
import org.orrery.memory.arena.SharedArena;
import org.orrery.memory.arena.Stage;
import org.orrery.memory.ring.ControlRing;
import org.orrery.memory.triple.DeliveryMode;
import org.orrery.memory.triple.TripleBuffer;
import org.orrery.memory.wait.WaitPolicy;
import org.orrery.wasm.topology.CorePartition;
import org.orrery.wasm.topology.CpuTopology;

/** Ticks over the control ring, split across workers, published through the arena's compute buffer. */
class KernelWorkersTest {

    private static final int ITEMS = 999;
    private static final long HEADER = 64;
    private static final WasmRuntime runtime = TestHost.RUNTIME;
    private static final StepWatchdog watchdog = TestHost.WATCHDOG;

    private static KernelModule scale() throws Exception {
        var descriptor = KernelDescriptorReader.read("""
                { "id": "scale", "version": "1.0.0", "name": "Scale", "abi": 1, "module": "scale.wasm",
                  "items": { "default": 999, "min": 1, "max": 100000 },
                  "state": { "element": "f32", "lanes": 1 },
                  "parameters": [
                    { "name": "factor", "type": "real", "min": -10, "max": 10, "default": 0.5 },
                    { "name": "behaviour", "type": "integer", "min": 0, "max": 5, "default": 0 } ],
                  "budget": { "memoryMiB": 4, "stepMillis": 500 } }
                """, "test");
        return new KernelModule(runtime, watchdog, descriptor, "scale.wasm", TestHost.kernel("scale.wasm"));
    }

    @ParameterizedTest
    @CsvSource({"1, 1", "2, 2", "2, 7", "3, 9"})
    void ticksSplitOverWorkersMatchASerialReferenceAndFollowParameterChanges(int workerCount, int chunks)
            throws Exception {
        List<KernelFault> faults = new CopyOnWriteArrayList<>();
        try (SharedArena arena = SharedArena.allocate(ArenaLayout.packed(HEADER + ITEMS * 4L, 64, 0));
             Arena local = Arena.ofConfined()) {
            TripleBuffer compute = arena.tripleBuffer(Stage.COMPUTE, DeliveryMode.LIVE, WaitPolicy.BLOCKING);
            MemorySegment initial = local.allocate(ITEMS * 4L, 8);
            float[] expected = new float[ITEMS];
            for (int i = 0; i < ITEMS; i++) {
                expected[i] = i - 300.25f;
                initial.setAtIndex(ValueLayout.JAVA_FLOAT, i, expected[i]);
            }
            KernelWorkers workers = new KernelWorkers(scale(), ITEMS, compute, HEADER, initial, cpus(workerCount),
                    chunks, WaitPolicy.BLOCKING, faults::add);
            ControlRing ring = new ControlRing(64, ProducerType.SINGLE, WaitPolicy.BLOCKING, workers);
            Thread coordinator = new Thread(ring.consumer(), "coordinator");
            coordinator.start();
            try {
                float factor = 0.5f;
                for (int tick = 1; tick <= 6; tick++) {
                    if (tick == 4) {
                        assertThat(ring.publishParameter(1, 0, -1.25, 0)).isTrue();
                        factor = -1.25f;
                    }
                    float dt = tick / 60f;
                    assertThat(ring.publishTick(tick, (long) (dt * 1e9), 0, 0, 0)).isTrue();
                    awaitGeneration(compute, tick);
                    long handle = compute.acquire();
                    float dtSeen = (long) (dt * 1e9) * 1e-9f;
                    for (int i = 0; i < ITEMS; i++) {
                        expected[i] = expected[i] * factor + dtSeen;
                    }
                    MemorySegment frame = compute.front();
                    for (int i = 0; i < ITEMS; i++) {
                        float got = frame.get(ValueLayout.JAVA_FLOAT, HEADER + 4L * i);
                        assertThat(Float.floatToRawIntBits(got)).as("tick %d item %d (handle %d)", tick, i, handle)
                                .isEqualTo(Float.floatToRawIntBits(expected[i]));
                    }
                }
                assertThat(faults).isEmpty();
                assertThat(workers.pinnedWorkers()).as("workers pinned on this Linux machine").isEqualTo(workerCount);
                // Per tick: the state out once, and in to each worker that took a range (1 to all).
                long stateBytes = ITEMS * 4L;
                assertThat(workers.bytesCopied()).isBetween(12 * stateBytes, 6 * stateBytes * (workerCount + 1));
                assertThat(workers.bytesCopied() % stateBytes).isZero();
            } finally {
                ring.consumer().halt();
                coordinator.join(5_000);
                workers.close();
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"2, 4"})
    void aTrapStopsTheKernelPublishesNothingAndReportsOnce(int workerCount, int chunks) throws Exception {
        List<KernelFault> faults = new CopyOnWriteArrayList<>();
        try (SharedArena arena = SharedArena.allocate(ArenaLayout.packed(HEADER + ITEMS * 4L, 64, 0));
             Arena local = Arena.ofConfined()) {
            TripleBuffer compute = arena.tripleBuffer(Stage.COMPUTE, DeliveryMode.LIVE, WaitPolicy.BLOCKING);
            KernelWorkers workers = new KernelWorkers(scale(), ITEMS, compute, HEADER, local.allocate(ITEMS * 4L, 8),
                    cpus(workerCount), chunks, WaitPolicy.BLOCKING, faults::add);
            ControlRing ring = new ControlRing(64, ProducerType.SINGLE, WaitPolicy.BLOCKING, workers);
            Thread coordinator = new Thread(ring.consumer(), "coordinator");
            coordinator.start();
            try {
                ring.publishTick(1, 1_000_000, 0, 0, 0);
                awaitGeneration(compute, 1);
                ring.publishParameter(1, 1, 1, 0); // behaviour 1: trap
                ring.publishTick(2, 1_000_000, 1, 0, 0);
                ring.publishTick(3, 1_000_000, 1, 0, 0);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (ring.consumer().handledSequence() < ring.publishedSequence()) {
                    assertThat(System.nanoTime()).isLessThan(deadline);
                    Thread.sleep(1);
                }
                assertThat(faults).hasSize(1);
                assertThat(faults.get(0).kind()).isEqualTo(KernelFault.Kind.TRAP);
                assertThat(faults.get(0)).hasMessageContaining("plugin 'scale', kernel scale.wasm");
                assertThat(workers.fault()).isSameAs(faults.get(0));
                assertThat(compute.publishedGeneration()).as("no frame from the failed tick or after it").isEqualTo(1);
            } finally {
                ring.consumer().halt();
                coordinator.join(5_000);
                workers.close();
            }
        }
    }

    @org.junit.jupiter.api.Test
    void anArenaClosedUnderTheWorkersStopsTheKernelWithAHostErrorInsteadOfHanging() throws Exception {
        List<KernelFault> faults = new CopyOnWriteArrayList<>();
        SharedArena arena = SharedArena.allocate(ArenaLayout.packed(HEADER + ITEMS * 4L, 64, 0));
        TripleBuffer compute = arena.tripleBuffer(Stage.COMPUTE, DeliveryMode.LIVE, WaitPolicy.BLOCKING);
        try (Arena local = Arena.ofConfined()) {
            KernelWorkers workers = new KernelWorkers(scale(), ITEMS, compute, HEADER, local.allocate(ITEMS * 4L, 8),
                    cpus(2), 4, WaitPolicy.BLOCKING, faults::add);
            ControlRing ring = new ControlRing(8, ProducerType.SINGLE, WaitPolicy.BLOCKING, workers);
            Thread coordinator = new Thread(ring.consumer(), "coordinator");
            coordinator.start();
            try {
                arena.close();
                ring.publishTick(1, 1_000_000, 0, 0, 0);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (ring.consumer().handledSequence() < 0) {
                    assertThat(System.nanoTime()).as("the tick ends").isLessThan(deadline);
                    Thread.sleep(1);
                }
                assertThat(faults).singleElement()
                        .satisfies(f -> assertThat(f.kind()).isEqualTo(KernelFault.Kind.HOST_ERROR))
                        .satisfies(f -> assertThat(f).hasMessageContaining("plugin 'scale', kernel scale.wasm"));
            } finally {
                ring.consumer().halt();
                coordinator.join(5_000);
                workers.close();
            }
        }
    }

    /** Worker CPUs from this machine's default partition, reused round-robin when there are fewer. */
    private static List<Integer> cpus(int workerCount) throws java.io.IOException {
        List<Integer> partition = CorePartition.of(CpuTopology.detect()).workers();
        return java.util.stream.IntStream.range(0, workerCount).mapToObj(i -> partition.get(i % partition.size())).toList();
    }

    @org.junit.jupiter.api.Test
    void aCpuThatCannotBePinnedLeavesTheWorkerUnpinnedAndWorking() throws Exception {
        try (SharedArena arena = SharedArena.allocate(ArenaLayout.packed(HEADER + ITEMS * 4L, 64, 0));
             Arena local = Arena.ofConfined()) {
            TripleBuffer compute = arena.tripleBuffer(Stage.COMPUTE, DeliveryMode.LIVE, WaitPolicy.BLOCKING);
            KernelWorkers workers = new KernelWorkers(scale(), ITEMS, compute, HEADER, local.allocate(ITEMS * 4L, 8),
                    List.of(4000), 2, WaitPolicy.BLOCKING, f -> { });
            ControlRing ring = new ControlRing(8, ProducerType.SINGLE, WaitPolicy.BLOCKING, workers);
            Thread coordinator = new Thread(ring.consumer(), "coordinator");
            coordinator.start();
            try {
                ring.publishTick(1, 1_000_000, 0, 0, 0);
                awaitGeneration(compute, 1);
            } finally {
                ring.consumer().halt();
                coordinator.join(5_000);
                workers.close();
            }
            assertThat(workers.pinnedWorkers()).as("CPU 4000 does not exist here").isZero();
        }
    }

    private static void awaitGeneration(TripleBuffer buffer, int generation) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (buffer.publishedGeneration() < generation) {
            assertThat(System.nanoTime()).as("frame %d published", generation).isLessThan(deadline);
            Thread.sleep(1);
        }
    }
}
