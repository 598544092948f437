package org.orrery.shell.app;

import java.time.Duration;
import java.time.Instant;
import java.util.logging.Handler;
import java.util.logging.Logger;
import javafx.application.Application;
import javafx.stage.Stage;
import org.orrery.shell.catalog.PluginLibrary;
import org.orrery.shell.home.LogFile;
import org.orrery.shell.home.OrreryHome;

/**
 * The windowed application: the user's folder made ready, the log sent to its file, and the
 * {@link ShellWindow}. Bundled plugins are found where the {@code orrery.bundled.plugins} system
 * property says (an installation sets it).
 */
public final class OrreryApp extends Application {

    private ShellWindow window;
    private Handler log;

    @Override
    public void start(Stage stage) throws Exception {
        OrreryHome home = OrreryHome.fromSystem().create();
        log = LogFile.install(home);
        log("Orrery starting; user folder " + home.root());
        window = ShellWindow.open(stage, home, PluginLibrary.of(home));
        // The start-up budget is two seconds from launch to the window: say what it took.
        ProcessHandle.current().info().startInstant().ifPresent(started -> log(
                "window shown " + Duration.between(started, Instant.now()).toMillis() + " ms after the process started"));
    }

    private static void log(String message) {
        Logger.getLogger(OrreryApp.class.getName()).info(message);
    }

    @Override
    public void stop() {
        if (window != null) {
            window.close();
        }
        if (log != null) {
            log.flush();
        }
    }
}
