package org.orrery.servo.web;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;

/**
 * A page that Servo opens in the background: a line saying so until it is open, then the page (a
 * {@link ServoPanel}), or, for good, the reason there is none (Servo cannot run here, the page did
 * not load). Servo starts with the first page if it is not running. Ids: {@code servo-page-opening},
 * {@code servo-unavailable}.
 */
public final class ServoPage extends StackPane {

    private static final Logger LOG = Logger.getLogger(ServoPage.class.getName());

    /** What is done to the new view on the background thread before it is shown: load its page. */
    @FunctionalInterface
    public interface Loader {
        void load(ServoView view) throws Exception;
    }

    private final String owner;
    private ServoPanel panel;
    private boolean disposed;

    /**
     * Makes a view of {@code width} x {@code height} (growing up to {@code maxWidth} x
     * {@code maxHeight} with the node), hands it to {@code loader} and shows it, on {@code background}.
     *
     * @param owner whose page it is (a plugin's name, a document's title), for messages
     * @param opening what the node says until the page is open
     */
    public ServoPage(String owner, String opening, int width, int height, int maxWidth, int maxHeight, Loader loader,
                     ExecutorService background) {
        this.owner = owner;
        Label line = new Label(opening);
        line.setId("servo-page-opening");
        getChildren().setAll(line);
        background.submit(() -> {
            try {
                ServoView view = ServoView.create(width, height, maxWidth, maxHeight).get(2, TimeUnit.MINUTES);
                loader.load(view);
                Platform.runLater(() -> show(view));
            } catch (ServoUnavailableException e) {
                Platform.runLater(() -> showUnavailable(e.getMessage()));
            } catch (Exception e) {
                String reason = e.getCause() != null ? e.getCause().getMessage() : e.toString();
                Platform.runLater(() -> showUnavailable("Servo could not open the page: " + reason));
            }
        });
    }

    private void show(ServoView view) {
        if (disposed) {
            view.close();
            return;
        }
        panel = new ServoPanel(view, owner);
        getChildren().setAll(panel);
        panel.start();
    }

    private void showUnavailable(String reason) {
        LOG.warning(owner + ": no web panel: " + reason);
        if (!disposed) {
            getChildren().setAll(ServoPanel.unavailable(owner, reason));
        }
    }

    /** The page's view once it is open, else null. FX thread. */
    public ServoView view() {
        return panel == null ? null : panel.view();
    }

    /** What is shown in place of, or over, the page when something is wrong; null if nothing. FX thread. */
    public String problemShown() {
        if (panel != null) {
            return panel.problemShown();
        }
        Node shown = getChildren().isEmpty() ? null : getChildren().getFirst();
        return shown instanceof Label label && "servo-unavailable".equals(label.getId()) ? label.getText() : null;
    }

    /** Closes the page, or the view still being opened once it is. FX thread. */
    public void dispose() {
        disposed = true;
        if (panel != null) {
            panel.dispose();
        }
    }
}
