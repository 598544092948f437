package org.orrery.testkit;

import java.util.concurrent.ExecutionException;
import org.orrery.servo.web.ServoView;
import org.orrery.shell.panel.WebPanel;

/**
 * A plugin's web panel, drawn by Servo in process. Scripts run in its page and give their value
 * as JSON text ({@code "\"text\""}, {@code "3"}, {@code "true"}).
 */
public final class WebPanelPage {

    private final Waits waits;
    private final WebPanel panel;

    WebPanelPage(Waits waits, WebPanel panel) {
        this.waits = waits;
        this.panel = panel;
    }

    /** Waits until the page has loaded (Servo started, the page's file read). */
    public WebPanelPage awaitLoaded() {
        waits.until("the web panel's page to load (problem: " + problem() + ")",
                () -> {
                    ServoView view = view();
                    return view != null && view.loaded();
                }, loaded -> loaded);
        return this;
    }

    /** Waits until the page's {@code orrery.onFrame} handlers have had more than {@code frames} frames. */
    public WebPanelPage awaitFramesHandled(long frames) {
        waits.until("the page to handle more than " + frames + " frames", () -> Long.parseLong(eval("orrery.frames")),
                n -> n > frames);
        return this;
    }

    /** Runs {@code script} in the page and returns its value as JSON. */
    public String eval(String script) {
        ServoView view = view();
        if (view == null) {
            throw new AssertionError("the web panel has no page: " + problem());
        }
        return eval(view, script, "the web panel", waits);
    }

    /** Runs {@code script} in a Servo page ({@code where}, for failures) and returns its value as JSON. */
    static String eval(ServoView view, String script, String where, Waits waits) {
        try {
            return view.evaluate(script, (int) waits.timeout().toMillis()).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running a script in " + where, e);
        } catch (ExecutionException e) {
            throw new AssertionError("the script failed in " + where + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Waits until {@code script}'s value is {@code json}. */
    public WebPanelPage awaitValue(String script, String json) {
        waits.until(script + " to be " + json, () -> eval(script), json::equals);
        return this;
    }

    /** Waits until {@code script}'s value, as JSON, matches {@code regex}, and returns it. */
    public String awaitMatching(String script, String regex) {
        return waits.until(script + " to match " + regex, () -> eval(script), value -> value.matches(regex));
    }

    /** What the panel says is wrong (the page's problem, or why there is no page); null if nothing. */
    public String problem() {
        return waits.onFx(panel::problemShown);
    }

    /** Waits until the panel says something is wrong, and returns it. */
    public String awaitProblem() {
        return waits.until("the web panel to show a problem", this::problem, problem -> problem != null);
    }

    private ServoView view() {
        return waits.onFx(panel::view);
    }
}
