package org.orrery.shell.ui;

import javafx.scene.control.Label;
import org.orrery.shell.session.PluginView;
import org.testfx.api.FxRobot;

/** A plugin's HUD: the figures it shows, as text. */
public final class HudPage {

    private final FxRobot robot;
    private final PluginView view;

    HudPage(FxRobot robot, PluginView view) {
        this.robot = robot;
        this.view = view;
    }

    /** The text of one HUD figure: frame, p50, p99, jitter, shown, dropped, runtime, backend. */
    public String figure(String name) {
        return robot.from(view).lookup("#hud-" + name).queryAs(Label.class).getText();
    }

    /** Frames shown, as the HUD counts them. */
    public long framesShown() {
        String text = figure("shown");
        return text.equals("–") ? 0 : Long.parseLong(text);
    }
}
