package org.orrery.testkit;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import javafx.geometry.VerticalDirection;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import org.orrery.servo.points.OrbitCamera;
import org.orrery.servo.surface.GpuSurface;
import org.orrery.shell.session.PluginView;
import org.testfx.api.FxRobot;

/**
 * One open plugin's tab: its parameter panel and data panel on the left, the run controls above
 * its view, the HUD over the view, its web panel under the parameters. Parameters are named as in
 * the plugin's {@code kernel.json}; see docs/QA.md for the extra ones ({@code items},
 * {@code gridWidth}, {@code gridHeight}).
 */
public final class PluginPage {

    private final FxRobot robot;
    private final Waits waits;
    private final PluginView view;

    PluginPage(FxRobot robot, Waits waits, PluginView view) {
        this.robot = robot;
        this.waits = waits;
        this.view = view;
    }

    /** The plugin's id. */
    public String id() {
        return view.plugin().id();
    }

    // --- state and run controls

    /** Where the plugin is now. */
    public PluginState state() {
        return waits.onFx(() -> PluginState.of(view.state()));
    }

    /** Waits until the plugin is in {@code state}. */
    public PluginPage awaitState(PluginState state) {
        awaitUnlessFailed(id() + " to be " + state, this::state, s -> s == state);
        return this;
    }

    /** Waits as {@link Waits#until} does, but gives up at once, with the reason shown, when the plugin fails. */
    private <T> T awaitUnlessFailed(String what, Callable<T> query, Predicate<? super T> holds) {
        return waits.until(what, query, value -> {
            if (holds.test(value)) {
                return true;
            }
            if (state() == PluginState.FAILED) {
                throw new AssertionError(id() + " failed while waiting for " + what + ": " + errorShown());
            }
            return false;
        });
    }

    /** Presses Start: from IDLE prepares a run (PREPARING, then RUNNING); from PAUSED resumes. */
    public PluginPage start() {
        return press(RunControl.START);
    }

    /** Presses Pause (RUNNING to PAUSED). */
    public PluginPage pause() {
        return press(RunControl.PAUSE);
    }

    /** Presses Step: one tick while PAUSED. */
    public PluginPage step() {
        return press(RunControl.STEP);
    }

    /** Presses Reset: a new run from the parameters shown (PREPARING, then RUNNING or PAUSED as before). */
    public PluginPage reset() {
        return press(RunControl.RESET);
    }

    /** Presses Stop: the run ends and is freed, IDLE at once. */
    public PluginPage stop() {
        return press(RunControl.STOP);
    }

    /** Whether the control's button is enabled now (see {@link RunControl} for when each is). */
    public boolean enabled(RunControl control) {
        return waits.onFx(() -> !node(control.nodeId(), Button.class).isDisabled());
    }

    private PluginPage press(RunControl control) {
        Button button = node(control.nodeId(), Button.class);
        if (waits.onFx(button::isDisabled)) {
            throw new AssertionError(control + " is disabled while " + id() + " is " + state());
        }
        robot.clickOn(button);
        return this;
    }

    // --- parameters

    /** Types {@code text} into a numeric parameter's field and presses Enter (the value is sent if valid). */
    public PluginPage type(String parameter, String text) {
        TextField field = node("#param-" + parameter, TextField.class);
        robot.clickOn(field);
        waits.onFx(field::selectAll);
        robot.write(text);
        robot.type(KeyCode.ENTER);
        return this;
    }

    /** The text a numeric parameter's field shows. */
    public String fieldText(String parameter) {
        return waits.onFx(() -> node("#param-" + parameter, TextField.class).getText());
    }

    /** The message under a parameter's field; empty when its input was accepted. */
    public String inlineError(String parameter) {
        return waits.onFx(() -> {
            Label error = node("#param-" + parameter + "-error", Label.class);
            return error.isVisible() ? error.getText() : "";
        });
    }

    /** Picks an option of a choice parameter, by the option's text as its list shows it. */
    @SuppressWarnings("unchecked")
    public PluginPage choose(String parameter, String option) {
        ComboBox<String> box = node("#param-" + parameter, ComboBox.class);
        waits.onFx(() -> {
            if (!box.getItems().contains(option)) {
                throw new AssertionError(parameter + " has no option '" + option + "'; it has " + box.getItems());
            }
            box.getSelectionModel().select(option);
        });
        return this;
    }

    /**
     * The values the panel holds, which are what the kernel was last sent: one per parameter of
     * the descriptor, in the descriptor's order (not counting items or the grid's size). A number
     * as it is; a choice as the index of its option, from 0; a switch as 0 or 1.
     */
    public double[] values() {
        return waits.onFx(view::parameterValues);
    }

    /** Waits until the values satisfy {@code holds} ({@code what} says what for the failure), and returns them. */
    public double[] awaitValues(String what, Predicate<double[]> holds) {
        return waits.until(what + " (the values of " + id() + ")", this::values, holds);
    }

    // --- data (a plugin that shows the user's points)

    /**
     * Opens a data file as File > Open data does after its file chooser, picks the x and y
     * columns in the dialog that follows and confirms; the load then runs in the background (see
     * {@link #awaitDataStatus()}).
     */
    @SuppressWarnings("unchecked")
    public PluginPage openData(Path file, String x, String y) {
        waits.onFx(() -> view.openData(file));
        DialogPane dialog = waits.until("the data dialog for " + file.getFileName(),
                () -> waits.onFx(() -> robot.lookup("#data-dialog").tryQueryAs(DialogPane.class).orElse(null)),
                pane -> pane != null);
        waits.onFx(() -> {
            robot.lookup("#data-x").queryAs(ComboBox.class).setValue(x);
            robot.lookup("#data-y").queryAs(ComboBox.class).setValue(y);
        });
        robot.clickOn(dialog.lookupButton(ButtonType.OK));
        return this;
    }

    /** Waits until the data panel reports a load that ended (loaded, failed or cancelled), and returns what it says. */
    public String awaitDataStatus() {
        return waits.until("the data load of " + id() + " to end", () -> waits.onFx(() ->
                node("#data-open", Button.class).isDisabled() ? null : dataStatus()),
                status -> status != null && !status.endsWith("…"));
    }

    /** What the data panel says of the last load ("…" at the end while it loads). */
    public String dataStatus() {
        return waits.onFx(() -> node("#data-status", Label.class).getText());
    }

    /** The lines the last load rejected, as "line N, column C: reason". */
    @SuppressWarnings("unchecked")
    public List<String> rejectedLines() {
        return waits.onFx(() -> List.copyOf(node("#data-rejected", ListView.class).getItems()));
    }

    // --- the view

    /**
     * Frames the view has drawn since its run started (0 with no run), counted as each is put on
     * the surface; the HUD's count ({@link HudPage#framesShown()}) trails it.
     */
    public long framesShown() {
        return waits.onFx(view::framesShown);
    }

    /** Waits until the view has drawn more than {@code frames} frames. */
    public PluginPage awaitFramesShown(long frames) {
        awaitUnlessFailed(id() + " to show more than " + frames + " frames", this::framesShown, n -> n > frames);
        return this;
    }

    /** The frame on the surface as drawn now (without the surface's margins), row by row, ARGB. */
    public Pixels pixels() {
        GpuSurface surface = node("#gpu-surface", GpuSurface.class);
        return waits.onFx(() -> {
            WritableImage image = surface.snapshot(null, null);
            Rectangle2D frame = surface.frameBounds();
            int x0 = (int) Math.ceil(frame.getMinX());
            int y0 = (int) Math.ceil(frame.getMinY());
            int width = (int) Math.min(Math.floor(frame.getWidth()), image.getWidth() - x0);
            int height = (int) Math.min(Math.floor(frame.getHeight()), image.getHeight() - y0);
            int[] argb = new int[width * height];
            image.getPixelReader().getPixels(x0, y0, width, height, PixelFormat.getIntArgbInstance(), argb, 0, width);
            return new Pixels(width, height, argb);
        });
    }

    /** Waits until the frame drawn satisfies {@code holds} ({@code what} says what for the failure), and returns it. */
    public Pixels awaitPixels(String what, Predicate<Pixels> holds) {
        return waits.until(what + " (the frame of " + id() + ")", this::pixels, holds);
    }

    /** Pixels of a frame, row by row, ARGB. */
    public record Pixels(int width, int height, int[] argb) {

        /** The pixel at column {@code x}, row {@code y}. */
        public int at(int x, int y) {
            return argb[y * width + x];
        }

        /** How many distinct colours it holds. */
        public long colours() {
            return Arrays.stream(argb).distinct().count();
        }
    }

    /**
     * The frame shown and the area it is drawn in, in pixels (the headless platform's scale is 1):
     * equal when the renderer draws the frame 1:1, with no stretching.
     *
     * @param frameWidth the frame's width in pixels; 0 before the first frame
     * @param frameHeight the frame's height in pixels
     * @param drawnWidth the width of the area it is drawn in
     * @param drawnHeight the height of that area
     */
    public record FrameFit(double frameWidth, double frameHeight, double drawnWidth, double drawnHeight) {

        /** Whether the frame is drawn 1:1. */
        public boolean oneToOne() {
            return frameWidth > 0 && frameWidth == drawnWidth && frameHeight == drawnHeight;
        }
    }

    /** How the frame shown fits the area it is drawn in, now. */
    public FrameFit frameFit() {
        GpuSurface surface = node("#gpu-surface", GpuSurface.class);
        return waits.onFx(() -> {
            Rectangle2D drawn = surface.frameBounds();
            var shown = surface.shownFrameSize();
            return new FrameFit(shown == null ? 0 : shown.getWidth(), shown == null ? 0 : shown.getHeight(),
                    drawn.getWidth(), drawn.getHeight());
        });
    }

    /** Waits until the frame is drawn 1:1 (the layout follows the view's size a frame or two late). */
    public FrameFit awaitOneToOne() {
        return waits.until("the frame of " + id() + " to be drawn 1:1", this::frameFit, FrameFit::oneToOne);
    }

    /**
     * Moves the pointer to ({@code fx}, {@code fy}) of the drawn frame, as fractions of its width
     * and height from the top left, and returns what the view reads out there (a grid's value and cell).
     */
    public String readoutAt(double fx, double fy) {
        GpuSurface surface = node("#gpu-surface", GpuSurface.class);
        Point2D at = waits.onFx(() -> {
            Rectangle2D frame = surface.frameBounds();
            return surface.localToScreen(frame.getMinX() + fx * frame.getWidth(), frame.getMinY() + fy * frame.getHeight());
        });
        robot.moveTo(at);
        return waits.until("a readout under the pointer", () -> waits.onFx(surface::readoutText), text -> text != null);
    }

    /** Turns the mouse wheel over the middle of the view: up zooms in, down out. */
    public PluginPage scrollView(int notches, VerticalDirection direction) {
        robot.moveTo(node("#gpu-surface", GpuSurface.class));
        robot.scroll(notches, direction);
        return this;
    }

    /** The camera of a view of points (shown, or the one its next run starts with); null for other views. */
    public Camera camera() {
        return waits.onFx(() -> view.camera().map(PluginPage::camera).orElse(null));
    }

    /** Waits until the camera differs from {@code before} (after a drag or a scroll), and returns it. */
    public Camera awaitCameraMoved(Camera before) {
        return waits.until("the camera of " + id() + " to move from " + before, this::camera,
                camera -> camera != null && !camera.equals(before));
    }

    private static Camera camera(OrbitCamera c) {
        return new Camera(c.targetX(), c.targetY(), c.targetZ(), c.yaw(), c.pitch(), c.distance(), c.fov());
    }

    // --- a failure

    /** The one line shown in place of the view when the plugin failed. */
    public String errorShown() {
        return waits.onFx(() -> node("#plugin-error", Label.class).getText());
    }

    /** Waits until the plugin has failed, and returns the line shown. */
    public String awaitError() {
        awaitState(PluginState.FAILED);
        return errorShown();
    }

    /** The details of the failure (the causes, in full), shown on demand. */
    public String errorDetails() {
        return waits.onFx(() -> node("#plugin-error-text", TextArea.class).getText());
    }

    // --- the web panel and the HUD

    /** The plugin's web panel; fails for a plugin whose descriptor names none. */
    public WebPanelPage webPanel() {
        return new WebPanelPage(waits, waits.onFx(() -> view.webPanel()).orElseThrow(
                () -> new AssertionError(id() + " has no web panel")));
    }

    /** The HUD over the view. */
    public HudPage hud() {
        return new HudPage(robot, waits, view);
    }

    private <T extends Node> T node(String query, Class<T> type) {
        return waits.onFx(() -> robot.from(view).lookup(query).queryAs(type));
    }
}
