package org.orrery.shell.settings;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.orrery.servo.gl.BackendSelector;
import org.orrery.wasm.engine.EngineChoice;

/**
 * What the user chose in the settings, remembered between runs.
 *
 * @param workerThreads worker threads per plugin; 0 takes one per worker core of the CPU partition
 * @param pinWorkers whether each worker is pinned to its core
 * @param frameRate the target frame rate, ticks per second, each plugin's starting speed
 * @param renderBackend {@link BackendSelector}'s auto, cpu, gl or gl-pipelined
 * @param engine the WebAssembly engine kernels run on, or auto: the faster, measured at warm-up
 */
public record Settings(int workerThreads, boolean pinWorkers, double frameRate, String renderBackend, Theme theme,
                       EngineChoice engine) {

    public static final int MAX_WORKER_THREADS = 64;
    public static final double MIN_FRAME_RATE = 1;
    public static final double MAX_FRAME_RATE = 1000;
    public static final List<String> RENDER_BACKENDS =
            List.of(BackendSelector.AUTO, BackendSelector.CPU, BackendSelector.GL, BackendSelector.GL_PIPELINED);

    public static final Settings DEFAULTS = new Settings(0, true, 60, BackendSelector.CPU, Theme.LIGHT, EngineChoice.AUTO);

    public Settings {
        if (workerThreads < 0 || workerThreads > MAX_WORKER_THREADS) {
            throw new IllegalArgumentException("worker threads must be 0 (automatic) to " + MAX_WORKER_THREADS
                    + ", was " + workerThreads);
        }
        if (!(frameRate >= MIN_FRAME_RATE && frameRate <= MAX_FRAME_RATE)) {
            throw new IllegalArgumentException("the frame rate must be " + (int) MIN_FRAME_RATE + " to "
                    + (int) MAX_FRAME_RATE + " per second, was " + frameRate);
        }
        Objects.requireNonNull(engine, "engine");
        if (!RENDER_BACKENDS.contains(renderBackend)) {
            throw new IllegalArgumentException("the render backend must be one of " + RENDER_BACKENDS + ", was '"
                    + renderBackend + "'");
        }
    }

    /**
     * One CPU per worker (-1 for unpinned), from the partition's worker cores: as many workers as
     * those cores unless a number is set, a set number wrapping round the cores.
     */
    public List<Integer> workerCpus(List<Integer> workerCores) {
        int count = workerThreads > 0 ? workerThreads : Math.max(1, workerCores.size());
        if (!pinWorkers || workerCores.isEmpty()) {
            return Collections.nCopies(count, -1);
        }
        List<Integer> cpus = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            cpus.add(workerCores.get(i % workerCores.size()));
        }
        return cpus;
    }

    public Settings withTheme(Theme newTheme) {
        return new Settings(workerThreads, pinWorkers, frameRate, renderBackend, newTheme, engine);
    }
}
