package org.orrery.shell.ui;

import java.util.concurrent.TimeUnit;
import javafx.geometry.Dimension2D;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import org.orrery.servo.points.OrbitCamera;
import org.orrery.servo.surface.GpuSurface;
import org.orrery.shell.session.PluginView;
import org.orrery.shell.session.RunState;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * One open plugin's tab: its parameter panel, run controls, view and HUD. Every wait gives up
 * after {@link ShellFixture#TIMEOUT_SECONDS}.
 */
public final class PluginPage {

    private final FxRobot robot;
    private final PluginView view;

    PluginPage(FxRobot robot, PluginView view) {
        this.robot = robot;
        this.view = view;
    }

    public RunState state() {
        return view.state();
    }

    // --- parameter panel

    /** Types {@code text} into a numeric parameter's field and presses Enter. */
    public PluginPage type(String parameter, String text) {
        TextField field = node("#param-" + parameter, TextField.class);
        robot.clickOn(field);
        robot.interact(field::selectAll);
        robot.write(text);
        robot.type(KeyCode.ENTER);
        return this;
    }

    /** The text a numeric parameter's field shows. */
    public String fieldText(String parameter) {
        return node("#param-" + parameter, TextField.class).getText();
    }

    /** The message under a parameter's field; empty when its input was accepted. */
    public String inlineError(String parameter) {
        Label error = node("#param-" + parameter + "-error", Label.class);
        return error.isVisible() ? error.getText() : "";
    }

    /** Picks an option of a choice parameter. */
    @SuppressWarnings("unchecked")
    public PluginPage choose(String parameter, String option) {
        ComboBox<String> box = node("#param-" + parameter, ComboBox.class);
        robot.interact(() -> box.getSelectionModel().select(option));
        return this;
    }

    /** The values the panel holds (what the kernel was sent), in descriptor order. */
    public double[] values() {
        return view.parameterValues();
    }

    // --- data (a plugin that shows the user's points)

    /**
     * Opens a data file as File > Open data would after the file chooser, picks the x and y
     * columns in the dialog that follows and confirms it; the load then runs in the background.
     */
    @SuppressWarnings("unchecked")
    public PluginPage openData(java.nio.file.Path file, String x, String y) throws Exception {
        robot.interact(() -> view.openData(file));
        WaitForAsyncUtils.waitFor(ShellFixture.TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> robot.lookup("#data-x").tryQuery().isPresent());
        ComboBox<String> xBox = robot.lookup("#data-x").queryAs(ComboBox.class);
        ComboBox<String> yBox = robot.lookup("#data-y").queryAs(ComboBox.class);
        robot.interact(() -> {
            xBox.setValue(x);
            yBox.setValue(y);
        });
        robot.clickOn(robot.lookup("#data-dialog").queryAs(DialogPane.class).lookupButton(ButtonType.OK));
        return this;
    }

    /** Waits until the data panel reports a load that ended (loaded, failed or cancelled), and returns what it says. */
    public String awaitDataStatus() throws Exception {
        WaitForAsyncUtils.waitFor(ShellFixture.TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> !node("#data-open", Button.class).isDisabled() && !dataStatus().endsWith("…"));
        return dataStatus();
    }

    /** What the data panel says of the last load. */
    public String dataStatus() {
        return node("#data-status", Label.class).getText();
    }

    /** The rejected lines the data panel lists, as "line N, column C: reason". */
    @SuppressWarnings("unchecked")
    public java.util.List<String> rejectedLines() {
        return java.util.List.copyOf(node("#data-rejected", javafx.scene.control.ListView.class).getItems());
    }

    // --- run controls

    public PluginPage start() {
        return press("#run-start");
    }

    public PluginPage pause() {
        return press("#run-pause");
    }

    public PluginPage step() {
        return press("#run-step");
    }

    public PluginPage reset() {
        return press("#run-reset");
    }

    public boolean enabled(String control) {
        return !node("#run-" + control, Button.class).isDisabled();
    }

    private PluginPage press(String id) {
        robot.clickOn(node(id, Button.class));
        return this;
    }

    /** Waits until the plugin is in {@code state}. */
    public PluginPage awaitState(RunState state) throws Exception {
        WaitForAsyncUtils.waitFor(ShellFixture.TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> view.state() == state);
        return this;
    }

    // --- the view

    /** Frames the view has shown since its run started. */
    public long framesShown() throws Exception {
        return WaitForAsyncUtils.asyncFx(view::framesShown).get(ShellFixture.TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** Waits until the view has shown more than {@code frames} frames. */
    public PluginPage awaitFramesShown(long frames) throws Exception {
        WaitForAsyncUtils.waitFor(ShellFixture.TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> framesShown() > frames);
        return this;
    }

    /** The pixels of the frame on the surface as drawn now (without the surface's margins), row by row, ARGB. */
    public Pixels pixels() throws Exception {
        GpuSurface surface = node("#gpu-surface", GpuSurface.class);
        return WaitForAsyncUtils.asyncFx(() -> {
            WritableImage image = surface.snapshot(null, null);
            Rectangle2D frame = surface.frameBounds();
            int x0 = (int) Math.ceil(frame.getMinX());
            int y0 = (int) Math.ceil(frame.getMinY());
            int width = (int) Math.min(Math.floor(frame.getWidth()), image.getWidth() - x0);
            int height = (int) Math.min(Math.floor(frame.getHeight()), image.getHeight() - y0);
            int[] argb = new int[width * height];
            PixelReader reader = image.getPixelReader();
            reader.getPixels(x0, y0, width, height, PixelFormat.getIntArgbInstance(), argb, 0, width);
            return new Pixels(width, height, argb);
        }).get(ShellFixture.TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** A snapshot of the surface. */
    /**
     * The frame shown and the area it is drawn in, in pixels (the headless platform's scale is
     * 1): equal when the renderer draws the frame 1:1, with no stretching.
     */
    public record FrameFit(Dimension2D frame, Dimension2D drawnIn) {
    }

    /**
     * Waits (up to 10 s: the layout follows the view's size a frame or two late) until the frame
     * shown is drawn 1:1, and returns the last {@link FrameFit} seen, drawn 1:1 or not.
     */
    public FrameFit awaitFrameFit() throws Exception {
        FrameFit[] last = new FrameFit[1];
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> {
                last[0] = frameFit();
                return last[0].frame() != null && last[0].frame().equals(last[0].drawnIn());
            });
        } catch (java.util.concurrent.TimeoutException notYet) {
            // The caller's assertion says how they differ.
        }
        return last[0];
    }

    private FrameFit frameFit() throws Exception {
        GpuSurface surface = node("#gpu-surface", GpuSurface.class);
        return WaitForAsyncUtils.asyncFx(() -> new FrameFit(surface.shownFrameSize(),
                new Dimension2D(surface.frameBounds().getWidth(), surface.frameBounds().getHeight())))
                .get(ShellFixture.TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    public record Pixels(int width, int height, int[] argb) {
        public int at(int x, int y) {
            return argb[y * width + x];
        }

        /** How many distinct colours it holds. */
        public long colours() {
            return java.util.Arrays.stream(argb).distinct().count();
        }
    }

    /**
     * Moves the pointer to ({@code fx}, {@code fy}) of the drawn frame, as fractions of its width
     * and height, and returns what the view reads out there (a grid's value and cell).
     */
    public String readoutAt(double fx, double fy) throws Exception {
        GpuSurface surface = node("#gpu-surface", GpuSurface.class);
        javafx.geometry.Point2D at = WaitForAsyncUtils.asyncFx(() -> {
            Rectangle2D frame = surface.frameBounds();
            return surface.localToScreen(frame.getMinX() + fx * frame.getWidth(), frame.getMinY() + fy * frame.getHeight());
        }).get(ShellFixture.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        robot.moveTo(at);
        WaitForAsyncUtils.waitFor(ShellFixture.TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> surface.readoutText() != null);
        return surface.readoutText();
    }

    /** Turns the mouse wheel over the middle of the view: up zooms in, down out. */
    public PluginPage scrollView(int notches, javafx.geometry.VerticalDirection direction) {
        robot.moveTo(node("#gpu-surface", GpuSurface.class));
        robot.scroll(notches, direction);
        return this;
    }

    /** The camera of a view of points (shown, or the one its next run starts with); null for other views. */
    public OrbitCamera camera() throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> view.camera().orElse(null)).get(ShellFixture.TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** The one line shown in place of the view when the plugin failed. */
    public String errorShown() {
        return node("#plugin-error", Label.class).getText();
    }

    /** The details of the failure, shown on demand. */
    public String errorDetails() {
        return node("#plugin-error-text", javafx.scene.control.TextArea.class).getText();
    }

    // --- the web panel

    /** The plugin's web panel (a plugin whose descriptor names one). */
    public WebPanelPage webPanel() {
        return new WebPanelPage(view.webPanel().orElseThrow(
                () -> new AssertionError(view.plugin().id() + " has no web panel")));
    }

    public HudPage hud() {
        return new HudPage(robot, view);
    }

    private <T extends Node> T node(String query, Class<T> type) {
        return robot.from(view).lookup(query).queryAs(type);
    }
}
