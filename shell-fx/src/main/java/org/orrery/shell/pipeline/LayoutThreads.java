package org.orrery.shell.pipeline;

import java.util.Locale;

/**
 * Where the pipelines' layout threads run and at what priority, for the whole process: kept to
 * the workers' CPUs while the workers are busy under half the time ({@link Mode#AUTO},
 * {@link ThreadPlacement}), always, or never; at nice 0 (as started) or lower, so that a thread
 * that wants the same core (the FX thread's render, a worker's step) goes first.
 */
public final class LayoutThreads {

    /** Where the layout threads run. */
    public enum Mode {
        /** On the workers' CPUs while the workers are busy under half the time, else anywhere. */
        AUTO,
        /** Always on the workers' CPUs. */
        WORKERS,
        /** Anywhere, left to the OS. */
        ANY;

        /** The mode named {@code name} (auto, workers or any, any case). */
        public static Mode of(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }
    }

    private static volatile Mode mode = Mode.AUTO;
    private static volatile int nice;

    private LayoutThreads() {}

    /** Sets where layout threads started from now on run, and their nice value (0 to 19). */
    public static void configure(Mode newMode, int niceValue) {
        if (niceValue < 0 || niceValue > 19) {
            throw new IllegalArgumentException("a nice value from 0 to 19, got " + niceValue);
        }
        mode = newMode;
        nice = niceValue;
    }

    public static Mode mode() {
        return mode;
    }

    public static int nice() {
        return nice;
    }
}
