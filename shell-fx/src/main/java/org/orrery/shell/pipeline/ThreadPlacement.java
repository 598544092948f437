package org.orrery.shell.pipeline;

import java.util.Locale;
import java.util.function.BooleanSupplier;
import org.orrery.servo.layout.LayoutStage;
import org.orrery.wasm.KernelWorkers;
import org.orrery.wasm.WorkerUtilisation;

/**
 * Where a pipeline's layout thread and JavaFX's threads run, from how busy the workers' core is.
 * The layout stage asks it every {@code LayoutStage.PLACEMENT_FRAMES} frames, on its thread.
 *
 * <ul>
 *   <li>While the workers are busy under half the time, the layout runs on their CPUs: it lays out
 *       the frame they have just finished, they are idle by then, and it keeps off the FX thread's
 *       core. Left to any CPU, heat's layout (1024 x 1024) took the FX core as it rendered: 325 to
 *       396 late frames in 60 s against 209 to 224 kept to the worker's core (2 cores). A busier
 *       kernel keeps its CPUs: density's (10 M points, panning), with the layout beside it,
 *       presented 2,066 frames in 60 s against 2,405.</li>
 *   <li>The workers' core's load is the workers' share plus the layout's when it runs there. Over
 *       {@value #BUSY}, this view asks {@link FxThreads} to keep JavaFX's threads to the UI core;
 *       under {@value #IDLE} it lets them go (apart, so that a load near one bound does not flap).</li>
 * </ul>
 */
final class ThreadPlacement implements BooleanSupplier {

    static final double BUSY = 0.6;
    static final double IDLE = 0.4;

    private final String pluginId;
    private final WorkerUtilisation workers;
    private LayoutStage stage;
    private long layoutBusyBefore;
    private long sampledAt;
    private boolean otherCoreBusy;
    private volatile double load;

    ThreadPlacement(String pluginId, KernelWorkers workers) {
        this.pluginId = pluginId;
        this.workers = new WorkerUtilisation(workers);
        this.sampledAt = System.nanoTime();
    }

    /** The stage whose layout time counts; before the stage starts. */
    ThreadPlacement measuring(LayoutStage layoutStage) {
        this.stage = layoutStage;
        return this;
    }

    /** Whether the layout keeps to the workers' CPUs; decides the FX threads' place on the way. Layout thread. */
    @Override
    public boolean getAsBoolean() {
        workers.sample();
        long now = System.nanoTime();
        long layoutBusy = stage.busyNanos();
        double layoutShare = stage.keptToCpus() ? (layoutBusy - layoutBusyBefore) / (double) Math.max(1, now - sampledAt) : 0;
        layoutBusyBefore = layoutBusy;
        sampledAt = now;
        double workerShare = workers.meanShare();
        double measured = Math.min(1, workerShare + layoutShare);
        load = measured;
        if (busyAfter(otherCoreBusy, measured) != otherCoreBusy) {
            otherCoreBusy = !otherCoreBusy;
            FxThreads.otherCoreBusy(otherCoreBusy, String.format(Locale.ROOT, "%s's workers' core is busy %.0f %% of the time",
                    pluginId, 100 * measured));
        }
        return workerShare < 0.5;
    }

    /** Whether the workers' core counts as busy at {@code load}, having counted as {@code busy} until now. */
    static boolean busyAfter(boolean busy, double load) {
        return busy ? load >= IDLE : load > BUSY;
    }

    /** The workers' core's load at the last look, 0 to 1. */
    double load() {
        return load;
    }

    /** The pipeline has stopped: it no longer keeps the other core busy. */
    void close() {
        if (otherCoreBusy) {
            otherCoreBusy = false;
            FxThreads.otherCoreBusy(false, pluginId + " stopped");
        }
    }
}
