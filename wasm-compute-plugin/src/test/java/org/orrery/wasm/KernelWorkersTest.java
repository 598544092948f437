package org.orrery.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.orrery.memory.arena.ArenaLayout;
import org.orrery.memory.arena.SharedArena;
import org.orrery.memory.arena.Stage;
import org.orrery.memory.frame.ComputeFrame;
import org.orrery.memory.timing.ChunkTimeline;
import org.orrery.memory.timing.FrameStage;
import org.orrery.memory.timing.FrameTimeline;
import org.orrery.memory.triple.DeliveryMode;
import org.orrery.memory.triple.TripleBuffer;
import org.orrery.memory.wait.WaitPolicy;
import org.orrery.wasm.engine.WasmEngine;
import org.orrery.wasm.testing.DrivenWorkers;
import org.orrery.wasm.topology.CorePartition;
import org.orrery.wasm.topology.CpuTopology;

/** Ticks over the control ring, split across workers, published through the arena's compute buffer. */
@ParameterizedClass(name = "{0}", autoCloseArguments = false)
@MethodSource("org.orrery.wasm.testing.TestEngines#all")
class KernelWorkersTest {

    @Parameter
    WasmEngine engine;

    private static final int ITEMS = 999;
    private static final long HEADER = ComputeFrame.HEADER_BYTES;

    private final List<KernelFault> faults = new CopyOnWriteArrayList<>();

    private static SharedArena arena() {
        return SharedArena.allocate(ArenaLayout.packed(HEADER + ITEMS * 4L, 64, 0));
    }

    private static TripleBuffer compute(SharedArena arena) {
        return arena.tripleBuffer(Stage.COMPUTE, DeliveryMode.LIVE, WaitPolicy.BLOCKING);
    }

    private KernelWorkers workers(TripleBuffer compute, MemorySegment initial, List<Integer> cpus, int chunks) {
        return workers("scale", compute, initial, cpus, chunks);
    }

    private KernelWorkers workers(String kernel, TripleBuffer compute, MemorySegment initial, List<Integer> cpus,
                                  int chunks) {
        return new KernelWorkers(TestHost.module(engine, kernel), KernelSize.items(ITEMS), compute, HEADER, initial, cpus, chunks,
                WaitPolicy.BLOCKING, faults::add);
    }

    /** Worker CPUs from this machine's default partition, reused round-robin when there are fewer. */
    private static List<Integer> cpus(int workerCount) throws IOException {
        List<Integer> partition = CorePartition.of(CpuTopology.detect()).workers();
        return IntStream.range(0, workerCount).mapToObj(i -> partition.get(i % partition.size())).toList();
    }

    /** scale.wat has its state copied in every tick; swapping.wat, the same step, swaps its states. */
    @ParameterizedTest
    @CsvSource({"scale, 1, 1", "scale, 2, 2", "scale, 2, 7", "scale, 3, 9",
                "swapping, 1, 1", "swapping, 1, 5", "swapping, 2, 2", "swapping, 2, 7", "swapping, 3, 9"})
    void ticksSplitOverWorkersMatchASerialReferenceAndFollowParameterChanges(String kernel, int workerCount,
                                                                              int chunks) throws Exception {
        try (SharedArena arena = arena(); Arena local = Arena.ofConfined()) {
            TripleBuffer compute = compute(arena);
            MemorySegment initial = local.allocate(ITEMS * 4L, 8);
            float[] expected = new float[ITEMS];
            for (int i = 0; i < ITEMS; i++) {
                expected[i] = i - 300.25f;
                initial.setAtIndex(ValueLayout.JAVA_FLOAT, i, expected[i]);
            }
            try (DrivenWorkers driven = new DrivenWorkers(workers(kernel, compute, initial, cpus(workerCount), chunks))) {
                float factor = 2f; // the descriptor's default
                for (int tick = 1; tick <= 6; tick++) {
                    if (tick == 4) {
                        assertThat(driven.ring.publishParameter(1, 0, -1.25, 0)).isTrue();
                        factor = -1.25f;
                    }
                    long dtNanos = tick * 16_666_667L;
                    assertThat(driven.ring.publishTick(tick, dtNanos, 0, 0, 0)).isTrue();
                    MemorySegment frame = DrivenWorkers.awaitFrame(compute, tick);
                    float dt = dtNanos * 1e-9f; // as the workers convert it
                    for (int i = 0; i < ITEMS; i++) {
                        expected[i] = expected[i] * factor + dt;
                        float got = frame.get(ValueLayout.JAVA_FLOAT, HEADER + 4L * i);
                        assertThat(Float.floatToRawIntBits(got)).as("tick %d item %d", tick, i)
                                .isEqualTo(Float.floatToRawIntBits(expected[i]));
                    }
                }
                assertThat(faults).isEmpty();
                assertThat(driven.workers.pinnedWorkers()).as("workers pinned on this Linux machine")
                        .isEqualTo(workerCount);
                TickTiming timing = driven.workers.lastTickTiming();
                long stateBytes = ITEMS * 4L;
                assertThat(timing.tick()).isEqualTo(6);
                assertThat(timing.bytesOut()).isEqualTo(stateBytes);
                if (kernel.equals("scale")) {
                    // The state in to each worker that took a chunk (1 to all).
                    assertThat(timing.bytesIn()).isBetween(stateBytes, workerCount * stateBytes);
                    assertThat(timing.bytesIn() % stateBytes).isZero();
                } else {
                    // Each worker swaps and copies in what it did not step the tick before: the
                    // tick's chunks were stepped by one worker each, so at least one state is spared.
                    assertThat(timing.bytesIn()).isLessThanOrEqualTo((workerCount - 1) * stateBytes);
                }
                assertThat(timing.stepNanos()).isPositive();
                assertThat(timing.copyNanos()).isPositive();
                assertThat(timing.durationNanos()).isPositive();
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"1, 1", "2, 2", "2, 7", "3, 9"})
    void eachFramesHeaderCarriesTheSummaryOfTheStateItsTickRead(int workerCount, int chunks) throws Exception {
        try (SharedArena arena = arena(); Arena local = Arena.ofConfined()) {
            TripleBuffer compute = compute(arena);
            MemorySegment initial = local.allocate(ITEMS * 4L, 8);
            float[] state = new float[ITEMS];
            for (int i = 0; i < ITEMS; i++) {
                state[i] = (i * 37 % 101) - 50.5f;
                initial.setAtIndex(ValueLayout.JAVA_FLOAT, i, state[i]);
            }
            KernelWorkers workers = new KernelWorkers(TestHost.summaryModule(engine, "summary"), KernelSize.items(ITEMS), compute,
                    HEADER, initial, cpus(workerCount), chunks, WaitPolicy.BLOCKING, faults::add);
            try (DrivenWorkers driven = new DrivenWorkers(workers)) {
                for (int tick = 1; tick <= 4; tick++) {
                    double total = 0;
                    double least = Double.POSITIVE_INFINITY;
                    double greatest = Double.NEGATIVE_INFINITY;
                    for (float v : state) {
                        total += v;
                        least = Math.min(least, v);
                        greatest = Math.max(greatest, v);
                    }
                    long dtNanos = 16_666_667L;
                    assertThat(driven.ring.publishTick(tick, dtNanos, 0, 0, 0)).isTrue();
                    MemorySegment frame = DrivenWorkers.awaitFrame(compute, tick);
                    assertThat(ComputeFrame.summaryCount(frame, 0)).isEqualTo(4);
                    assertThat(ComputeFrame.records(frame, 0)).as("no buffer").isZero();
                    // The ranges' parts are added in whichever order workers took them.
                    assertThat(ComputeFrame.summary(frame, 0, 0)).as("tick %d total", tick).isCloseTo(total,
                            org.assertj.core.data.Offset.offset(1e-9 * ITEMS * 100));
                    assertThat(ComputeFrame.summary(frame, 0, 1)).as("tick %d least", tick).isEqualTo(least);
                    assertThat(ComputeFrame.summary(frame, 0, 2)).as("tick %d greatest", tick).isEqualTo(greatest);
                    assertThat(ComputeFrame.summary(frame, 0, 3)).as("tick %d items", tick).isEqualTo(ITEMS);
                    float dt = dtNanos * 1e-9f;
                    for (int i = 0; i < ITEMS; i++) {
                        state[i] = state[i] * 2f + dt; // the descriptor's default factor
                    }
                }
            }
        }
        assertThat(faults).isEmpty();
    }

    @Test
    void aKernelWithSummaryValuesNeedsFramesWithAHeader() throws Exception {
        try (SharedArena arena = arena(); Arena local = Arena.ofConfined()) {
            TripleBuffer compute = compute(arena);
            assertThatThrownBy(() -> new KernelWorkers(TestHost.summaryModule(engine, "summary"), KernelSize.items(ITEMS), compute,
                    64, local.allocate(ITEMS * 4L, 8), List.of(-1), 1, WaitPolicy.BLOCKING, faults::add))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("publishes 4 summary values: its frames need a 256-byte header, not 64");
        }
    }

    @Test
    void eachTicksTakingAndPublicationGoIntoTheTimeline() throws Exception {
        FrameTimeline timeline = new FrameTimeline(Arena.ofAuto().allocate(FrameTimeline.bytesFor(8), 64), 8);
        try (SharedArena arena = arena(); Arena local = Arena.ofConfined()) {
            TripleBuffer compute = compute(arena);
            KernelWorkers workers = workers(compute, local.allocate(ITEMS * 4L, 8), cpus(2), 4).recordInto(timeline);
            try (DrivenWorkers driven = new DrivenWorkers(workers)) {
                long[] nanos = new long[FrameStage.values().length];
                for (int tick = 1; tick <= 3; tick++) {
                    long published = System.nanoTime();
                    timeline.stamp(tick, FrameStage.TICK_PUBLISHED, published); // the frame driver's part
                    assertThat(driven.ring.publishTick(tick, 16_666_667, 0, 0, 0)).isTrue();
                    DrivenWorkers.awaitFrame(compute, tick);
                    assertThat(timeline.read(tick, nanos)).as("tick %d", tick).isEqualTo(3);
                    assertThat(nanos[FrameStage.TICK_TAKEN.ordinal()]).isGreaterThanOrEqualTo(published);
                    assertThat(nanos[FrameStage.COMPUTE_PUBLISHED.ordinal()])
                            .isGreaterThanOrEqualTo(nanos[FrameStage.TICK_TAKEN.ordinal()]);
                }
                assertThatThrownBy(() -> workers.recordInto(timeline)).hasMessageContaining("have ticked");
            }
        }
        assertThat(faults).isEmpty();
    }

    @Test
    void eachChunksTimesWorkerAndBytesGoIntoTheChunkTimeline() throws Exception {
        int chunks = 6;
        FrameTimeline timeline = new FrameTimeline(Arena.ofAuto().allocate(FrameTimeline.bytesFor(8), 64), 8);
        ChunkTimeline chunkTimeline = new ChunkTimeline(Arena.ofAuto().allocate(ChunkTimeline.bytesFor(8, chunks), 64), 8, chunks);
        long stateBytes = ITEMS * 4L;
        try (SharedArena arena = arena(); Arena local = Arena.ofConfined()) {
            TripleBuffer compute = compute(arena);
            KernelWorkers workers = workers(compute, local.allocate(stateBytes, 8), cpus(2), chunks)
                    .recordInto(timeline).recordChunksInto(chunkTimeline);
            try (DrivenWorkers driven = new DrivenWorkers(workers)) {
                long[] nanos = new long[FrameStage.values().length];
                long[] fields = new long[ChunkTimeline.FIELDS];
                for (int tick = 1; tick <= 3; tick++) {
                    assertThat(driven.ring.publishTick(tick, 16_666_667, 0, 0, 0)).isTrue();
                    DrivenWorkers.awaitFrame(compute, tick);
                    timeline.read(tick, nanos);
                    long bytesIn = 0;
                    long bytesOut = 0;
                    java.util.Set<Long> workersSeen = new java.util.HashSet<>();
                    for (int chunk = 0; chunk < chunks; chunk++) {
                        assertThat(chunkTimeline.read(tick, chunk, fields)).as("tick %d chunk %d", tick, chunk).isTrue();
                        assertThat(fields[ChunkTimeline.START]).isGreaterThanOrEqualTo(nanos[FrameStage.TICK_TAKEN.ordinal()]);
                        assertThat(fields[ChunkTimeline.END]).isBetween(fields[ChunkTimeline.START],
                                nanos[FrameStage.COMPUTE_PUBLISHED.ordinal()]);
                        assertThat(fields[ChunkTimeline.WORKER]).isBetween(0L, 1L);
                        bytesIn += fields[ChunkTimeline.BYTES_IN];
                        bytesOut += fields[ChunkTimeline.BYTES_OUT];
                        workersSeen.add(fields[ChunkTimeline.WORKER]);
                    }
                    // Each chunk copies its own items out; each worker copies the whole state in
                    // once, before its first chunk (parameters too, on the first tick).
                    assertThat(bytesOut).isEqualTo(stateBytes);
                    assertThat(bytesIn).isGreaterThanOrEqualTo(stateBytes * workersSeen.size());
                    assertThat(bytesIn).isLessThan(stateBytes * workersSeen.size() + 1024);
                }
                assertThatThrownBy(() -> workers.recordChunksInto(chunkTimeline)).hasMessageContaining("have ticked");
            }
        }
        assertThat(faults).isEmpty();
    }

    @Test
    void eachTickAndEachChunkIsAJfrEvent() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("ticks", ".jfr");
        try (SharedArena arena = arena(); Arena local = Arena.ofConfined();
             jdk.jfr.Recording recording = new jdk.jfr.Recording()) {
            recording.enable("org.orrery.Tick");
            recording.enable("org.orrery.KernelChunk");
            recording.start();
            TripleBuffer compute = compute(arena);
            try (DrivenWorkers driven = new DrivenWorkers(workers(compute, local.allocate(ITEMS * 4L, 8), cpus(2), 4))) {
                for (int tick = 1; tick <= 3; tick++) {
                    assertThat(driven.ring.publishTick(tick, 16_666_667, 0, 0, 0)).isTrue();
                    DrivenWorkers.awaitFrame(compute, tick);
                }
                driven.awaitHandled();
            }
            recording.stop();
            recording.dump(file);
        }
        List<jdk.jfr.consumer.RecordedEvent> events = jdk.jfr.consumer.RecordingFile.readAllEvents(file);
        java.nio.file.Files.delete(file);
        List<jdk.jfr.consumer.RecordedEvent> ticks = events.stream()
                .filter(e -> e.getEventType().getName().equals("org.orrery.Tick")).toList();
        List<jdk.jfr.consumer.RecordedEvent> chunks = events.stream()
                .filter(e -> e.getEventType().getName().equals("org.orrery.KernelChunk")).toList();
        assertThat(ticks).extracting(e -> e.getLong("tick")).containsExactlyInAnyOrder(1L, 2L, 3L);
        assertThat(ticks).allSatisfy(e -> assertThat(e.getString("plugin")).isEqualTo("scale"));
        assertThat(chunks).hasSize(12);
        for (long tick = 1; tick <= 3; tick++) {
            long t = tick;
            assertThat(chunks.stream().filter(e -> e.getLong("tick") == t).mapToInt(e -> e.getInt("items")).sum())
                    .as("tick %d covers every item once", tick).isEqualTo(ITEMS);
        }
    }

    /** A reader polling the timings while ticks finish never sees half of one tick and half of another. */
    @Test
    void tickTimingsReadDuringTicksAreNeverTorn() throws Exception {
        try (SharedArena arena = arena(); Arena local = Arena.ofConfined()) {
            MemorySegment initial = local.allocate(ITEMS * 4L, 8);
            try (DrivenWorkers driven = new DrivenWorkers(workers(compute(arena), initial, cpus(2), 4))) {
                List<String> torn = new CopyOnWriteArrayList<>();
                AtomicBoolean ticking = new AtomicBoolean(true);
                Thread reader = Thread.ofPlatform().start(() -> {
                    long lastTick = 0;
                    while (ticking.get()) {
                        TickTiming t = driven.workers.lastTickTiming();
                        if (t.tick() < lastTick || (t.tick() > 0 && (t.durationNanos() < 0 || t.bytesOut() != ITEMS * 4L))) {
                            torn.add(t.toString());
                        }
                        lastTick = t.tick();
                    }
                });
                int ticks = 3_000;
                for (int tick = 1; tick <= ticks; tick++) {
                    assertThat(driven.ring.publishTick(tick, 1_000_000, 0, 0, TimeUnit.SECONDS.toNanos(5))).isTrue();
                }
                driven.awaitHandled();
                ticking.set(false);
                reader.join();
                assertThat(torn).isEmpty();
                assertThat(driven.workers.lastTickTiming().tick()).isEqualTo(ticks);
            }
        }
    }

    @Test
    void aTrapStopsTheKernelPublishesNothingAndReportsOnce() throws Exception {
        try (SharedArena arena = arena(); Arena local = Arena.ofConfined()) {
            TripleBuffer compute = compute(arena);
            try (DrivenWorkers driven = new DrivenWorkers(workers(compute, local.allocate(ITEMS * 4L, 8), cpus(2), 4))) {
                driven.ring.publishTick(1, 1_000_000, 0, 0, 0);
                DrivenWorkers.awaitFrame(compute, 1);
                driven.ring.publishParameter(1, 1, 1, 0); // behaviour 1: trap
                driven.ring.publishTick(2, 1_000_000, 1, 0, 0);
                driven.ring.publishTick(3, 1_000_000, 1, 0, 0);
                driven.awaitHandled();
                assertThat(faults).singleElement()
                        .satisfies(f -> assertThat(f.kind()).isEqualTo(KernelFault.Kind.TRAP))
                        .satisfies(f -> assertThat(f).hasMessageContaining("plugin 'scale', kernel scale.wasm"))
                        .isSameAs(driven.workers.fault());
                assertThat(compute.publishedGeneration()).as("no frame from the failed tick or after it").isEqualTo(1);
            }
        }
    }

    @Test
    void anArenaClosedUnderTheWorkersStopsTheKernelWithAHostErrorInsteadOfHanging() throws Exception {
        SharedArena arena = arena();
        TripleBuffer compute = compute(arena);
        try (Arena local = Arena.ofConfined();
             DrivenWorkers driven = new DrivenWorkers(workers(compute, local.allocate(ITEMS * 4L, 8), cpus(2), 4))) {
            arena.close();
            driven.ring.publishTick(1, 1_000_000, 0, 0, 0);
            driven.awaitHandled();
            assertThat(faults).singleElement()
                    .satisfies(f -> assertThat(f.kind()).isEqualTo(KernelFault.Kind.HOST_ERROR))
                    .satisfies(f -> assertThat(f).hasMessageContaining("plugin 'scale', kernel scale.wasm"));
        }
    }

    @Test
    void aCpuThatCannotBePinnedLeavesTheWorkerUnpinnedAndWorking() throws Exception {
        try (SharedArena arena = arena(); Arena local = Arena.ofConfined()) {
            TripleBuffer compute = compute(arena);
            try (DrivenWorkers driven = new DrivenWorkers(
                    workers(compute, local.allocate(ITEMS * 4L, 8), List.of(4000), 2))) {
                driven.ring.publishTick(1, 1_000_000, 0, 0, 0);
                DrivenWorkers.awaitFrame(compute, 1);
                assertThat(driven.workers.pinnedWorkers()).as("CPU 4000 does not exist here").isZero();
            }
        }
    }
}
