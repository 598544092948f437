package org.orrery.shell.run;

import com.lmax.disruptor.dsl.ProducerType;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.orrery.api.kernel.KernelDescriptor;
import org.orrery.memory.arena.ArenaLayout;
import org.orrery.memory.arena.SharedArena;
import org.orrery.memory.arena.Stage;
import org.orrery.memory.ring.ControlRing;
import org.orrery.memory.timing.FrameTimeline;
import org.orrery.memory.triple.DeliveryMode;
import org.orrery.memory.triple.TripleBuffer;
import org.orrery.memory.wait.WaitPolicy;
import org.orrery.servo.colour.ColourMap;
import org.orrery.servo.colour.FieldStyle;
import org.orrery.servo.colour.ValueScale;
import org.orrery.servo.layout.FieldLayout;
import org.orrery.servo.layout.FrameLayout;
import org.orrery.servo.layout.FrameRaster;
import org.orrery.servo.layout.LayoutFrame;
import org.orrery.servo.layout.LayoutStage;
import org.orrery.servo.points.OrbitCamera;
import org.orrery.servo.points.PointFormat;
import org.orrery.servo.points.PointRaster;
import org.orrery.servo.points.PointStyle;
import org.orrery.servo.points.PointsLayout;
import org.orrery.wasm.FrameDriver;
import org.orrery.wasm.KernelFault;
import org.orrery.wasm.KernelHost;
import org.orrery.wasm.KernelModule;
import org.orrery.wasm.KernelSize;
import org.orrery.wasm.KernelWorkers;
import org.orrery.wasm.topology.CorePartition;
import org.orrery.wasm.topology.CpuTopology;

/**
 * One plugin's pipeline, up to the layout buffer: its arena, the kernel's workers on the CPU
 * partition's worker cores, the control ring and its coordinator, the layout stage (a field for a
 * grid kernel, points for n-body's item layout) and the frame driver. The surface that shows the
 * layout buffer is the caller's. Every stage stamps the same frame timeline.
 */
final class PluginPipeline implements AutoCloseable {

    private static final long HEADER = 64;
    /** One tick at a time: a second would wait in the ring for the first, a whole step of latency. */
    private static final int MAX_IN_FLIGHT = 1;

    final int items;
    final TripleBuffer compute;
    final TripleBuffer layout;
    final KernelWorkers workers;
    final LayoutStage stage;
    final FrameDriver driver;
    final List<KernelFault> faults = new CopyOnWriteArrayList<>();
    private final SharedArena arena;
    private final KernelHost host;

    /**
     * Starts every thread but the driver's ({@link #startTicking}).
     *
     * @param parameters the kernel's parameters, in descriptor order, already checked
     */
    PluginPipeline(KernelModule module, KernelSize size, double[] parameters, int width, int height, double rate,
            FrameTimeline timeline) throws IOException {
        KernelDescriptor descriptor = module.descriptor();
        this.items = size.items();
        long stateBytes = descriptor.stateBytes(size.items());
        FrameLayout frameLayout;
        FrameRaster raster = null;
        long layoutSlot;
        if (descriptor.state().isGrid()) {
            frameLayout = new FieldLayout(HEADER, size.gridWidth(), size.gridHeight(), false,
                    FieldStyle.auto(ColourMap.VIRIDIS, ValueScale.LINEAR, false));
            layoutSlot = LayoutFrame.slotBytes((long) size.gridWidth() * size.gridHeight(), 0);
        } else if (descriptor.state().lanes() == PointFormat.NBODY.lanes()) {
            long pixels = (long) width * height;
            PointsLayout points = new PointsLayout(HEADER, size.items(), PointFormat.NBODY, pixels,
                    new OrbitCamera(0, 0, 0, -60, 35, 3.0, 40),
                    new PointStyle(PointStyle.ColourBy.SPEED, 0, FieldStyle.auto(ColourMap.VIRIDIS, ValueScale.LINEAR, false), 1),
                    width, height);
            frameLayout = points;
            raster = new PointRaster(points);
            layoutSlot = LayoutFrame.slotBytes(pixels, size.items());
        } else {
            throw new IllegalArgumentException("plugin " + descriptor.id() + ": the runner shows grids and n-body's item"
                    + " layout (8 lanes: position, mass, velocity); this kernel has " + descriptor.state().lanes()
                    + " lanes per item");
        }
        arena = SharedArena.allocate(ArenaLayout.packed(HEADER + stateBytes, layoutSlot, 0));
        compute = arena.tripleBuffer(Stage.COMPUTE, DeliveryMode.LIVE, WaitPolicy.BLOCKING);
        layout = arena.tripleBuffer(Stage.LAYOUT, DeliveryMode.LIVE, WaitPolicy.BLOCKING);
        List<Integer> cpus = CorePartition.of(CpuTopology.detect()).workers();
        try (Arena local = Arena.ofConfined()) {
            MemorySegment start = local.allocate(stateBytes, 16);
            module.startingState(size, parameters, start);
            workers = new KernelWorkers(module, size, compute, HEADER, start, cpus, cpus.size() * 4, WaitPolicy.BLOCKING,
                    faults::add).recordInto(timeline);
        }
        host = new KernelHost(descriptor.id(), workers, 1024, ProducerType.MULTI);
        ControlRing ring = host.ring();
        // The workers start from the descriptor's defaults: the parameters go in before the first tick.
        for (int i = 0; i < parameters.length; i++) {
            if (!ring.publishParameter(1, i, parameters[i], TimeUnit.SECONDS.toNanos(1))) {
                throw new IllegalStateException("the control ring stayed full");
            }
        }
        stage = new LayoutStage(descriptor.id(), compute, layout, frameLayout, raster).recordInto(timeline).start();
        driver = new FrameDriver(descriptor.id(), ring, () -> Integer.toUnsignedLong(compute.publishedGeneration()), rate,
                MAX_IN_FLIGHT, timeline);
    }

    void startTicking() {
        driver.start();
    }

    @Override
    public void close() throws InterruptedException {
        driver.close();
        stage.close();
        host.close();
        arena.close();
    }
}
