package org.orrery.shell.guide;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.orrery.servo.web.ServoPage;

/**
 * A window that shows a Markdown document (a plugin's README, the kernel SDK guide) drawn by
 * Servo. Its root is a {@link ServoPage} with id {@code guide}.
 */
public final class GuideWindow {

    private static final int WIDTH = 820;
    private static final int HEIGHT = 640;
    // The largest the window may grow to: a page of this size is 16 MiB per buffer.
    private static final int MAX_WIDTH = 2560;
    private static final int MAX_HEIGHT = 1600;

    private GuideWindow() {
    }

    /**
     * Opens a window over {@code owner} showing {@code markdown} (see {@link GuideDocument}), titled
     * {@code title}; Servo starts, if it is not running, and lays out the page on {@code background}.
     * FX thread.
     */
    public static void open(Window owner, String title, String markdown, ExecutorService background) {
        String html = GuideDocument.html(title, markdown);
        ServoPage page = new ServoPage(title, "Opening " + title + "…", WIDTH, HEIGHT, MAX_WIDTH, MAX_HEIGHT,
                view -> view.loadHtml(html).get(2, TimeUnit.MINUTES), background);
        page.setId("guide");
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle(title);
        stage.setScene(new Scene(page, WIDTH, HEIGHT));
        stage.setOnHidden(e -> page.dispose());
        stage.show();
    }
}
