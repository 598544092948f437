package org.orrery.testkit;

import java.util.List;
import java.util.function.Predicate;
import javafx.scene.control.Label;
import org.orrery.shell.session.PluginView;
import org.testfx.api.FxRobot;

/**
 * The HUD over a plugin's view: its frame timing figures, as the text it shows. The HUD reads the
 * pipeline's timings four times a second, so its figures trail the view by up to about half a
 * second: {@link #framesShown()} is at most {@link PluginPage#framesShown()}, and catches up.
 * It shows only while a run is on screen (RUNNING or PAUSED) with the HUD toggle on.
 */
public final class HudPage {

    /** The figures the HUD shows, by the names {@link #figure} takes. */
    public static final List<String> FIGURES =
            List.of("frame", "p50", "p99", "jitter", "shown", "dropped", "runtime", "engine", "backend");

    private final FxRobot robot;
    private final Waits waits;
    private final PluginView view;

    HudPage(FxRobot robot, Waits waits, PluginView view) {
        this.robot = robot;
        this.waits = waits;
        this.view = view;
    }

    /**
     * The text of one figure: {@code frame}, {@code p50}, {@code p99}, {@code jitter} (milliseconds,
     * as "16.67 ms"; p50, p99 and jitter over the last 5 s), {@code shown} and {@code dropped} (frame
     * counts since the run started), {@code runtime}, {@code engine} and {@code backend} (words);
     * "–" before the first reading.
     */
    public String figure(String name) {
        if (!FIGURES.contains(name)) {
            throw new IllegalArgumentException("the HUD has no figure '" + name + "'; it has " + FIGURES);
        }
        return waits.onFx(() -> robot.from(view).lookup("#hud-" + name).queryAs(Label.class).getText());
    }

    /** Waits until the figure's text satisfies {@code holds}, and returns it. */
    public String awaitFigure(String name, Predicate<String> holds) {
        return waits.until("the HUD's " + name + " figure to change as expected", () -> figure(name), holds);
    }

    /** Frames shown since the run started, as the HUD last counted them; 0 before its first reading. */
    public long framesShown() {
        String text = figure("shown");
        return text.equals("–") ? 0 : Long.parseLong(text);
    }

    /** Waits until the HUD counts more than {@code frames} frames shown. */
    public HudPage awaitFramesShown(long frames) {
        waits.until("the HUD to count more than " + frames + " frames shown", this::framesShown, n -> n > frames);
        return this;
    }

    /** Whether the HUD is showing (a run on screen, and the HUD toggle on). */
    public boolean visible() {
        return waits.onFx(() -> robot.from(view).lookup("#hud").query().isVisible());
    }
}
