package org.orrery.shell.pipeline;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.orrery.wasm.topology.ThreadsByName;

/**
 * Lowers the priority of the JVM's own background threads: HotSpot's JIT compilers (C1 and C2)
 * and the garbage collector's concurrent threads. When more threads
 * want a core than there are (two cores, a kernel, a layout, the FX threads and a compiler), the
 * pipeline's threads then get it first, and the compiler takes what is left. The collector's
 * pauses are left alone: every thread waits for them. HotSpot starts and stops compiler threads
 * as it needs them, so a daemon looks again every {@value #LOOK_SECONDS} s.
 *
 * <p>Truffle's compiler threads keep their priority: until they compile a GraalWasm kernel it runs
 * interpreted, and with them at nice 10 beside another busy process n-body 4096's first steps ran
 * past the 10 s warm-up budget.
 *
 * <p>By default they run at nice 10 and C2, HotSpot's optimising compiler, under the idle policy
 * ({@link BackgroundPriority#IDLE}): a pipeline thread that wakes takes the core from it at once,
 * where at nice 10 it kept a share and the kernel's time slice. n-body 1024 on two cores, 60 s
 * after a 10 s warm-up, had its slowest frame in a hundred at 17.1 to 17.2 ms and none dropped,
 * against 18.4 to 21.0 ms and 3 to 8 dropped with C2 at nice 10 (BENCHMARKS.md, with a third pair
 * that went the other way on a slower machine).
 */
public final class JvmBackgroundThreads {

    static final List<String> NAMES = List.of("C1 CompilerThread", "C2 CompilerThread", "G1 Conc#", "G1 Refine#", "G1 Main Marker", "G1 Service", "VM Periodic Task Thread");
    /** HotSpot's optimising compiler's threads; those it starts later inherit the policy of the one that starts them. */
    static final List<String> OPTIMISER = List.of("C2 CompilerThread");
    /** How the application and the runner run them unless told otherwise. */
    public static final BackgroundPriority DEFAULT = BackgroundPriority.IDLE;
    private static final long LOOK_SECONDS = 2;
    private static final Logger LOG = Logger.getLogger(JvmBackgroundThreads.class.getName());

    private static volatile BackgroundPriority priority = BackgroundPriority.AS_STARTED;
    private static Thread keeper;

    private JvmBackgroundThreads() {}

    /**
     * Keeps the background threads at {@code value} from now on. As started leaves them alone, or
     * puts back a nice value lowered before where this process may raise a priority; a thread put
     * under the idle policy stays there.
     */
    public static synchronized void lowerTo(BackgroundPriority value) {
        priority = value;
        if (!value.asStarted() && keeper == null) {
            keeper = Thread.ofPlatform().name("orrery-background-priority").daemon().start(JvmBackgroundThreads::keep);
        }
    }

    /** How the background threads are kept. */
    public static BackgroundPriority priority() {
        return priority;
    }

    private static void keep() {
        BackgroundPriority logged = null;
        while (true) {
            BackgroundPriority value = priority;
            try {
                int changed = ThreadsByName.renice(NAMES, value.nice());
                if (value.optimiserIdle()) {
                    ThreadsByName.toIdlePolicy(OPTIMISER);
                }
                if (!value.equals(logged)) {
                    LOG.info("the JVM's compiler and collector threads run " + value.describe() + " (" + changed + " now)");
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
