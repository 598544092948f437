package org.orrery.shell.pipeline;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.orrery.wasm.topology.ThreadsByName;

/**
 * Where JavaFX's application and renderer threads run, for the whole process: on the UI core
 * alone, or on any CPU. Measured on two cores (BENCHMARKS.md, frame pacing): kept to the UI core,
 * heat had fewer late frames (its kernel and layout keep the other core busy, where the FX threads
 * lost turns: 224 to 70 a minute in one run, 368 to 262 in another, though with the same p99), and
 * n-body 1024 more (the other core mostly idle, which the FX threads could have used). So
 * {@link Mode#AUTO} keeps them to the UI core while a running view keeps the other core busy
 * ({@link ThreadPlacement}), and lets them run anywhere otherwise.
 */
public final class FxThreads {

    /** How the FX threads are placed. */
    public enum Mode {
        /** On the UI core while a view keeps the workers' core busy, else anywhere. */
        AUTO,
        /** Always on the UI core. */
        UI,
        /** Anywhere, left to the OS. */
        ANY;

        /** The mode named {@code name} (auto, ui or any, any case). */
        public static Mode of(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }
    }

    private static final Logger LOG = Logger.getLogger(FxThreads.class.getName());
    private static final List<String> NAMES = List.of("JavaFX Application Thread", "QuantumRenderer");

    private static Mode mode = Mode.AUTO;
    private static List<Integer> uiCpus = List.of();
    private static List<Integer> allCpus = List.of();
    private static int busyViews;
    private static boolean keptToUi;

    private FxThreads() {}

    /**
     * Sets the mode and the CPUs, once JavaFX has started (its threads are looked up by name), and
     * places the threads accordingly. With no UI CPUs known, nothing is ever pinned.
     */
    public static synchronized void configure(Mode newMode, List<Integer> ui, List<Integer> all) {
        mode = newMode;
        uiCpus = List.copyOf(ui);
        allCpus = List.copyOf(all);
        place("the mode is " + newMode.name().toLowerCase(Locale.ROOT));
    }

    /** A view says that it now keeps the workers' core busy, or no longer does; {@code why} goes to the log. */
    static synchronized void otherCoreBusy(boolean busy, String why) {
        busyViews += busy ? 1 : -1;
        place(why);
    }

    /** The mode {@link #configure} set. */
    public static synchronized Mode mode() {
        return mode;
    }

    /** Whether the FX threads keep to the UI core now. */
    public static synchronized boolean keptToUi() {
        return keptToUi;
    }

    private static void place(String why) {
        boolean wanted = !uiCpus.isEmpty() && (mode == Mode.UI || mode == Mode.AUTO && busyViews > 0);
        if (wanted == keptToUi) {
            return;
        }
        List<Integer> cpus = wanted ? uiCpus : allCpus;
        for (String name : NAMES) {
            try {
                ThreadsByName.pin(name, cpus);
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, name + " runs where the OS puts it: " + e.getMessage());
                uiCpus = List.of(); // refused once, refused for good: stop trying
                return;
            }
        }
        keptToUi = wanted;
        LOG.info(() -> "JavaFX's threads " + (wanted ? "keep to the UI CPUs " + cpus : "run on any CPU") + ": " + why);
    }
}
