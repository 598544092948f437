package org.orrery.shell.pipeline;

import java.io.IOException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.orrery.wasm.topology.ThreadsByName;

/**
 * Keeps JavaFX's application thread and its renderer thread on the CPUs of the UI (the partition's
 * first core). Left to any CPU they took turns with the kernel's worker and the layout on the other
 * core, and renders ran long: heat at 1024 x 1024 on two cores, 224 late frames in 60 s, 70 with
 * the two threads kept to the first core (BENCHMARKS.md).
 */
public final class FxThreads {

    private static final Logger LOG = Logger.getLogger(FxThreads.class.getName());
    private static final List<String> NAMES = List.of("JavaFX Application Thread", "QuantumRenderer");

    private FxThreads() {
    }

    /** Keeps the FX threads to {@code cpus}, once JavaFX has started; says in the log where it cannot. */
    public static void keepTo(List<Integer> cpus) {
        for (String name : NAMES) {
            try {
                if (ThreadsByName.pin(name, cpus) == 0) {
                    LOG.fine(() -> "no thread " + name + " to keep to CPUs " + cpus);
                }
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, name + " runs on any CPU: " + e.getMessage());
            }
        }
    }
}
