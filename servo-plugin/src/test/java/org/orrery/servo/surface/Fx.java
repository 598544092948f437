package org.orrery.servo.surface;

import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;

/** Runs test code on the JavaFX thread of the headless platform (see the surefire argLine). */
public final class Fx {

    private static boolean started;

    private Fx() {
    }

    public static synchronized void start() {
        if (!started) {
            Platform.startup(() -> { });
            Platform.setImplicitExit(false);
            started = true;
        }
    }

    public static <T> T call(Callable<T> work) throws Exception {
        start();
        FutureTask<T> task = new FutureTask<>(work);
        Platform.runLater(task);
        return task.get(60, TimeUnit.SECONDS);
    }

    public static void run(Runnable work) throws Exception {
        call(() -> {
            work.run();
            return null;
        });
    }
}
