package org.orrery.shell.ui;

import java.util.concurrent.TimeUnit;
import org.orrery.servo.web.ServoView;
import org.orrery.shell.panel.WebPanel;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A plugin's web panel, drawn by Servo. Scripts run in its page and return their value as JSON
 * text. Every wait gives up after {@link ShellFixture#TIMEOUT_SECONDS}.
 */
public final class WebPanelPage {

    private final WebPanel panel;

    WebPanelPage(WebPanel panel) {
        this.panel = panel;
    }

    /** Waits until the page has loaded (Servo started, the page's file read). */
    public WebPanelPage awaitLoaded() throws Exception {
        WaitForAsyncUtils.waitFor(ShellFixture.TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> {
            ServoView view = view();
            return view != null && view.loaded();
        });
        return this;
    }

    /** Waits until the page's {@code orrery.onFrame} handlers have had more than {@code frames} frames. */
    public WebPanelPage awaitFramesHandled(long frames) throws Exception {
        WaitForAsyncUtils.waitFor(ShellFixture.TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> Long.parseLong(eval("orrery.frames")) > frames);
        return this;
    }

    /** Runs {@code script} in the page; its value as JSON. */
    public String eval(String script) throws Exception {
        ServoView view = view();
        if (view == null) {
            throw new AssertionError("the web panel has no page: " + problem());
        }
        return view.evaluate(script, (int) TimeUnit.SECONDS.toMillis(ShellFixture.TIMEOUT_SECONDS))
                .get(ShellFixture.TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** Waits until {@code script}'s value is {@code json}. */
    public WebPanelPage awaitValue(String script, String json) throws Exception {
        WaitForAsyncUtils.waitFor(ShellFixture.TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> eval(script).equals(json));
        return this;
    }

    /** Waits until {@code script}'s value, as JSON, matches {@code regex}; returns it. */
    public String awaitMatching(String script, String regex) throws Exception {
        WaitForAsyncUtils.waitFor(ShellFixture.TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> eval(script).matches(regex));
        return eval(script);
    }

    /** What the panel says is wrong (the page's problem, or why there is no page); null if nothing. */
    public String problem() throws Exception {
        return WaitForAsyncUtils.asyncFx(panel::problemShown).get(ShellFixture.TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** Waits until the panel says something is wrong, and returns it. */
    public String awaitProblem() throws Exception {
        WaitForAsyncUtils.waitFor(ShellFixture.TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> problem() != null);
        return problem();
    }

    private ServoView view() throws Exception {
        return WaitForAsyncUtils.asyncFx(panel::view).get(ShellFixture.TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
}
