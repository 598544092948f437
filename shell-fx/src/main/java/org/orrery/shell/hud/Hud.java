package org.orrery.shell.hud;

import java.util.Locale;
import javafx.geometry.Insets;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.util.Duration;

/**
 * Where a running plugin's time goes: the frame interval now, its p50 and p99 over the last few
 * seconds, jitter, frames shown and dropped, a plot of the newest frame intervals against the
 * target, a stacked bar of the stage times, each worker's utilisation, and which WebAssembly
 * runtime, engine and build (why, in its tooltip) and render backend are in use. Refreshed a few
 * times a second, not every frame.
 *
 * <p>Ids: {@code hud}, {@code hud-frame}, {@code hud-p50}, {@code hud-p99}, {@code hud-jitter},
 * {@code hud-shown}, {@code hud-dropped}, {@code hud-runtime}, {@code hud-engine}, {@code hud-backend},
 * {@code hud-intervals}, {@code hud-stages}, {@code hud-workers}.
 */
public final class Hud extends VBox {

    private static final double WIDTH = 220;
    private static final Color[] STAGE_COLOURS = {
            Color.web("#8e8e93"), Color.web("#0a84ff"), Color.web("#64d2ff"), Color.web("#30d158"), Color.web("#ff9f0a")};

    private final Label frame = value("hud-frame");
    private final Label p50 = value("hud-p50");
    private final Label p99 = value("hud-p99");
    private final Label jitter = value("hud-jitter");
    private final Label shown = value("hud-shown");
    private final Label dropped = value("hud-dropped");
    private final Label runtime = value("hud-runtime");
    private final Label engine = value("hud-engine");
    private final Label backend = value("hud-backend");
    private final Canvas intervals = new Canvas(WIDTH, 80);
    private final Canvas stages = new Canvas(WIDTH, 18);
    private final Label stageLegend = new Label();
    private final Canvas workers = new Canvas(WIDTH, 40);
    private double targetMillis = 1000.0 / 60;

    public Hud() {
        setId("hud");
        getStyleClass().add("hud");
        setSpacing(6);
        setPadding(new Insets(8));
        setMinWidth(WIDTH + 16);
        setMaxWidth(WIDTH + 16);
        setMaxHeight(USE_PREF_SIZE);
        // Over the view: the theme's background, a little see-through, rounded.
        setStyle("-fx-background-color: -color-bg-default; -fx-opacity: 0.9; -fx-background-radius: 6;"
                + " -fx-border-color: -color-border-default; -fx-border-radius: 6;");
        Label title = new Label("Frame timing");
        title.getStyleClass().add("title-4");
        GridPane grid = new GridPane(8, 2);
        String[] names = {"frame now", "p50 (5 s)", "p99 (5 s)", "jitter (sd)", "frames shown", "dropped", "WebAssembly",
                "engine", "render"};
        Label[] values = {frame, p50, p99, jitter, shown, dropped, runtime, engine, backend};
        for (int i = 0; i < names.length; i++) {
            Label name = new Label(names[i]);
            name.getStyleClass().add("text-muted");
            grid.addRow(i, name, values[i]);
        }
        intervals.setId("hud-intervals");
        stages.setId("hud-stages");
        workers.setId("hud-workers");
        stageLegend.setWrapText(true);
        stageLegend.getStyleClass().add("text-small");
        // What each stage spans; render is more than drawing, and a window only tells its end late.
        Tooltip stagesExplained = new Tooltip("""
                queue: tick published to taken by the workers
                kernel: the kernel's steps; copy: the workers' copying
                layout: frame computed to laid out
                render: laid out to presented: the wait for the next pulse, the draw,
                and in a window up to one more pulse (JavaFX says when a frame is shown
                only at the next pulse)""");
        stagesExplained.setShowDelay(Duration.millis(300));
        Tooltip.install(stages, stagesExplained);
        Tooltip.install(stageLegend, stagesExplained);
        getChildren().addAll(title, grid, caption("frame intervals (ms)"), intervals, caption("mean stage times per frame"),
                stages, stageLegend, caption("worker utilisation"), workers);
        update(HudStats.NONE);
    }

    private static Label value(String id) {
        Label label = new Label("–");
        label.setId(id);
        label.setStyle("-fx-font-family: monospace;");
        return label;
    }

    private static Label caption(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("text-muted");
        return label;
    }

    /** The frame interval the plot marks, from the target frame rate. */
    public void setTarget(double framesPerSecond) {
        targetMillis = 1000.0 / framesPerSecond;
    }

    /**
     * Which runtime runs the kernels: optimizing (compiled) or the interpreter; the engine and build
     * the warm-up chose ("wasmtime, heat-simd.wasm"), and why (its tooltip); and the render backend.
     */
    public void setEngine(boolean optimizing, String engineAndBuild, String why, String renderBackend) {
        engine.setText(engineAndBuild);
        engine.setTooltip(new Tooltip(why));
        runtime.setText(optimizing ? "optimizing" : "interpreter (slow)");
        runtime.getStyleClass().removeAll("success", "danger");
        runtime.getStyleClass().add(optimizing ? "success" : "danger");
        backend.setText(renderBackend);
    }

    /** Shows {@code stats}. FX thread. */
    public void update(HudStats stats) {
        frame.setText(millis(stats.lastIntervalMillis()));
        p50.setText(millis(stats.p50Millis()));
        p99.setText(millis(stats.p99Millis()));
        jitter.setText(millis(stats.jitterMillis()));
        shown.setText(Long.toString(stats.presented()));
        dropped.setText(Long.toString(stats.dropped()));
        drawIntervals(stats.intervalsMillis());
        drawStages(stats.stageMillis());
        drawWorkers(stats.workerShares(), stats.workerCpus());
    }

    private static String millis(double ms) {
        return Double.isNaN(ms) ? "–" : String.format(Locale.ROOT, "%.2f ms", ms);
    }

    private void drawIntervals(double[] values) {
        GraphicsContext g = intervals.getGraphicsContext2D();
        double w = intervals.getWidth();
        double h = intervals.getHeight();
        g.clearRect(0, 0, w, h);
        g.setFill(Color.gray(0.5, 0.12));
        g.fillRect(0, 0, w, h);
        double top = targetMillis * 3; // the scale: three frame periods
        double targetY = h - h * targetMillis / top;
        g.setStroke(Color.web("#30d158"));
        g.setLineDashes(4, 3);
        g.strokeLine(0, targetY, w, targetY);
        g.setLineDashes();
        if (values.length < 2) {
            return;
        }
        g.setStroke(Color.web("#0a84ff"));
        g.beginPath();
        for (int i = 0; i < values.length; i++) {
            double x = w * i / (values.length - 1);
            double y = h - h * Math.min(values[i], top) / top;
            if (i == 0) {
                g.moveTo(x, y);
            } else {
                g.lineTo(x, y);
            }
        }
        g.stroke();
    }

    private void drawStages(double[] millis) {
        GraphicsContext g = stages.getGraphicsContext2D();
        double w = stages.getWidth();
        double h = stages.getHeight();
        g.clearRect(0, 0, w, h);
        double total = 0;
        for (double m : millis) {
            total += m;
        }
        double scale = Math.max(total, targetMillis);
        double x = 0;
        StringBuilder legend = new StringBuilder();
        for (int i = 0; i < millis.length; i++) {
            double width = w * millis[i] / scale;
            g.setFill(STAGE_COLOURS[i]);
            g.fillRect(x, 0, width, h);
            x += width;
            legend.append(i == 0 ? "" : "  ").append(HudStats.STAGES[i])
                    .append(String.format(Locale.ROOT, " %.2f", millis[i]));
        }
        stageLegend.setText(legend.toString());
    }

    private void drawWorkers(double[] shares, int[] cpus) {
        double rowHeight = 12;
        workers.setHeight(Math.max(rowHeight, shares.length * (rowHeight + 2)));
        GraphicsContext g = workers.getGraphicsContext2D();
        double w = workers.getWidth();
        g.clearRect(0, 0, w, workers.getHeight());
        double labelWidth = 52;
        for (int i = 0; i < shares.length; i++) {
            double y = i * (rowHeight + 2);
            g.setFill(Color.gray(0.5));
            g.fillText((cpus[i] >= 0 ? "cpu " + cpus[i] : "w " + i), 0, y + rowHeight - 2);
            g.setFill(Color.gray(0.5, 0.2));
            g.fillRect(labelWidth, y, w - labelWidth - 36, rowHeight);
            g.setFill(Color.web("#0a84ff"));
            g.fillRect(labelWidth, y, (w - labelWidth - 36) * shares[i], rowHeight);
            g.setFill(Color.gray(0.5));
            g.fillText(String.format(Locale.ROOT, "%3.0f%%", 100 * shares[i]), w - 32, y + rowHeight - 2);
        }
    }
}
