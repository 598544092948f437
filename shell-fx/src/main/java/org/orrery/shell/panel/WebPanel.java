package org.orrery.shell.panel;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import javafx.scene.layout.StackPane;
import org.orrery.api.kernel.KernelDescriptor;
import org.orrery.api.kernel.ParameterSpec;
import org.orrery.api.kernel.SummarySpec;
import org.orrery.memory.frame.ComputeFrame;
import org.orrery.servo.layout.LayoutFrame;
import org.orrery.servo.surface.GpuSurface;
import org.orrery.servo.web.ServoPage;
import org.orrery.servo.web.ServoView;
import org.orrery.shell.hud.HudFeed;
import org.orrery.shell.hud.HudStats;

/**
 * A plugin's web panel, beside its view (under its parameters): the page its descriptor names, drawn by Servo, and handed
 * each frame the view shows the frame's statistics ({@code intervalMs} since the frame before, then the
 * HUD's windowed percentiles, jitter, drops and stage times), what the frame's layout slot says of it, the
 * kernel's summary values and the plugin's parameters, through the page API ({@code
 * orrery.onFrame(function (values, names) { ... })}). Names, in order: {@link #FRAME_VALUES} ({@code items}:
 * points drawn, 0 for a field; {@code low} and {@code high}: a field's colour range, which is its least and
 * greatest value unless the user fixed the range; {@code records}: the records in the kernel's buffer, such as
 * the points loaded), then {@code summary.NAME} for each summary value the descriptor declares (they describe
 * the state the frame's tick read, one tick before the picture), then {@code param.NAME} for each parameter.
 *
 * <p>Servo starts in the background (the first panel starts the engine); until then, and for good
 * if Servo cannot run here, a line says so and why. Publishing a frame's values on the pulse
 * allocates nothing.
 */
public final class WebPanel extends StackPane implements AutoCloseable {

    /** The frame's statistics, first in every frame's values. */
    public static final List<String> FRAME_VALUES = frameValues();
    static final int MAX_WIDTH = 1280;
    static final int MAX_HEIGHT = 1600;

    private final List<String> names;
    private final double[] parameters;
    private final int summaries;
    private final GpuSurface.FrameListener onFrame = this::publishFrame;
    private final ServoPage page;
    private GpuSurface source;
    private HudFeed stats;
    /** When the view showed its last frame; 0 before the first of a run. */
    private long lastShownNanos;

    /**
     * Starts Servo, if it is not running, and loads {@code pageFile}, in the background.
     *
     * @param plugin the plugin's descriptor: its name for messages, its summary values and parameters for the page
     * @param parameterValues the parameters' values now
     */
    public WebPanel(KernelDescriptor plugin, Path pageFile, double[] parameterValues, ExecutorService background) {
        this.parameters = parameterValues.clone();
        this.summaries = plugin.summaries().size();
        List<String> all = new ArrayList<>(FRAME_VALUES);
        for (SummarySpec spec : plugin.summaries()) {
            all.add("summary." + spec.name());
        }
        for (ParameterSpec spec : plugin.parameters()) {
            all.add("param." + spec.name());
        }
        this.names = List.copyOf(all);
        getStyleClass().add("web-panel");
        setId("web-panel");
        setPrefHeight(380);
        setMinHeight(380);
        this.page = new ServoPage(plugin.name(), "Starting the web panel…", 220, 380, MAX_WIDTH, MAX_HEIGHT, view -> {
            view.describe(names);
            view.load(pageFile.toUri());
        }, background);
        getChildren().setAll(page);
    }

    /** The statistics, the HUD's stages (queueMs, kernelMs, ...), then what the layout slot says. */
    private static List<String> frameValues() {
        List<String> names = new ArrayList<>(List.of("frame", "framesShown", "intervalMs", "p50Ms", "p99Ms",
                "jitterMs", "dropped"));
        for (String stage : HudStats.STAGES) {
            names.add(stage + "Ms");
        }
        names.addAll(List.of("items", "low", "high", "records"));
        return List.copyOf(names);
    }

    /** The page's view once it is open, else null. FX thread. */
    public ServoView view() {
        return page.view();
    }

    /** What the panel shows in place of, or over, the page when something is wrong; null if nothing. FX thread. */
    public String problemShown() {
        return page.problemShown();
    }

    /** From now on the page gets a frame's values whenever {@code surface} shows a new frame. FX thread. */
    public void follow(GpuSurface surface, HudFeed hudFeed) {
        source = surface;
        stats = hudFeed;
        lastShownNanos = 0;
        surface.setFrameListener(onFrame);
    }

    /** No run to follow: the page keeps its last values. FX thread. */
    public void unfollow() {
        if (source != null) {
            source.setFrameListener((slot, now) -> { });
        }
        source = null;
        stats = null;
    }

    /** A parameter changed; the page gets it with the next frame. FX thread. */
    public void parameterChanged(int index, double value) {
        parameters[index] = value;
    }

    /** The surface shows a new frame, {@code slot}: the page gets its values. FX thread; allocates nothing. */
    private void publishFrame(MemorySegment slot, long nowNanos) {
        GpuSurface surface = source;
        ServoView view = page.view();
        if (surface == null || view == null) {
            return;
        }
        HudStats s = stats == null ? HudStats.NONE : stats.latest();
        // In FRAME_VALUES' order, then the summary values, then the parameters.
        int at = 0;
        view.setValue(at++, surface.frameShown());
        view.setValue(at++, surface.framesShown());
        // This frame's interval as the FX thread saw it (the HUD's statistics refresh 4 times a second).
        view.setValue(at++, lastShownNanos == 0 ? Double.NaN : (nowNanos - lastShownNanos) / 1e6);
        lastShownNanos = nowNanos;
        view.setValue(at++, s.p50Millis());
        view.setValue(at++, s.p99Millis());
        view.setValue(at++, s.jitterMillis());
        view.setValue(at++, s.dropped());
        double[] stages = s.stageMillis();
        for (int i = 0; i < HudStats.STAGES.length; i++) {
            view.setValue(at++, i < stages.length ? stages[i] : Double.NaN);
        }
        view.setValue(at++, slot.get(ValueLayout.JAVA_INT, LayoutFrame.ITEMS));
        view.setValue(at++, slot.get(ValueLayout.JAVA_FLOAT, LayoutFrame.LOW));
        view.setValue(at++, slot.get(ValueLayout.JAVA_FLOAT, LayoutFrame.HIGH));
        view.setValue(at++, ComputeFrame.records(slot, LayoutFrame.COMPUTE_HEADER));
        // A frame without them (none published yet) gives NaN, not a stale or made-up figure.
        boolean summarised = ComputeFrame.summaryCount(slot, LayoutFrame.COMPUTE_HEADER) == summaries;
        for (int i = 0; i < summaries; i++) {
            view.setValue(at++, summarised ? ComputeFrame.summary(slot, LayoutFrame.COMPUTE_HEADER, i) : Double.NaN);
        }
        for (double parameter : parameters) {
            view.setValue(at++, parameter);
        }
        view.publishValues(at);
    }

    /** Closes the page. FX thread. */
    @Override
    public void close() {
        unfollow();
        page.dispose();
    }
}
