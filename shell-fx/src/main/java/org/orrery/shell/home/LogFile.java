package org.orrery.shell.home;

import java.io.IOException;
import java.util.logging.FileHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Sends the application's log (java.util.logging, which System.Logger and PF4J's slf4j-jdk14
 * binding write to) to {@code logs/orrery-N.log} in the user's folder: five files of 5 MB,
 * newest first. Uncaught exceptions on any thread are logged there too.
 */
public final class LogFile {

    private static final int LIMIT_BYTES = 5 * 1024 * 1024;
    private static final int FILES = 5;

    private LogFile() {}

    /** Installs the file handler once per process; returns it, to close when the application ends. */
    public static synchronized Handler install(OrreryHome home) throws IOException {
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            if (handler instanceof FileHandler file) {
                return file; // installed by an earlier window in this process (tests restart the shell)
            }
        }
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tF %1$tT.%1$tL %4$s %3$s: %5$s%6$s%n");
        FileHandler file = new FileHandler(home.logs().resolve("orrery-%g.log").toString(), LIMIT_BYTES, FILES, true);
        file.setFormatter(new SimpleFormatter());
        file.setLevel(Level.INFO);
        root.addHandler(file);
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
            Logger.getLogger("org.orrery.shell").log(Level.SEVERE, "uncaught on thread " + thread.getName(), error);
            if (previous != null) {
                previous.uncaughtException(thread, error);
            }
        });
        return file;
    }
}
