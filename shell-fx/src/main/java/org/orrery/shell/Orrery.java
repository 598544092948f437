package org.orrery.shell;

import java.util.Arrays;
import java.util.List;
import javafx.application.Application;
import org.orrery.shell.app.OrreryApp;
import org.orrery.shell.run.HeadlessRun;

/**
 * The {@code orrery} command: with no arguments the windowed application, {@code orrery run ...}
 * the headless runner.
 */
public final class Orrery {

    private Orrery() {}

    public static void main(String[] args) {
        List<String> arguments = Arrays.asList(args);
        if (!arguments.isEmpty() && arguments.getFirst().equals("run")) {
            // No window: JavaFX's headless platform and software renderer, unless the caller chose.
            setIfAbsent("glass.platform", "Headless");
            setIfAbsent("prism.order", "sw");
            int code = new HeadlessRun(System.out, System.err).run(arguments.subList(1, arguments.size()));
            System.exit(code);
        }
        if (!arguments.isEmpty()) {
            System.err.println("usage: orrery                          the application");
            System.err.println("       orrery run --plugin ID [options]   a plugin headless (orrery run --help)");
            System.exit(HeadlessRun.USAGE);
        }
        Application.launch(OrreryApp.class);
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
