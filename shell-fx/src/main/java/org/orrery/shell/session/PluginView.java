package org.orrery.shell.session;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.orrery.api.kernel.KernelDescriptor;
import org.orrery.api.kernel.ParameterSpec;
import org.orrery.api.kernel.ParameterType;
import org.orrery.api.kernel.StateLayout;
import org.orrery.plugins.density.PointTable;
import org.orrery.servo.interaction.DataViewControls;
import org.orrery.servo.points.OrbitCamera;
import org.orrery.shell.data.DataPanel;
import org.orrery.shell.drop.FileDrop;
import org.orrery.shell.hud.Hud;
import org.orrery.shell.panel.WebPanel;
import org.orrery.shell.parameters.NumberParameter;
import org.orrery.shell.parameters.ParameterPanel;
import org.orrery.shell.pipeline.DataRegion;
import org.orrery.shell.pipeline.PluginFailure;
import org.orrery.shell.pipeline.PluginPipeline;
import org.orrery.shell.settings.Settings;
import org.orrery.wasm.KernelSize;
import org.orrery.wasm.plugins.ComputePlugin;

/**
 * One open plugin: its parameters (and, for a plugin of the user's points, its data) on the left,
 * the run controls above its view, the HUD over the view. Starting compiles and warms up the kernel
 * and starts the pipeline in the background while a progress indicator shows; a failure at any point (the module will not compile, a step traps or runs over
 * its budget, the layout throws) replaces the view with the reason, and only this plugin stops.
 */
public final class PluginView extends BorderPane implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PluginView.class.getName());
    private static final Duration REFRESH = Duration.millis(250);

    private final ComputePlugin plugin;
    private final KernelServices services;
    private final Supplier<Settings> settings;
    private final ParameterPanel parameters;
    private final NumberParameter items;
    /** A grid's width and height in cells, or null for a kernel of items. */
    private final NumberParameter gridWidth;
    private final NumberParameter gridHeight;
    private final RunControls controls;
    private final Hud hud = new Hud();
    private final StackPane centre = new StackPane();
    private final Label hint = new Label("Press Start (F5) to run");
    private final VBox preparing;
    private final ErrorPane error = new ErrorPane();
    private final Timeline refresh = new Timeline(new KeyFrame(REFRESH, e -> refresh()));
    /** Whether a run is on screen (running or paused): the HUD shows only then. */
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final DataPanel data;
    /** The plugin's web panel, under its parameters, if its descriptor names one. */
    private final WebPanel webPanel;
    /** Which parameters are the region of data shown, for a kernel of the user's points. */
    private final Optional<DataViewControls.RegionParameters> regionEdges;
    /** Runs being stopped in the background; what they read is freed only after them. */
    private final List<Future<?>> closing = new ArrayList<>();
    private PointTable points;
    private PluginRun run;
    /** The camera the next run starts with (restored, or the last run's); null for the view's own. */
    private OrbitCamera camera;
    private RunState state = RunState.IDLE;
    /** Counts starts and resets, so a run prepared for one that was since stopped is not shown. */
    private int attempts;
    /** Set on the FX thread, read by the start under way in the background. */
    private volatile boolean closed;

    /**
     * @param values the parameters to start from, in descriptor order (the defaults, or a restored session's)
     * @param size the item count or grid to start with (a restored session's), or null for the
     *     descriptor's default; one the kernel does not accept gives the default too
     * @param camera the camera a view of points starts with (a restored session's), or null for its own
     */
    public PluginView(ComputePlugin plugin, KernelServices services, Supplier<Settings> settings, double[] values,
            KernelSize size, OrbitCamera camera) {
        this.plugin = plugin;
        this.camera = camera;
        this.services = services;
        this.settings = settings;
        getStyleClass().add("plugin-view");
        setId("plugin-view-" + plugin.id());
        KernelDescriptor descriptor = plugin.descriptor();
        regionEdges = DataRegion.edges(descriptor);
        parameters = new ParameterPanel(descriptor, values, this::parameterChanged);
        KernelSize start = size != null && accepts(descriptor, size) ? size : KernelSize.defaultFor(descriptor);
        if (descriptor.state().isGrid()) {
            StateLayout grid = descriptor.state();
            items = null;
            gridWidth = sizeField("gridWidth", "Grid width (next reset)", grid.maxGridWidth(), grid.gridWidth(),
                    start.gridWidth());
            gridHeight = sizeField("gridHeight", "Grid height (next reset)", grid.maxGridHeight(),
                    grid.gridHeight(), start.gridHeight());
            parameters.getChildren().addAll(1, List.of(gridWidth, gridHeight));
        } else {
            KernelDescriptor.ItemCount range = descriptor.items();
            items = new NumberParameter(new ParameterSpec("items", ParameterType.INTEGER, range.min(), range.max(),
                    range.defaultCount(), "", "Items (from the next reset)", List.of()), start.items(), v -> { });
            gridWidth = null;
            gridHeight = null;
            parameters.getChildren().add(1, items);
        }
        VBox side = new VBox(parameters);
        if (PluginPipeline.takesPoints(descriptor)) {
            data = new DataPanel(plugin.id(), descriptor.buffer().orElseThrow().maxRecords(), services.background(),
                    this::pointsLoaded);
            side.getChildren().add(data);
        } else {
            data = null;
        }
        webPanel = plugin.panelFile()
                .map(page -> new WebPanel(descriptor, page, parameters.values(), services.background()))
                .orElse(null);
        if (webPanel != null) {
            // Under the parameters, so the view keeps the window's width.
            side.getChildren().add(webPanel);
        }
        ScrollPane left = new ScrollPane(side);
        left.setFitToWidth(true);
        left.setPrefWidth(230);
        setLeft(left);
        controls = new RunControls(settings.get().frameRate(), this::speedChanged);
        controls.start.setOnAction(e -> start());
        controls.pause.setOnAction(e -> pause());
        controls.step.setOnAction(e -> step());
        controls.reset.setOnAction(e -> reset());
        controls.stop.setOnAction(e -> stop());
        setTop(controls);
        ProgressIndicator progress = new ProgressIndicator();
        progress.setMaxSize(48, 48);
        Label compiling = new Label("Compiling and warming up " + descriptor.name() + ", then starting its pipeline…");
        compiling.setId("plugin-preparing");
        preparing = new VBox(10, progress, compiling);
        preparing.setAlignment(Pos.CENTER);
        hint.setId("plugin-hint");
        hint.getStyleClass().add("text-muted");
        centre.setId("plugin-centre");
        centre.setMinSize(200, 150);
        // The HUD floats over the view's top right corner, so the view keeps the window's width.
        StackPane.setAlignment(hud, Pos.TOP_RIGHT);
        StackPane.setMargin(hud, new Insets(8));
        hud.visibleProperty().bind(controls.hudShown.selectedProperty().and(running));
        hud.managedProperty().bind(hud.visibleProperty());
        StackPane viewArea = new StackPane(centre, hud);
        viewArea.setId("plugin-view-area");
        if (data != null) {
            FileDrop.install(viewArea, files -> data.open(files.getFirst()));
        }
        setCenter(viewArea);
        hud.setTarget(settings.get().frameRate());
        refresh.setCycleCount(Timeline.INDEFINITE);
        show(RunState.IDLE);
    }

    public ComputePlugin plugin() {
        return plugin;
    }

    public RunState state() {
        return state;
    }

    /** The parameters shown, in descriptor order. */
    public double[] parameterValues() {
        return parameters.values();
    }

    /** The item count or grid shown, which the next start or reset uses. */
    public KernelSize size() {
        return items != null ? KernelSize.items((int) items.value())
                : KernelSize.grid((int) gridWidth.value(), (int) gridHeight.value());
    }

    private static boolean accepts(KernelDescriptor descriptor, KernelSize size) {
        try {
            size.checkAgainst(descriptor);
            return true;
        } catch (IllegalArgumentException notThisKernels) {
            return false;
        }
    }

    /** A field for one side of a grid, in cells, from 1 to {@code max}. */
    private static NumberParameter sizeField(String name, String label, int max, int defaultCells, int cells) {
        return new NumberParameter(new ParameterSpec(name, ParameterType.INTEGER, 1, max, defaultCells, "", label,
                List.of()), cells, v -> { });
    }

    /** The camera shown, or the one the next run starts with; empty for a view without one. */
    public Optional<OrbitCamera> camera() {
        return run != null ? run.camera() : Optional.ofNullable(camera);
    }

    /** Whether this plugin shows the user's data, so File > Open data applies. */
    public boolean takesData() {
        return data != null;
    }

    /** Asks for a data file with the file chooser and loads it (a plugin that takes data). */
    public void chooseData() {
        if (data != null) {
            data.chooseFile();
        }
    }

    /** Previews a data file, asks for its columns and loads it (a plugin that takes data). */
    public void openData(Path file) {
        if (data != null) {
            data.open(file);
        }
    }

    /** The new points go to the kernel, and its region becomes their bounds. */
    private void pointsLoaded(PointTable table) {
        if (closed) {
            table.close(); // loaded after the view closed: nothing will read it
            return;
        }
        PointTable old = points;
        points = table;
        if (run != null) {
            run.pipeline.workers().offerBuffer(table.records(), table.count());
        }
        if (old != null) {
            closeAfterRuns(old);
        }
        Rectangle2D region = DataRegion.home(table.bounds());
        if (run != null && run.dataView().isPresent()) {
            run.dataView().get().setHome(region); // sends it; the fields follow through its listener
        } else {
            regionEdges.ifPresent(edges -> {
                parameters.set(edges.xMin(), region.getMinX());
                parameters.set(edges.xMax(), region.getMaxX());
                parameters.set(edges.yMin(), region.getMinY());
                parameters.set(edges.yMax(), region.getMaxY());
            });
        }
    }

    /** The fields, and the web panel, show the region pan and zoom sent (without sending it again). */
    private void regionShown(DataViewControls.RegionParameters edges, Rectangle2D region) {
        int[] indices = {edges.xMin(), edges.xMax(), edges.yMin(), edges.yMax()};
        double[] values = {region.getMinX(), region.getMaxX(), region.getMinY(), region.getMaxY()};
        for (int i = 0; i < indices.length; i++) {
            parameters.show(indices[i], values[i]);
            if (webPanel != null) {
                webPanel.parameterChanged(indices[i], values[i]);
            }
        }
    }

    /** Closes {@code resource} once no run can read it: after the current run, or the ones stopping. */
    private void closeAfterRuns(AutoCloseable resource) {
        if (run != null) {
            run.retire(resource);
            return;
        }
        List<Future<?>> stopping = List.copyOf(closing);
        services.background().submit(() -> {
            for (Future<?> f : stopping) {
                f.get();
            }
            resource.close();
            return null;
        });
    }

    /** Starts, or resumes a paused run. */
    public void start() {
        if (state == RunState.IDLE) {
            prepare(false);
        } else if (state == RunState.PAUSED) {
            run.pipeline.driver().resume();
            show(RunState.RUNNING);
        }
    }

    public void pause() {
        if (state == RunState.RUNNING) {
            run.pipeline.driver().pause();
            show(RunState.PAUSED);
        }
    }

    /** Start or pause, whichever fits. */
    public void toggle() {
        if (state == RunState.RUNNING) {
            pause();
        } else {
            start();
        }
    }

    /** One tick, while paused. */
    public void step() {
        if (state == RunState.PAUSED) {
            run.pipeline.driver().step();
        }
    }

    /** Starts again from the parameters and item count shown, paused if it was paused. */
    public void reset() {
        if (state == RunState.RUNNING || state == RunState.PAUSED || state == RunState.FAILED) {
            boolean paused = state == RunState.PAUSED;
            stopRun();
            prepare(paused);
        }
    }

    /**
     * Ends the run, or the start under way, and frees what it holds: back to {@link RunState#IDLE},
     * from which Start begins again from the parameters shown. Clears a failure.
     */
    public void stop() {
        if (state != RunState.IDLE) {
            stopRun();
            show(RunState.IDLE);
        }
    }

    /** The plugin's web panel, if it has one. */
    public Optional<WebPanel> webPanel() {
        return Optional.ofNullable(webPanel);
    }

    /** The frames the view has shown since its run started; 0 with no run. FX thread. */
    public long framesShown() {
        return run == null ? 0 : run.surface().framesShown();
    }

    private void prepare(boolean paused) {
        int attempt = ++attempts;
        show(RunState.PREPARING);
        Settings chosen = settings.get();
        KernelSize size = size();
        double[] values = parameters.values();
        double rate = controls.speed.getValue();
        services.background().submit(() -> {
            try {
                PluginRun prepared = PluginRun.prepare(plugin, services, chosen, size, values, rate);
                if (closed) {
                    prepared.close(); // the window is closing and waits for this pool: free it now
                    return;
                }
                Platform.runLater(() -> started(prepared, paused, attempt));
            } catch (Throwable e) {
                Platform.runLater(() -> {
                    if (!closed && attempt == attempts) {
                        fail(e instanceof java.util.concurrent.ExecutionException ee && ee.getCause() != null
                                ? ee.getCause() : e);
                    }
                });
            }
        });
    }

    private void started(PluginRun prepared, boolean paused, int attempt) {
        if (closed || state != RunState.PREPARING || attempt != attempts) {
            closeInBackground(prepared); // closed, stopped or started again meanwhile
            return;
        }
        run = prepared;
        try {
            if (points != null) {
                run.pipeline.workers().offerBuffer(points.records(), points.count());
            }
            centre.getChildren().setAll(run.surface());
            if (camera != null) {
                run.showCamera(camera);
            }
            run.dataView().ifPresent(view -> regionEdges
                    .ifPresent(edges -> view.setOnChange(region -> regionShown(edges, region))));
            if (paused) {
                run.pipeline.driver().pause();
            }
            run.attach(getScene());
        } catch (RuntimeException e) {
            fail(e);
            return;
        }
        hud.setEngine(run.optimizing, run.start.engineAndBuild(), run.start.describe(), run.pipeline.renderBackend());
        if (webPanel != null) {
            webPanel.follow(run.surface(), run.feed());
        }
        refresh.play();
        LOG.info(plugin.id() + ": started, " + run.pipeline.items() + " items, render backend "
                + run.pipeline.renderBackend());
        show(paused ? RunState.PAUSED : RunState.RUNNING);
    }

    private void refresh() {
        if (run == null) {
            return;
        }
        if (run.feed() != null) {
            hud.update(run.feed().latest());
        }
        run.pipeline.failure().ifPresent(this::fail);
    }

    private void fail(Throwable failure) {
        String message = PluginFailure.message(plugin.id(), failure);
        LOG.log(Level.SEVERE, message, failure);
        stopRun();
        error.show(message, PluginFailure.details(failure));
        show(RunState.FAILED);
    }

    private void stopRun() {
        refresh.stop();
        if (webPanel != null) {
            webPanel.unfollow();
        }
        if (run != null) {
            camera = run.camera().orElse(null);
            run.detach();
            closeInBackground(run);
            run = null;
        }
    }

    private void closeInBackground(PluginRun old) {
        closing.removeIf(Future::isDone);
        Runnable stopping = () -> {
            try {
                old.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                LOG.log(Level.WARNING, plugin.id() + ": stopping its pipeline failed", e);
            }
        };
        try {
            closing.add(services.background().submit(stopping));
        } catch (RejectedExecutionException windowClosed) {
            // A run prepared while the window closed arrives after its pool has shut: free it on
            // a thread of its own rather than leak it.
            Thread.ofPlatform().name("orrery-stop-" + plugin.id()).start(stopping);
        }
    }

    private void parameterChanged(int index, double value) {
        if (webPanel != null) {
            webPanel.parameterChanged(index, value);
        }
        if (run == null) {
            return;
        }
        if (!run.pipeline.setParameter(index, value)) {
            LOG.warning(plugin.id() + ": the control ring stayed full; parameter " + index + " not sent");
        }
        // A region edge typed in: pan and zoom go on from the region the kernel now has.
        run.dataView().ifPresent(view -> regionEdges
                .ifPresent(edges -> view.regionSentElsewhere(DataRegion.held(edges, parameters.values()))));
    }

    private void speedChanged(double ticksPerSecond) {
        if (run != null) {
            run.pipeline.driver().setRate(ticksPerSecond);
        }
        hud.setTarget(ticksPerSecond);
    }

    private void show(RunState newState) {
        state = newState;
        running.set(newState == RunState.RUNNING || newState == RunState.PAUSED);
        controls.show(newState);
        switch (newState) {
            case IDLE -> centre.getChildren().setAll(hint);
            case PREPARING -> centre.getChildren().setAll(preparing);
            case FAILED -> centre.getChildren().setAll(error);
            case RUNNING, PAUSED -> { } // the surface is shown
        }
    }

    /** Stops the plugin and frees what it holds. FX thread. */
    @Override
    public void close() {
        closed = true;
        stopRun();
        if (webPanel != null) {
            webPanel.close();
        }
        if (points != null) {
            closeAfterRuns(points);
            points = null;
        }
    }
}
