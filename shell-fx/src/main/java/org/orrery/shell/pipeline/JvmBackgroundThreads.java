package org.orrery.shell.pipeline;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.orrery.wasm.topology.ThreadsByName;

/**
 * Lowers the priority of the JVM's own background threads: the JIT compilers (HotSpot's C1 and
 * C2, Truffle's for GraalWasm) and the garbage collector's concurrent threads. When more threads
 * want a core than there are (two cores, a kernel, a layout, the FX threads and a compiler), the
 * pipeline's threads then get it first, and the compiler takes what is left. The collector's
 * pauses are left alone: every thread waits for them. HotSpot starts and stops compiler threads
 * as it needs them, so a daemon looks again every {@value #LOOK_SECONDS} s.
 *
 * <p>At nice {@value #DEFAULT_NICE}, the default, heat at 1024 x 1024 on two cores had its slowest
 * frame in a hundred at 18.6 to 18.9 ms, 7 to 8 frames dropped in 60 s, where at nice 0 it had
 * 21.3 ms and 18 to 27 dropped; n-body 1024 was as steady either way (BENCHMARKS.md).
 */
public final class JvmBackgroundThreads {

    static final List<String> NAMES = List.of("C1 CompilerThread", "C2 CompilerThread", "TruffleCompilerThread",
            "G1 Conc#", "G1 Refine#", "G1 Main Marker", "G1 Service", "VM Periodic Task Thread");
    /** The nice value the application and the runner use unless told otherwise. */
    public static final int DEFAULT_NICE = 10;
    private static final long LOOK_SECONDS = 2;
    private static final Logger LOG = Logger.getLogger(JvmBackgroundThreads.class.getName());

    private static volatile int nice;
    private static Thread keeper;

    private JvmBackgroundThreads() {}

    /**
     * Keeps the background threads at nice value {@code value} from now on: 1 to 19, the higher
     * the smaller their share of a contended core; 0 leaves them alone, or puts back those lowered
     * before where this process may raise a priority.
     */
    public static synchronized void lowerTo(int value) {
        if (value < 0 || value > 19) {
            throw new IllegalArgumentException("a nice value from 0 to 19, got " + value);
        }
        nice = value;
        if (value > 0 && keeper == null) {
            keeper = Thread.ofPlatform().name("orrery-background-nice").daemon().start(JvmBackgroundThreads::keep);
        }
    }

    /** The nice value the background threads are kept at; 0 when left alone. */
    public static int nice() {
        return nice;
    }

    private static void keep() {
        int logged = -1;
        while (true) {
            int value = nice;
            try {
                int changed = ThreadsByName.renice(NAMES, value);
                if (value != logged) {
                    LOG.info("the JVM's compiler and collector threads run at nice " + value + " (" + changed + " now)");
                    logged = value;
                }
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "the JVM's compiler and collector threads keep their priority: " + e.getMessage());
                return;
            }
            try {
                TimeUnit.SECONDS.sleep(LOOK_SECONDS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
