package org.orrery.shell.pipeline;

import com.lmax.disruptor.dsl.ProducerType;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import org.orrery.memory.frame.ComputeFrame;
import org.orrery.api.kernel.ElementType;
import org.orrery.api.kernel.KernelDescriptor;
import org.orrery.api.kernel.StateLayout;
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
import org.orrery.servo.gl.BackendChoice;
import org.orrery.servo.gl.BackendSelector;
import org.orrery.servo.layout.FittedLayout;
import org.orrery.servo.layout.FrameLayout;
import org.orrery.servo.layout.FrameRaster;
import org.orrery.servo.layout.LayoutFrame;
import org.orrery.servo.layout.LayoutStage;
import org.orrery.servo.points.OrbitCamera;
import org.orrery.servo.points.PointFormat;
import org.orrery.servo.points.PointStyle;
import org.orrery.servo.points.PointsLayout;
import org.orrery.servo.surface.GpuSurface;
import org.orrery.wasm.FrameDriver;
import org.orrery.wasm.KernelFault;
import org.orrery.wasm.KernelHost;
import org.orrery.wasm.KernelModule;
import org.orrery.wasm.KernelSize;
import org.orrery.wasm.KernelWorkers;

/**
 * One plugin's pipeline, up to the layout buffer: its arena, the kernel's workers, the control
 * ring and its coordinator, the layout stage (a field for a grid kernel, points for n-body's item
 * layout) and the frame driver. The surface that shows the layout buffer is the caller's, in a
 * window or offscreen. Every stage stamps the same frame timeline.
 */
public final class PluginPipeline implements AutoCloseable {

    /** Bytes before the state in a compute frame: its header. */
    public static final long HEADER = ComputeFrame.HEADER_BYTES;
    /** One tick at a time: a second would wait in the ring for the first, a whole step of latency. */
    private static final int MAX_IN_FLIGHT = 1;
    private static final long RING_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Room for a whole parameter buffer sent as one batch (heat's 256 sources: 1,025 events) and more. */
    private static final int RING_CAPACITY = 4096;
    /**
     * The most pixels a frame is drawn at, whatever the surface's size (a grid's cells, if more):
     * the layout slots hold this many. A larger surface scales the frame up.
     */
    private static final long MAX_VIEW_PIXELS = 1920L * 1200;

    private final KernelDescriptor descriptor;
    private final KernelSize size;
    private final TripleBuffer compute;
    private final TripleBuffer layout;
    private final KernelWorkers workers;
    private final LayoutStage stage;
    private final ThreadPlacement placement;
    private final FrameDriver driver;
    /** Tells the driver of each pulse once ticking; FX thread. */
    private AnimationTimer pulses;
    private final PointsLayout points;
    private final FittedLayout field;
    private final String backend;
    private final List<KernelFault> faults = new CopyOnWriteArrayList<>();
    private final AtomicInteger parameterGeneration = new AtomicInteger();
    private final SharedArena arena;
    private final KernelHost host;

    /**
     * Starts every thread but the driver's ({@link #startTicking}).
     *
     * @param parameters the kernel's parameters, in descriptor order, already checked
     * @param width the frame's width in pixels until a surface says its size ({@link #fitTo}); a
     *     grid's frame is the grid's size instead
     * @param workerCpus one CPU per worker, -1 for an unpinned one
     * @param renderBackend how frames are drawn: {@link BackendSelector}'s auto, cpu, gl or gl-pipelined
     * @throws IllegalArgumentException if the kernel's state is neither a grid nor n-body's items
     */
    public PluginPipeline(KernelModule module, KernelSize size, double[] parameters, int width, int height, double rate,
            FrameTimeline timeline, List<Integer> workerCpus, String renderBackend) throws IOException {
        this.descriptor = module.descriptor();
        this.size = size;
        String unshowable = unshowable(descriptor);
        if (unshowable != null) {
            throw new IllegalArgumentException("plugin " + descriptor.id() + ": " + unshowable);
        }
        long stateBytes = descriptor.stateBytes(size.items());
        FrameLayout frameLayout;
        FrameRaster raster = null;
        long layoutSlot;
        if (descriptor.state().isGrid()) {
            // Counts of the user's points span orders of magnitude: a log scale, empty cells left dark.
            FieldStyle style = takesPoints(descriptor) ? FieldStyle.auto(ColourMap.VIRIDIS, ValueScale.LOG, true)
                    : FieldStyle.auto(ColourMap.VIRIDIS, ValueScale.LINEAR, false);
            BackendChoice<FrameLayout> choice = BackendSelector.field(renderBackend, HEADER, size.gridWidth(),
                    size.gridHeight(), false, style);
            field = new FittedLayout(choice.chosen(), size.gridWidth(), size.gridHeight());
            frameLayout = field;
            backend = choice.backend();
            points = null;
            layoutSlot = LayoutFrame.slotBytes(Math.max((long) size.gridWidth() * size.gridHeight(), MAX_VIEW_PIXELS), 0);
        } else { // items of eight lanes, as n-body's: unshowable() lets nothing else through
            long pixels = Math.max((long) width * height, MAX_VIEW_PIXELS);
            field = null;
            points = new PointsLayout(HEADER, size.items(), PointFormat.NBODY, pixels,
                    new OrbitCamera(0, 0, 0, -60, 35, 3.0, 40),
                    new PointStyle(PointStyle.ColourBy.SPEED, 0, FieldStyle.auto(ColourMap.VIRIDIS, ValueScale.LINEAR, false), 1),
                    width, height);
            BackendChoice<FrameRaster> choice = BackendSelector.points(renderBackend, points);
            frameLayout = points;
            raster = choice.chosen();
            backend = choice.backend();
            layoutSlot = LayoutFrame.slotBytes(pixels, size.items());
        }
        arena = SharedArena.allocate(ArenaLayout.packed(HEADER + stateBytes, layoutSlot, 0));
        compute = arena.tripleBuffer(Stage.COMPUTE, DeliveryMode.LIVE, WaitPolicy.BLOCKING);
        layout = arena.tripleBuffer(Stage.LAYOUT, DeliveryMode.LIVE, WaitPolicy.BLOCKING);
        // Four chunks a worker, so a slow worker's share is taken by the others; but a tiny
        // kernel (a grid of a few cells) gets no more workers than items, and one item a chunk.
        List<Integer> cpus = workerCpus.subList(0, Math.min(workerCpus.size(), size.items()));
        try (Arena local = Arena.ofConfined()) {
            MemorySegment start = local.allocate(stateBytes, 16);
            module.startingState(size, parameters, start);
            int chunks = (int) Math.min(4L * cpus.size(), size.items());
            workers = new KernelWorkers(module, size, compute, HEADER, start, cpus, chunks,
                    WaitPolicy.BLOCKING, faults::add).recordInto(timeline);
        }
        host = new KernelHost(descriptor.id(), workers, RING_CAPACITY, ProducerType.MULTI);
        // The workers start from the descriptor's defaults: the parameters go in before the first tick.
        for (int i = 0; i < parameters.length; i++) {
            if (!setParameter(i, parameters[i])) {
                throw new IllegalStateException("the control ring stayed full");
            }
        }
        placement = new ThreadPlacement(descriptor.id(), workers);
        stage = new LayoutStage(descriptor.id(), compute, layout, frameLayout, raster).recordInto(timeline)
                .copyingComputeHeader();
        stage.keepingTo(cpus.stream().filter(cpu -> cpu >= 0).toList(), placement.measuring(stage)).start();
        driver = new FrameDriver(descriptor.id(), host.ring(), () -> Integer.toUnsignedLong(compute.publishedGeneration()),
                rate, MAX_IN_FLIGHT, timeline);
    }

    /**
     * How busy the workers' core was when the layout stage last looked (every few frames): the
     * workers' mean share, plus the layout's while it runs there; 0 to 1.
     */
    public double workersCoreLoad() {
        return placement.load();
    }

    /**
     * Why the application cannot draw a kernel's state, or null when it can: it draws a grid of one
     * f32 per cell as a coloured field, and items of eight f32 lanes (x, y, z, mass, vx, vy, vz,
     * unused) as points in 3D.
     */
    public static String unshowable(KernelDescriptor descriptor) {
        StateLayout state = descriptor.state();
        boolean f32 = state.element() == ElementType.F32;
        if (state.isGrid() ? f32 && state.lanes() == 1 : f32 && state.lanes() == PointFormat.NBODY.lanes()) {
            return null;
        }
        return "Orrery draws a grid of one f32 per cell, and items of eight f32 lanes (x, y, z, mass, vx, vy, vz,"
                + " unused) as points; this kernel's " + (state.isGrid() ? "cells" : "items") + " are " + state.lanes()
                + " x " + state.element().name().toLowerCase(Locale.ROOT) + ", so its view cannot open";
    }

    /** Whether the kernel takes the user's points (a buffer of x, y and weight records), loaded from a file. */
    public static boolean takesPoints(KernelDescriptor descriptor) {
        return descriptor.buffer().filter(b -> b.fields().equals(List.of("x", "y", "weight"))).isPresent();
    }

    /**
     * Starts the ticks, and tells the driver of every FX pulse from then on, so that at the
     * display's rate the ticks keep in step with the pulses ({@link FrameDriver}).
     */
    public void startTicking() {
        startTickingOnClock();
        onFxThread(() -> {
            pulses = new AnimationTimer() {
                @Override
                public void handle(long now) {
                    driver.pulse(now);
                }
            };
            pulses.start();
        });
    }

    /**
     * Starts the ticks on the driver's own clock, never told of a pulse: they drift against the
     * pulses, as they did before the driver followed them (kept to compare, {@code orrery run --clock}).
     */
    public void startTickingOnClock() {
        driver.start();
    }

    private static void onFxThread(Runnable action) {
        if (Platform.isFxApplicationThread()) {
            action.run();
        } else {
            Platform.runLater(action);
        }
    }

    /**
     * Sends a parameter's new value to the kernel, which uses it from its next tick.
     *
     * @return false if the control ring stayed full for a second
     */
    public boolean setParameter(int index, double value) {
        return host.ring().publishParameter(parameterGeneration.incrementAndGet(), index, value, RING_TIMEOUT_NANOS);
    }

    /** Why the pipeline stopped: the kernel's fault or the layout's failure; empty while it runs. */
    public Optional<Throwable> failure() {
        if (!faults.isEmpty()) {
            return Optional.of(faults.getFirst());
        }
        return Optional.ofNullable(stage.failure());
    }

    public KernelDescriptor descriptor() {
        return descriptor;
    }

    public int items() {
        return size.items();
    }

    /** The run's item count, or grid. */
    public KernelSize size() {
        return size;
    }

    public TripleBuffer compute() {
        return compute;
    }

    /** The layout frames, for a surface to show. */
    public TripleBuffer layout() {
        return layout;
    }

    public KernelWorkers workers() {
        return workers;
    }

    public FrameDriver driver() {
        return driver;
    }

    /** The control ring, for controls that send the kernel parameters or its buffer. */
    public ControlRing ring() {
        return host.ring();
    }

    /** The parameter generation the ring's senders share. */
    public AtomicInteger parameterGeneration() {
        return parameterGeneration;
    }

    /**
     * Has frames drawn at {@code surface}'s device pixels, so the renderer draws them 1:1: a
     * grid's part in view, or the items at the surface's size. FX thread.
     */
    public void fitTo(GpuSurface surface) {
        if (points != null) {
            surface.setSizeListener(points::setSurfaceSize);
        }
        if (field != null) {
            surface.fitFrames(size.gridWidth(), size.gridHeight(), (width, height, cells) ->
                    field.show(width, height, cells.getMinX(), cells.getMinY(), cells.getWidth(), cells.getHeight()));
        }
    }

    /** The points layout of an item kernel, for its camera; empty for a grid. */
    public Optional<PointsLayout> points() {
        return Optional.ofNullable(points);
    }

    /** The render backend chosen: cpu, gl or gl-pipelined. */
    public String renderBackend() {
        return backend;
    }

    @Override
    public void close() throws InterruptedException {
        try {
            onFxThread(() -> {
                if (pulses != null) {
                    pulses.stop();
                }
            });
        } catch (IllegalStateException e) {
            // the FX toolkit has exited: no pulse comes any more
        }
        driver.close();
        stage.close();
        placement.close();
        host.close();
        arena.close();
    }
}
