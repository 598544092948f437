package org.orrery.servo.surface;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Objects;
import javafx.animation.AnimationTimer;
import javafx.geometry.Dimension2D;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.Region;
import javafx.stage.Window;
import org.orrery.memory.handle.GenIndex;
import org.orrery.memory.timing.FrameStage;
import org.orrery.memory.timing.FrameTimeline;
import org.orrery.memory.timing.JfrSwitch;
import org.orrery.memory.triple.TripleBuffer;
import org.orrery.servo.layout.LayoutFrame;

/**
 * A JavaFX node that shows the layout stage's frames. On each pulse {@link #present()} takes the
 * newest layout frame, if one arrived, and hands it to the {@link SurfaceBackend}; nothing on that
 * path waits, and Orrery's part of it allocates nothing (JavaFX's {@code PixelBuffer.updateBuffer}
 * allocates 32 bytes a call). The frame fills the node; a viewport picks the part of the frame to
 * show (pan and zoom of a field view).
 *
 * <p>A surface can be fitted ({@link #fitFrames}): then its layout draws each frame for the part
 * shown at the surface's device pixels, and the renderer draws it 1:1, with no stretching. The
 * viewport and {@link #toFramePixel} are then in the content's units (a field's cells).
 *
 * <p>The surface is the layout triple buffer's consumer: only the FX thread may call
 * {@link #present()}.
 */
public final class GpuSurface extends Region {

    private static final JfrSwitch FRAME_EVENTS = new JfrSwitch(FrameEvent.class);

    /** Told the surface's size in pixels whenever it changes, so the layout can follow. */
    @FunctionalInterface
    public interface SizeListener {
        void sizeChanged(int width, int height);
    }

    /** Told, on the FX thread, the size to draw frames at and the part of the content they show. */
    @FunctionalInterface
    public interface FitListener {
        /**
         * Frames should be {@code width x height} device pixels and show {@code viewport} of the
         * content, in its units.
         */
        void fitChanged(int width, int height, Rectangle2D viewport);
    }

    /** Told each frame the surface shows, on the FX thread, for what is drawn beside it (a colour bar). */
    @FunctionalInterface
    public interface FrameListener {
        /** {@code slot} is the layout frame now shown; it must not allocate in the steady state. */
        void frameShown(MemorySegment slot, long nowNanos);
    }

    private final TripleBuffer frames;
    private final SurfaceBackend backend;
    /** One view per layout slot; only the front slot's is visible (switching images would allocate). */
    private final ImageView[] views = new ImageView[3];
    private int visibleSlot = -1;
    private final Label readout = new Label();
    private final AnimationTimer pulse = new AnimationTimer() {
        @Override
        public void handle(long now) {
            present();
        }
    };
    private SizeListener sizeListener = (w, h) -> { };
    private FrameListener frameListener = (slot, now) -> { };
    private int reportedWidth = -1;
    private int reportedHeight = -1;
    private long framesShown;
    private long frameShown;
    private boolean keepAspect;
    private FrameTimeline timeline;
    private double shownAspect = Double.NaN;
    private Rectangle2D viewport;
    /** The content's size, when fitted; 0 when the frames are stretched. */
    private int contentWidth;
    private int contentHeight;
    private FitListener fitListener;
    private int fittedWidth = -1;
    private int fittedHeight = -1;
    private Rectangle2D fittedViewport;

    public GpuSurface(TripleBuffer frames, SurfaceBackend backend) {
        this.frames = Objects.requireNonNull(frames, "frames");
        this.backend = Objects.requireNonNull(backend, "backend");
        getStyleClass().add("gpu-surface");
        setId("gpu-surface");
        for (int i = 0; i < views.length; i++) {
            ImageView view = new ImageView();
            view.setSmooth(false);
            view.setPreserveRatio(false);
            view.setVisible(false);
            views[i] = view;
            getChildren().add(view);
        }
        readout.getStyleClass().add("surface-readout");
        readout.setId("surface-readout");
        readout.setManaged(false);
        readout.setVisible(false);
        readout.setMouseTransparent(true);
        getChildren().add(readout);
        setFocusTraversable(true);
        // A window moved to a screen of another scale changes the device pixels under the surface.
        sceneProperty().flatMap(Scene::windowProperty).flatMap(Window::renderScaleXProperty)
                .subscribe(scale -> requestLayout());
        setMinSize(1, 1);
        setPrefSize(640, 480);
    }

    /**
     * Shows the newest layout frame if one arrived since the last call. FX thread only.
     *
     * @return whether a new frame is shown
     */
    public boolean present() {
        if (!frames.hasFresh()) {
            return false;
        }
        FrameEvent event = FRAME_EVENTS.isOn() ? new FrameEvent() : null; // (only when recorded)
        if (event != null) {
            event.begin();
        }
        long pulse = System.nanoTime();
        long handle = frames.acquire();
        MemorySegment slot = frames.front();
        long frame = Integer.toUnsignedLong(GenIndex.generation(slot.get(ValueLayout.JAVA_LONG, LayoutFrame.SOURCE)));
        FrameTimeline times = timeline;
        if (times != null) {
            times.stamp(frame, FrameStage.PULSE, pulse);
        }
        int index = GenIndex.index(handle);
        backend.show(index, slot, views[index]);
        if (index != visibleSlot) {
            if (visibleSlot >= 0) {
                views[visibleSlot].setVisible(false);
            }
            views[index].setVisible(true);
            visibleSlot = index;
        }
        if (keepAspect && aspect() != shownAspect) {
            requestLayout(); // the first frame, or a frame of another shape: fit it again
        }
        frameListener.frameShown(slot, System.nanoTime());
        framesShown++;
        frameShown = frame;
        if (event != null && event.shouldCommit()) {
            event.frame = frame;
            event.sinceLayoutStart = pulse - slot.get(ValueLayout.JAVA_LONG, LayoutFrame.LAYOUT_START);
            event.commit();
        }
        return true;
    }

    /**
     * Stamps each frame's pulse (the moment this surface takes it) into {@code frames}, the frame
     * being its compute frame's generation, as the layout stage names it. FX thread.
     */
    public void recordInto(FrameTimeline frames) {
        timeline = frames;
    }

    /** Starts presenting on every JavaFX pulse. */
    public void start() {
        pulse.start();
    }

    /** Stops presenting; the last frame stays. */
    public void stop() {
        pulse.stop();
    }

    /** Stops presenting and lets go of the backend's images. */
    public void dispose() {
        stop();
        for (ImageView view : views) {
            view.setImage(null);
        }
        backend.dispose();
    }

    /** Frames shown so far. */
    public long framesShown() {
        return framesShown;
    }

    /** The compute frame (its generation) of the frame shown last; 0 before the first. FX thread. */
    public long frameShown() {
        return frameShown;
    }

    /** The backend's name, for the HUD and settings. */
    public String backendName() {
        return backend.name();
    }

    /**
     * Shows only {@code viewport} of each frame (in frame pixels, or the content's units when
     * fitted) over the surface; null shows the whole frame.
     */
    public void setViewport(Rectangle2D viewport) {
        this.viewport = viewport;
        if (fitListener == null) {
            for (ImageView view : views) {
                view.setViewport(viewport);
            }
        }
        if (keepAspect || fitListener != null) {
            requestLayout();
        }
    }

    /**
     * From now on the layout draws frames to fit: {@code listener} is told the device pixels the
     * surface shows frames in, and the part of the content shown, whenever either changes (at
     * once if the surface has a size). The content is {@code contentWidth x contentHeight} in its
     * own units (a field's cells); the viewport and {@link #toFramePixel} use those units.
     */
    public void fitFrames(int contentWidth, int contentHeight, FitListener listener) {
        if (contentWidth < 1 || contentHeight < 1) {
            throw new IllegalArgumentException("content must be at least 1 x 1, is " + contentWidth + " x " + contentHeight);
        }
        this.contentWidth = contentWidth;
        this.contentHeight = contentHeight;
        this.fitListener = Objects.requireNonNull(listener, "listener");
        for (ImageView view : views) {
            view.setViewport(null); // the layout draws only the part shown
        }
        fittedWidth = -1;
        requestLayout();
    }

    /**
     * Whether frames keep their shape (square cells for a field), centred with bars beside them,
     * rather than fill the surface (a point view, laid out at the surface's own size).
     */
    public void setKeepAspect(boolean keep) {
        keepAspect = keep;
        requestLayout();
    }

    /** The part of a fitted surface's content shown: the viewport, or all of it. */
    private Rectangle2D contentShown() {
        return viewport != null ? viewport : new Rectangle2D(0, 0, contentWidth, contentHeight);
    }

    /** Width over height of what is shown: the viewport, or else the whole frame; NaN before the first frame. */
    private double aspect() {
        if (viewport != null) {
            return viewport.getWidth() / viewport.getHeight();
        }
        if (fitListener != null) {
            return contentWidth / (double) contentHeight;
        }
        Image image = visibleSlot < 0 ? null : views[visibleSlot].getImage();
        return image == null ? Double.NaN : image.getWidth() / image.getHeight();
    }

    /**
     * The frame pixel under the surface point ({@code x}, {@code y}), as fractional pixel
     * coordinates of the frame (0 to its width, 0 to its height, top row first; in the content's
     * units when fitted), or null if the point is outside the frame or no frame is shown yet.
     */
    public Point2D toFramePixel(double x, double y) {
        if (visibleSlot < 0) {
            return null;
        }
        ImageView view = views[visibleSlot];
        Image image = view.getImage();
        double u = (x - view.getLayoutX()) / view.getFitWidth();
        double v = (y - view.getLayoutY()) / view.getFitHeight();
        if (image == null || !(u >= 0 && u < 1 && v >= 0 && v < 1)) {
            return null;
        }
        Rectangle2D shown = fitListener != null ? contentShown()
                : viewport != null ? viewport : new Rectangle2D(0, 0, image.getWidth(), image.getHeight());
        return new Point2D(shown.getMinX() + u * shown.getWidth(), shown.getMinY() + v * shown.getHeight());
    }

    /** Shows {@code text} by the pointer at ({@code x}, {@code y}); null hides it. */
    public void showReadout(String text, double x, double y) {
        readout.setVisible(text != null);
        if (text != null) {
            readout.setText(text);
            readout.autosize();
            // Beside the pointer, kept inside the surface.
            double rx = Math.min(x + 14, getWidth() - readout.getWidth() - 2);
            double ry = Math.min(y + 14, getHeight() - readout.getHeight() - 2);
            readout.relocate(Math.max(2, rx), Math.max(2, ry));
        }
    }

    /** The text by the pointer, or null if none is shown. */
    public String readoutText() {
        return readout.isVisible() ? readout.getText() : null;
    }

    /** The size in pixels of the frame shown, or null before the first. */
    public Dimension2D shownFrameSize() {
        Image image = visibleSlot < 0 ? null : views[visibleSlot].getImage();
        return image == null ? null : new Dimension2D(image.getWidth(), image.getHeight());
    }

    /** Where the frame is drawn inside the surface, in the surface's coordinates. */
    public Rectangle2D frameBounds() {
        ImageView view = views[0];
        return new Rectangle2D(view.getLayoutX(), view.getLayoutY(), view.getFitWidth(), view.getFitHeight());
    }

    /** Sets who is told of each frame shown. */
    public void setFrameListener(FrameListener listener) {
        frameListener = Objects.requireNonNull(listener, "listener");
    }

    /** Sets who is told the surface's size; told the current size at once if it has one. */
    public void setSizeListener(SizeListener listener) {
        sizeListener = Objects.requireNonNull(listener, "listener");
        if (reportedWidth > 0) {
            listener.sizeChanged(reportedWidth, reportedHeight);
        }
    }

    /** The surface's width in whole device pixels, as last told to the size listener. */
    public int pixelWidth() {
        return reportedWidth;
    }

    private double renderScale() {
        Scene scene = getScene();
        Window window = scene == null ? null : scene.getWindow();
        return window == null ? 1 : window.getRenderScaleX();
    }

    @Override
    public String getUserAgentStylesheet() {
        return GpuSurface.class.getResource("servo.css").toExternalForm();
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        double fitWidth = w;
        double fitHeight = h;
        shownAspect = aspect();
        if (keepAspect && shownAspect > 0) {
            fitWidth = Math.min(w, h * shownAspect);
            fitHeight = fitWidth / shownAspect;
        }
        double scale = renderScale();
        if (fitListener != null && w > 0 && h > 0) {
            // Whole device pixels, so that a frame drawn at this size is not scaled at all.
            int fw = Math.max(1, (int) Math.floor(fitWidth * scale));
            int fh = Math.max(1, (int) Math.floor(fitHeight * scale));
            fitWidth = fw / scale;
            fitHeight = fh / scale;
            if (fw != fittedWidth || fh != fittedHeight || !Objects.equals(viewport, fittedViewport)) {
                fittedWidth = fw;
                fittedHeight = fh;
                fittedViewport = viewport;
                fitListener.fitChanged(fw, fh, contentShown());
            }
        }
        for (ImageView view : views) {
            view.setFitWidth(fitWidth);
            view.setFitHeight(fitHeight);
            view.relocate(Math.floor((w - fitWidth) / 2), Math.floor((h - fitHeight) / 2));
        }
        // In device pixels: on a high-DPI screen a point view is laid out at the screen's own
        // resolution and drawn into the same layout area, one frame pixel per device pixel.
        int pw = Math.max(1, (int) Math.round(w * scale));
        int ph = Math.max(1, (int) Math.round(h * scale));
        if (pw != reportedWidth || ph != reportedHeight) {
            reportedWidth = pw;
            reportedHeight = ph;
            sizeListener.sizeChanged(pw, ph);
        }
    }
}
