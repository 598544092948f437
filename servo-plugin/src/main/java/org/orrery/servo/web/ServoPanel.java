package org.orrery.servo.web;

import java.util.Objects;
import javafx.animation.AnimationTimer;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.StackPane;
import org.orrery.servo.surface.GpuSurface;
import org.orrery.servo.surface.PixelBufferBackend;

/**
 * A JavaFX node that shows a {@link ServoView}: a {@link GpuSurface} over the view's frames,
 * which forwards the pointer, the wheel, keys and its own size to the page. When the page has a
 * problem (it threw, crashed, stopped responding, failed to load) a line over the page says so,
 * naming the panel's owner; when Servo is not available at all, {@link #unavailable} shows the
 * reason in its place.
 */
public final class ServoPanel extends StackPane {

    private final ServoView view;
    private final String owner;
    private final GpuSurface surface;
    private final Label problemLine = new Label();
    private final AnimationTimer watch = new AnimationTimer() {
        @Override
        public void handle(long now) {
            showProblem();
        }
    };
    private long problemsShown;
    private int pageWidth = -1;
    private int pageHeight = -1;

    /**
     * @param owner who the page belongs to, for messages (a plugin's name)
     */
    public ServoPanel(ServoView view, String owner) {
        this.view = Objects.requireNonNull(view, "view");
        this.owner = Objects.requireNonNull(owner, "owner");
        getStyleClass().add("servo-panel");
        surface = new GpuSurface(view.frames(), new PixelBufferBackend());
        surface.setId("servo-surface");
        problemLine.getStyleClass().add("servo-problem");
        problemLine.setId("servo-problem");
        problemLine.setWrapText(true);
        problemLine.setVisible(false);
        problemLine.setMouseTransparent(true);
        StackPane.setAlignment(problemLine, Pos.BOTTOM_LEFT);
        getChildren().addAll(surface, problemLine);
        surface.setSizeListener(this::surfaceResized);
        forwardInput();
    }

    /** A panel in place of a page, saying why there is none. */
    public static Label unavailable(String owner, String reason) {
        Label label = new Label(owner + ": no web panel: " + reason);
        label.getStyleClass().add("servo-unavailable");
        label.setId("servo-unavailable");
        label.setWrapText(true);
        return label;
    }

    public ServoView view() {
        return view;
    }

    /** The surface the page's frames are shown on. */
    public GpuSurface surface() {
        return surface;
    }

    /** Starts showing frames, on every pulse. FX thread. */
    public void start() {
        surface.start();
        watch.start();
    }

    /** Stops showing frames and closes the page. FX thread. */
    public void dispose() {
        watch.stop();
        surface.dispose();
        view.close();
    }

    /** The problem line's text, or null when it is hidden. */
    public String problemShown() {
        return problemLine.isVisible() ? problemLine.getText() : null;
    }

    private void showProblem() {
        long count = view.problemCount();
        if (count == problemsShown) {
            return;
        }
        problemsShown = count;
        String problem = view.problem();
        problemLine.setText(problem == null ? "" : owner + " panel: " + problem);
        problemLine.setVisible(problem != null);
    }

    private void surfaceResized(int width, int height) {
        int w = Math.clamp(width, 1, view.maxWidth());
        int h = Math.clamp(height, 1, view.maxHeight());
        if (w != pageWidth || h != pageHeight) {
            pageWidth = w;
            pageHeight = h;
            view.resize(w, h);
        }
    }

    private void forwardInput() {
        surface.addEventHandler(MouseEvent.MOUSE_MOVED, e -> view.pointerMoved(x(e.getX()), y(e.getY())));
        surface.addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> view.pointerMoved(x(e.getX()), y(e.getY())));
        surface.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            surface.requestFocus();
            button(e, true);
        });
        surface.addEventHandler(MouseEvent.MOUSE_RELEASED, e -> button(e, false));
        surface.addEventHandler(ScrollEvent.SCROLL, e -> {
            // JavaFX's deltaY is positive when the wheel turns up (towards the top); the page's
            // is positive downwards.
            view.wheel(x(e.getX()), y(e.getY()), -e.getDeltaX(), -e.getDeltaY());
            e.consume();
        });
        surface.addEventHandler(KeyEvent.KEY_PRESSED, e -> key(e, true));
        surface.addEventHandler(KeyEvent.KEY_RELEASED, e -> key(e, false));
    }

    private void button(MouseEvent e, boolean pressed) {
        int button = e.getButton() == MouseButton.MIDDLE ? 1 : e.getButton() == MouseButton.SECONDARY ? 2 : 0;
        view.pointerButton(x(e.getX()), y(e.getY()), button, pressed);
    }

    private void key(KeyEvent e, boolean pressed) {
        DomKey key = DomKey.of(e.getCode(), e.getText());
        if (key != null) {
            int modifiers = (e.isShiftDown() ? 1 : 0) | (e.isControlDown() ? 2 : 0) | (e.isAltDown() ? 4 : 0)
                    | (e.isMetaDown() ? 8 : 0);
            view.key(key.key(), key.code(), pressed, modifiers);
            e.consume();
        }
    }

    /** Node x to the page's device pixels (the page fills the surface). */
    private float x(double nodeX) {
        double width = surface.getWidth();
        return (float) (width <= 0 ? nodeX : nodeX * Math.max(pageWidth, 1) / width);
    }

    private float y(double nodeY) {
        double height = surface.getHeight();
        return (float) (height <= 0 ? nodeY : nodeY * Math.max(pageHeight, 1) / height);
    }
}
