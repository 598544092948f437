package org.orrery.shell;

import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.application.Application;
import org.orrery.shell.app.OrreryApp;
import org.orrery.shell.author.PluginCommand;
import org.orrery.shell.catalog.PluginLibrary;
import org.orrery.shell.home.OrreryHome;
import org.orrery.shell.run.HeadlessRun;

/**
 * The {@code orrery} command: with no arguments the windowed application, {@code orrery run ...}
 * the headless runner, {@code orrery --headless} the application on JavaFX's headless platform
 * (no display needed: for smoke tests and QA on machines without one), {@code orrery plugin ...}
 * the plugin author's tool.
 */
public final class Orrery {

    /** Exit status when the window cannot open because there is no display. */
    static final int NO_DISPLAY = 3;

    private Orrery() {}

    /**
     * PF4J and the plugin library log each plugin they load at INFO; on a command line that is
     * noise between the command's own lines. Held here: the logging API keeps loggers weakly.
     */
    private static final List<Logger> QUIETED = List.of(Logger.getLogger("org.pf4j"),
            Logger.getLogger(PluginLibrary.class.getName()));

    public static void main(String[] args) {
        List<String> arguments = Arrays.asList(args);
        if (!arguments.isEmpty() && (arguments.getFirst().equals("run") || arguments.getFirst().equals("plugin"))) {
            QUIETED.forEach(logger -> logger.setLevel(Level.WARNING));
        }
        if (!arguments.isEmpty() && arguments.getFirst().equals("run")) {
            // No window: JavaFX's headless platform and software renderer, unless the caller chose.
            setIfAbsent("glass.platform", "Headless");
            setIfAbsent("prism.order", "sw");
            int code = new HeadlessRun(System.out, System.err).run(arguments.subList(1, arguments.size()));
            System.exit(code);
        }
        if (!arguments.isEmpty() && arguments.getFirst().equals("plugin")) {
            System.exit(new PluginCommand(System.out, System.err, OrreryHome.fromSystem())
                    .run(arguments.subList(1, arguments.size())));
        }
        if (arguments.equals(List.of("--headless"))) {
            setIfAbsent("glass.platform", "Headless");
            setIfAbsent("prism.order", "sw");
        } else if (!arguments.isEmpty()) {
            System.err.println("usage: orrery                              the application");
            System.err.println("       orrery --headless                   the application with no display (for tests)");
            System.err.println("       orrery run --plugin ID [options]    a plugin headless (orrery run --help)");
            System.err.println("       orrery plugin check|pack|install|remove|list ...   the plugin author's tool (orrery plugin --help)");
            System.exit(HeadlessRun.USAGE);
        } else if (System.getProperty("glass.platform") == null && noDisplay()) {
            System.err.println("orrery: no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set).");
            System.err.println("        Run a plugin without a window with: orrery run --plugin nbody --seconds 10");
            System.exit(NO_DISPLAY);
        }
        Application.launch(OrreryApp.class);
    }

    /** Linux and other X11/Wayland systems need one of these to show a window. */
    private static boolean noDisplay() {
        String os = System.getProperty("os.name", "");
        return !os.startsWith("Windows") && !os.startsWith("Mac") && blank(System.getenv("DISPLAY"))
                && blank(System.getenv("WAYLAND_DISPLAY"));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
