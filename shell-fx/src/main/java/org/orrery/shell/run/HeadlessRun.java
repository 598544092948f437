package org.orrery.shell.run;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.orrery.api.kernel.KernelDescriptor;
import org.orrery.api.kernel.ParameterSpec;
import org.orrery.api.kernel.ParameterType;
import org.orrery.api.kernel.StateLayout;
import org.orrery.memory.timing.FrameCollector;
import org.orrery.memory.timing.FrameStage;
import org.orrery.memory.timing.FrameTimeline;
import org.orrery.shell.run.late.LateFrames;
import org.orrery.shell.run.late.RuntimeRecording;
import org.orrery.shell.run.late.ThreadSchedule;
import org.orrery.servo.gl.BackendSelector;
import org.orrery.servo.interaction.DataViewControls;
import org.orrery.servo.surface.GpuSurface;
import org.orrery.servo.surface.OffscreenPresenter;
import org.orrery.servo.surface.PixelBufferBackend;
import org.orrery.servo.surface.WindowPresenter;
import org.orrery.servo.web.ServoEngine;
import org.orrery.servo.web.ServoView;
import org.orrery.shell.catalog.CatalogEntry;
import org.orrery.shell.catalog.PluginLibrary;
import org.orrery.shell.home.OrreryHome;
import org.orrery.shell.hud.HudFeed;
import org.orrery.shell.panel.WebPanel;
import org.orrery.plugins.density.LoadException;
import org.orrery.plugins.density.PointLoader;
import org.orrery.plugins.density.PointTable;
import org.orrery.shell.pipeline.DataRegion;
import org.orrery.shell.pipeline.FxThreads;
import org.orrery.shell.pipeline.JvmBackgroundThreads;
import org.orrery.shell.pipeline.PluginFailure;
import org.orrery.shell.pipeline.PluginPipeline;
import org.orrery.shell.run.RunOptions.UsageException;
import org.orrery.wasm.KernelModule;
import org.orrery.wasm.KernelSize;
import org.orrery.wasm.StepWatchdog;
import org.orrery.wasm.WorkerUtilisation;
import org.orrery.wasm.engine.EngineChoice;
import org.orrery.wasm.engine.EngineVerdicts;
import org.orrery.wasm.engine.WasmEngine;
import org.orrery.wasm.graal.GraalWasmEngine;
import org.orrery.wasm.plugins.ComputePlugin;
import org.orrery.wasm.topology.CorePartition;
import org.orrery.wasm.topology.CpuTopology;
import org.orrery.wasm.wasmtime.WasmtimeEngine;
import org.orrery.wasm.wasmtime.WasmtimeUnavailableException;

/**
 * {@code orrery run}: one plugin through the whole pipeline with no window. The driver ticks at
 * the rate asked; the renderer lays out and draws each frame into an offscreen surface on
 * JavaFX's pulse; at the end it prints the frame statistics and, if asked, writes every frame's
 * stage times as CSV.
 */
public final class HeadlessRun {

    /** Exit codes. */
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    private static final int WIDTH = 1280;
    private static final int HEIGHT = 720;
    private static final int TIMELINE_FRAMES = 4096;
    private static final FrameStage[] STAGES = FrameStage.values();
    /** The longest each build may take to settle on each engine before the run (the window's limit too). */
    private static final Duration WARM_UP_LIMIT = Duration.ofSeconds(3);
    /** A frame presented later than this after the one before is late (a 60 Hz pulse, and 1/3 ms to spare). */
    private static final double LATE_MILLIS = 17.0;

    private final PrintStream out;
    private final PrintStream err;

    public HeadlessRun(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs {@code orrery run} with the arguments after {@code run}; returns the exit code. */
    public int run(List<String> args) {
        if (args.contains("--help")) {
            out.println(RunOptions.USAGE);
            return OK;
        }
        RunOptions options;
        try {
            options = RunOptions.parse(args);
        } catch (UsageException e) {
            err.println("orrery run: " + e.getMessage());
            err.println(RunOptions.USAGE);
            return USAGE;
        }
        ComputePlugin plugin = findPlugin(options);
        if (plugin == null) {
            return USAGE;
        }
        double[] parameters;
        KernelSize size;
        try {
            parameters = parameters(plugin.descriptor(), options);
            size = size(plugin.descriptor(), options);
        } catch (UsageException e) {
            err.println("orrery run: " + e.getMessage());
            return USAGE;
        }
        if (options.panel() && plugin.panelFile().isEmpty()) {
            err.println("orrery run: plugin " + plugin.id() + " has no web panel (its kernel.json names none)");
            return USAGE;
        }
        if (options.data() != null && !PluginPipeline.takesPoints(plugin.descriptor())) {
            err.println("orrery run: plugin " + plugin.id() + " takes no points; --data is for kernels of points (density)");
            return USAGE;
        }
        if (options.pan() && DataRegion.edges(plugin.descriptor()).isEmpty()) {
            err.println("orrery run: plugin " + plugin.id() + " shows no region of data to pan (--pan is for kernels of"
                    + " points, with parameters xMin, xMax, yMin and yMax)");
            return USAGE;
        }
        CorePartition partition;
        try {
            partition = options.workerCpus() == null ? CorePartition.of(CpuTopology.detect())
                    : CorePartition.withWorkers(CpuTopology.detect(), options.workerCpus());
        } catch (IllegalArgumentException e) {
            err.println("orrery run: --worker-cpus: " + e.getMessage());
            return USAGE;
        } catch (IOException e) {
            err.println("orrery run: cannot read the CPUs' layout: " + e.getMessage());
            return FAILED;
        }
        PointTable points = null;
        try {
            points = options.data() == null ? null : load(plugin, options);
            return runPlugin(plugin, parameters, size, options, partition, points);
        } catch (LoadException e) {
            err.println("orrery run: plugin " + plugin.id() + ": " + e.getMessage());
            return FAILED;
        } catch (WasmtimeUnavailableException e) {
            err.println("orrery run: --engine " + options.engine().option() + ": " + e.getMessage());
            return FAILED;
        } catch (Exception e) {
            err.println("orrery run: plugin " + plugin.id() + " failed: " + e);
            return FAILED;
        } finally {
            if (points != null) {
                points.close(); // after the run: its workers have let go of it
            }
        }
    }

    /** Loads {@code --data}, saying each stage as it starts and what was loaded or rejected. */
    private PointTable load(ComputePlugin plugin, RunOptions options) throws LoadException {
        AtomicReference<String> stageSaid = new AtomicReference<>("");
        PointTable table = new PointLoader(plugin.descriptor().buffer().orElseThrow().maxRecords())
                .load(options.data(), (stage, fraction) -> {
                    if (!stage.equals(stageSaid.getAndSet(stage))) {
                        out.println("data: " + stage + "…");
                    }
                });
        out.printf(Locale.ROOT, "data: %,d points from %s in %.1f s, %,d lines rejected%n", table.count(),
                options.data().file().getFileName(), table.loadTime().toMillis() / 1000.0, table.rejectedCount());
        table.rejected().stream().limit(5).forEach(line -> err.println("  rejected: " + line));
        return table;
    }

    /**
     * The plugin asked for, from the folder {@code --plugins} names or else from the plugins the
     * application lists (bundled and the user's); null, having said why, when there is none.
     */
    private ComputePlugin findPlugin(RunOptions options) {
        PluginLibrary library;
        String where;
        if (options.pluginsFolder() != null) {
            library = PluginLibrary.ofFolder(options.pluginsFolder());
            where = options.pluginsFolder().toString();
        } else {
            OrreryHome home = OrreryHome.fromSystem();
            library = PluginLibrary.of(home);
            where = "the bundled plugins or " + home.plugins();
        }
        List<CatalogEntry> entries;
        try {
            entries = library.load();
        } catch (IOException e) {
            err.println("orrery run: cannot read the plugins: " + e.getMessage());
            return null;
        }
        CatalogEntry wanted = null;
        for (CatalogEntry entry : entries) {
            if (entry.status() == CatalogEntry.Status.FAILED) {
                err.println("warning: plugin " + entry.id() + " not loaded: " + entry.reason());
            } else if (entry.id().equals(options.plugin())) {
                wanted = entry;
            }
        }
        if (wanted == null) {
            err.println("orrery run: no plugin '" + options.plugin() + "' in " + where + "; there are: "
                    + String.join(", ", entries.stream().filter(e -> e.plugin().isPresent()).map(CatalogEntry::id).toList()));
            return null;
        }
        if (wanted.status() == CatalogEntry.Status.DISABLED) {
            err.println("orrery run: plugin " + wanted.id() + " is disabled; enable it in the application's plugin list");
            return null;
        }
        return wanted.plugin().orElseThrow();
    }

    /** The descriptor's defaults with the options' values put in, each checked; a choice by its name. */
    static double[] parameters(KernelDescriptor descriptor, RunOptions options) throws UsageException {
        List<ParameterSpec> specs = descriptor.parameters();
        double[] values = specs.stream().mapToDouble(ParameterSpec::defaultValue).toArray();
        for (var given : options.parameters().entrySet()) {
            int index = -1;
            for (int i = 0; i < specs.size(); i++) {
                if (specs.get(i).name().equals(given.getKey())) {
                    index = i;
                }
            }
            if (index < 0) {
                throw new UsageException("plugin " + descriptor.id() + " has no parameter '" + given.getKey()
                        + "'; it has: " + String.join(", ", specs.stream().map(ParameterSpec::name).toList()));
            }
            ParameterSpec spec = specs.get(index);
            String text = given.getValue();
            double value;
            if (spec.type() == ParameterType.CHOICE) {
                value = spec.choices().indexOf(text);
                if (value < 0) {
                    throw new UsageException(spec.name() + " is " + spec.range() + "; got '" + text + "'");
                }
            } else {
                try {
                    value = Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    value = Double.NaN;
                }
                if (!spec.accepts(value)) {
                    throw new UsageException(spec.name() + " takes " + spec.range() + "; got '" + text + "'");
                }
            }
            values[index] = value;
        }
        return values;
    }

    /** The descriptor's default size, or the item count or grid asked for, if allowed. */
    static KernelSize size(KernelDescriptor descriptor, RunOptions options) throws UsageException {
        StateLayout state = descriptor.state();
        if (options.gridWidth() > 0) {
            if (!state.isGrid()) {
                throw new UsageException("plugin " + descriptor.id() + " steps items; --grid is for grid kernels");
            }
            if (options.gridWidth() > state.maxGridWidth() || options.gridHeight() > state.maxGridHeight()) {
                throw new UsageException("plugin " + descriptor.id() + " takes grids up to " + state.maxGridWidth() + "x"
                        + state.maxGridHeight() + "; got " + options.gridWidth() + "x" + options.gridHeight());
            }
            return KernelSize.grid(options.gridWidth(), options.gridHeight());
        }
        int items = options.items();
        if (items == 0) {
            return KernelSize.defaultFor(descriptor);
        }
        if (state.isGrid()) {
            throw new UsageException("plugin " + descriptor.id() + " is a grid; --items is for kernels of items (--grid WxH)");
        }
        if (items < descriptor.items().min() || items > descriptor.items().max()) {
            throw new UsageException("plugin " + descriptor.id() + " takes " + descriptor.items().min() + " to "
                    + descriptor.items().max() + " items; got " + items);
        }
        return KernelSize.items(items);
    }

    /** The engines {@code choice} allows, GraalWasm first; where Wasmtime cannot load, says so once. */
    private List<WasmEngine> engines(EngineChoice choice, WasmEngine graalWasm) {
        List<WasmEngine> engines = choice.engines(graalWasm);
        if (choice == EngineChoice.AUTO && engines.size() == 1) {
            err.println("warning: Wasmtime unavailable, kernels run on GraalWasm: "
                    + WasmtimeEngine.whyUnavailable().orElse("unknown reason"));
        }
        return engines;
    }

    private int runPlugin(ComputePlugin plugin, double[] parameters, KernelSize size, RunOptions options,
            CorePartition partition, PointTable points) throws Exception {
        startFx();
        FxThreads.configure(options.fxCpus(), partition.ui(), partition.all());
        JvmBackgroundThreads.lowerTo(options.background());
        if (options.floor()) {
            EmptyFloor floor = onFx(() -> new EmptyFloor(WIDTH, HEIGHT, options.frames(), options.seconds()));
            floor.done.await();
            out.printf(Locale.ROOT, "floor, an empty window: %d frames; interval ms: p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f"
                            + "  max %.2f  jitter (sd) %.2f%n", floor.intervals.getTotalCount() + 1,
                    floor.intervals.getValueAtPercentile(50) / 1e6, floor.intervals.getValueAtPercentile(90) / 1e6,
                    floor.intervals.getValueAtPercentile(99) / 1e6, floor.intervals.getValueAtPercentile(99.9) / 1e6,
                    floor.intervals.getMaxValue() / 1e6, floor.intervals.getStdDeviation() / 1e6);
        }
        FrameTimeline timeline = new FrameTimeline(Arena.ofAuto().allocate(FrameTimeline.bytesFor(TIMELINE_FRAMES), 64),
                TIMELINE_FRAMES);
        try (WasmEngine runtime = new GraalWasmEngine(); StepWatchdog watchdog = new StepWatchdog()) {
            if (!runtime.isOptimizing()) {
                err.println("warning: " + runtime.interpreterWarning().orElseThrow());
            }
            List<WasmEngine> engines = engines(options.engine(), runtime);
            long loading = System.nanoTime();
            ComputePlugin.Start warmed = plugin.warmUp(engines, EngineVerdicts.atDefault(), watchdog, size, parameters,
                    WARM_UP_LIMIT);
            double readyMillis = (System.nanoTime() - loading) / 1e6;
            KernelModule module = warmed.module();
            // Ready: compiled or loaded, instantiated, warmed up; the first tick goes out next.
            out.printf(Locale.ROOT, "engine: %s; ready %.0f ms after loading began%n", warmed.describe(), readyMillis);
            if (!warmed.warmUp().note().isEmpty()) {
                err.println("warning: " + warmed.warmUp().note());
            }
            boolean finished;
            ServoEngine.runOn(partition.render()); // a --panel's Servo
            try (PluginPipeline pipeline = new PluginPipeline(module, size, parameters, WIDTH, HEIGHT, options.rate(), timeline,
                    partition.workers(), BackendSelector.CPU);
                 Writer report = options.report() == null ? null : Files.newBufferedWriter(options.report())) {
                RunReport rows = report == null ? null : new RunReport(report, RunReport.Format.of(options.report()), timeline);
                WorkerUtilisation utilisation = new WorkerUtilisation(pipeline.workers());
                if (points != null) {
                    pipeline.workers().offerBuffer(points.records(), points.count());
                }
                Rectangle2D region = DataRegion.edges(plugin.descriptor())
                        .map(edges -> points != null ? DataRegion.home(points.bounds()) : DataRegion.held(edges, parameters))
                        .orElse(null);
                Presenting presenting = onFx(() -> new Presenting(pipeline, timeline, utilisation, options, region));
                if (options.panel()) {
                    presenting.showPanel(plugin, parameters);
                    awaitPanel(presenting.panel);
                }
                long start = System.nanoTime();
                FrameCollector collector;
                LateFrames lateFrames = options.lateFrames() ? new LateFrames() : null;
                RuntimeRecording recording = options.lateFrames() ? RuntimeRecording.start() : null;
                ThreadSchedule schedule = options.lateFrames() ? ThreadSchedule.start() : null;
                try (schedule; RunCollector reader = new RunCollector(timeline, rows, () -> presenting.newestPresented,
                        () -> presenting.lastWarmUpFrame, lateFrames)) {
                    if (options.clock()) {
                        pipeline.startTickingOnClock();
                    } else {
                        pipeline.startTicking();
                    }
                    long limit = options.frames() > 0 ? 3_600 : (long) (options.warmup() + options.seconds()) + 60;
                    finished = presenting.done.await(limit, TimeUnit.SECONDS);
                    onFx(() -> {
                        if (options.report() != null) {
                            Path view = ViewPicture.file(options.report());
                            ViewPicture.write(presenting.lastFrame(), view);
                            out.println("view's last frame: " + view);
                        }
                        presenting.finish();
                        return null;
                    });
                    collector = reader.statistics();
                }
                long measuredFrom = presenting.measuredStartNanos != 0 ? presenting.measuredStartNanos : start;
                double seconds = (System.nanoTime() - measuredFrom) / 1e9;
                utilisation.sample();
                if (rows != null) {
                    rows.finish(collector, String.format(Locale.ROOT, "%s %s, %s, %.0f ticks/s, %s", plugin.id(),
                            plugin.version(), sizeText(pipeline.size()), options.rate(), warmed.engineAndBuild()),
                            warmed.describe(), 1000 / options.rate(),
                            RunReport.plotFile(options.report()));
                }
                printSummary(plugin, pipeline, collector, utilisation, presenting, seconds, options.warmup(),
                        runtime.isOptimizing());
                if (recording != null) {
                    out.print(LateFrames.report(lateFrames.explain(recording.stop(), schedule, LATE_MILLIS),
                            collector.intervals(), LATE_MILLIS));
                }
                if (presenting.panel != null) {
                    printPanel(presenting.panel);
                }
                if (pipeline.failure().isPresent()) {
                    err.println("orrery run: " + PluginFailure.message(plugin.id(), pipeline.failure().get()));
                    return FAILED;
                }
                return finished ? OK : FAILED;
            }
        }
    }

    /** Waits until the panel's page has loaded, or says why it cannot. */
    private void awaitPanel(WebPanel panel) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            ServoView view = onFx(panel::view);
            String problem = onFx(panel::problemShown);
            if (problem != null) {
                err.println("warning: " + problem);
                return;
            }
            if (view != null && view.loaded()) {
                return;
            }
            Thread.sleep(20);
        }
        err.println("warning: the web panel did not load within 2 minutes");
    }

    private void printPanel(WebPanel panel) throws Exception {
        ServoView view = onFx(panel::view);
        if (view == null) {
            out.println("web panel: none (" + onFx(panel::problemShown) + ")");
            return;
        }
        String problem = view.problem();
        out.printf(Locale.ROOT, "web panel: %d frames handed to the page%s%n", view.framesPosted(),
                problem == null ? "" : "; it reported: " + problem);
    }

    private void printSummary(ComputePlugin plugin, PluginPipeline pipeline, FrameCollector collector,
            WorkerUtilisation utilisation, Presenting presenting, double seconds, double warmup, boolean optimizing) {
        out.printf(Locale.ROOT, "plugin %s %s, %s: %.1f s (after %.0f s of warm-up), %d ticks (%d skipped while the kernel was behind), backend %s,"
                        + " optimizing WebAssembly runtime: %s%n",
                plugin.id(), plugin.version(), sizeText(pipeline.size()), seconds, warmup, pipeline.driver().ticksPublished(), pipeline.driver().ticksSkipped(),
                presenting.backend, optimizing ? "yes" : "no");
        out.printf(Locale.ROOT, "frames presented: %d, dropped: %d, incomplete: %d, lost: %d%n", collector.presented(),
                collector.dropped(), collector.incomplete(), collector.lost());
        out.printf(Locale.ROOT, "frame interval ms: p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f  jitter (sd) %.2f%n",
                collector.intervalMillis(50), collector.intervalMillis(90), collector.intervalMillis(99),
                collector.intervalMillis(99.9), collector.maxIntervalMillis(), collector.jitterMillis());
        StringBuilder stages = new StringBuilder("mean ms from the stage before:");
        for (int s = 1; s < STAGES.length; s++) {
            stages.append(String.format(Locale.ROOT, "  %s %.3f", STAGES[s].name().toLowerCase(Locale.ROOT),
                    collector.meanStageMillis(STAGES[s])));
        }
        out.println(stages);
        StringBuilder workers = new StringBuilder("worker utilisation:");
        for (int w = 0; w < utilisation.workers(); w++) {
            int cpu = utilisation.cpu(w);
            workers.append(String.format(Locale.ROOT, "  %s %.0f %%", cpu >= 0 ? "cpu " + cpu : "worker " + w,
                    100 * utilisation.share(w)));
        }
        out.println(workers);
        out.printf(Locale.ROOT, "JavaFX threads: %s (--fx-cpus %s; the workers' core was busy %.0f %% at the last look)%n",
                FxThreads.keptToUi() ? "kept to the UI core" : "on any CPU", FxThreads.mode().name().toLowerCase(Locale.ROOT),
                100 * pipeline.workersCoreLoad());
        out.println("JVM compiler and collector threads: " + JvmBackgroundThreads.priority().describe());
    }

    private static String sizeText(KernelSize size) {
        return size.gridWidth() > 0 ? size.gridWidth() + "x" + size.gridHeight() + " grid" : size.items() + " items";
    }

    /** The FX side: presents and renders on every pulse, and ends the run. FX thread. */
    private static final class Presenting extends AnimationTimer {

        final CountDownLatch done = new CountDownLatch(1);
        final String backend;
        /** The newest frame presented, for the collector. */
        volatile long newestPresented;
        /** The last frame of the warm-up once it is over, -1 until then. */
        volatile long lastWarmUpFrame = -1;
        /** When the measured part began (the warm-up's end); 0 before. */
        volatile long measuredStartNanos;
        private final PluginPipeline pipeline;
        private final FrameTimeline timeline;
        private final GpuSurface surface;
        /** The plugin's web panel and what feeds it its statistics, with --panel; else null. */
        WebPanel panel;
        private HudFeed panelFeed;
        private ExecutorService panelThread;
        /** Offscreen, or else in a window: one of the two is null. */
        private final OffscreenPresenter presenter;
        private final WindowPresenter windowPresenter;
        private final Stage window;
        private final WorkerUtilisation utilisation;
        private final RunOptions options;
        /** A kernel of data's region controls, as the application has them; else null. */
        private final DataViewControls regionControls;
        /** With --pan, the region shown frame by frame; else null. */
        private final PanPath pan;
        private long pulses;
        private final long warmUpEndNanos;
        /** Frames shown during the warm-up, or -1 while it lasts. */
        private long warmUpFrames = -1;
        private long endNanos;
        private boolean lastPulseWaited;

        Presenting(PluginPipeline pipeline, FrameTimeline timeline, WorkerUtilisation utilisation, RunOptions options,
                Rectangle2D region) {
            this.pipeline = pipeline;
            this.timeline = timeline;
            this.surface = new GpuSurface(pipeline.layout(), new PixelBufferBackend());
            // As the application shows a view: kept in shape (a square grid is laid out square, not
            // stretched over the whole 1280 x 720, which would be more work than the app does).
            surface.setKeepAspect(true);
            pipeline.fitTo(surface);
            if (options.window()) {
                // Presented on the window's pulse, as the application does.
                window = new Stage();
                window.setTitle("orrery run: " + pipeline.descriptor().id());
                window.setScene(new Scene(new StackPane(surface), WIDTH, HEIGHT));
                presenter = null;
                windowPresenter = new WindowPresenter(surface).recordInto(timeline);
                windowPresenter.start(window.getScene());
                window.show();
            } else {
                window = null;
                windowPresenter = null;
                presenter = new OffscreenPresenter(surface, WIDTH, HEIGHT);
                presenter.recordInto(timeline);
            }
            this.backend = surface.backendName() + (options.window() ? ", in a window" : ", offscreen");
            this.utilisation = utilisation;
            this.options = options;
            this.regionControls = region == null ? null : DataViewControls.install(surface, pipeline.ring(),
                    pipeline.parameterGeneration(), DataRegion.edges(pipeline.descriptor()).orElseThrow(), region);
            if (regionControls != null) {
                regionControls.setHome(region); // sent now, before the first tick
            }
            this.pan = options.pan() ? new PanPath(region) : null;
            this.warmUpEndNanos = System.nanoTime() + (long) (options.warmup() * 1e9);
            start();
        }

        @Override
        public void handle(long now) {
            if (pan != null) {
                regionControls.showRegion(pan.at(++pulses));
            }
            // The frames shown before this pulse: if the warm-up ends now, they are its frames, and
            // what this pulse presents is measured (with no warm-up, every frame is).
            long shownBefore = surface.frameShown();
            long countBefore = surface.framesShown();
            if (presenter != null && presenter.presentAndRender()) {
                newestPresented = surface.frameShown();
            } else if (windowPresenter != null) {
                newestPresented = windowPresenter.presentedFrame();
            }
            long time = System.nanoTime();
            if (warmUpFrames < 0) {
                if (time < warmUpEndNanos) {
                    return;
                }
                // The warm-up ends: the statistics and the utilisation start after its frames.
                warmUpFrames = countBefore;
                utilisation.sample();
                endNanos = options.frames() > 0 ? Long.MAX_VALUE : time + (long) (options.seconds() * 1e9);
                measuredStartNanos = time;
                lastWarmUpFrame = shownBefore;
            }
            boolean end = (options.frames() > 0 && surface.framesShown() - warmUpFrames >= options.frames())
                    || time >= endNanos
                    || pipeline.failure().isPresent(); // a failed plugin ends the run
            if (end && windowPresenter != null && !lastPulseWaited) {
                lastPulseWaited = true; // in a window the last frame is stamped presented at the next pulse
                return;
            }
            if (end) {
                stop();
                done.countDown();
            }
        }

        /** Starts the plugin's web panel beside the view (in the window, if there is one), fed every frame. */
        void showPanel(ComputePlugin plugin, double[] parameters) throws Exception {
            panelThread = Executors.newSingleThreadExecutor();
            panelFeed = new HudFeed(timeline, pipeline.workers(), () -> newestPresented,
                    () -> pipeline.driver().ticksPublished());
            onFx(() -> {
                panel = new WebPanel(plugin.descriptor(), plugin.panelFile().orElseThrow(), parameters, panelThread);
                panel.follow(surface, panelFeed);
                if (window != null) {
                    HBox.setHgrow(surface, Priority.ALWAYS);
                    window.getScene().setRoot(new HBox(surface, panel));
                }
                return null;
            });
        }

        /** The view as last presented. FX thread. */
        javafx.scene.image.Image lastFrame() {
            return presenter != null ? presenter.image() : surface.snapshot(null, null);
        }

        /** Stops presenting, if it has not stopped itself, and lets go of the surface. */
        void finish() throws InterruptedException {
            if (panel != null) {
                panel.close();
                panelFeed.close();
                panelThread.shutdown();
            }
            stop();
            if (window != null) {
                windowPresenter.stop();
                window.close();
            }
            surface.dispose();
        }
    }

    private static void startFx() {
        try {
            Platform.startup(() -> { });
        } catch (IllegalStateException alreadyStarted) {
            // a run before this one in the same process started it
        }
        Platform.setImplicitExit(false);
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> work) throws Exception {
        FutureTask<T> task = new FutureTask<>(work);
        Platform.runLater(task);
        return task.get(30, TimeUnit.SECONDS);
    }
}
