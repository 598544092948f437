package org.orrery.testkit;

import java.util.stream.Stream;
import javafx.scene.Parent;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.orrery.servo.web.ServoPage;
import org.orrery.servo.web.ServoView;
import org.testfx.api.FxRobot;

/**
 * A document window of Help (the kernel SDK guide, a plugin's read-me), found by its title, its
 * Markdown drawn as a page by Servo. Scripts run in its page and give their value as JSON text.
 */
public final class GuidePage {

    private final FxRobot robot;
    private final Waits waits;
    private final String title;
    private final ServoView view;

    private GuidePage(FxRobot robot, Waits waits, String title, ServoView view) {
        this.robot = robot;
        this.waits = waits;
        this.title = title;
        this.view = view;
    }

    /** Waits until a window titled {@code title} shows its page, loaded. */
    static GuidePage await(FxRobot robot, Waits waits, String title) {
        ServoView view = waits.until("a loaded document window titled '" + title + "'", () -> waits.onFx(() ->
                windows(robot, title).filter(Stage::isShowing).map(w -> w.getScene().getRoot())
                        .filter(r -> r instanceof ServoPage).map(r -> ((ServoPage) r).view())
                        .filter(v -> v != null && v.loaded()).findFirst().orElse(null)), v -> v != null);
        return new GuidePage(robot, waits, title, view);
    }

    /** Runs {@code script} in the page and returns its value as JSON. */
    public String eval(String script) {
        return WebPanelPage.eval(view, script, "'" + title + "'", waits);
    }

    /** The window's content, for a snapshot. */
    public Parent content() {
        return waits.onFx(() -> windows(robot, title).findFirst().orElseThrow().getScene().getRoot());
    }

    /** Closes the window. */
    public void close() {
        waits.onFx(() -> windows(robot, title).toList().forEach(Stage::close));
    }

    /** The windows titled {@code title}. FX thread. */
    private static Stream<Stage> windows(FxRobot robot, String title) {
        return robot.listWindows().stream().filter(w -> w instanceof Stage s && title.equals(s.getTitle()))
                .map(Window.class::cast).map(Stage.class::cast);
    }
}
