package org.orrery.shell;

import java.util.Arrays;
import java.util.List;
import org.orrery.shell.run.HeadlessRun;

/**
 * The {@code orrery} command. {@code orrery run ...} is the headless runner; the windowed
 * application is not built yet (issue 9), so anything else prints the usage.
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
        System.err.println("usage: orrery run --plugin ID [options]   (orrery run --help for the options)");
        System.exit(HeadlessRun.USAGE);
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
