package org.orrery.shell.session;

import java.lang.foreign.Arena;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javafx.scene.Scene;
import org.orrery.api.kernel.KernelDescriptor;
import org.orrery.memory.timing.FrameTimeline;
import org.orrery.servo.interaction.DataViewControls;
import org.orrery.servo.interaction.FieldPicker;
import org.orrery.servo.interaction.HoverReadout;
import org.orrery.servo.interaction.OrbitControls;
import org.orrery.servo.interaction.SourcePainter;
import org.orrery.servo.points.OrbitCamera;
import org.orrery.servo.points.PointsLayout;
import org.orrery.servo.surface.GpuSurface;
import org.orrery.servo.surface.PixelBufferBackend;
import org.orrery.servo.surface.WindowPresenter;
import org.orrery.shell.hud.HudFeed;
import org.orrery.shell.pipeline.DataRegion;
import org.orrery.shell.pipeline.PluginPipeline;
import org.orrery.shell.settings.Settings;
import org.orrery.wasm.KernelModule;
import org.orrery.wasm.KernelSize;
import org.orrery.wasm.engine.EngineVerdicts;
import org.orrery.wasm.plugins.ComputePlugin;

/**
 * One run of a plugin in the window: its pipeline, the surface that shows it with the controls
 * that fit the kernel (orbit for points, painting sources and reading values for a heat grid),
 * and the feed of its timings for the HUD. Made with {@link #prepare} off the FX thread, shown with
 * {@link #attach} on it; a reset makes a new one.
 */
final class PluginRun {

    static final int WIDTH = 960;
    static final int HEIGHT = 540;
    private static final int TIMELINE_FRAMES = 4096;
    /** The longest a module is warmed up before it is taken as steady. */
    private static final Duration WARM_UP_LIMIT = Duration.ofSeconds(3);
    /** A painted heat source: its radius in cells and its temperature. */
    private static final double SOURCE_RADIUS = 12;
    private static final double SOURCE_TEMPERATURE = 500;

    final PluginPipeline pipeline;
    final FrameTimeline timeline;
    final boolean optimizing;
    /** Which engine and build run the kernel, and why: the warm-up's verdict. */
    final ComputePlugin.Start start;
    /** The parameters the run started with, in descriptor order. */
    private final double[] startingParameters;
    private DataViewControls dataView;
    private GpuSurface surface;
    private WindowPresenter presenter;
    private HudFeed feed;
    /** Closed after the pipeline: what its workers may still read, such as a replaced points table. */
    private final List<AutoCloseable> retired = new java.util.concurrent.CopyOnWriteArrayList<>();

    private PluginRun(PluginPipeline pipeline, FrameTimeline timeline, boolean optimizing, ComputePlugin.Start start,
            double[] parameters) {
        this.start = start;
        this.startingParameters = parameters.clone();
        this.pipeline = pipeline;
        this.timeline = timeline;
        this.optimizing = optimizing;
    }

    /** Compiles the kernel and starts its pipeline, not ticking yet. Slow: not on the FX thread. */
    static PluginRun prepare(ComputePlugin plugin, KernelServices services, Settings settings, KernelSize size,
            double[] parameters, double rate) throws Exception {
        var runtime = services.runtime().get();
        // Warmed up so the first frames are not interpreted (a big first step could even overrun
        // the step budget); of every build on every engine the settings allow, the fastest.
        ComputePlugin.Start warmed = plugin.warmUp(settings.engine().engines(runtime), EngineVerdicts.atDefault(),
                services.watchdog(), size, parameters, WARM_UP_LIMIT);
        KernelModule module = warmed.module();
        FrameTimeline timeline = new FrameTimeline(Arena.ofAuto().allocate(FrameTimeline.bytesFor(TIMELINE_FRAMES), 64),
                TIMELINE_FRAMES);
        PluginPipeline pipeline = new PluginPipeline(module, size, parameters, WIDTH, HEIGHT, rate, timeline,
                settings.workerCpus(services.workerCores()), settings.renderBackend());
        return new PluginRun(pipeline, timeline, runtime.isOptimizing(), warmed, parameters);
    }

    /** Makes the surface and its controls. FX thread. */
    GpuSurface surface() {
        if (surface == null) {
            surface = new GpuSurface(pipeline.layout(), new PixelBufferBackend());
            surface.setKeepAspect(true);
            pipeline.fitTo(surface);
            pipeline.points().ifPresent(points -> OrbitControls.install(surface, points));
            var descriptor = pipeline.descriptor();
            if (descriptor.state().isGrid()) {
                HoverReadout.install(surface, new FieldPicker(pipeline.layout(), pipeline.compute(), PluginPipeline.HEADER,
                        pipeline.size().gridWidth(), pipeline.size().gridHeight(), false, ""));
                descriptor.buffer().filter(b -> b.fields().equals(List.of("x", "y", "radius", "temperature")))
                        .ifPresent(buffer -> SourcePainter.install(surface, pipeline.ring(), pipeline.parameterGeneration(),
                                buffer.maxRecords(), SOURCE_RADIUS, () -> SOURCE_TEMPERATURE));
                DataRegion.edges(descriptor).ifPresent(edges -> dataView = DataViewControls.install(surface,
                        pipeline.ring(), pipeline.parameterGeneration(), edges, DataRegion.held(edges, startingParameters)));
            }
            presenter = new WindowPresenter(surface).recordInto(timeline);
        }
        return surface;
    }

    /** The camera now shown, for a view of points; empty otherwise. */
    Optional<OrbitCamera> camera() {
        return pipeline.points().map(PointsLayout::camera);
    }

    /**
     * Shows {@code camera}, for a view of points. FX thread, after {@link #surface}, so that the
     * orbit controls' home stays the view's own first camera.
     */
    void showCamera(OrbitCamera camera) {
        pipeline.points().ifPresent(points -> points.setCamera(camera));
    }

    /** Pan and zoom over the data, for a kernel of data; empty otherwise. FX thread, after {@link #surface}. */
    Optional<DataViewControls> dataView() {
        return Optional.ofNullable(dataView);
    }

    /** Starts presenting in {@code scene} and ticking. FX thread. */
    void attach(Scene scene) {
        presenter.start(scene);
        feed = new HudFeed(timeline, pipeline.workers(), () -> presenter.presentedFrame(),
                () -> pipeline.driver().ticksPublished());
        pipeline.startTicking();
    }

    HudFeed feed() {
        return feed;
    }

    /** Stops presenting and lets go of the surface. FX thread; then {@link #close} off it. */
    void detach() {
        if (presenter != null) {
            presenter.stop();
        }
        if (surface != null) {
            surface.dispose();
        }
    }

    /** Closes {@code resource} once this run's pipeline has stopped. */
    void retire(AutoCloseable resource) {
        retired.add(resource);
    }

    /** Stops the pipeline's threads and frees its memory, then what was retired. */
    void close() throws Exception {
        if (feed != null) {
            feed.close();
        }
        pipeline.close();
        for (AutoCloseable resource : retired) {
            resource.close();
        }
    }
}
