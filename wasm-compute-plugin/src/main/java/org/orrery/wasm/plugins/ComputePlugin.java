package org.orrery.wasm.plugins;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.orrery.api.kernel.KernelDescriptor;
import org.orrery.wasm.KernelModule;
import org.orrery.wasm.KernelSize;
import org.orrery.wasm.KernelWarmUp;
import org.orrery.wasm.StepWatchdog;
import org.orrery.wasm.engine.EngineVerdicts;
import org.orrery.wasm.engine.WasmEngine;

/**
 * A compute plugin as installed: the PF4J plugin's folder, which holds its {@code kernel.json}
 * and its modules, and the descriptor read from it.
 *
 * @param provider who made it, from {@code plugin.properties}; may be empty
 * @param directory the plugin's folder (PF4J unpacks a plugin zip into one)
 */
public record ComputePlugin(String id, String version, String provider, Path directory, KernelDescriptor descriptor) {

    /** The file name of the descriptor in a plugin's folder. */
    public static final String DESCRIPTOR = "kernel.json";

    /** The scalar module, ready to instantiate. */
    public KernelModule module(WasmEngine runtime, StepWatchdog watchdog) {
        return load(runtime, watchdog, descriptor.module());
    }

    /** The SIMD module, if the plugin ships one. */
    public Optional<KernelModule> simdModule(WasmEngine runtime, StepWatchdog watchdog) {
        return descriptor.simdModule().map(file -> load(runtime, watchdog, file));
    }

    /**
     * The kernel ready to run for {@code size} and {@code parameters}: every build on every engine
     * of {@code engines} stepped until its step time settles (for {@code limit} at most each), the
     * fastest kept (see {@link KernelWarmUp}); the warm-up starts from the state the kernel makes
     * for these parameters. Given more than one engine, it first asks {@code verdicts} which won
     * an earlier start of the same modules at this size, and warms up on that one alone; it
     * remembers the winner of a measurement of several.
     *
     * @throws org.orrery.wasm.KernelFault if the scalar module faults on the first engine warmed up
     */
    public Start warmUp(List<WasmEngine> engines, EngineVerdicts verdicts, StepWatchdog watchdog, KernelSize size,
                        double[] parameters, Duration limit) {
        byte[] scalar = moduleBytes(descriptor.module());
        Optional<byte[]> simd = descriptor.simdModule().map(this::moduleBytes);
        List<byte[]> modules = simd.map(s -> List.of(scalar, s)).orElse(List.of(scalar));
        String key = EngineVerdicts.key(id, modules, size.toString(), engines);
        Optional<WasmEngine> recalled = engines.size() > 1 ? verdicts.recall(key, engines) : Optional.empty();
        List<WasmEngine> measured = recalled.<List<WasmEngine>>map(List::of).orElse(engines);
        KernelWarmUp.Result result;
        try (Arena local = Arena.ofConfined()) {
            MemorySegment start = local.allocate(descriptor.stateBytes(size.items()), 16);
            new KernelModule(measured.getFirst(), watchdog, descriptor, descriptor.module(), scalar)
                    .startingState(size, parameters, start);
            result = KernelWarmUp.run(measured, watchdog, descriptor, scalar, simd, size, start, limit);
        }
        if (measured.size() > 1) {
            verdicts.remember(key, result.chosen().engine());
        }
        String basis = recalled.isPresent() ? "the winner when both engines were measured at an earlier start ("
                + verdicts.file() + ")" : measured.size() > 1 ? "both engines measured now" : "the engine asked for";
        return new Start(result, basis);
    }

    /**
     * A kernel warmed up and ready: the warm-up's result, and on what basis its engine was chosen
     * (measured now, remembered from an earlier start, or asked for).
     */
    public record Start(KernelWarmUp.Result warmUp, String engineBasis) {

        public KernelModule module() {
            return warmUp.chosen();
        }

        /** The engine and the module that run: "wasmtime, heat-simd.wasm". */
        public String engineAndBuild() {
            return module().engine().name() + ", " + module().file();
        }

        /** Which engine and build run, why, and how the code was made: for the HUD and the runner. */
        public String describe() {
            return warmUp.choice() + "; " + engineBasis + "; " + warmUp.chosen().compiledHow();
        }
    }

    /** The plugin's web panel file, if its descriptor names one (the descriptor keeps it inside the folder). */
    public Optional<Path> panelFile() {
        return descriptor.panel().map(directory::resolve);
    }

    /** The plugin's {@code README.md}, if its folder has one. */
    public Optional<Path> readmeFile() {
        return Optional.of(directory.resolve("README.md")).filter(Files::isRegularFile);
    }

    /** The bytes of one of the plugin's modules, {@code file} as the descriptor names it. */
    public byte[] moduleBytes(String file) {
        try {
            return Files.readAllBytes(directory.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException("plugin '" + id + "': cannot read " + file, e);
        }
    }

    private KernelModule load(WasmEngine runtime, StepWatchdog watchdog, String file) {
        return new KernelModule(runtime, watchdog, descriptor, file, moduleBytes(file));
    }
}
