package org.orrery.shell.guide;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.orrery.servo.web.ServoPanel;
import org.orrery.servo.web.ServoUnavailableException;
import org.orrery.servo.web.ServoView;

/**
 * A window that shows a document (a plugin's README, the kernel SDK guide) drawn by Servo. Until
 * Servo has the page, and for good if Servo cannot run here, a line says so and why. Ids:
 * {@code guide} (the window's root, a {@link GuideWindow.Content}), {@code guide-starting},
 * {@code servo-unavailable}.
 */
public final class GuideWindow {

    private static final Logger LOG = Logger.getLogger(GuideWindow.class.getName());
    private static final int WIDTH = 820;
    private static final int HEIGHT = 640;
    // The largest the window may grow to: a page of this size is 16 MiB per buffer.
    private static final int MAX_WIDTH = 2560;
    private static final int MAX_HEIGHT = 1600;

    private GuideWindow() {
    }

    /** The window's content: the page once it is open. */
    public static final class Content extends StackPane {
        private final String title;
        private ServoPanel panel;
        private boolean closed;

        Content(String title) {
            this.title = title;
            setId("guide");
            Label opening = new Label("Opening " + title + "…");
            opening.setId("guide-starting");
            getChildren().setAll(opening);
        }

        /** The page's view once it is open, else null. FX thread. */
        public ServoView view() {
            return panel == null ? null : panel.view();
        }

        private void show(ServoView view) {
            if (closed) {
                view.close();
                return;
            }
            panel = new ServoPanel(view, title);
            getChildren().setAll(panel);
            panel.start();
        }

        private void showUnavailable(String reason) {
            LOG.warning(title + ": " + reason);
            if (!closed) {
                getChildren().setAll(ServoPanel.unavailable(title, reason));
            }
        }

        private void close() {
            closed = true;
            if (panel != null) {
                panel.dispose();
            }
        }
    }

    /**
     * Opens a window over {@code owner} showing {@code html}, titled {@code title}; Servo starts, if
     * it is not running, and lays out the page on {@code background}. FX thread.
     */
    public static Stage open(Window owner, String title, String html, ExecutorService background) {
        Content content = new Content(title);
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle(title);
        stage.setScene(new Scene(content, WIDTH, HEIGHT));
        stage.setOnHidden(e -> content.close());
        background.submit(() -> {
            try {
                ServoView view = ServoView.create(WIDTH, HEIGHT, MAX_WIDTH, MAX_HEIGHT).get(2, TimeUnit.MINUTES);
                view.loadHtml(html).get(2, TimeUnit.MINUTES);
                Platform.runLater(() -> content.show(view));
            } catch (ServoUnavailableException e) {
                Platform.runLater(() -> content.showUnavailable(e.getMessage()));
            } catch (Exception e) {
                String reason = e.getCause() != null ? e.getCause().getMessage() : e.toString();
                Platform.runLater(() -> content.showUnavailable("Servo could not open the page: " + reason));
            }
        });
        stage.show();
        return stage;
    }
}
