package org.orrery.plugins.heat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.orrery.memory.arena.ArenaLayout;
import org.orrery.memory.arena.SharedArena;
import org.orrery.memory.arena.Stage;
import org.orrery.memory.frame.ComputeFrame;
import org.orrery.memory.ring.ControlBatch;
import org.orrery.memory.triple.DeliveryMode;
import org.orrery.memory.triple.TripleBuffer;
import org.orrery.memory.wait.WaitPolicy;
import org.orrery.wasm.KernelFault;
import org.orrery.wasm.KernelInstance;
import org.orrery.wasm.KernelModule;
import org.orrery.wasm.KernelSize;
import org.orrery.wasm.KernelWorkers;
import org.orrery.wasm.StepWatchdog;
import org.orrery.wasm.engine.WasmEngine;
import org.orrery.wasm.plugins.ComputePlugin;
import org.orrery.wasm.testing.BuiltPlugin;
import org.orrery.wasm.testing.DrivenWorkers;

/** The built plugin (target/classes: plugin.properties, kernel.json, both modules) run through the host. */
@ParameterizedClass(name = "{0}", autoCloseArguments = false)
@MethodSource("org.orrery.wasm.testing.TestEngines#all")
class HeatKernelTest {

    @Parameter
    WasmEngine engine;

    private static final StepWatchdog WATCHDOG = new StepWatchdog();
    private static final int FIXED = 0;
    private static final int INSULATED = 1;
    private static final int PERIODIC = 2;

    @TempDir
    static Path plugins;
    private static ComputePlugin plugin;

    /** The plugin as PF4J installs it: a folder of the files the zip holds. */
    private static synchronized ComputePlugin plugin() {
        if (plugin == null) {
            plugin = BuiltPlugin.install(plugins, "heat");
        }
        return plugin;
    }

    private KernelModule module(String file) {
        return file.contains("simd") ? plugin().simdModule(engine, WATCHDOG).orElseThrow()
                : plugin().module(engine, WATCHDOG);
    }

    /** Parameters: diffusivity, time step, boundary, edge temperature, starting temperature. */
    private static double[] parameters(double diffusivity, double timeStep, int boundary, double edge) {
        return new double[] {diffusivity, timeStep, boundary, edge, 20};
    }

    private static MemorySegment randomGrid(Arena arena, int cells, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        MemorySegment grid = arena.allocate(cells * 4L, 16);
        for (int i = 0; i < cells; i++) {
            grid.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) random.nextDouble(0, 100));
        }
        return grid;
    }

    /** {@code steps} steps over the whole grid, the state going through {@code grid}, each cut in {@code ranges}. */
    private static void steps(KernelInstance kernel, MemorySegment grid, int cells, int steps, int ranges) {
        for (int s = 0; s < steps; s++) {
            kernel.writeState(grid);
            for (int r = 0; r < ranges; r++) {
                // Uneven ranges that start and end in the middle of rows.
                int from = (int) ((long) cells * r * r / (ranges * ranges));
                int to = (int) ((long) cells * (r + 1) * (r + 1) / (ranges * ranges));
                kernel.step(from, to - from, 1 / 60f);
            }
            kernel.readState(0, cells, grid, 0);
        }
    }

    private static double sum(MemorySegment grid, int cells) {
        double sum = 0;
        for (int i = 0; i < cells; i++) {
            sum += grid.getAtIndex(ValueLayout.JAVA_FLOAT, i);
        }
        return sum;
    }

    private static double spread(MemorySegment grid, int cells) {
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (int i = 0; i < cells; i++) {
            float v = grid.getAtIndex(ValueLayout.JAVA_FLOAT, i);
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return max - min;
    }

    @ParameterizedTest
    @CsvSource({"heat.wasm, 1", "heat.wasm, 2", "heat-simd.wasm, 1", "heat-simd.wasm, 2"})
    void insulatedAndPeriodicEdgesConserveHeat(String file, int boundary) throws Exception {
        int width = 128;
        int height = 96;
        int cells = width * height;
        try (Arena arena = Arena.ofConfined();
             KernelInstance kernel = module(file).newInstance(KernelSize.grid(width, height))) {
            MemorySegment grid = randomGrid(arena, cells, 3);
            double before = sum(grid, cells);
            double spreadBefore = spread(grid, cells);
            kernel.writeParameters(parameters(1, 0.2, boundary, 0));
            steps(kernel, grid, cells, 1000, 1);
            assertThat(Math.abs(sum(grid, cells) - before) / before).as("relative change of the total heat")
                    .isLessThan(1e-6);
            assertThat(spread(grid, cells)).as("the heat did spread").isLessThan(spreadBefore / 5);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"heat.wasm", "heat-simd.wasm"})
    void summaryValuesAreTheTotalColdestAndHottestOfTheGridTheStepRead(String file) throws Exception {
        int width = 64;
        int height = 48;
        int cells = width * height;
        try (Arena arena = Arena.ofConfined();
             KernelInstance kernel = module(file).newInstance(KernelSize.grid(width, height))) {
            MemorySegment grid = randomGrid(arena, cells, 11);
            grid.setAtIndex(ValueLayout.JAVA_FLOAT, 1000, -40f);
            grid.setAtIndex(ValueLayout.JAVA_FLOAT, 3000, 250f);
            kernel.writeParameters(parameters(1, 0.2, 1, 0));
            kernel.writeState(grid);
            double[] whole = {0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
            for (int first = 0; first < cells; first += 1000) { // ranges that end mid-row
                kernel.step(first, Math.min(1000, cells - first), 1 / 60f);
                kernel.addSummary(whole);
            }
            assertThat(whole[0]).as("total").isCloseTo(sum(grid, cells), org.assertj.core.data.Offset.offset(1e-6));
            assertThat(whole[1]).as("coldest").isEqualTo(-40);
            assertThat(whole[2]).as("hottest").isEqualTo(250);
        }
    }

    /**
     * On a periodic grid the mode cos(2 pi x / W) is an eigenvector of the scheme: each step
     * multiplies it by exactly 1 - 4 a sin^2(pi / W), a = diffusivity x dt.
     */
    @ParameterizedTest
    @ValueSource(strings = {"heat.wasm", "heat-simd.wasm"})
    void aPeriodicCosineDecaysAtTheSchemesRate(String file) throws Exception {
        int width = 64;
        int height = 8;
        int cells = width * height;
        int steps = 500;
        double a = 1 * 0.2;
        try (Arena arena = Arena.ofConfined();
             KernelInstance kernel = module(file).newInstance(KernelSize.grid(width, height))) {
            MemorySegment grid = arena.allocate(cells * 4L, 16);
            for (int i = 0; i < cells; i++) {
                grid.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) (10 * Math.cos(2 * Math.PI * (i % width) / width)));
            }
            kernel.writeParameters(parameters(1, 0.2, PERIODIC, 0));
            steps(kernel, grid, cells, steps, 1);
            double amplitude = 0;
            for (int i = 0; i < cells; i++) {
                amplitude += grid.getAtIndex(ValueLayout.JAVA_FLOAT, i) * Math.cos(2 * Math.PI * (i % width) / width);
            }
            amplitude *= 2.0 / cells;
            double expected = 10 * Math.pow(1 - 4 * a * Math.pow(Math.sin(Math.PI / width), 2), steps);
            assertThat(amplitude).isCloseTo(expected, org.assertj.core.data.Percentage.withPercentage(0.1));
            assertThat(expected).as("the test measures a real decay").isLessThan(6);
        }
    }

    @Test
    void fixedEdgesPullTheGridTowardsTheEdgeTemperature() throws Exception {
        int side = 32;
        int cells = side * side;
        try (Arena arena = Arena.ofConfined();
             KernelInstance kernel = module("heat.wasm").newInstance(KernelSize.grid(side, side))) {
            MemorySegment grid = arena.allocate(cells * 4L, 16); // all 0
            kernel.writeParameters(parameters(1, 0.2, FIXED, 100));
            steps(kernel, grid, cells, 3000, 1);
            float corner = grid.getAtIndex(ValueLayout.JAVA_FLOAT, 0);
            float centre = grid.getAtIndex(ValueLayout.JAVA_FLOAT, (side / 2) * side + side / 2);
            assertThat(corner).as("beside two hot edges").isGreaterThan(centre);
            assertThat(centre).as("heat reached the centre, never past the edges' temperature").isBetween(30f, 100f);
        }
    }

    @Test
    void aTimeStepAboveTheStabilityLimitIsClampedAndTheUserIsTold() throws Exception {
        int side = 48;
        int cells = side * side;
        KernelModule module = module("heat.wasm");
        try (Arena arena = Arena.ofConfined(); KernelInstance kernel = module.newInstance(KernelSize.grid(side, side))) {
            MemorySegment grid = randomGrid(arena, cells, 5);
            // Diffusivity 10: the limit is 1 / 40 = 0.025 s; 1 s unclamped would blow up within steps.
            kernel.writeParameters(parameters(10, 1, INSULATED, 0));
            steps(kernel, grid, cells, 300, 1);
            for (int i = 0; i < cells; i++) {
                assertThat(grid.getAtIndex(ValueLayout.JAVA_FLOAT, i)).as("cell %d stays within the start's range", i)
                        .isBetween(0f, 100f);
            }
            List<String> warnings = module.log().recent().stream().filter(m -> m.contains("stability limit")).toList();
            assertThat(warnings).as("said once per setting, not every step").containsExactly(
                    "time step 1.000 s is above the stability limit 0.025 s for diffusivity 10.000; using 0.024 s");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {FIXED, INSULATED, PERIODIC})
    void stepsCutIntoRangesGiveTheSameGridAsOneRange(int boundary) throws Exception {
        int width = 37; // odd sizes, so ranges cut rows anywhere
        int height = 23;
        int cells = width * height;
        try (Arena arena = Arena.ofConfined();
             KernelInstance kernel = module("heat.wasm").newInstance(KernelSize.grid(width, height))) {
            MemorySegment whole = randomGrid(arena, cells, 9);
            MemorySegment pieces = arena.allocate(cells * 4L, 16);
            pieces.copyFrom(whole);
            kernel.writeParameters(parameters(1, 0.2, boundary, 50));
            kernel.writeBuffer(sources(arena, new float[] {10, 11, 4, 300, 30.5f, 2, 3, -40}), 2);
            steps(kernel, whole, cells, 20, 1);
            steps(kernel, pieces, cells, 20, 5);
            assertThat(pieces.mismatch(whole)).isEqualTo(-1);
        }
    }

    @Test
    void scalarAndSimdBuildsAgreeBitForBit() throws Exception {
        int width = 70;
        int height = 40;
        int cells = width * height;
        try (Arena arena = Arena.ofConfined();
             KernelInstance scalar = module("heat.wasm").newInstance(KernelSize.grid(width, height));
             KernelInstance simd = module("heat-simd.wasm").newInstance(KernelSize.grid(width, height))) {
            MemorySegment a = randomGrid(arena, cells, 11);
            MemorySegment b = arena.allocate(cells * 4L, 16);
            b.copyFrom(a);
            MemorySegment painted = sources(arena, new float[] {20, 20, 5, 500});
            for (KernelInstance kernel : List.of(scalar, simd)) {
                kernel.writeParameters(parameters(2, 0.1, FIXED, -10));
                kernel.writeBuffer(painted, 1);
            }
            steps(scalar, a, cells, 100, 3);
            steps(simd, b, cells, 100, 3);
            assertThat(a.mismatch(b)).isEqualTo(-1);
        }
    }

    private static MemorySegment sources(Arena arena, float[] records) {
        MemorySegment segment = arena.allocate(Math.max(4, records.length * 4L), 16);
        MemorySegment.copy(records, 0, segment, ValueLayout.JAVA_FLOAT, 0, records.length);
        return segment;
    }

    /** Sources painted by the user reach the workers through the control ring, as the shell sends them. */
    @Test
    void sourcesSentThroughTheRingAreHeldAtTheirTemperatureUntilRemoved() throws Exception {
        int side = 64;
        int cells = side * side;
        long header = ComputeFrame.HEADER_BYTES;
        List<KernelFault> faults = new CopyOnWriteArrayList<>();
        try (SharedArena shared = SharedArena.allocate(ArenaLayout.packed(header + cells * 4L, 64, 0));
             Arena local = Arena.ofConfined()) {
            TripleBuffer compute = shared.tripleBuffer(Stage.COMPUTE, DeliveryMode.LIVE, WaitPolicy.BLOCKING);
            KernelModule module = module("heat.wasm");
            MemorySegment start = local.allocate(cells * 4L, 16);
            module.startingState(KernelSize.grid(side, side), module.descriptor().parameters().stream()
                    .mapToDouble(p -> p.defaultValue()).toArray(), start);
            assertThat(start.getAtIndex(ValueLayout.JAVA_FLOAT, 1000)).as("the default starting temperature")
                    .isEqualTo(20f);
            KernelWorkers workers = new KernelWorkers(module, KernelSize.grid(side, side), compute, header, start,
                    List.of(-1, -1), 6, WaitPolicy.BLOCKING, faults::add);
            try (DrivenWorkers driven = new DrivenWorkers(workers)) {
                ControlBatch batch = driven.ring.newBatch(16);
                float[] painted = {16, 16, 3, 500, 48, 40, 2, -50};
                for (int i = 0; i < painted.length; i++) {
                    batch.addBufferValue(1, i, painted[i]);
                }
                batch.addBufferLength(1, 2).addTick(1, 16_666_667, 1, 0);
                assertThat(driven.ring.publish(batch, TimeUnit.SECONDS.toNanos(5))).isTrue();
                MemorySegment frame = DrivenWorkers.awaitFrame(compute, 1);
                assertThat(cell(frame, header, side, 16, 16)).isEqualTo(500f);
                assertThat(cell(frame, header, side, 14, 17)).as("inside the radius").isEqualTo(500f);
                assertThat(cell(frame, header, side, 48, 40)).isEqualTo(-50f);
                assertThat(cell(frame, header, side, 32, 60)).as("far from both").isEqualTo(20f);

                batch.addBufferLength(2, 0); // every source removed
                for (int tick = 2; tick <= 4; tick++) {
                    batch.addTick(tick, 16_666_667, 2, 0);
                }
                assertThat(driven.ring.publish(batch, TimeUnit.SECONDS.toNanos(5))).isTrue();
                frame = DrivenWorkers.awaitFrame(compute, 4);
                assertThat(cell(frame, header, side, 16, 16)).as("no longer held: it cools").isLessThan(500f);
                assertThat(faults).isEmpty();
            }
        }
    }

    private static float cell(MemorySegment frame, long header, int width, int x, int y) {
        return frame.get(ValueLayout.JAVA_FLOAT, header + 4L * (y * width + x));
    }

    @Test
    void theLargestGridFitsTheBudgetAndSteps() throws Exception {
        int side = 2048;
        int cells = side * side;
        try (Arena arena = Arena.ofConfined();
             KernelInstance kernel = module("heat.wasm").newInstance(KernelSize.grid(side, side))) {
            MemorySegment grid = arena.allocate(cells * 4L, 16);
            kernel.writeParameters(parameters(1, 0.2, FIXED, 100));
            kernel.reset(0, cells);
            kernel.readState(0, cells, grid, 0);
            steps(kernel, grid, cells, 2, 1);
            assertThat(grid.getAtIndex(ValueLayout.JAVA_FLOAT, 0)).as("corner warmed by the edges").isGreaterThan(20f);
            assertThat(grid.getAtIndex(ValueLayout.JAVA_FLOAT, cells / 2 + side / 2)).isEqualTo(20f);
        }
    }

    @Test
    void refusesSizesAndValuesOutsideWhatItAccepts() throws Exception {
        KernelModule module = module("heat.wasm");
        assertThatThrownBy(() -> module.newInstance(KernelSize.grid(4096, 16)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("heat: a 4096 x 16 grid")
                .hasMessageContaining("2048 x 2048");
        assertThatThrownBy(() -> module.newInstance(1000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("heat: 1000 items");
        try (Arena arena = Arena.ofConfined(); KernelInstance kernel = module.newInstance(KernelSize.grid(8, 8))) {
            assertThat(kernel.sampleBuffer(1)).as("no orrery_buffer_sample: the warm-up goes without").isZero();
            assertThatThrownBy(() -> kernel.writeBuffer(sources(arena, new float[4 * 257]), 257))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 to 256");
            kernel.writeParameters(new double[] {1, 0.2, 7, 0, 20}); // boundary 7 does not exist
            assertThatThrownBy(() -> kernel.step(0, 64, 0.01f)).isInstanceOf(KernelFault.class)
                    .hasMessageContaining("heat").hasMessageContaining("ERROR_PARAMETER");
        }
        assertThat(module.descriptor().parameters().get(0).accepts(0)).as("diffusivity 0 is refused by the descriptor")
                .isFalse();
    }
}
