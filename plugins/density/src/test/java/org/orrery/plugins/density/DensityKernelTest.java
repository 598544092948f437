package org.orrery.plugins.density;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
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
import org.orrery.wasm.KernelWarmUp;
import org.orrery.wasm.KernelWorkers;
import org.orrery.wasm.StepWatchdog;
import org.orrery.wasm.engine.WasmEngine;
import org.orrery.wasm.plugins.ComputePlugin;
import org.orrery.wasm.testing.BuiltPlugin;
import org.orrery.wasm.testing.DrivenWorkers;
import org.orrery.wasm.validate.PluginValidator;

/** The built plugin run through the host on points loaded from a seeded sample file. */
@ParameterizedClass(name = "{0}", autoCloseArguments = false)
@MethodSource("org.orrery.wasm.testing.TestEngines#all")
class DensityKernelTest {

    @Parameter
    WasmEngine engine;

    private static final StepWatchdog WATCHDOG = new StepWatchdog();
    private static final int WIDTH = 320;
    private static final int HEIGHT = 240;
    private static final long HEADER = ComputeFrame.HEADER_BYTES;

    @TempDir
    static Path dir;
    private static ComputePlugin plugin;
    private static PointTable points;

    @BeforeAll
    static void load() throws Exception {
        plugin = BuiltPlugin.install(Files.createDirectories(dir.resolve("plugins")), "density");
        Path sample = dir.resolve("pickups.csv");
        SampleTaxiPickups.write(sample, 200_000, 11, (done, total) -> { });
        points = new PointLoader(1 << 24).load(new PointQuery(sample, "longitude", "latitude",
                Optional.of("passengers"), Optional.empty()), (stage, fraction) -> { });
    }

    @AfterAll
    static void free() {
        points.close();
    }

    private KernelModule module(String file) {
        return file.contains("simd") ? plugin.simdModule(engine, WATCHDOG).orElseThrow() : plugin.module(engine, WATCHDOG);
    }

    /** The kernel's contract (the comment at the top of density.c), in Java. */
    private static float[] reference(PointTable table, double xMin, double xMax, double yMin, double yMax) {
        float[] grid = new float[WIDTH * HEIGHT];
        ColumnMapping columns = new ColumnMapping(table, xMin, xMax);
        double rowsPerUnit = HEIGHT / (yMax - yMin);
        MemorySegment r = table.records();
        for (int i = 0; i < table.count(); i++) {
            long at = i * PointTable.RECORD_BYTES;
            int c = columns.of(r.get(ValueLayout.JAVA_FLOAT, at));
            double row = (yMax - r.get(ValueLayout.JAVA_FLOAT, at + 4)) * rowsPerUnit;
            if (c >= 0 && row >= 0 && row < HEIGHT) {
                grid[(int) row * WIDTH + c] += r.get(ValueLayout.JAVA_FLOAT, at + 8);
            }
        }
        return grid;
    }

    /** The column of an x, as density.c finds it: in fixed point from q, or in double far out or in. */
    private static final class ColumnMapping {
        private static final double Q_STEPS = 1 << 30;
        private static final int FRACTION_BITS = 50;
        private final double origin;
        private final double scale;
        private final double b;
        private final double s;
        private final boolean integer;
        private final long base;
        private final long m;
        private final long f;

        ColumnMapping(PointTable table, double xMin, double xMax) {
            float least = 0;
            float most = 0;
            for (int i = 0; i < table.count(); i++) {
                float x = table.records().get(ValueLayout.JAVA_FLOAT, i * PointTable.RECORD_BYTES);
                least = i == 0 || x < least ? x : least;
                most = i == 0 || x > most ? x : most;
            }
            origin = least;
            scale = most > least ? Q_STEPS / ((double) most - least) : 1;
            b = (xMin - origin) * scale;
            s = (xMax - xMin) * scale / WIDTH;
            integer = s >= 1.0 / 4096 && s <= 1 << 26;
            base = (long) Math.floor(b);
            m = (long) ((double) (1L << FRACTION_BITS) / s);
            f = (long) ((b - base) * m);
        }

        /** The column, or -1 outside the view. */
        int of(float x) {
            int q = (int) ((x - origin) * scale);
            if (!integer) {
                double c = (q - b) / s;
                return c >= 0 && c < WIDTH ? (int) c : -1;
            }
            long d = q - base;
            if (d < firstD(0) || d >= firstD(WIDTH)) {
                return -1;
            }
            return (int) ((d * m - f) >>> FRACTION_BITS);
        }

        /** The smallest d of a column. */
        private long firstD(int column) {
            long n = ((long) column << FRACTION_BITS) + f;
            return Long.divideUnsigned(n, m) + (Long.remainderUnsigned(n, m) != 0 ? 1 : 0);
        }
    }

    private static void assertGrid(MemorySegment frame, float[] expected, String what) {
        double total = 0;
        for (int i = 0; i < expected.length; i++) {
            float got = frame.get(ValueLayout.JAVA_FLOAT, HEADER + 4L * i);
            if (Float.floatToRawIntBits(got) != Float.floatToRawIntBits(expected[i])) {
                throw new AssertionError(what + ": cell " + i + " (column " + i % WIDTH + ", row " + i / WIDTH + ") is "
                        + got + ", expected " + expected[i]);
            }
            total += got;
        }
        assertThat(total).as(what + ": points in view").isPositive();
    }

    /** The header's summary values: weight in view, lit cells, heaviest cell, lit cells by decade of weight. */
    private static void assertSummary(MemorySegment frame, float[] grid, String what) {
        double inView = 0;
        double peak = Double.NEGATIVE_INFINITY;
        double[] decades = new double[6];
        for (float w : grid) {
            inView += w;
            peak = Math.max(peak, w);
            if (w > 0) {
                decades[Math.min(5, w < 1 ? 0 : 1 + (int) Math.floor(Math.log10(w)))]++;
            }
        }
        assertThat(ComputeFrame.summaryCount(frame, 0)).isEqualTo(9);
        assertThat(ComputeFrame.summary(frame, 0, 0)).as(what + ": weight in view").isCloseTo(inView,
                org.assertj.core.data.Offset.offset(1e-6 * Math.max(1, inView)));
        assertThat(ComputeFrame.summary(frame, 0, 1)).as(what + ": lit cells").isEqualTo(java.util.Arrays.stream(decades).sum());
        assertThat(ComputeFrame.summary(frame, 0, 2)).as(what + ": heaviest").isEqualTo(peak);
        for (int d = 0; d < 6; d++) {
            assertThat(ComputeFrame.summary(frame, 0, 3 + d)).as(what + ": decade " + d).isEqualTo(decades[d]);
        }
    }

    /** Two workers, ranges cutting rows anywhere, the points offered in bulk, viewports as parameter changes. */
    @ParameterizedTest
    @ValueSource(strings = {"density.wasm", "density-simd.wasm"})
    void binsExactlyAsTheJavaReferenceZoomedOutInAndFarOut(String file) throws Exception {
        List<KernelFault> faults = new CopyOnWriteArrayList<>();
        int cells = WIDTH * HEIGHT;
        PointTable.Bounds b = points.bounds();
        try (SharedArena shared = SharedArena.allocate(ArenaLayout.packed(HEADER + cells * 4L, 64, 0));
             Arena local = Arena.ofConfined()) {
            TripleBuffer compute = shared.tripleBuffer(Stage.COMPUTE, DeliveryMode.LIVE, WaitPolicy.BLOCKING);
            KernelWorkers workers = new KernelWorkers(module(file), KernelSize.grid(WIDTH, HEIGHT), compute, HEADER,
                    local.allocate(cells * 4L, 16), List.of(-1, -1), 7, WaitPolicy.BLOCKING, faults::add);
            try (DrivenWorkers driven = new DrivenWorkers(workers)) {
                workers.offerBuffer(points.records(), points.count());
                double[][] views = {
                    {b.xMin(), b.xMax() + 1e-4, b.yMin(), b.yMax() + 1e-4}, // everything
                    {-74.00, -73.95, 40.73, 40.77}, // downtown, zoomed in
                    {-150, 0, 0, 80}, // zoomed out past the integer mapping's reach
                };
                ControlBatch batch = driven.ring.newBatch(8);
                float[] before = new float[cells]; // the grid the tick reads: empty at first
                for (int v = 0; v < views.length; v++) {
                    for (int p = 0; p < 4; p++) {
                        batch.addParameter(v + 1, p, views[v][p]);
                    }
                    batch.addTick(v + 1, 16_666_667, v + 1, 0);
                    assertThat(driven.ring.publish(batch, TimeUnit.SECONDS.toNanos(5))).isTrue();
                    MemorySegment frame = DrivenWorkers.awaitFrame(compute, v + 1);
                    float[] expected = reference(points, views[v][0], views[v][1], views[v][2], views[v][3]);
                    assertGrid(frame, expected, "view " + v);
                    assertSummary(frame, before, "view " + v);
                    assertThat(ComputeFrame.records(frame, 0)).as("the points loaded").isEqualTo(points.count());
                    before = expected;
                }
                assertThat(faults).isEmpty();
            }
        }
    }

    /** The fixed-point columns are the real ones except where a point all but touches a column's edge. */
    @Test
    void fixedPointColumnsAreTheExactOnesToWithinAFractionOfAColumn() {
        PointTable.Bounds b = points.bounds();
        double[][] views = {{b.xMin(), b.xMax() + 1e-4}, {-74.00, -73.95}, {-73.9712, -73.9711}};
        for (double[] view : views) {
            ColumnMapping mapping = new ColumnMapping(points, view[0], view[1]);
            int inView = 0;
            for (int i = 0; i < points.count(); i++) {
                float x = points.records().get(ValueLayout.JAVA_FLOAT, i * PointTable.RECORD_BYTES);
                double exact = (x - view[0]) * (WIDTH / (view[1] - view[0]));
                int column = mapping.of(x);
                inView += column >= 0 ? 1 : 0;
                boolean nearAnEdge = Math.abs(exact - Math.rint(exact)) < 1.0 / 4096;
                if (!nearAnEdge) {
                    assertThat(column).as("x %s in view %s", x, Arrays.toString(view))
                            .isEqualTo(exact >= 0 && exact < WIDTH ? (int) exact : -1);
                }
            }
            assertThat(inView).as("points in view %s", Arrays.toString(view)).isPositive();
        }
    }

    /** Without its made-up points, the first step over a user's millions of points would run cold. */
    @Test
    void warmsUpOnItsOwnSamplePointsInAndAroundTheDefaultView() throws Exception {
        int cells = WIDTH * HEIGHT;
        KernelSize size = KernelSize.grid(WIDTH, HEIGHT);
        try (Arena arena = Arena.ofConfined(); KernelInstance kernel = module("density.wasm").newInstance(size)) {
            assertThat(kernel.sampleBuffer(10_000)).isEqualTo(10_000);
            kernel.writeParameters(new double[] {0, 1, 0, 1}); // the descriptor's defaults
            kernel.step(0, cells, 0); // sorted, or this would stop with ERROR_STATE
            MemorySegment grid = arena.allocate(cells * 4L, 16);
            kernel.readState(0, cells, grid, 0);
            double total = 0;
            int filled = 0;
            for (int i = 0; i < cells; i++) {
                float v = grid.getAtIndex(ValueLayout.JAVA_FLOAT, i);
                total += v;
                filled += v > 0 ? 1 : 0;
            }
            // Spread evenly over a square 1.5 times as wide as the view: (1 / 1.5)^2 of them inside.
            assertThat(total).as("sample points in view").isBetween(0.42 * 10_000, 0.47 * 10_000);
            assertThat(filled).as("spread over the grid, not piled in one column").isGreaterThan(cells / 20);
            double[] edges = new double[4]; // top and bottom rows, left and right columns
            for (int c = 0; c < WIDTH; c++) {
                edges[0] += grid.getAtIndex(ValueLayout.JAVA_FLOAT, c);
                edges[1] += grid.getAtIndex(ValueLayout.JAVA_FLOAT, cells - WIDTH + c);
            }
            for (int r = 0; r < HEIGHT; r++) {
                edges[2] += grid.getAtIndex(ValueLayout.JAVA_FLOAT, r * WIDTH);
                edges[3] += grid.getAtIndex(ValueLayout.JAVA_FLOAT, r * WIDTH + WIDTH - 1);
            }
            assertThat(Arrays.stream(edges).min().orElseThrow()).as("points run on past every edge of the view").isPositive();

            MemorySegment state = arena.allocate(plugin.descriptor().stateBytes(cells), 16);
            KernelWarmUp.Result warmed = KernelWarmUp.run(List.of(engine), WATCHDOG, plugin.descriptor(),
                    Files.readAllBytes(plugin.directory().resolve(plugin.descriptor().module())), Optional.empty(), size,
                    state, Duration.ofSeconds(30));
            assertThat(warmed.sampleRecords()).isEqualTo(1 << 18);
        }
    }

    /** What a plugin author runs before publishing: determinism and range independence, over made-up points. */
    @Test
    void passesTheValidatorSteppingOverItsMadeUpPoints() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status = PluginValidator.run(new String[] {plugin.directory().toString(), "--grid", "64x48", "--steps", "3"},
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String report = bytes.toString(StandardCharsets.UTF_8);
        assertThat(status).as(report).isZero();
        assertThat(report).contains("density.wasm", "density-simd.wasm", "buffer               ok: 65536 made-up records stepped over",
                "Result: the plugin is valid.");
    }

    @Test
    void anEmptyViewportShowsNothingAndUnsortedOrInfinitePointsStopTheKernelWithAReason() throws Exception {
        KernelModule module = module("density.wasm");
        try (Arena arena = Arena.ofConfined(); KernelInstance kernel = module.newInstance(KernelSize.grid(4, 4))) {
            MemorySegment grid = arena.allocate(64, 16);
            MemorySegment pts = arena.allocate(36, 16);
            float[] sorted = {0.5f, 0.5f, 1, 0.2f, 0.6f, 1, 0.9f, 0.9f, 1};
            MemorySegment.copy(sorted, 0, pts, ValueLayout.JAVA_FLOAT, 0, sorted.length);
            kernel.writeBuffer(pts, 3);
            kernel.writeParameters(new double[] {1, 1, 0, 1}); // zero width
            kernel.step(0, 16, 0);
            kernel.readState(0, 16, grid, 0);
            assertThat(grid.mismatch(arena.allocate(64))).as("all zero").isEqualTo(-1);

            pts.set(ValueLayout.JAVA_FLOAT, 4 + 12, 0.95f); // the second point's y above the third's
            kernel.writeBuffer(pts, 3);
            kernel.writeParameters(new double[] {0, 1, 0, 1});
            assertThatThrownBy(() -> kernel.step(0, 16, 0)).isInstanceOf(KernelFault.class)
                    .hasMessageContaining("density").hasMessageContaining("ERROR_STATE");
            assertThat(module.log().recent()).contains("the points are not sorted by y");
        }
        try (Arena arena = Arena.ofConfined(); KernelInstance kernel = module.newInstance(KernelSize.grid(4, 4))) {
            MemorySegment pts = arena.allocate(24, 16);
            float[] infinite = {0.5f, 0.2f, 1, Float.POSITIVE_INFINITY, 0.6f, 1};
            MemorySegment.copy(infinite, 0, pts, ValueLayout.JAVA_FLOAT, 0, infinite.length);
            kernel.writeBuffer(pts, 2);
            kernel.writeParameters(new double[] {0, 1, 0, 1});
            assertThatThrownBy(() -> kernel.step(0, 16, 0)).isInstanceOf(KernelFault.class)
                    .hasMessageContaining("ERROR_STATE");
            assertThat(module.log().recent()).contains("a point's x is not a finite number");
        }
    }
}
