package org.orrery.wasm.topology;

import java.lang.System.Logger.Level;
import java.util.BitSet;
import java.util.concurrent.atomic.AtomicBoolean;
import net.openhft.affinity.Affinity;

/**
 * Pins the calling thread to one CPU (OpenHFT Affinity). Where the OS or the environment refuses
 * (no such CPU, a container's CPU set, another OS), the thread runs unpinned and this is logged
 * once per process, not once per thread.
 */
public final class CpuPinning {

    private static final System.Logger LOG = System.getLogger(CpuPinning.class.getName());
    private static final AtomicBoolean REFUSAL_REPORTED = new AtomicBoolean();

    private CpuPinning() {}

    /** @return whether the calling thread now runs on {@code cpu} only */
    public static boolean pinCurrentThread(int cpu) {
        BitSet wanted = new BitSet();
        wanted.set(cpu);
        try {
            Affinity.setAffinity(wanted);
            if (wanted.equals(Affinity.getAffinity())) {
                return true;
            }
            reportRefusal(cpu, "the affinity did not change");
        } catch (RuntimeException | LinkageError e) {
            reportRefusal(cpu, e.toString());
        }
        return false;
    }

    private static void reportRefusal(int cpu, String why) {
        if (REFUSAL_REPORTED.compareAndSet(false, true)) {
            LOG.log(Level.WARNING, "cannot pin threads to CPUs (CPU " + cpu + ": " + why
                    + "); WebAssembly workers run unpinned. Reported once.");
        }
    }
}
